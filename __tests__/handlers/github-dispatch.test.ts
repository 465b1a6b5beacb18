import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { loadConfig } from '../../src/core/config.js'
import { ContextManager } from '../../src/core/context-manager.js'
import type { HandlerOutcome } from '../../src/core/events.js'
import { StreamLogger } from '../../src/core/logger.js'
import { HandlerError } from '../../src/errors.js'
import { defaultRegistry } from '../../src/handlers/registry.js'
import { createStores } from '../../src/stores/create-stores.js'

const CROSS_TOKEN = 'ghp_crossRepoToken_55aa55aa55aa55aa55aa'

const APP = `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          single:
            workflow-dispatch:
              workflow: deploy.yml
              inputs:
                version: "{{ state.version }}"
                meta: {by: "{{ state.user }}", n: 2}
              correlation-input: correlation_id
          named:
            workflow-dispatch:
              on-error: warn
              first:
                workflow: deploy.yml
                ref: refs/heads/release
                inputs: {version: "{{ state.version }}"}
                capture-to: state.deploy
                capture-response-data:
                  - from: "{{ body.html_url }}"
                    to: state.deployLink
              gated:
                if: "{{ state.flag }}"
                workflow: deploy.yml
              disabled:
                enabled: false
                workflow: deploy.yml
          waiting:
            workflow-dispatch:
              workflow: deploy.yml
              correlation-input: correlation_id
              wait: true
              wait-timeout: 600
          waitingLenient:
            workflow-dispatch:
              workflow: deploy.yml
              wait: true
              fail-on-conclusion: [failure, timed_out]
          noCorrelation:
            workflow-dispatch:
              workflow: deploy.yml
          tooMany:
            workflow-dispatch:
              workflow: deploy.yml
              inputs: {i1: a, i2: a, i3: a, i4: a, i5: a, i6: a, i7: a, i8: a, i9: a, i10: a, i11: a, i12: a, i13: a,
                i14: a, i15: a, i16: a, i17: a, i18: a, i19: a, i20: a, i21: a, i22: a, i23: a, i24: a, i25: a, i26: a}
          tooLong:
            workflow-dispatch:
              workflow: deploy.yml
              inputs: {version: "{{ state.big }}"}
          cross:
            workflow-dispatch:
              workflow: deploy.yml
              repository: other-org/{{ state.target }}
              ref: main
              token: "{{ secretData.github.token }}"
          repo:
            repository-dispatch:
              event-type: deploy-{{ state.version }}
              client-payload:
                version: "{{ state.version }}"
                nested: {who: "{{ state.user }}", list: ["{{ state.version }}", 3]}
              correlation-key: cid
          repoNamed:
            repository-dispatch:
              both:
                event-type: deploy
                correlation-key: cid
                wait: b.yml
              plain:
                event-type: deploy
          repoTooMany:
            repository-dispatch:
              event-type: deploy
              client-payload: {k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1, k10: 1, k11: 1}
          repoLongType:
            repository-dispatch:
              event-type: "{{ state.big }}"
`

interface Harness {
  dir: string
  log: string[]
  now: number
  sleeps: number[]
  onSleep?: (n: number) => void
  run(
    event: string,
    sets?: string[],
    opts?: { token?: string; dryRun?: boolean }
  ): Promise<HandlerOutcome[]>
  state(): Record<string, unknown>
}

