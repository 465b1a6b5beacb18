/**
 * The bridge's Node server (`startBridge`, what `cicdstatemgr bridge serve` runs) over real loopback
 * HTTP: signed clicks from `fetch`, the real GitHub client against the REST stand-in (validated against
 * GitHub's OpenAPI description), `response_url` replies to the HTTP stand-in, claims in memory or in the
 * real redis-server. Time is injected: requests are signed at the fixtures' "now".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BridgeAppDeps } from '../../src/bridge/app.js'
import type { Outcome } from '../../src/bridge/interaction.js'
import { runBridgeCli, startBridge, type RunningBridge } from '../../src/bridge/node-server.js'
import { mintValue, type ButtonClaims } from '../../src/bridge/value.js'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { redisUrl } from '../helpers/redis-server.js'
import {
  blockActions,
  formBody,
  KEY_CURRENT,
  KEY_PREVIOUS,
  NOW_MS,
  NOW_S,
  OTHER_KEY,
  POLICY_YAML,
  SIGNING_SECRET,
  signedRequest,
  type ClickOptions
} from './slack-fixtures.js'

const INPUTS = ['context-id', 'environment', 'slack-user', 'source-run-id', 'note']
const APP_ID = 424242

let gh: GithubStandIn
let slack: StandIn
let dir: string
let configPath: string
const running: RunningBridge[] = []

beforeAll(async () => {
  gh = await startGithubStandIn()
  gh.addWorkflow('acme/app', { path: 'deploy.yml', inputs: INPUTS })
  slack = await startStandIn()
  dir = mkdtempSync(join(tmpdir(), 'bridge-server-'))
  configPath = join(dir, 'bridge.yaml')
  writeFileSync(configPath, POLICY_YAML)
})

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()))
  slack.reset()
})

afterAll(async () => {
  await gh.close()
  await slack.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Server {
  url: string
  logs: string[]
  outcomes: Outcome[]
  /** Resolves once `n` clicks have finished their work. */
  done(n: number): Promise<Outcome[]>
}

