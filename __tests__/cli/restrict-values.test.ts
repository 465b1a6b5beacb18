import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { put } from '../helpers/cli.js'

/** Issue 7 items 2 and 9 through the CLI (in-process): --restrict-values, env:, the alias bomb. */

let dir: string
let outside: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'restrict-'))
  outside = mkdtempSync(join(tmpdir(), 'restrict-out-'))
  put(
    dir,
    'config.yaml',
    'cicdstatemgr:\n  datasources:\n    yamlfile: {path: ctx.yaml, isPrimary: true}\n'
  )
  put(dir, 'app.yaml', 'cicd-contexts:\n  stage:\n    channel: c\n')
  writeFileSync(join(outside, 'v.txt'), 'outside text')
  mkdirSync(join(dir, '.git'))
  writeFileSync(join(dir, '.git', 'config'), 'token')
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
  for (let i = 1; i < 10; i++) {
    const [prev, cur] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)]
    bomb.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`)
  }
  writeFileSync(join(dir, 'bomb.yaml'), `${bomb.join('\n')}\n`)
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

async function cli(
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(
    ['--config', 'config.yaml', '--init-app-config-file', 'app.yaml', ...args],
    { stdout: (t) => (out += t), stderr: (t) => (err += t), env, cwd: dir }
  )
  return { code, out, err }
}

const stored = (): string => readFileSync(join(dir, 'ctx.yaml'), 'utf8')

describe('--set values from the CLI', () => {
  it('by default file:// reads anywhere, as the Python tool did', async () => {
    const r = await cli(['--init-new', 'c1', '--set', `state.v=file://${join(outside, 'v.txt')}`])
    expect(r).toMatchObject({ code: 0, err: '' })
    expect(stored()).toContain('v: outside text')
  })

  it('--restrict-values / CICDSTATEMGR_RESTRICT_VALUES=1 confine file:// to the directory, never .git', async () => {
    const before = stored()
    const cases: Array<[string[], Record<string, string>, string]> = [
      [['--restrict-values'], {}, `file://${join(outside, 'v.txt')}`],
      [[], { CICDSTATEMGR_RESTRICT_VALUES: '1' }, `file://${join(outside, 'v.txt')}`],
      [['--restrict-values'], {}, 'file:///proc/self/environ'],
      [['--restrict-values'], {}, 'file://.git/config']
    ]
    for (const [flags, env, value] of cases) {
      const r = await cli([...flags, '--load', '--id', 'c1', '--set', `state.v=${value}`], env)
      expect([value, r.code]).toEqual([value, 2])
      expect(r.err).toMatch(
        /^ERROR --set state\.v: file:\/\/ may (only read files inside the workspace|not read files under \.git) \(--restrict-values\)\n$/
      )
    }
    expect(stored()).toBe(before)
  })

  it('env: is verbatim, and a restricted env: cannot read credentials', async () => {
    const env = { TITLE: 'a,b|state.image=evil', SLACK_TOKEN: 'xoxb-nope' }
    const ok = await cli(
      ['--load', '--id', 'c1', '--set', 'state.t=env:TITLE|state.l[]=env:TITLE'],
      env
    )
    expect(ok.code).toBe(0)
    expect(stored()).toContain('t: a,b|state.image=evil')
    expect(stored()).not.toContain('image: evil')
    expect(stored()).toContain('- a,b|state.image=evil')
    const before = stored()
    const refused = await cli(
      ['--restrict-values', '--load', '--id', 'c1', '--set', 'state.t=env:SLACK_TOKEN'],
      env
    )
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('env:SLACK_TOKEN is not readable here')
    expect(refused.err).not.toContain('xoxb-nope')
    expect(stored()).toBe(before)
  })

  it('a YAML alias bomb through --set file:// fails fast with one line', async () => {
    const before = stored()
    const started = Date.now()
    const r = await cli(['--load', '--id', 'c1', '--set', 'k=file://bomb.yaml'])
    expect(r.code).toBe(2)
    expect(r.err).toBe(
      'ERROR --set k: file://bomb.yaml: YAML expands to more than 2000000 values (alias bomb?)\n'
    )
    expect(Date.now() - started).toBeLessThan(5000)
    expect(stored()).toBe(before)
  })
})
