import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { projectEnv, writeProject } from '../helpers/cli.js'

/** The CLI in-process (main takes argv and io), against a project whose primary is a JSON file. */
async function cli(
  dir: string,
  argv: string[],
  env: NodeJS.ProcessEnv
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env,
    cwd: dir
  })
  return { code, stdout, stderr }
}

describe('CLI: usage errors, unknown events, --get re-creating local copies', () => {
  let dir: string
  const env = projectEnv('ctx-usage')
  const file = (name: string): string => join(dir, 'localdata', name)
  const primary = (): string => readFileSync(file('cicdContextData.json'), 'utf8')

  beforeAll(async () => {
    dir = writeProject('jsonfile')
    const init = await cli(dir, ['--init-new', 'ctx-usage', '--set', 'state.v=1'], projectEnv())
    expect(init.code).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    [['--handle-event', 'build'], /^ERROR --handle-event 'build': expected pipeline=event$/],
    [['--handle-event', '=success'], /expected pipeline=event/],
    [['--handle-event', 'a=b=c'], /expected pipeline=event/],
    [['--get', 'state.v', '--tmpl-ctx-var', 'novalue'], /--tmpl-ctx-var 'novalue'/],
    [['--get', 'state.list[0'], /^ERROR invalid JSONPath 'state.list\[0': unbalanced/],
    [['--generate', 'a...b'], /^ERROR invalid JSONPath 'a...b': misplaced '.'$/]
  ])('%j exits 2 with one line, before reading any file', async (argv, message) => {
    const before = primary()
    // No config at all: a flag error must still be the error reported.
    const r = await cli(dir, argv, { CICDSTATEMGR_CONTEXT_DATA_ID: 'ctx-usage' })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr.trim()).toMatch(message)
    expect(primary()).toBe(before)
  })

  it('warns about an event no pipeline defines (a typo) and changes nothing', async () => {
    const before = primary()
    const r = await cli(dir, ['--handle-event', 'build=sucess'], env)
    expect(r.code).toBe(0)
    expect(r.stderr.trim()).toBe(
      "WARNING --handle-event build=sucess: no pipeline defines event 'sucess', nothing to do (events of 'build': success, gated)"
    )
    expect(primary()).toBe(before)
  })

  it('does not warn about an event that is defined', async () => {
    const r = await cli(dir, ['--handle-event', 'build=success'], env)
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
  })

  it('--get re-creates the missing local copies from the primary, never overwriting one', async () => {
    rmSync(file('cicdContextData.yaml'))
    rmSync(file('cicdContextData.sh'))
    writeFileSync(file('cicdContextData.id'), 'kept-as-is')
    const r = await cli(dir, ['--get', 'state.v'], env)
    expect(r).toEqual({ code: 0, stdout: '1\n', stderr: '' })
    expect(readFileSync(file('cicdContextData.yaml'), 'utf8')).toContain(
      'cicdContextDataId: ctx-usage'
    )
    expect(readFileSync(file('cicdContextData.sh'), 'utf8')).toContain('CICD_state__v="1"')
    expect(readFileSync(file('cicdContextData.id'), 'utf8')).toBe('kept-as-is')
  })

  it('--get with every copy present writes none', async () => {
    const yaml = file('cicdContextData.yaml')
    writeFileSync(yaml, 'stale: copy\n')
    expect((await cli(dir, ['--get', 'state.v'], env)).code).toBe(0)
    expect(readFileSync(yaml, 'utf8')).toBe('stale: copy\n')
    expect(existsSync(file('cicdContextData.sh'))).toBe(true)
  })
})

describe('CLI: --get when a missing copy cannot be written', () => {
  it('still prints the value, with one WARNING line', async () => {
    const dir = writeProject('jsonfile')
    try {
      expect((await cli(dir, ['--init-new', 'ctx-ro'], projectEnv())).code).toBe(0)
      // The idfile now lives under a regular file: it is missing, and writing it fails (ENOTDIR).
      writeFileSync(join(dir, 'blocker'), 'a file, not a directory')
      const config = readFileSync(join(dir, 'config.yaml'), 'utf8')
      writeFileSync(
        join(dir, 'config.yaml'),
        config.replace('localdata/cicdContextData.id', 'blocker/cicdContextData.id')
      )
      const r = await cli(dir, ['--get', 'state.cicdContextName'], projectEnv('ctx-ro'))
      expect(r.code).toBe(0)
      expect(r.stdout).toBe('stage\n')
      expect(r.stderr).toMatch(/^WARNING could not re-create idfile: .+\n$/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