async function serve(
  env: Record<string, string>,
  change: (deps: BridgeAppDeps) => Partial<BridgeAppDeps> = () => ({}),
  config = configPath
): Promise<Server> {
  const logs: string[] = []
  const outcomes: Outcome[] = []
  let wake = (): void => {}
  const bridge = await startBridge(
    { configPath: config, port: 0, host: '127.0.0.1' },
    {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      GITHUB_API_URL: gh.url,
      BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`,
      ...env
    },
    (line) => logs.push(line),
    (deps) => ({
      clock: () => NOW_MS,
      onOutcome: (o) => {
        outcomes.push(o)
        wake()
      },
      ...change(deps)
    })
  )
  running.push(bridge)
  const done = async (n: number): Promise<Outcome[]> => {
    while (outcomes.length < n) await new Promise<void>((r) => (wake = r))
    return outcomes
  }
  return { url: bridge.url, logs, outcomes, done }
}

const mint = (change: Partial<ButtonClaims> = {}, secret = KEY_CURRENT, id = 'k2026') =>
  mintValue(
    {
      t: 'deploy',
      c: 'app-1.4.2',
      ch: 'C0DEPLOYS1',
      o: 'prod',
      e: NOW_S + 3600,
      r: '987654',
      ...change
    },
    { id, secret }
  )

/** POSTs a click as Slack does; its response_url points at the HTTP stand-in. */
async function click(server: Server, value: string, o: Omit<ClickOptions, 'value'> = {}) {
  const responseUrl = `${slack.url}/response/T0TEAM001/${randomUUID()}`
  const signed = await signedRequest(formBody(blockActions({ value, responseUrl, ...o })))
  const res = await fetch(`${server.url}/slack/interactivity`, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body: signed.body
  })
  return { status: res.status, text: await res.text(), responseUrl }
}

const dispatches = () =>
  gh.requests.filter((r) => r.operation?.endsWith('/dispatches') && r.status === 200)

function expectNoSecret(lines: readonly string[], secrets: readonly string[]): void {
  const all = lines.join('\n')
  for (const s of secrets) expect(all).not.toContain(s)
}

describe('bridge serve (Node server)', () => {
  it('answers /healthz', async () => {
    const server = await serve({ GITHUB_TOKEN: gh.token })
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('ok')
  })

  it('dispatches a signed click once with the allowlist inputs, replaces the buttons, and answers a second click "already chosen"', async () => {
    const server = await serve({ GITHUB_TOKEN: gh.token })
    const before = dispatches().length
    const value = await mint({ n: 'nonce-first-click-0001' })
    expect(await click(server, value)).toMatchObject({ status: 200, text: '' })
    await server.done(1)
    const sent = dispatches().slice(before)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.path).toBe('/repos/acme/app/actions/workflows/deploy.yml/dispatches')
    expect(sent[0]!.json).toEqual({
      ref: 'main',
      inputs: {
        'context-id': 'app-1.4.2',
        environment: 'prod',
        'slack-user': 'U0ALICE01',
        'source-run-id': '987654',
        note: 'chosen in Slack'
      },
      return_run_details: true
    })
    const run = gh.runs.at(-1)!
    const [reply] = await slack.waitForRequests(1)
    expect(reply!.json).toEqual({
      replace_original: true,
      text: `⏳ *prod* chosen by <@U0ALICE01> — <https://github.com/acme/app/actions/runs/${run.id}|run #${run.id}>`
    })

    // A second click on the same button set (another button, another person allowed by group).
    slack.reset()
    const second = await mint({ n: 'nonce-first-click-0001', o: 'stage' })
    expect((await click(server, second)).status).toBe(200)
    expect(await server.done(2)).toMatchObject([{ kind: 'dispatched' }, { kind: 'already-chosen' }])
    expect(dispatches().slice(before)).toHaveLength(1)
    const [again] = await slack.waitForRequests(1)
    expect(again!.json).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Already chosen by <@U0ALICE01> (prod)'
    })
    expect(gh.violations).toEqual([])
    expectNoSecret(server.logs, [SIGNING_SECRET, KEY_CURRENT, KEY_PREVIOUS, OTHER_KEY, gh.token])
  })

  it('refuses an unlisted user with an ephemeral "not allowed" and dispatches nothing', async () => {
    const server = await serve({ GITHUB_TOKEN: gh.token })
    const before = gh.requests.length
    const res = await click(server, await mint(), { user: 'U0MALLORY' })
    expect(res.status).toBe(200)
    expect(await server.done(1)).toEqual([{ kind: 'refused', reason: 'user' }])
    expect(gh.requests.length).toBe(before)
    const [reply] = await slack.waitForRequests(1)
    expect(reply!.json).toMatchObject({ response_type: 'ephemeral', replace_original: false })
    expect((reply!.json as { text: string }).text).toMatch(/^🚫 Not allowed/)
  })

  it('refuses a bad signature with 401 and makes no outbound call', async () => {
    const server = await serve({ GITHUB_TOKEN: gh.token })
    const before = gh.requests.length
    const body = formBody(blockActions({ value: await mint() }))
    const signed = await signedRequest(body, { secret: 'not-the-signing-secret-0000000000' })
    const res = await fetch(`${server.url}/slack/interactivity`, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body
    })
    expect(res.status).toBe(401)
    expect(gh.requests.length).toBe(before)
    expect(slack.requests).toEqual([])
  })

  it('acknowledges before the dispatch finishes (the ack does not wait for GitHub)', async () => {
    let release = (): void => {}
    const gate = new Promise<void>((r) => (release = r))
    let started = 0
    const server = await serve({ GITHUB_TOKEN: gh.token }, (deps) => ({
      dispatch: async (request) => {
        started++
        await gate
        return deps.dispatch(request)
      }
    }))
    const res = await click(server, await mint())
    // The ack is here while the dispatch is still held: the click's work runs after the response.
    expect(res.status).toBe(200)
    expect(server.outcomes).toEqual([])
    expect(started).toBeLessThanOrEqual(1)
    release()
    expect(await server.done(1)).toMatchObject([{ kind: 'dispatched' }])
  })

  it('authenticates as a GitHub App: an installation token for the one repository with actions: write', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
    gh.addApp({
      appId: APP_ID,
      slug: 'cicd-bridge',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      installations: { 'acme/app': 77, 'acme/other': 77 }
    })
    // PKCS#1, as GitHub hands App keys out, pasted into an env var with literal "\n".
    const server = await serve({
      GITHUB_APP_ID: String(APP_ID),
      GITHUB_APP_PRIVATE_KEY: pem.replace(/\n/g, '\\n')
    })
    const before = dispatches().length
    await click(server, await mint())
    expect(await server.done(1)).toMatchObject([{ kind: 'dispatched' }])
    expect(gh.issuedTokens).toEqual([
      expect.objectContaining({
        installationId: 77,
        repositories: ['app'],
        permissions: { actions: 'write' }
      })
    ])
    const sent = dispatches().slice(before)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.headers.authorization).toBe(`token ${gh.issuedTokens[0]!.token}`)
    expect(gh.requests.map((r) => r.operation)).toEqual(
      expect.arrayContaining([
        'GET /repos/{owner}/{repo}/installation',
        'POST /app/installations/{installation_id}/access_tokens'
      ])
    )
    expect(gh.violations).toEqual([])
    expectNoSecret(server.logs, [
      SIGNING_SECRET,
      gh.issuedTokens[0]!.token,
      pem.split('\n')[1]!,
      KEY_CURRENT
    ])
  })

  it('allows a member of an allowed user group (usergroups.users.list with SLACK_BOT_TOKEN, cached)', async () => {
    const botToken = 'xoxb-bridge-test-token-000000000000'
    slack.respondWith('/api/usergroups.users.list', { body: { ok: true, users: ['U0BOB0001'] } })
    const server = await serve({
      GITHUB_TOKEN: gh.token,
      SLACK_BOT_TOKEN: botToken,
      SLACK_API_URL: `${slack.url}/api`
    })
    await click(server, await mint(), { user: 'U0BOB0001' })
    await click(server, await mint(), { user: 'U0BOB0001' })
    expect(await server.done(2)).toMatchObject([{ kind: 'dispatched' }, { kind: 'dispatched' }])
    const lookups = slack.requests.filter((r) => r.path === '/api/usergroups.users.list')
    expect(lookups).toHaveLength(1)
    expect(lookups[0]!.query).toEqual({ usergroup: 'S0DEPLOYRS' })
    expect(lookups[0]!.headers.authorization).toBe(`Bearer ${botToken}`)
    expectNoSecret(server.logs, [botToken])
  })

  it('refuses a group member when no SLACK_BOT_TOKEN is set (membership is never assumed)', async () => {
    const server = await serve({ GITHUB_TOKEN: gh.token })
    await click(server, await mint(), { user: 'U0BOB0001' })
    expect(await server.done(1)).toEqual([{ kind: 'refused', reason: 'user' }])
  })

  it('shares claims through Redis: a second click on another server loses', async () => {
    const env = { GITHUB_TOKEN: gh.token, REDIS_URL: redisUrl() }
    const a = await serve(env)
    const b = await serve(env)
    const n = `nonce-${randomUUID().slice(0, 18)}`
    const before = dispatches().length
    await click(a, await mint({ n }))
    await a.done(1)
    await click(b, await mint({ n, o: 'stage' }))
    expect(await b.done(1)).toMatchObject([{ kind: 'already-chosen' }])
    expect(dispatches().length - before).toBe(1)
    expect(a.logs).toContain('bridge: claims in Redis (REDIS_URL)')
  })

  it('warns that in-memory claims allow only one server', async () => {
    const server = await serve({ GITHUB_TOKEN: gh.token })
    expect(server.logs.join('\n')).toMatch(/REDIS_URL is not set.*run only ONE bridge server/)
  })

  it('refuses to start without the signing secret or GitHub credentials (one line, no secret)', async () => {
    const start = (env: Record<string, string>) =>
      startBridge({ configPath, port: 0, host: '127.0.0.1' }, env, () => {})
    await expect(start({ GITHUB_TOKEN: gh.token })).rejects.toThrow(
      'SLACK_SIGNING_SECRET is not set'
    )
    await expect(start({ SLACK_SIGNING_SECRET: SIGNING_SECRET })).rejects.toThrow(
      'set GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY'
    )
    await expect(
      start({ SLACK_SIGNING_SECRET: SIGNING_SECRET, GITHUB_APP_ID: '1' })
    ).rejects.toThrow('GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY must be set together')
  })

  it.each([
    [['serve'], {}, 2, 'bridge: bridge serve: --config PATH (or BRIDGE_CONFIG) is required'],
    [
      ['serve', '--config', 'x.yaml', '--port', 'http'],
      {},
      2,
      "bridge: bridge serve: --port 'http' is not a port number"
    ],
    [['serve', '--bogus'], {}, 2, "bridge: bridge serve: Unknown option '--bogus'"],
    [['start'], {}, 2, "bridge: bridge: unknown command 'start' (expected: serve)"],
    [
      ['serve', '--config', 'missing.yaml'],
      { SLACK_SIGNING_SECRET: 's' },
      1,
      'missing.yaml: ENOENT'
    ]
  ])(
    'bridge %j (env %j): exit %d with one line on stderr, no server started',
    async (argv, env, code, line) => {
      let stderr = ''
      const exit = await runBridgeCli(argv, {
        stdout: () => {},
        stderr: (t) => (stderr += t),
        env,
        cwd: dir
      })
      expect(exit).toBe(code)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toContain(line)
    }
  )

  it('names the allowlist file and key of a bad allowlist', async () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, POLICY_YAML.replace('allowedChannels: [C0DEPLOYS1]', 'allowedChannels: []'))
    let stderr = ''
    const exit = await runBridgeCli(['serve', '--config', bad], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, GITHUB_TOKEN: gh.token },
      cwd: dir
    })
    expect(exit).toBe(1)
    expect(stderr).toMatch(/bad\.yaml.*allowedChannels/)
    expect(stderr).not.toContain(KEY_CURRENT)
  })
})

