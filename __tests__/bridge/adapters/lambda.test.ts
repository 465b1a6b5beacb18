/**
 * The Lambda adapter driven in-process with events shaped as AWS documents them: a function URL event
 * (payload 2.0, base64 body), an API Gateway REST event (1.0, plain and base64 bodies). Claims in the
 * real Redis the suite starts; the dispatch goes to the GitHub REST stand-in; the click runs inline
 * before the answer, and a dispatch past its deadline is reported as unknown with the claim kept. The
 * deadline is aborted by the test when the hung request arrives, never waited for.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  createLambdaBridge,
  type LambdaBridge,
  type LambdaHandler
} from '../../../src/bridge/adapters/lambda.js'
import { randomNonce, mintValue } from '../../../src/bridge/value.js'
import {
  startGithubStandIn,
  type GithubStandIn
} from '../../../__fixtures__/github-rest-stand-in.js'
import { startStandIn, type StandIn } from '../../../__fixtures__/http-stand-in.js'
import { redisUrl } from '../../helpers/redis-server.js'
import {
  blockActions,
  formBody,
  KEY_CURRENT,
  KEY_PREVIOUS,
  NOW_MS,
  NOW_S,
  POLICY_YAML,
  SIGNING_SECRET,
  signedRequest
} from '../slack-fixtures.js'

const BOT_TOKEN = 'xoxb-bridge-group-lookup-token-000000'
let gh: GithubStandIn
let slack: StandIn
let hung: StandIn
let bridge: LambdaBridge
let slow: LambdaBridge
const logs: string[] = []

const env = () => ({
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  BRIDGE_POLICY: POLICY_YAML,
  GITHUB_TOKEN: gh.token,
  GITHUB_API_URL: gh.url,
  REDIS_URL: redisUrl(),
  BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_API_URL: `${slack.url}/api`
})

beforeAll(async () => {
  gh = await startGithubStandIn()
  gh.addWorkflow('acme/app', {
    path: 'deploy.yml',
    inputs: ['context-id', 'environment', 'slack-user', 'source-run-id', 'note']
  })
  slack = await startStandIn()
  slack.respondWith('/api/usergroups.users.list', (req) => ({
    body: req.query.usergroup === 'S0DEPLOYRS' ? { ok: true, users: ['U0BOB0001'] } : { ok: false }
  }))
  hung = await startStandIn()
  const log = (line: string) => logs.push(line)
  bridge = await createLambdaBridge({ env: env(), change: { clock: () => NOW_MS }, log })
  slow = await createLambdaBridge({
    env: { ...env(), GITHUB_API_URL: hung.url },
    change: { clock: () => NOW_MS },
    log,
    // The deadline passes the moment the dispatch reaches the (hanging) API.
    deadline: () => {
      const controller = new AbortController()
      void hung.waitForRequests(1, 10_000).then(() => controller.abort())
      return controller.signal
    }
  })
})

afterAll(async () => {
  await bridge?.close()
  await slow?.close()
  hung?.reset()
  await Promise.all([gh?.close(), slack?.close(), hung?.close()])
})

const button = (o: string, n: string) =>
  mintValue(
    { t: 'deploy', c: 'app-1.4.2', ch: 'C0DEPLOYS1', o, n, e: NOW_S + 3600, r: '42' },
    { id: 'k2026', secret: KEY_CURRENT }
  )

async function signed(value: string, path: string, secret?: string, user?: string) {
  const body = formBody(
    blockActions({ value, responseUrl: `${slack.url}/response/${path}`, ...(user ? { user } : {}) })
  )
  const request = await signedRequest(body, secret ? { secret } : {})
  return { body, headers: request.headers as Record<string, string> }
}

/** A function URL event (payload format 2.0); function URLs base64-encode form bodies. */
async function functionUrlEvent(value: string, path: string, secret?: string, user?: string) {
  const { body, headers } = await signed(value, path, secret, user)
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/slack/interactivity',
    rawQueryString: '',
    headers: {
      ...lower,
      host: 'abcdefghijk.lambda-url.eu-west-1.on.aws',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      'x-amzn-trace-id': 'Root=1-6743a1b2-0123456789abcdef01234567'
    },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefghijk',
      domainName: 'abcdefghijk.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abcdefghijk',
      http: {
        method: 'POST',
        path: '/slack/interactivity',
        protocol: 'HTTP/1.1',
        sourceIp: '54.209.10.11',
        userAgent: 'Slackbot 1.0 (+https://api.slack.com/robots)'
      },
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      routeKey: '$default',
      stage: '$default',
      time: '01/Dec/2026:15:00:00 +0000',
      timeEpoch: NOW_MS
    },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true
  }
}

/** An API Gateway REST API proxy event (payload format 1.0), stage `prod`. */
async function restApiEvent(value: string, path: string, base64: boolean) {
  const { body, headers } = await signed(value, path)
  const all = { ...headers, Host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com' }
  return {
    resource: '/slack/interactivity',
    path: '/slack/interactivity',
    httpMethod: 'POST',
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      resourceId: 'x1y2z3',
      resourcePath: '/slack/interactivity',
      httpMethod: 'POST',
      path: '/prod/slack/interactivity',
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: NOW_MS,
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      protocol: 'HTTP/1.1',
      domainName: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
      identity: {
        sourceIp: '54.209.10.11',
        userAgent: 'Slackbot 1.0 (+https://api.slack.com/robots)'
      }
    },
    body: base64 ? Buffer.from(body).toString('base64') : new TextDecoder().decode(body),
    isBase64Encoded: base64
  }
}

