import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { projectEnv, put, writeProject, type Primary } from '../helpers/cli.js'

/** Hostile input through the CLI's front door, in process (no bundle needed): issue 7, items 1, 4, 13. */

const APP = `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          ev:
            set-values:
              set:
                - from: "ran"
                  to: state.handled
          dyn:
            set-values:
              set:
                - from: "1"
                  to: "state.{{ state.k }}.x"
          identity:
            set-values:
              set:
                - from: "other"
                  to: state.cicdContextDataId
`

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    cwd
  })
  return { code, stdout, stderr }
}

function expectOneLine(r: Run, code: number, message: RegExp): void {
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr.trim()).toMatch(message)
  expect(r.code).toBe(code)
  expect(r.stdout).toBe('')
}

const pristine = (): void => {
  // Nothing may have reached a prototype, whatever the run did.
  expect(({} as Record<string, unknown>).enabled).toBeUndefined()
  expect(({} as Record<string, unknown>).x).toBeUndefined()
  expect(({} as Record<string, unknown>).y).toBeUndefined()
  expect(({} as Record<string, unknown>).z).toBeUndefined()
}

describe('CLI hardening (in process)', () => {
  let dir: string
  let env: NodeJS.ProcessEnv
  let before: string
  const storedFile = (): string => join(dir, 'localdata/cicdContextData.yaml')
  const stored = (): string => readFileSync(storedFile(), 'utf8')

  beforeAll(async () => {
    dir = writeProject('yamlfile')
    put(dir, 'app.yaml', APP)
    const init = await cli(['--init-new', 'ctx-h'], dir, projectEnv())
    expect(init.code).toBe(0)
    env = projectEnv('ctx-h')
  })

  beforeEach(() => {
    before = stored()
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  describe('prototype keys in set paths (item 1)', () => {
    it('--set __proto__.enabled=false --handle-event: one line, nothing stored, handlers still run later', async () => {
      const r = await cli(
        ['--load', '--set', '__proto__.enabled=false', '--handle-event', 'build=ev'],
        dir,
        env
      )
      expectOneLine(
        r,
        1,
        /^ERROR invalid property path '__proto__\.enabled': '__proto__' is not allowed as a key$/
      )
      expect(stored()).toBe(before)
      pristine()
      const next = await cli(['--handle-event', 'build=ev'], dir, env)
      expect(next.code).toBe(0)
      expect(stored()).toMatch(/handled: ran/)
    })

    it.each([
      ['state.__proto__.x=1', '__proto__'],
      ['state.obj.__proto__.y=1', '__proto__'],
      ['state.constructor.prototype.z=1', 'constructor'],
      ['state.a.prototype=1', 'prototype'],
      ['state.list.__proto__[]=1', '__proto__']
    ])('--set %s is refused', async (set, segment) => {
      const r = await cli(['--set', set], dir, env)
      const path = set.slice(0, set.indexOf('='))
      expectOneLine(r, 1, new RegExp(`'${segment}' is not allowed as a key$`))
      expect(r.stderr).toContain(`'${path}'`)
      expect(stored()).toBe(before)
      pristine()
    })

    it('a set-values `to:` rendered from stored data cannot reach a prototype', async () => {
      // `__proto__` as a value is ordinary data…
      expect((await cli(['--set', 'state.k=__proto__'], dir, env)).code).toBe(0)
      const withKey = stored()
      // …but as a path segment it is refused, whoever rendered it.
      const r = await cli(['--handle-event', 'build=dyn'], dir, env)
      expectOneLine(r, 1, /invalid property path 'state\.__proto__\.x': '__proto__' is not allowed/)
      expect(stored()).toBe(withKey)
      pristine()
    })

    it('--tmpl-ctx-var paths are refused the same way', async () => {
      expect((await cli(['--set', 'state.t={{ state.handled }}'], dir, env)).code).toBe(0)
      const r = await cli(['--get', 'state.t', '--tmpl-ctx-var', 'a.__proto__.x=state'], dir, env)
      expectOneLine(r, 1, /invalid property path 'a\.__proto__\.x': '__proto__' is not allowed/)
      pristine()
    })

    it.each([
      [['--handle-event', '__proto__=ev'], /^ERROR unknown pipeline '__proto__'/],
      [['--handle-event', 'constructor=ev'], /^ERROR unknown pipeline 'constructor'/],
      [
        ['--handle-event', 'build=constructor'],
        /^WARNING .*no pipeline defines event 'constructor'/
      ],
      [
        ['--init-new', 'x', '--init-cicd-context-name', '__proto__'],
        /unknown cicd context '__proto__'/
      ],
      [
        ['--init-new', 'x', '--init-cicd-context-name', 'toString'],
        /unknown cicd context 'toString'/
      ]
    ])('names from the command line are looked up as own keys only: %j', async (argv, message) => {
      const r = await cli(argv, dir, env)
      expect(r.stderr.trim()).toMatch(message)
      // An event no pipeline defines is a warning and nothing to do; the others are errors.
      expect(r.code).toBe(message.source.startsWith('^WARNING') ? 0 : 1)
      expect(stored()).toBe(before)
      pristine()
    })

    it('a __proto__ key in a file:// value is stored as plain data and read back', async () => {
      put(dir, 'evil.json', '{"__proto__": {"polluted": true}, "ok": 1}')
      expect((await cli(['--set', 'state.data=file://evil.json'], dir, env)).code).toBe(0)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      const got = await cli(['--get', 'state.data'], dir, env)
      expect(got.code).toBe(0)
      expect(JSON.parse(got.stdout)).toEqual(
        JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}')
      )
      // And the document stays writable.
      expect((await cli(['--set', 'state.after=1'], dir, env)).code).toBe(0)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  })

  describe('reserved keys (item 4)', () => {
    it.each([
      ['state=', 'state'],
      ['state=x', 'state'],
      ['state[]=a', 'state'],
      ['state.cicdContextDataId=other', 'state.cicdContextDataId'],
      ['state.cicdContextName=prod', 'state.cicdContextName'],
      ['variables=x', 'variables'],
      ['jinja2Macros=', 'jinja2Macros'],
      ['appPipelinesConfig=x', 'appPipelinesConfig']
    ])('--set %s is refused, stored document unchanged', async (set, key) => {
      const r = await cli(['--set', set], dir, env)
      const path = set.slice(0, set.indexOf('='))
      expectOneLine(
        r,
        1,
        new RegExp(
          `^ERROR cannot set '${path.replace(/[[\]]/g, '\\$&')}': '${key}' is reserved \\(`
        )
      )
      expect(stored()).toBe(before)
      // The id is still readable.
      const got = await cli(['--get', 'state.cicdContextDataId'], dir, env)
      expect(got.stdout).toBe('ctx-h\n')
    })

    it('a set-values handler cannot replace the id either', async () => {
      const r = await cli(['--handle-event', 'build=identity'], dir, env)
      expectOneLine(r, 1, /'state\.cicdContextDataId' is reserved/)
      expect(stored()).toBe(before)
    })

    it('a dry run refuses the same paths the real run would', async () => {
      const r = await cli(['--handle-event', 'build=identity', '--dry-run'], dir, env)
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/'state\.cicdContextDataId' is reserved/)
      expect(stored()).toBe(before)
    })

    it('keys inside the sections stay settable', async () => {
      const r = await cli(
        ['--set', 'variables.extra=1', '--set', 'state.cicdContextDataIdx=1'],
        dir,
        env
      )
      expect(r.code).toBe(0)
    })
  })

  describe('--init-new ids (item 13)', () => {
    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['newline', 'a\nb'],
      ['tab', 'a\tb']
    ])('%s id: usage error (exit 2), nothing stored', async (_name, id) => {
      const r = await cli(['--init-new', id], dir, projectEnv())
      expectOneLine(r, 2, /^ERROR invalid context id/)
      expect(stored()).toBe(before)
    })

    it('a fresh project stores nothing for a blank id', async () => {
      const fresh = writeProject('yamlfile')
      try {
        const r = await cli(['--init-new', ''], fresh, projectEnv())
        expect(r.code).toBe(2)
        expect(existsSync(join(fresh, 'localdata/cicdContextData.yaml'))).toBe(false)
      } finally {
        rmSync(fresh, { recursive: true, force: true })
      }
    })
  })
})

