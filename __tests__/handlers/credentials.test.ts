import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { main } from '../../src/cli/main.js'
import { credentialValues, isCredentialName } from '../../src/core/credentials.js'
import { parseYaml } from '../../src/core/yaml.js'
import { put } from '../helpers/cli.js'

/**
 * Issue 7 items 7 and 10: captured responses never hold a credential, and no URL is printed with its
 * user-info or query values. The CLI runs in-process against the real HTTP stand-in.
 */

const SLACK_TOKEN = 'xoxb-capture-secret-5150'
const SERVICE_PASSWORD = 'pw-service-secret-77'
const URL_PASSWORD = 'pa55word-in-url'
const QUERY_TOKEN = 'tok-in-query-123'

const APP = `cicd-contexts:
  stage:
    channel: C-stage
    pipelines:
      build:
        event-handlers:
          echo:
            notify:
              message: "{{ state.msg }}"
              capture-response-data:
                - from: "{{ body|tojson }}"
                  to: state.echo
                - from: "{{ body.headers.authorization }}"
                  to: state.auth
`

function project(slackUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'credentials-'))
  put(
    dir,
    'config.yaml',
    `cicdstatemgr:
  datasources:
    yamlfile: {path: localdata/ctx.yaml, isPrimary: true}
    shellfile: {path: localdata/ctx.sh}
  http: {maxAttempts: 1, requestTimeoutMs: 1500, maxTotalMs: 5000}
  slack:
    url: "${slackUrl}"
  templates:
    notify: '{"channel": "{{ channel }}", "text": "{{ notify.message | json_dumps(stripLeadingTrailingQuotes=True) }}"}'
`
  )
  put(
    dir,
    'secrets.yaml',
    `cicdstatemgr:
  slack:
    token: ${SLACK_TOKEN}
  service:
    username: plainuser
    password: ${SERVICE_PASSWORD}
`
  )
  put(dir, 'app.yaml', APP)
  return dir
}

async function cli(
  dir: string,
  args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const env = {
    CICDSTATEMGR_CONFIG_PATH: 'config.yaml',
    CICDSTATEMGR_SECRETS_PATH: 'secrets.yaml',
    CICDSTATEMGR_INIT_APP_CONFIG_PATH: 'app.yaml',
    CICDSTATEMGR_CONTEXT_DATA_ID: 'c1'
  }
  const code = await main(args, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env,
    cwd: dir
  })
  return { code, out, err }
}

describe('credentials never persisted from captures (item 7)', () => {
  let s: StandIn
  let dir: string
  beforeAll(async () => {
    s = await startStandIn()
  })
  afterAll(() => s.close())
  beforeEach(() => s.reset())

  it('an endpoint echoing the request headers: the bearer token is *** in state and every copy', async () => {
    dir = project(`${s.url}/echo/chat`)
    try {
      expect((await cli(dir, ['--init-new', 'c1'])).code).toBe(0)
      const r = await cli(dir, [
        '--load',
        '--set',
        'state.msg=hello plainuser',
        '--handle-event',
        'build=echo'
      ])
      expect(r.code).toBe(0)
      // The stand-in did receive the real token: only what is kept is scrubbed.
      expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`)
      const yaml = readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')
      const shell = readFileSync(join(dir, 'localdata/ctx.sh'), 'utf8')
      const state = (parseYaml(yaml, 'ctx.yaml') as { state: Record<string, string> }).state
      expect(state.auth).toBe('***')
      const echoed = JSON.parse(state.echo as string) as { headers: Record<string, string> }
      expect(echoed.headers.authorization).toBe('***')
      // Not every secrets.yaml string is a credential: ordinary text survives.
      expect(state.echo).toContain('hello plainuser')
      for (const text of [yaml, shell, r.out, r.err]) expect(text).not.toContain(SLACK_TOKEN)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('URLs are printed redacted (item 10)', () => {
  let s: StandIn
  let dir: string
  beforeAll(async () => {
    s = await startStandIn()
  })
  afterAll(() => s.close())

  it('a non-2xx answer from a URL with user:pass and ?token=: neither appears in any output', async () => {
    const host = s.url.replace('http://', '')
    dir = project(`http://user:${URL_PASSWORD}@${host}/api/fail?token=${QUERY_TOKEN}`)
    // The endpoint echoes the URL and headers it got, as error pages often do.
    s.respondWith('/api/fail', (req) => ({
      status: 500,
      body: `failed ${req.path}?token=${req.query.token} auth=${String(req.headers.authorization)}`
    }))
    try {
      expect((await cli(dir, ['--init-new', 'c1'])).code).toBe(0)
      const before = readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')
      const r = await cli(dir, ['--load', '--handle-event', 'build=echo'])
      expect(r.code).toBe(1)
      expect(r.err).toContain(`HTTP 500 from http://***@${host}/api/fail?token=***`)
      const dry = await cli(dir, ['--load', '--handle-event', 'build=echo', '--dry-run'])
      expect(dry.out).toContain(`http://***@${host}/api/fail?token=***`)
      for (const text of [r.out, r.err, dry.out, dry.err]) {
        expect(text).not.toContain(URL_PASSWORD)
        expect(text).not.toContain(QUERY_TOKEN)
        expect(text).not.toContain('user:')
        expect(text).not.toContain(SLACK_TOKEN)
      }
      expect(readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')).toBe(before)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the credential rule', () => {
  it('names like credentials count; ordinary settings do not', () => {
    for (const name of [
      'token',
      'apiKey',
      'api_key',
      'SLACK_TOKEN',
      'password',
      'basic-auth',
      'clientSecret'
    ])
      expect([name, isCredentialName(name)]).toEqual([name, true])
    for (const name of ['username', 'keyPrefix', 'PR_AUTHOR', 'host', 'url', 'channel'])
      expect([name, isCredentialName(name)]).toEqual([name, false])
  })

  it('takes credential-named values, URL passwords and the runner token; not usernames', () => {
    const secrets = {
      slack: { token: 'xoxb-1' + 'x'.repeat(5) },
      datasources: {
        redis: { username: 'plainuser', password: 'redis-pw', url: 'redis://u:url-pw@h:6379/0' }
      },
      tokens: ['list-token-1'],
      other: 'no'
    }
    expect(credentialValues(secrets, { ACTIONS_RUNTIME_TOKEN: 'runtime-tok' }).sort()).toEqual(
      ['list-token-1', 'redis-pw', 'runtime-tok', 'url-pw', 'xoxb-1xxxxx'].sort()
    )
  })
})
