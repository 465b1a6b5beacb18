import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runActionInProcess } from '../helpers/action-runner.js'
import { projectEnv, runCli, writeProject } from '../helpers/cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe("get-set's `delete` input", () => {
  it('deletes the context from the primary and the local copies that hold it', async () => {
    const dir = writeProject('yamlfile')
    dirs.push(dir)
    const id = `ctx-delete-${Date.now()}`
    expect((await runCli(['--init-new', id], { cwd: dir, env: projectEnv() })).code).toBe(0)
    const yaml = join(dir, 'localdata/cicdContextData.yaml')
    expect(existsSync(yaml)).toBe(true)

    const mixed = await runActionInProcess(
      'get-set',
      { config: 'config.yaml', id, delete: 'true', get: 'v=state.cicdContextName' },
      { workspace: dir }
    )
    expect(mixed.code).toBe(1)
    expect(mixed.stdout).toContain("input 'delete' cannot be combined with 'set' or 'get'")
    expect(existsSync(yaml)).toBe(true)

    const run = await runActionInProcess(
      'get-set',
      { config: 'config.yaml', id, delete: 'true' },
      { workspace: dir }
    )
    expect(run.code).toBe(0)
    for (const ext of ['yaml', 'json', 'sh', 'id'])
      expect(existsSync(join(dir, `localdata/cicdContextData.${ext}`))).toBe(false)
  })
})
