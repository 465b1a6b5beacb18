import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'
import { projectEnv, runCliProcess as runCli, writeProject, type Primary } from '../helpers/cli.js'

// Separate processes (the bundle, as scripts run it): the file lock and Redis WATCH across processes.
beforeAll(() => ensureBuilt(), BUILD_TIMEOUT)

describe.each<Primary>(['redis', 'yamlfile'])('no lost updates with a %s primary', (primary) => {
  it('50 CLI processes setting 50 different keys on one id leave all 50', async () => {
    const dir = writeProject(primary)
    const id = `ctx-concurrent-${primary}-${Date.now()}`
    expect((await runCli(['--init-new', id], { cwd: dir, env: projectEnv() })).code).toBe(0)
    const env = projectEnv(id)
    const runs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runCli(['--set', `state.k${i}=v${i}`], { cwd: dir, env })
      )
    )
    expect(runs.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([])
    const got = await runCli(['--get', 'state'], { cwd: dir, env })
    const state = JSON.parse(got.stdout) as Record<string, string>
    for (let i = 0; i < 50; i++) expect(state[`k${i}`]).toBe(`v${i}`)
    if (primary === 'yamlfile') {
      const file = parse(readFileSync(join(dir, 'localdata/cicdContextData.yaml'), 'utf8'))
      expect(Object.keys(file.state).filter((k) => /^k\d+$/.test(k))).toHaveLength(50)
    }
  }, 120_000)
})

describe.each<Primary>(['redis', 'jsonfile'])('local copies with a %s primary', (primary) => {
  // Each writer used to write the copies from its own commit after the transaction, so an older
  // commit's copy could land last (3 of 4 rounds ended with a yaml copy missing updates). Several
  // rounds, because one round can come out right by chance.
  it('end with every one of 50 concurrent updates, round after round', async () => {
    const dir = writeProject(primary)
    for (let round = 0; round < 3; round++) {
      const id = `ctx-copies-${primary}-${round}-${Date.now()}`
      expect((await runCli(['--init-new', id], { cwd: dir, env: projectEnv() })).code).toBe(0)
      const env = projectEnv(id)
      const runs = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          runCli(['--set', `state.k${i}=v${i}`], { cwd: dir, env })
        )
      )
      expect(runs.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([])
      const keys = (state: Record<string, unknown>): string[] =>
        Object.keys(state).filter((k) => /^k\d+$/.test(k))
      const stored = JSON.parse((await runCli(['--get', 'state'], { cwd: dir, env })).stdout)
      expect(keys(stored)).toHaveLength(50)
      const copies: Record<string, unknown>[] = []
      if (primary !== 'yamlfile') {
        copies.push(parse(readFileSync(join(dir, 'localdata/cicdContextData.yaml'), 'utf8')).state)
      }
      if (primary !== 'jsonfile') {
        copies.push(
          JSON.parse(readFileSync(join(dir, 'localdata/cicdContextData.json'), 'utf8')).state
        )
      }
      for (const state of copies) expect(state).toEqual(stored)
      const sourced = execFileSync(
        'bash',
        ['-c', 'source localdata/cicdContextData.sh; compgen -v CICD_state__k | wc -l'],
        { cwd: dir }
      )
      expect(sourced.toString().trim()).toBe('50')
    }
  }, 240_000)
})
