import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, rmSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { projectEnv, runCli, writeProject, type Primary } from '../helpers/cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function project(primary: Primary): Promise<{ dir: string; id: string }> {
  const dir = writeProject(primary, { keyPrefix: `del-${Date.now()}:` })
  dirs.push(dir)
  const id = `ctx-${primary}-${Date.now()}`
  const init = await runCli(['--init-new', id], { cwd: dir, env: projectEnv() })
  expect(init.code).toBe(0)
  return { dir, id }
}

const local = (dir: string, ext: string): string => join(dir, `localdata/cicdContextData.${ext}`)

describe.each<Primary>(['yamlfile', 'redis'])('--delete ID with a %s primary', (primary) => {
  it('deletes from the primary and the local copies that hold the id', async () => {
    const { dir, id } = await project(primary)
    for (const ext of ['yaml', 'json', 'sh', 'id']) expect(existsSync(local(dir, ext))).toBe(true)
    const other = await runCli(['--delete', 'someone-else'], { cwd: dir, env: projectEnv() })
    expect(other.code).toBe(0)
    expect(other.stderr).toContain(`context 'someone-else' was not found in ${primary}`)
    for (const ext of ['yaml', 'json', 'sh', 'id']) expect(existsSync(local(dir, ext))).toBe(true)

    expect(await runCli(['--delete', id], { cwd: dir, env: projectEnv() })).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    })
    for (const ext of ['yaml', 'json', 'sh', 'id']) expect(existsSync(local(dir, ext))).toBe(false)
    const get = await runCli(['--get', 'state'], { cwd: dir, env: projectEnv(id) })
    expect(get.code).toBe(1)
  })
})

describe('--prune AGE', () => {
  it('deletes a file-primary context older than AGE and prints its id', async () => {
    const { dir, id } = await project('yamlfile')
    expect(await runCli(['--prune', '1d'], { cwd: dir, env: projectEnv() })).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    })
    const old = new Date(Date.now() - 2 * 86_400_000)
    utimesSync(local(dir, 'yaml'), old, old)
    expect(await runCli(['--prune', '1d'], { cwd: dir, env: projectEnv() })).toEqual({
      code: 0,
      stdout: `${id}\n`,
      stderr: ''
    })
    expect(existsSync(local(dir, 'yaml'))).toBe(false)
    expect(existsSync(local(dir, 'id'))).toBe(false)
  })

  it('refuses on redis, which cannot tell a context age, and deletes nothing', async () => {
    const { dir, id } = await project('redis')
    const run = await runCli(['--prune', '1s'], { cwd: dir, env: projectEnv() })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('datasource redis cannot tell when a context was written')
    const get = await runCli(['--get', 'state.cicdContextDataId'], {
      cwd: dir,
      env: projectEnv(id)
    })
    expect(get).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' })
  })

  it.each([
    [
      ['--prune', '7x'],
      "--prune '7x': expected a whole number and a unit s, m, h or d (e.g. 7d, 12h)"
    ],
    [['--delete', 'a', '--get', 'state'], '--get cannot be combined with --delete'],
    [['--delete', 'a', '--set', 'x=1'], '--delete cannot be combined with --set'],
    [['--delete', ''], '--delete: expected an id']
  ])('usage error: %j', async (args, message) => {
    const dir = writeProject('yamlfile')
    dirs.push(dir)
    const run = await runCli(args, { cwd: dir, env: projectEnv() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
  })
})