describe.each<Primary>(['yamlfile', 'jsonfile', 'redis'])(
  'nothing written is unreadable (item 3), %s primary',
  (primary) => {
    let dir: string
    let env: NodeJS.ProcessEnv
    const id = `ctx-deep-${primary}-${process.pid}`
    const state = async (): Promise<string> => (await cli(['--get', 'state'], dir, env)).stdout

    beforeAll(async () => {
      dir = writeProject(primary)
      put(dir, 'app.yaml', APP)
      expect((await cli(['--init-new', id], dir, projectEnv())).code).toBe(0)
      env = projectEnv(id)
    })

    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    // The document is level 1, `state` level 2: a path of n segments puts its value at level n + 1.
    const path = (segments: number): string =>
      ['state', ...Array.from({ length: segments - 1 }, (_, i) => `k${i}`)].join('.')

    it('a --set path one level too deep is refused before writing, naming the limit', async () => {
      const before = await state()
      const r = await cli(['--set', `${path(99)}=x`], dir, env)
      expectOneLine(
        r,
        1,
        /^ERROR cannot set: 'state\.k0\.k1\.k2\.…\.k97' is nested deeper than 99 levels/
      )
      expect(await state()).toBe(before)
      expect((await cli(['--set', 'state.after=1'], dir, env)).code).toBe(0)
    })

    it('the deepest path allowed is written and read back', async () => {
      expect((await cli(['--set', `${path(98)}=deepest`], dir, env)).code).toBe(0)
      const got = await cli(['--get', path(98)], dir, env)
      expect(got).toEqual({ code: 0, stdout: 'deepest\n', stderr: '' })
    })

    it('a file:// JSON value nested 99 deep is refused, the stored document unchanged', async () => {
      let deep: unknown = 'x'
      for (let i = 0; i < 98; i++) deep = { d: deep }
      put(dir, 'deep.json', JSON.stringify(deep))
      const before = await state()
      const r = await cli(['--set', 'state.deep=file://deep.json'], dir, env)
      expectOneLine(
        r,
        1,
        /^ERROR cannot set: 'state\.deep\.d\.d\.…\.d' is nested deeper than 99 levels/
      )
      expect(await state()).toBe(before)
      expect((await cli(['--get', 'state.cicdContextDataId'], dir, env)).stdout).toBe(`${id}\n`)
    })

    it('a file:// JSON value nested 100,000 deep is the same one-line error, not a stack overflow', async () => {
      put(dir, 'deeper.json', `${'{"d":'.repeat(100_000)}1${'}'.repeat(100_000)}`)
      const before = await state()
      const r = await cli(['--set', 'state.deep=file://deeper.json'], dir, env)
      expectOneLine(
        r,
        1,
        /^ERROR cannot set: 'state\.deep\.d\.d\.…\.d' is nested deeper than 99 levels/
      )
      expect(await state()).toBe(before)
    })
  }
)