const WEBHOOK_SECRET = 'github-webhook-secret-5d1e0c9b8a7f6e5d4c3b'
const BOT_TOKEN = 'xoxb-bridge-protection-token-0000000000'
const GATE_KEY = 'prod-gate-key-dddddddddddddddddddddddddddd'
const GATE_APP_ID = 515151
const RUN_ID = 7421337

/** Shaped like GitHub's `deployment_protection_rule` delivery (action `requested`), trimmed. */
const protectionPayload = (environment = 'production') => ({
  action: 'requested',
  environment,
  event: 'push',
  deployment_callback_url: `${gh.url}/repos/acme/app/actions/runs/${RUN_ID}/deployment_protection_rule`,
  deployment: { id: 1180000001, sha: 'a10867b14bb761a232cd80139fbd4c0d33264240', ref: 'main' },
  repository: { id: 1296269, name: 'app', full_name: 'acme/app', owner: { login: 'acme' } },
  installation: { id: 88 },
  sender: { login: 'octocat', type: 'User' }
})

async function webhook(
  server: Server,
  payload: unknown,
  options: { secret?: string | null; event?: string } = {}
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(payload)
  const secret = options.secret === undefined ? WEBHOOK_SECRET : options.secret
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': options.event ?? 'deployment_protection_rule',
    'x-github-delivery': randomUUID()
  }
  if (secret !== null) {
    headers['x-hub-signature-256'] =
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
  }
  const res = await fetch(`${server.url}/github/webhook`, { method: 'POST', headers, body })
  return { status: res.status, text: await res.text() }
}