const invoke = (h: LambdaHandler, event: unknown) =>
  h(event as Parameters<LambdaHandler>[0]) as Promise<{ statusCode: number; body: string }>

const replyOn = (path: string) =>
  slack.requests.find((r) => r.path === `/response/${path}`)?.json as
    { text: string; replace_original?: boolean; response_type?: string } | undefined

describe('Lambda adapter', () => {
  it('function URL event, base64 body: dispatches before answering and replaces the buttons', async () => {
    const res = await invoke(
      bridge.handler,
      await functionUrlEvent(await button('prod', randomNonce()), 'v2/1')
    )
    expect(res.statusCode).toBe(200)
    // Inline: by the time Lambda answers, the run exists and the reply has been sent.
    expect(gh.runs).toHaveLength(1)
    const run = gh.runs[0]!
    expect(run.inputs).toEqual({
      'context-id': 'app-1.4.2',
      environment: 'prod',
      'slack-user': 'U0ALICE01',
      'source-run-id': '42',
      note: 'chosen in Slack'
    })
    expect(replyOn('v2/1')?.text).toBe(
      `⏳ *prod* chosen by <@U0ALICE01> — <https://github.com/acme/app/actions/runs/${run.id}|run #${run.id}>`
    )
    expect(gh.violations).toEqual([])
  })

  it('REST API (v1) events with plain and base64 bodies both dispatch', async () => {
    const plain = await invoke(
      bridge.handler,
      await restApiEvent(await button('stage', randomNonce()), 'v1/plain', false)
    )
    const b64 = await invoke(
      bridge.handler,
      await restApiEvent(await button('stage', randomNonce()), 'v1/b64', true)
    )
    expect([plain.statusCode, b64.statusCode]).toEqual([200, 200])
    expect(gh.runs).toHaveLength(3)
    expect(replyOn('v1/plain')?.replace_original).toBe(true)
    expect(replyOn('v1/b64')?.replace_original).toBe(true)
  })

  it('a bad signature is refused with 401 and no outbound call', async () => {
    const before = { gh: gh.requests.length, slack: slack.requests.length }
    const event = await functionUrlEvent(
      await button('prod', randomNonce()),
      'v2/bad',
      'not-the-signing-secret-0000000000000'
    )
    const res = await invoke(bridge.handler, event)
    expect(res.statusCode).toBe(401)
    expect({ gh: gh.requests.length, slack: slack.requests.length }).toEqual(before)
  })

  it('a second click on the same button set (Redis claim) dispatches nothing', async () => {
    const nonce = randomNonce()
    await invoke(bridge.handler, await functionUrlEvent(await button('stage', nonce), 'v2/first'))
    const runs = gh.runs.length
    const res = await invoke(
      bridge.handler,
      await functionUrlEvent(await button('prod', nonce), 'v2/second')
    )
    expect(res.statusCode).toBe(200)
    expect(gh.runs.length).toBe(runs)
    expect(replyOn('v2/second')).toMatchObject({
      response_type: 'ephemeral',
      text: 'Already chosen by <@U0ALICE01> (stage)'
    })
  })

  it('a dispatch past its deadline is reported as unknown and keeps the claim', async () => {
    hung.hangNext(1)
    const nonce = randomNonce()
    const res = await invoke(
      slow.handler,
      await functionUrlEvent(await button('prod', nonce), 'v2/slow')
    )
    expect(res.statusCode).toBe(200)
    expect(hung.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/app/actions/workflows/deploy.yml/dispatches'
    ])
    expect(replyOn('v2/slow')).toMatchObject({
      replace_original: true,
      text: "⏳ *prod* chosen by <@U0ALICE01> — dispatch outcome unknown; check acme/app's Actions runs"
    })
    // The run may have started: another click on the same buttons must not dispatch again.
    const runs = gh.runs.length
    await invoke(bridge.handler, await functionUrlEvent(await button('stage', nonce), 'v2/after'))
    expect(gh.runs.length).toBe(runs)
    expect(replyOn('v2/after')?.text).toBe('Already chosen by <@U0ALICE01> (prod)')
  })

  it('a member of an allowed user group (SLACK_BOT_TOKEN lookup) may click; others may not', async () => {
    const runs = gh.runs.length
    await invoke(
      bridge.handler,
      await functionUrlEvent(await button('stage', randomNonce()), 'v2/bob', undefined, 'U0BOB0001')
    )
    await invoke(
      bridge.handler,
      await functionUrlEvent(await button('stage', randomNonce()), 'v2/eve', undefined, 'U0EVE0001')
    )
    expect(gh.runs.length).toBe(runs + 1)
    expect(replyOn('v2/bob')?.text).toContain('*stage* chosen by <@U0BOB0001>')
    expect(replyOn('v2/eve')?.text).toBe('🚫 Not allowed: you are not allowed to make this choice')
    const lookup = slack.requests.find((r) => r.path === '/api/usergroups.users.list')
    expect(lookup?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`)
  })

  it('logs no secret', () => {
    const text = logs.join('\n')
    expect(text).toContain('bridge: dispatched acme/app deploy.yml')
    for (const secret of [SIGNING_SECRET, KEY_CURRENT, KEY_PREVIOUS, gh.token, BOT_TOKEN]) {
      expect(text).not.toContain(secret)
    }
  })
})
