import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHmac } from 'node:crypto'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import {
  answerProtectionRule,
  parseProtectionRule,
  protectionMessage,
  runIdOf,
  protectionContextId,
  environmentOf,
  verifyGithubWebhook
} from '../../src/bridge/protection.js'
import { decodeValue } from '../../src/bridge/value.js'
import { KEY_CURRENT, NOW_MS, OTHER_KEY } from './slack-fixtures.js'

/** Shaped like GitHub's `deployment_protection_rule` webhook (action `requested`), trimmed. */
const PAYLOAD = {
  action: 'requested',
  environment: 'production',
  event: 'push',
  deployment_callback_url:
    'https://api.github.com/repos/acme/app/actions/runs/7421337/deployment_protection_rule',
  deployment: {
    id: 1180000001,
    sha: 'a10867b14bb761a232cd80139fbd4c0d33264240',
    ref: 'main',
    environment: 'production',
    creator: { login: 'github-actions[bot]', type: 'Bot' }
  },
  repository: { id: 1296269, name: 'app', full_name: 'acme/app', owner: { login: 'acme' } },
  organization: { login: 'acme' },
  installation: { id: 42424242, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0MjQyNDI=' },
  sender: { login: 'octocat', type: 'User' }
}

describe('GitHub webhook signature', () => {
  it("matches GitHub's documented example and node:crypto", async () => {
    // docs.github.com "Validating webhook deliveries": the published test values.
    const secret = "It's a Secret to Everybody"
    const sig = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
    expect(await verifyGithubWebhook('Hello, World!', sig, secret)).toBe(true)
    const body = JSON.stringify(PAYLOAD)
    const ours = `sha256=${createHmac('sha256', 'whsec-0123').update(body).digest('hex')}`
    expect(await verifyGithubWebhook(new TextEncoder().encode(body), ours, 'whsec-0123')).toBe(true)
  })

  it.each([
    [
      'another secret',
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      'x'
    ],
    [
      'a sha1 header',
      'sha1=0123456789abcdef0123456789abcdef01234567',
      "It's a Secret to Everybody"
    ],
    ['no header', undefined, "It's a Secret to Everybody"],
    ['a truncated mac', 'sha256=757107ea0eb2509fc211221cce984b8a', "It's a Secret to Everybody"]
  ])('refuses %s', async (_name, sig, secret) => {
    expect(await verifyGithubWebhook('Hello, World!', sig, secret)).toBe(false)
  })
})

describe('deployment_protection_rule', () => {
  it('reads the repository, environment, run, SHA and installation', () => {
    expect(parseProtectionRule(PAYLOAD)).toEqual({
      ok: true,
      request: {
        repository: 'acme/app',
        environment: 'production',
        runId: '7421337',
        sha: 'a10867b14bb761a232cd80139fbd4c0d33264240',
        ref: 'main',
        installationId: 42424242,
        sender: 'octocat'
      }
    })
  })

  it.each([
    [
      'a callback to another host',
      {
        deployment_callback_url:
          'https://evil.example/repos/acme/app/actions/runs/1/deployment_protection_rule'
      }
    ],
    [
      'a callback to another repository',
      {
        deployment_callback_url:
          'https://api.github.com/repos/acme/other/actions/runs/1/deployment_protection_rule'
      }
    ],
    [
      'a callback with a path after it',
      { deployment_callback_url: `${PAYLOAD.deployment_callback_url}/../x` }
    ],
    ['another action', { action: 'completed' }],
    ['no environment', { environment: '' }]
  ])('refuses %s', (_name, change) => {
    expect(parseProtectionRule({ ...PAYLOAD, ...change })).toMatchObject({ ok: false })
  })

  it('posts approve and reject buttons bound to the run, the channel and one nonce', async () => {
    const parsed = parseProtectionRule(PAYLOAD)
    if (!parsed.ok) throw new Error(parsed.message)
    const key = { id: 'k2026', secret: KEY_CURRENT }
    const { body, nonce } = await protectionMessage(parsed.request, {
      target: 'prod-gate',
      channel: 'C0DEPLOYS1',
      key,
      clock: () => NOW_MS
    })
    const elements = (
      body.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>
    )[1]!.elements!
    expect(elements.map((e) => e.action_id)).toEqual(['approve', 'reject'])
    for (const [i, choice] of ['approve', 'reject'].entries()) {
      const d = await decodeValue(elements[i]!.value, {
        keysFor: (t) => (t === 'prod-gate' ? [key] : undefined),
        channel: 'C0DEPLOYS1',
        clock: () => NOW_MS
      })
      const c = `run-7421337.${parsed.request.environment}`
      expect(d).toMatchObject({ ok: true, claims: { o: choice, n: nonce, c } })
      if (d.ok) expect(runIdOf(d.claims.c)).toBe('7421337')
      if (d.ok) expect(environmentOf(d.claims.c)).toBe(parsed.request.environment)
      const foreign = await decodeValue(elements[i]!.value, {
        keysFor: () => [{ id: 'k2026', secret: OTHER_KEY }],
        channel: 'C0DEPLOYS1',
        clock: () => NOW_MS
      })
      expect(foreign).toMatchObject({ ok: false, reason: 'bad-mac' })
    }
    expect(JSON.stringify(body)).not.toContain(KEY_CURRENT)
  })

  it('names the environment in the context id only when it fits one', () => {
    expect(protectionContextId('42', 'eu-prod.1')).toBe('run-42.eu-prod.1')
    expect(protectionContextId('42', 'prod env')).toBe('run-42')
    expect(protectionContextId('42')).toBe('run-42')
    expect([runIdOf('run-42'), environmentOf('run-42')]).toEqual(['42', undefined])
    expect(runIdOf('run-x.prod')).toBeUndefined()
  })
})

describe('answering the review callback', () => {
  let s: StandIn
  const token = 'ghs_installationTokenForOneRepo0123456789'
  beforeAll(async () => {
    s = await startStandIn()
  })
  afterAll(() => s.close())
  beforeEach(() => s.reset())
  const review = {
    repository: 'acme/app',
    runId: '7421337',
    environment: 'production',
    state: 'approved' as const,
    comment: 'Approved in Slack by <@U0ALICE01>'
  }

  it('POSTs environment, state and comment with the installation token', async () => {
    const status = await answerProtectionRule(review, { token, fetch, apiBase: `${s.url}/echo` })
    expect(status).toBe(200)
    const req = s.requests[0]!
    expect(req.path).toBe('/echo/repos/acme/app/actions/runs/7421337/deployment_protection_rule')
    expect(req.headers.authorization).toBe(`Bearer ${token}`)
    expect(req.json).toEqual({
      environment_name: 'production',
      state: 'approved',
      comment: 'Approved in Slack by <@U0ALICE01>'
    })
  })

  it('a refused answer is one line without the token', async () => {
    s.failNext(1, 422)
    const error = await answerProtectionRule(
      { ...review, state: 'rejected' },
      { token, fetch, apiBase: `${s.url}/echo` }
    ).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      /^review of run 7421337 \(acme\/app\) answered HTTP 422: /
    )
    expect((error as Error).message).not.toContain('\n')
    expect((error as Error).message).not.toContain(token)
  })
})