describe('deployment protection rules (POST /github/webhook → Slack → click → GitHub review)', () => {
  let gateConfig: string
  let pem: string

  beforeAll(() => {
    gateConfig = join(dir, 'gate.yaml')
    writeFileSync(
      gateConfig,
      `${POLICY_YAML}
  prod-gate:
    kind: protection
    repository: acme/app
    environments: [production]
    channel: C0DEPLOYS1
    allowedUsers: [U0ALICE01]
    keys:
      - { id: g1, secret: ${GATE_KEY} }
`
    )
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
    gh.addApp({
      appId: GATE_APP_ID,
      slug: 'cicd-gate',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      installations: { 'acme/app': 88 },
      permissions: { actions: 'write', deployments: 'write', metadata: 'read' }
    })
  })

  const serveGate = () =>
    serve(
      {
        GITHUB_APP_ID: String(GATE_APP_ID),
        GITHUB_APP_PRIVATE_KEY: pem,
        GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: `${slack.url}/api`
      },
      () => ({}),
      gateConfig
    )

  const posted = () => slack.requests.filter((r) => r.path === '/api/chat.postMessage')

  it('posts approve/reject buttons for a signed request, approves on a click, answers a second click "already chosen"', async () => {
    slack.respondWith('/api/chat.postMessage', { body: { ok: true, ts: '1764601200.000100' } })
    const server = await serveGate()
    expect(await webhook(server, protectionPayload())).toEqual({ status: 200, text: 'posted' })
    const [message] = posted()
    expect(message!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`)
    const body = message!.json as {
      channel: string
      text: string
      blocks: Array<{ elements?: Array<{ action_id: string; value: string }> }>
    }
    expect(body.channel).toBe('C0DEPLOYS1')
    expect(body.text).toContain(`*acme/app* run ${RUN_ID} waits for *production*`)
    const [approve, reject] = body.blocks[1]!.elements!
    expect([approve!.action_id, reject!.action_id]).toEqual(['approve', 'reject'])

    slack.reset()
    await click(server, approve!.value)
    expect(await server.done(2)).toEqual([
      { kind: 'posted', runId: RUN_ID },
      { kind: 'reviewed', state: 'approved', runId: RUN_ID }
    ])
    expect(gh.reviews).toEqual([
      {
        repo: 'acme/app',
        runId: RUN_ID,
        environment: 'production',
        state: 'approved',
        comment: 'approved in Slack by alice (U0ALICE01)',
        by: 'cicd-gate[bot]'
      }
    ])
    // The App's token for the review: the one repository, actions: read and deployments: write only.
    expect(gh.issuedTokens.at(-1)).toMatchObject({
      installationId: 88,
      repositories: ['app'],
      permissions: { actions: 'read', deployments: 'write' }
    })
    const [reply] = await slack.waitForRequests(1)
    expect(reply!.json).toEqual({
      replace_original: true,
      text: `✅ approved by <@U0ALICE01> — acme/app run ${RUN_ID} (production)`
    })

    slack.reset()
    await click(server, reject!.value)
    expect((await server.done(3))[2]).toMatchObject({ kind: 'already-chosen' })
    expect(gh.reviews).toHaveLength(1)
    const [again] = await slack.waitForRequests(1)
    expect(again!.json).toMatchObject({ text: 'Already chosen by <@U0ALICE01> (approve)' })
    expect(gh.violations).toEqual([])
    expectNoSecret(server.logs, [
      WEBHOOK_SECRET,
      BOT_TOKEN,
      GATE_KEY,
      SIGNING_SECRET,
      pem.split('\n')[1]!,
      ...gh.issuedTokens.map((t) => t.token)
    ])
  })

  it.each([
    ['no signature', null],
    ['a forged signature', 'not-the-webhook-secret-000000000000000']
  ])('refuses a request with %s: 401 and no outbound call', async (_name, secret) => {
    const server = await serveGate()
    const before = gh.requests.length
    const res = await webhook(server, protectionPayload(), { secret })
    expect(res).toEqual({ status: 401, text: 'signature mismatch' })
    expect(gh.requests.length).toBe(before)
    expect(slack.requests).toEqual([])
  })

  it('ignores an environment no target lists, other events and actions (2xx, nothing posted)', async () => {
    const server = await serveGate()
    const before = gh.requests.length
    expect(await webhook(server, protectionPayload('staging'))).toEqual({
      status: 202,
      text: 'ignored: no protection target lists acme/app environment staging'
    })
    expect(await webhook(server, { zen: 'hi' }, { event: 'ping' })).toEqual({
      status: 200,
      text: 'pong'
    })
    expect((await webhook(server, protectionPayload(), { event: 'push' })).status).toBe(202)
    expect((await webhook(server, { ...protectionPayload(), action: 'completed' })).status).toBe(
      202
    )
    expect(gh.requests.length).toBe(before)
    expect(slack.requests).toEqual([])
  })

  it('refuses to start with protection targets but no GITHUB_WEBHOOK_SECRET or no SLACK_BOT_TOKEN', async () => {
    const start = (env: Record<string, string>) =>
      startBridge(
        { configPath: gateConfig, port: 0, host: '127.0.0.1' },
        { SLACK_SIGNING_SECRET: SIGNING_SECRET, GITHUB_TOKEN: gh.token, ...env },
        () => {}
      )
    await expect(start({})).rejects.toThrow(
      'the allowlist has kind: protection targets; set GITHUB_WEBHOOK_SECRET'
    )
    await expect(start({ GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET })).rejects.toThrow(
      'GITHUB_WEBHOOK_SECRET needs SLACK_BOT_TOKEN (chat:write) to post the buttons'
    )
  })
})