function harness(gh: GithubStandIn): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'gh-dispatch-'))
  writeFileSync(
    join(dir, 'config.yaml'),
    `cicdstatemgr:\n  datasources:\n    yamlfile: {path: localdata/ctx.yaml, isPrimary: true}\n`
  )
  writeFileSync(join(dir, 'secrets.yaml'), `cicdstatemgr:\n  github:\n    token: ${CROSS_TOKEN}\n`)
  writeFileSync(join(dir, 'app.yaml'), APP)
  const h: Harness = {
    dir,
    log: [],
    now: Date.now(),
    sleeps: [],
    async run(event, sets = [], opts = {}) {
      const config = loadConfig({
        configPath: join(dir, 'config.yaml'),
        secretsPath: join(dir, 'secrets.yaml'),
        cwd: dir
      })
      const logger = new StreamLogger('debug', (t) => h.log.push(t))
      config.secretValues.forEach((s) => logger.addSecret(s))
      const token = opts.token ?? gh.installationToken
      logger.addSecret(token)
      const stores = await createStores(config.datasources, logger)
      try {
        const manager = new ContextManager({
          config,
          stores,
          logger,
          handlers: defaultRegistry,
          github: {
            token,
            env: {
              GITHUB_REPOSITORY: 'octo-org/app',
              GITHUB_REF: 'refs/heads/main',
              GITHUB_API_URL: gh.url
            },
            clock: {
              now: () => h.now,
              sleep: (ms) => {
                h.sleeps.push(ms)
                h.now += ms
                h.onSleep?.(h.sleeps.length)
                return Promise.resolve()
              }
            }
          }
        })
        const ref = { pipeline: 'build', event }
        const setOps = sets.map((s) => {
          const i = s.indexOf('=')
          return { path: s.slice(0, i), value: s.slice(i + 1) }
        })
        try {
          const r = await manager.update({
            id: 'ctx-1',
            sets: setOps as never,
            event: ref,
            ...(opts.dryRun ? { dryRun: true } : {})
          })
          return r.outcomes
        } catch (error) {
          if (error instanceof HandlerError) return error.outcomes as HandlerOutcome[]
          throw error
        }
      } finally {
        await stores.close()
      }
    },
    state() {
      const text = readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')
      return (
        JSON.parse(JSON.stringify(parseYaml(text, 'ctx.yaml'))) as {
          state: Record<string, unknown>
        }
      ).state
    }
  }
  return h
}

// The project's YAML reader keeps this test honest about what was stored.
import { parseYaml } from '../../src/core/yaml.js'

