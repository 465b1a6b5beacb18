import { describe, expect, it, beforeAll } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectEnv, put, runCli, writeProject } from '../helpers/cli.js'

describe('CLI bad input: one clear line, non-zero exit, stored document unchanged', () => {
  let dir: string
  let env: NodeJS.ProcessEnv
  let before: string
  const stored = (): string => readFileSync(join(dir, 'localdata/cicdContextData.yaml'), 'utf8')

  beforeAll(async () => {
    dir = writeProject('yamlfile')
    const init = await runCli(['--init-new', 'ctx-errors', '--set', 'state.scalar=x'], {
      cwd: dir,
      env: projectEnv()
    })
    expect(init.code).toBe(0)
    env = projectEnv('ctx-errors')
    before = stored()
  })

  const cases: Array<[string, string[], RegExp, number?]> = [
    [
      'two operations',
      ['--get', 'state.x', '--set', 'state.y=1'],
      /^ERROR --get cannot be combined with --set$/,
      2
    ],
    ['get with load', ['--load', '--get', 'state.x'], /cannot be combined/, 2],
    ['unknown flag', ['--bogus'], /^ERROR Unknown option '--bogus'/, 2],
    ['nothing to do', [], /nothing to do/, 2],
    [
      'set crossing a scalar',
      ['--set', 'state.scalar.deep=1'],
      /cannot set 'state.scalar.deep': 'state.scalar' is the string "x", not a mapping/
    ],
    ['malformed JSONPath', ['--get', 'state.list[0'], /invalid JSONPath 'state.list\[0'/, 2],
    [
      'unknown pipeline',
      ['--handle-event', 'nope=success'],
      /unknown pipeline 'nope'.*\(pipelines: build\)/
    ],
    [
      'missing file:// file',
      ['--set', 'state.f=file://missing.json'],
      /file not found: missing.json/,
      2
    ],
    ['unknown id', ['--get', 'state.x', '--id', 'other-id'], /no context data with id 'other-id'/],
    ['bad log level', ['--get', 'state.x', '-l', 'LOUD'], /--log-level 'LOUD'/, 2]
  ]

  it.each(cases)('%s', async (_name, args, message, code = 1) => {
    const r = await runCli(args, { cwd: dir, env })
    expect(r.code).toBe(code)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr.trim()).toMatch(message)
    expect(stored()).toBe(before)
  })

  it('malformed config YAML names the file and line', async () => {
    put(dir, 'broken.yaml', 'cicdstatemgr:\n  datasources:\n    yamlfile: {path: x\n')
    const r = await runCli(['--get', 'state.x', '--config', 'broken.yaml'], { cwd: dir, env })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^ERROR malformed YAML in broken\.yaml:\d+: /)
    expect(stored()).toBe(before)
  })

  it('an unknown cicd context names the defined ones', async () => {
    const r = await runCli(['--init-new', 'ctx-errors', '--init-cicd-context-name', 'qa'], {
      cwd: dir,
      env
    })
    expect(r.stderr.trim()).toBe("ERROR app.yaml: unknown cicd context 'qa' (defined: stage, prod)")
    expect(stored()).toBe(before)
  })

  it('a missing config file is named', async () => {
    const r = await runCli(['--get', 'state.x'], {
      cwd: dir,
      env: { ...env, CICDSTATEMGR_CONFIG_PATH: 'nope.yaml' }
    })
    expect(r.stderr.trim()).toBe('ERROR config file not found: nope.yaml')
  })

  it('never prints secrets, even at debug level', async () => {
    const r = await runCli(
      ['--load', '-l', 'DEBUG', '--set', 'state.leak=token is xoxb-super-secret-token'],
      { cwd: dir, env }
    )
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('DEBUG set state.leak = "token is ***"')
    expect(r.stderr).not.toContain('xoxb-super-secret-token')
    before = stored()
  })

  it('--help goes to stdout with exit 0; errors never print the help', async () => {
    const help = await runCli(['--help'], { cwd: dir, env })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('usage: cicdstatemgr')
    const bad = await runCli(['--bogus'], { cwd: dir, env })
    expect(bad.stdout + bad.stderr).not.toContain('usage:')
  })
})