describe('workflow-dispatch and repository-dispatch against the GitHub REST stand-in', () => {
  let gh: GithubStandIn
  let h: Harness
  beforeEach(async () => {
    gh = await startGithubStandIn()
    gh.addWorkflow('octo-org/app', {
      path: 'deploy.yml',
      name: 'Deploy',
      runName: 'deploy ${{ inputs.version }} ${{ inputs.correlation_id }}',
      inputs: [
        'version',
        'meta',
        'correlation_id',
        ...Array.from({ length: 30 }, (_, i) => `i${i + 1}`)
      ]
    })
    gh.addWorkflow('other-org/svc', { path: 'deploy.yml' })
    h = harness(gh)
    const config = loadConfig({ configPath: join(h.dir, 'config.yaml'), cwd: h.dir })
    const stores = await createStores(config.datasources, new StreamLogger('error', () => {}))
    try {
      await new ContextManager({
        config,
        stores,
        logger: new StreamLogger('error', () => {}),
        handlers: defaultRegistry
      }).initNew({
        id: 'ctx-1',
        contextName: 'stage',
        appConfigPath: join(h.dir, 'app.yaml'),
        cwd: h.dir,
        sets: [
          { path: 'state.version', value: '1.2.3' },
          { path: 'state.user', value: 'mona' },
          { path: 'state.target', value: 'svc' }
        ] as never
      })
    } finally {
      await stores.close()
    }
  })
  afterEach(async () => {
    expect(gh.violations).toEqual([])
    const all = h.log.join('')
    for (const secret of [gh.installationToken, gh.token, CROSS_TOKEN])
      expect(all).not.toContain(secret)
    await gh.close()
    rmSync(h.dir, { recursive: true, force: true })
  })

  const posts = (): typeof gh.requests => gh.requests.filter((r) => r.method === 'POST')

  it('single block: sends return_run_details and rendered string inputs, captures the run', async () => {
    const [o] = await h.run('single')
    expect(o).toMatchObject({ status: 'ok', httpStatus: 200, block: 'default' })
    const body = posts()[0]!.json as {
      inputs: Record<string, string>
      return_run_details: boolean
      ref: string
    }
    expect(body.ref).toBe('refs/heads/main')
    expect(body.return_run_details).toBe(true)
    expect(body.inputs.version).toBe('1.2.3')
    expect(body.inputs.meta).toBe('{"by":"mona","n":2}')
    expect(body.inputs.correlation_id).toMatch(/^[0-9a-f-]{36}$/)
    const run = gh.runs[0]!
    expect(h.state().dispatches).toEqual({
      default: {
        workflow_run_id: run.id,
        run_url: `${gh.url}/repos/octo-org/app/actions/runs/${run.id}`,
        html_url: `https://github.com/octo-org/app/actions/runs/${run.id}`,
        correlation_id: body.inputs.correlation_id
      }
    })
    expect(String(gh.requests[0]!.headers.authorization)).toBe(`token ${gh.installationToken}`)
  })

  it('named blocks: if, enabled, capture-to and capture-response-data, ref override', async () => {
    const out = await h.run('named')
    expect(out.map((o) => [o.block, o.status])).toEqual([
      ['first', 'ok'],
      ['gated', 'skipped'],
      ['disabled', 'skipped']
    ])
    expect((posts()[0]!.json as { ref: string }).ref).toBe('refs/heads/release')
    const state = h.state()
    expect((state.deploy as { workflow_run_id: number }).workflow_run_id).toBe(gh.runs[0]!.id)
    expect(state.deployLink).toBe(`https://github.com/octo-org/app/actions/runs/${gh.runs[0]!.id}`)
    expect(state.dispatches).toBeUndefined()
    await h.run('named', ['state.flag=yes'])
    expect(gh.runs).toHaveLength(3)
  })

  it('GHES 3.19: a 400 on return_run_details is resent without it once, the run is found by correlation', async () => {
    gh.ghes = true
    const [o] = await h.run('single')
    expect(o).toMatchObject({ status: 'ok', httpStatus: 204 })
    expect(posts().map((r) => [r.status, 'return_run_details' in (r.json as object)])).toEqual([
      [400, true],
      [204, false]
    ])
    expect(gh.runs).toHaveLength(1)
    const cid = (posts()[1]!.json as { inputs: Record<string, string> }).inputs.correlation_id
    expect(gh.runs[0]!.displayTitle).toBe(`deploy 1.2.3 ${cid}`)
    const list = gh.requests.find((r) => r.path.endsWith('/workflows/deploy.yml/runs'))!
    expect(list.query).toMatchObject({ event: 'workflow_dispatch', branch: 'main' })
    expect(list.query.created).toMatch(/^>=\d{4}-\d\d-\d\dT/)
    expect(
      (h.state().dispatches as Record<string, { workflow_run_id: number }>).default!.workflow_run_id
    ).toBe(gh.runs[0]!.id)
    // The host is remembered: the next dispatch goes without the field straight away.
    await h.run('single')
    expect(
      posts()
        .slice(2)
        .map((r) => r.status)
    ).toEqual([204])
  })

  it('correlation: a run that shows up late is found; one that never starts fails clearly', async () => {
    gh.ghes = true
    gh.hideNewRunsFor(3)
    expect((await h.run('single'))[0]).toMatchObject({ status: 'ok' })
    expect(h.sleeps.length).toBeGreaterThanOrEqual(2)
    gh.createRuns = false
    const [o] = await h.run('single')
    expect(o!.status).toBe('failed')
    expect(o!.reason).toMatch(
      /no run of deploy\.yml on main with '[0-9a-f-]{36}' in its run-name was found — does the workflow put \$\{\{ inputs\.correlation_id \}\} in its run-name\?/
    )
    // Bounded: the default find-timeout is 120 s of (virtual) time.
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(200_000)
  })

  it('a 204 without correlation warns and records nothing; a 5xx is never resent', async () => {
    gh.ghes = true
    expect((await h.run('noCorrelation'))[0]).toMatchObject({ status: 'ok', httpStatus: 204 })
    expect(h.log.join('')).toMatch(/returned no run id and no 'correlation-input' is set/)
    gh.ghes = false
    gh.failNext(1, { status: 502, match: /dispatches/ })
    const [o] = await h.run('noCorrelation')
    expect(o!.status).toBe('failed')
    expect(o!.reason).toMatch(/HTTP 502.*not resent/)
    expect(posts().filter((r) => r.status === 502)).toHaveLength(1)
    expect(posts()).toHaveLength(3)
  })

  it('a 5xx with correlation: never resent; the run is found when GitHub acted, else a clear failure', async () => {
    gh.failNext(1, { status: 502, match: /dispatches/, afterActing: true })
    const [found] = await h.run('single')
    expect(found).toMatchObject({ status: 'ok', httpStatus: 502 })
    expect(posts()).toHaveLength(1)
    expect(
      (h.state().dispatches as Record<string, { workflow_run_id: number }>).default!.workflow_run_id
    ).toBe(gh.runs[0]!.id)
    gh.failNext(1, { status: 500, match: /dispatches/ })
    const [o] = await h.run('single')
    expect(o!.status).toBe('failed')
    expect(posts()).toHaveLength(2)
    expect(o!.reason).toMatch(
      /POST \/repos\/octo-org\/app\/actions\/workflows\/deploy.yml\/dispatches: HTTP 500 .*not resent \(it may have started\), and no run of deploy\.yml/
    )
  })

  it('a secondary rate limit (403 + Retry-After) is waited out and the dispatch sent once', async () => {
    gh.failNext(1, { status: 403, retryAfter: 30, match: /dispatches/ })
    expect((await h.run('single'))[0]).toMatchObject({ status: 'ok', httpStatus: 200 })
    expect(h.sleeps).toEqual([30_000])
    expect(gh.runs).toHaveLength(1)
  })

  it.each([
    ['success', 'ok'],
    ['failure', 'failed'],
    ['cancelled', 'failed'],
    ['timed_out', 'failed'],
    ['skipped', 'failed'],
    ['neutral', 'failed'],
    ['action_required', 'failed']
  ])(
    'wait: conclusion %s -> %s (default fail-on-conclusion: anything but success)',
    async (conclusion, status) => {
      h.onSleep = (n) => {
        const id = gh.runs[0]!.id
        if (n === 1) gh.advanceRun(id, 'in_progress')
        if (n === 3) gh.advanceRun(id, 'completed', conclusion)
      }
      const [o] = await h.run('waiting')
      expect(o!.status).toBe(status)
      if (status === 'failed')
        expect(o!.reason).toMatch(new RegExp(`concluded ${conclusion}; https://github.com/`))
      const d = (h.state().dispatches as Record<string, Record<string, unknown>>).default!
      expect(d).toMatchObject({
        status: 'completed',
        conclusion,
        html_url: expect.stringContaining('/actions/runs/')
      })
      const gets = gh.requests.filter(
        (r) => r.operation === 'GET /repos/{owner}/{repo}/actions/runs/{run_id}'
      )
      expect(gets.some((r) => r.status === 304)).toBe(true)
      expect(gets.slice(1).every((r) => typeof r.headers['if-none-match'] === 'string')).toBe(true)
      expect(h.sleeps[0]).toBe(5000)
      expect(h.sleeps[1]).toBe(7500)
    }
  )

  it('wait: fail-on-conclusion narrows what fails; wait-timeout bounds the wait', async () => {
    h.onSleep = (n) => n === 1 && gh.advanceRun(gh.runs[0]!.id, 'completed', 'cancelled')
    expect((await h.run('waitingLenient'))[0]).toMatchObject({ status: 'ok' })
    h.onSleep = undefined
    h.sleeps.length = 0
    const [o] = await h.run('waiting')
    expect(o!.status).toBe('failed')
    expect(o!.reason).toMatch(/still queued after 600 s \(wait-timeout\)/)
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(600_000)
  })

  it('403 and 404 name their usual cause', async () => {
    gh.addToken(
      'ghs_readOnlyToken_0000000000000000000000',
      { login: 'ro[bot]', type: 'Bot' },
      false
    )
    const [denied] = await h.run('noCorrelation', [], {
      token: 'ghs_readOnlyToken_0000000000000000000000'
    })
    expect(denied!.reason).toMatch(
      /HTTP 403 \(Resource not accessible by integration\) — the token needs 'actions: write' on octo-org\/app$/
    )
    const [missing] = await h.run('cross')
    expect(missing!.reason).toMatch(/dispatches: HTTP 401 \(Bad credentials\)$/)
    gh.addToken(CROSS_TOKEN, { login: 'mona', type: 'User' })
    gh.addWorkflow('other-org/svc', { path: 'other.yml' })
    const [notFound] = await h.run('cross', ['state.target=nope'])
    expect(notFound!.reason).toMatch(
      /HTTP 404 \(Not Found\) — is there a workflow deploy.yml in other-org\/nope, and can the token see the repository\?$/
    )
  })

  it('over 25 inputs or 65,535 characters is a clear error and nothing is sent', async () => {
    const [a] = await h.run('tooMany')
    expect(a!.reason).toBe(
      "workflow-dispatch 'default': 26 inputs; GitHub accepts at most 25 (nothing was sent)"
    )
    const [b] = await h.run('tooLong', [`state.big=${'x'.repeat(65_530)}`])
    expect(b!.reason).toMatch(
      /inputs are 65544 characters as JSON; GitHub accepts at most 65535 \(nothing was sent\)/
    )
    expect(gh.requests).toHaveLength(0)
  })

  it('a per-block token from secrets, masked in the dry run; nothing sent in a dry run', async () => {
    gh.addToken(CROSS_TOKEN, { login: 'mona', type: 'User' })
    const [dry] = await h.run('cross', [], { dryRun: true })
    expect(dry).toMatchObject({ status: 'dry-run' })
    expect(dry!.request).toEqual({
      method: 'POST',
      url: `${gh.url}/repos/other-org/svc/actions/workflows/deploy.yml/dispatches`,
      headers: expect.objectContaining({ Authorization: 'token ***' }),
      body: '{"ref":"main","return_run_details":true}'
    })
    expect(JSON.stringify(dry)).not.toContain(CROSS_TOKEN)
    expect(gh.requests).toHaveLength(0)
    expect((await h.run('cross'))[0]).toMatchObject({ status: 'ok' })
    expect(String(gh.requests[0]!.headers.authorization)).toBe(`token ${CROSS_TOKEN}`)
    expect(gh.runs[0]!.repo).toBe('other-org/svc')
  })

  it('repository-dispatch (single): structural payload with the correlation id, runs captured', async () => {
    gh.addWorkflow('octo-org/app', {
      path: 'on-deploy.yml',
      on: ['repository_dispatch'],
      runName: 'on deploy ${{ github.event.client_payload.cid }}'
    })
    const [o] = await h.run('repo')
    expect(o).toMatchObject({ status: 'ok', httpStatus: 204 })
    const body = posts()[0]!.json as { event_type: string; client_payload: Record<string, unknown> }
    expect(body.event_type).toBe('deploy-1.2.3')
    expect(body.client_payload).toMatchObject({
      version: '1.2.3',
      nested: { who: 'mona', list: ['1.2.3', 3] }
    })
    const d = (h.state().dispatches as Record<string, Record<string, unknown>>).default!
    expect(d.runs).toEqual([
      {
        workflow_run_id: gh.runs[0]!.id,
        workflow: '.github/workflows/on-deploy.yml',
        name: 'on-deploy.yml',
        html_url: `https://github.com/octo-org/app/actions/runs/${gh.runs[0]!.id}`
      }
    ])
    expect(d.correlation_id).toBe(body.client_payload.cid)
  })

  it('repository-dispatch (named): several workflows start, wait names the one to wait for', async () => {
    for (const path of ['a.yml', 'b.yml']) {
      gh.addWorkflow('octo-org/app', {
        path,
        on: ['repository_dispatch'],
        types: ['deploy'],
        runName: `${path} \${{ github.event.client_payload.cid }}`
      })
    }
    h.onSleep = () => {
      const b = gh.runs.find((r) => r.displayTitle.startsWith('b.yml'))
      if (b && b.status !== 'completed') gh.advanceRun(b.id, 'completed', 'success')
    }
    const out = await h.run('repoNamed')
    expect(out.map((o) => [o.block, o.status])).toEqual([
      ['both', 'ok'],
      ['plain', 'ok']
    ])
    const both = (h.state().dispatches as Record<string, Record<string, unknown>>).both!
    expect((both.runs as unknown[]).length).toBe(2)
    expect(both).toMatchObject({ conclusion: 'success', status: 'completed' })
    expect(gh.runs).toHaveLength(4)
  })

  it('repository-dispatch limits: 10 payload keys, 100-character event type, nothing sent', async () => {
    expect((await h.run('repoTooMany'))[0]!.reason).toBe(
      "repository-dispatch 'default': client-payload has 11 top-level keys; GitHub accepts at most 10 (nothing was sent)"
    )
    expect((await h.run('repoLongType', [`state.big=${'e'.repeat(101)}`]))[0]!.reason).toMatch(
      /event-type is 101 characters; GitHub accepts at most 100/
    )
    expect(gh.requests).toHaveLength(0)
  })
})
