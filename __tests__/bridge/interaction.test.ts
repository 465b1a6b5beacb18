import { afterAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { MemoryClaimStore, RedisClaimStore, type ClaimStore } from '../../src/bridge/claims.js'
import {
  acceptInteraction,
  handleInteraction,
  type BridgeRequest,
  type InteractionDeps,
  type SlackReply
} from '../../src/bridge/interaction.js'
import { verifyApproval } from '../../src/bridge/approval.js'
import { loadPolicy, type DispatchRequest } from '../../src/bridge/policy.js'
import {
  b64url,
  fromB64url,
  mintValue,
  type ButtonClaims,
  type TargetKey
} from '../../src/bridge/value.js'
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
  RESPONSE_URL,
  SIGNING_SECRET,
  signedRequest,
  type ClickOptions,
  type Shape
} from './slack-fixtures.js'

const policy = loadPolicy(POLICY_YAML, 'bridge.yaml')
const current: TargetKey = { id: 'k2026', secret: KEY_CURRENT }
const previous: TargetKey = { id: 'k2025', secret: KEY_PREVIOUS }
const SECRETS = [SIGNING_SECRET, KEY_CURRENT, KEY_PREVIOUS, OTHER_KEY]
const RUN_URL = 'https://github.com/acme/app/actions/runs/123'

interface Harness {
  deps: InteractionDeps
  dispatched: DispatchRequest[]
  replies: Array<{ url: string; reply: SlackReply }>
  logs: string[]
}

function harness(change: Partial<InteractionDeps> = {}, claims?: ClaimStore): Harness {
  const h: Harness = { dispatched: [], replies: [], logs: [], deps: undefined as never }
  h.deps = {
    signingSecret: SIGNING_SECRET,
    policy,
    claims: claims ?? new MemoryClaimStore(() => NOW_MS),
    clock: () => NOW_MS,
    dispatch: async (request) => {
      h.dispatched.push(request)
      return { runId: 123, runUrl: RUN_URL }
    },
    respond: async (url, reply) => {
      h.replies.push({ url, reply })
    },
    groupMembers: async (group) => (group === 'S0DEPLOYRS' ? ['U0BOB0001'] : []),
    log: (line) => h.logs.push(line),
    ...change
  }
  return h
}

type MintClaims = Omit<ButtonClaims, 'k' | 'n'> & { n?: string }
const defaults: MintClaims = {
  t: 'deploy',
  c: 'app-1.4.2',
  ch: 'C0DEPLOYS1',
  o: 'prod',
  e: NOW_S + 3600,
  r: '987654'
}
const mint = (change: Partial<MintClaims> = {}, key = current) =>
  mintValue({ ...defaults, ...change }, key)

async function request(value: string, o: Omit<ClickOptions, 'value'> = {}): Promise<BridgeRequest> {
  return signedRequest(formBody(blockActions({ value, ...o })))
}

function expectNoOutboundCall(h: Harness): void {
  expect(h.dispatched).toEqual([])
  expect(h.replies).toEqual([])
}

/** A refusal after verification: nothing dispatched, one ephemeral reply, the message untouched. */
function expectRefusedEphemerally(h: Harness, text: RegExp): void {
  expect(h.dispatched).toEqual([])
  expect(h.replies).toHaveLength(1)
  expect(h.replies[0]!.reply).toMatchObject({ response_type: 'ephemeral', replace_original: false })
  expect(h.replies[0]!.reply.text).toMatch(text)
}

describe('handleInteraction: the happy path', () => {
  it.each<Shape>(['message', 'thread', 'ephemeral', 'enterprise'])(
    'dispatches what the allowlist says and replaces the buttons (%s container)',
    async (shape) => {
      const h = harness()
      const result = await handleInteraction(await request(await mint(), { shape }), h.deps)
      expect(result).toMatchObject({
        status: 200,
        body: '',
        outcome: { kind: 'dispatched', runId: 123 }
      })
      expect(h.dispatched).toEqual([
        {
          target: 'deploy',
          repository: 'acme/app',
          workflow: 'deploy.yml',
          ref: 'main',
          inputs: {
            'context-id': 'app-1.4.2',
            environment: 'prod',
            'slack-user': 'U0ALICE01',
            'source-run-id': '987654',
            note: 'chosen in Slack'
          }
        }
      ])
      expect(h.replies).toEqual([
        {
          url: RESPONSE_URL,
          reply: {
            replace_original: true,
            text: `⏳ *prod* chosen by <@U0ALICE01> — <${RUN_URL}|run #123>`
          }
        }
      ])
    }
  )

  it('answers a second click on the same button set "already chosen" and dispatches nothing more', async () => {
    const h = harness()
    const n = 'set-nonce-000000000001'
    await handleInteraction(await request(await mint({ n })), h.deps)
    const second = await handleInteraction(
      await request(await mint({ n, o: 'stage' }), { user: 'U0BOB0001' }),
      h.deps
    )
    expect(second.outcome).toEqual({
      kind: 'already-chosen',
      holder: '{"u":"U0ALICE01","o":"prod"}'
    })
    expect(h.dispatched).toHaveLength(1)
    expect(h.replies[1]!.reply).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Already chosen by <@U0ALICE01> (prod)'
    })
  })

  it('answers a replayed request (same bytes, inside the signature window) "already chosen"', async () => {
    const h = harness()
    const req = await request(await mint())
    await handleInteraction(req, h.deps)
    expect((await handleInteraction(req, h.deps)).outcome.kind).toBe('already-chosen')
    expect(h.dispatched).toHaveLength(1)
  })

  it('accepts buttons signed with either key of a rotation; a retired key id is refused', async () => {
    const h = harness()
    await handleInteraction(await request(await mint({}, previous)), h.deps)
    expect(h.dispatched).toHaveLength(1)
    const retired = harness()
    const old = await mint({}, { id: 'k2024', secret: KEY_PREVIOUS })
    expect((await handleInteraction(await request(old), retired.deps)).outcome).toEqual({
      kind: 'refused',
      reason: 'unknown-key'
    })
    expectRefusedEphemerally(retired, /^🚫 Not allowed/)
  })

  it('lets a member of an allowed user group click (injected lookup)', async () => {
    const h = harness()
    await handleInteraction(await request(await mint(), { user: 'U0BOB0001' }), h.deps)
    expect(h.dispatched[0]!.inputs['slack-user']).toBe('U0BOB0001')
  })

  it('acceptInteraction acknowledges before any outbound call; the work runs when the adapter says', async () => {
    const h = harness()
    const accepted = await acceptInteraction(await request(await mint()), h.deps)
    expect(accepted.response).toMatchObject({ status: 200, body: '' })
    expectNoOutboundCall(h)
    expect(await accepted.work!()).toEqual({ kind: 'dispatched', runId: 123 })
    expect(h.dispatched).toHaveLength(1)
  })
})

describe('handleInteraction: requests refused with no outbound call', () => {
  const enc = new TextEncoder()
  const cases: Array<[string, () => Promise<BridgeRequest>, number, string]> = [
    [
      'a bad signature',
      async () =>
        signedRequest(formBody(blockActions({ value: await mint() })), { secret: 'x'.repeat(40) }),
      401,
      'bad-signature'
    ],
    [
      'a stale timestamp',
      async () =>
        signedRequest(formBody(blockActions({ value: await mint() })), { timestamp: NOW_S - 301 }),
      401,
      'stale'
    ],
    [
      'a future timestamp',
      async () =>
        signedRequest(formBody(blockActions({ value: await mint() })), { timestamp: NOW_S + 301 }),
      401,
      'future'
    ],
    [
      'an oversized body',
      () => signedRequest(formBody(blockActions({ value: 'x'.repeat(70_000) }))),
      413,
      'too-large'
    ],
    [
      'a JSON body',
      async () =>
        signedRequest(enc.encode(JSON.stringify(blockActions({ value: await mint() }))), {
          contentType: 'application/json'
        }),
      415,
      'not-form'
    ],
    [
      'a form without payload',
      () => signedRequest(enc.encode('command=%2Fdeploy')),
      400,
      'missing-payload'
    ],
    ['a payload that is not JSON', () => signedRequest(formBody('{nope')), 400, 'bad-payload'],
    [
      'a view_submission payload',
      async () =>
        signedRequest(
          formBody({ ...blockActions({ value: await mint() }), type: 'view_submission' })
        ),
      400,
      'bad-payload'
    ],
    [
      'a payload from another workspace',
      async () => request(await mint(), { team: 'T0ELSEWHR1' }),
      400,
      'bad-payload'
    ],
    [
      'a payload for another app',
      async () =>
        signedRequest(
          formBody({ ...blockActions({ value: await mint() }), api_app_id: 'A0OTHER001' })
        ),
      400,
      'bad-payload'
    ],
    [
      'two actions in one payload',
      async () => {
        const p = blockActions({ value: await mint() })
        const actions = p.actions as unknown[]
        return signedRequest(formBody({ ...p, actions: [...actions, ...actions] }))
      },
      400,
      'bad-payload'
    ],
    [
      'a response_url outside Slack (SSRF)',
      async () => request(await mint(), { responseUrl: 'http://169.254.169.254/latest/meta-data' }),
      400,
      'bad-response-url'
    ]
  ]

  it.each(cases)('%s', async (_name, make, status, reason) => {
    const h = harness()
    const result = await handleInteraction(await make(), h.deps)
    expect(result).toMatchObject({ status, outcome: { kind: 'rejected', reason } })
    expect(result.body).not.toBe('')
    expectNoOutboundCall(h)
  })
})

describe('handleInteraction: verified clicks refused with nothing dispatched and an ephemeral "not allowed"', () => {
  function alter(value: string, change: Record<string, unknown>): string {
    const [v, segment, mac] = value.split('.')
    const payload = JSON.parse(new TextDecoder().decode(fromB64url(segment!)))
    return [
      v,
      b64url(new TextEncoder().encode(JSON.stringify({ ...payload, ...change }))),
      mac
    ].join('.')
  }

  const cases: Array<[string, () => Promise<BridgeRequest>, string, RegExp]> = [
    [
      'an altered value',
      async () => request(alter(await mint({ o: 'stage' }), { o: 'prod' })),
      'bad-mac',
      /invalid button/
    ],
    [
      'a value that is not a bridge value',
      () => request('deploy:prod'),
      'malformed',
      /invalid button/
    ],
    [
      'a button copied to another channel',
      async () => request(await mint(), { channel: 'C0ELSEWHRE' }),
      'wrong-channel',
      /another channel/
    ],
    ['an expired button', async () => request(await mint({ e: NOW_S })), 'expired', /expired/],
    [
      "a button minted with another target's key",
      async () => request(await mint({}, { id: 'k2026', secret: OTHER_KEY })),
      'bad-mac',
      /invalid button/
    ],
    [
      'an unlisted target',
      async () => request(await mint({ t: 'staging-db' })),
      'unknown-target',
      /invalid button/
    ],
    [
      'an unlisted choice',
      async () => request(await mint({ o: 'qa' })),
      'unknown-choice',
      /choice qa is not listed/
    ],
    [
      'an unlisted user',
      async () => request(await mint(), { user: 'U0MALLORY1' }),
      'user',
      /not allowed to make/
    ],
    [
      'a channel not in the allowlist (button minted for it)',
      async () => request(await mint({ ch: 'C0RANDOM01' }), { channel: 'C0RANDOM01' }),
      'channel',
      /channel may not/
    ]
  ]

  it.each(cases)('%s', async (_name, make, reason, text) => {
    const h = harness()
    const result = await handleInteraction(await make(), h.deps)
    expect(result).toMatchObject({ status: 200, outcome: { kind: 'refused', reason } })
    expectRefusedEphemerally(h, text)
  })

  it('a refused click does not use up the button set: the allowed person can still choose', async () => {
    const h = harness()
    const n = 'set-nonce-000000000002'
    await handleInteraction(await request(await mint({ n }), { user: 'U0MALLORY1' }), h.deps)
    await handleInteraction(await request(await mint({ n })), h.deps)
    expect(h.dispatched).toHaveLength(1)
  })
})

describe('handleInteraction: failures after the claim', () => {
  it('keeps the claim when the dispatch fails (outcome unknown), so a second click dispatches nothing', async () => {
    let calls = 0
    const h = harness({
      dispatch: async () => {
        calls++
        throw new Error('timed out after 2200 ms')
      }
    })
    const n = 'set-nonce-000000000003'
    const first = await handleInteraction(await request(await mint({ n })), h.deps)
    expect(first.outcome).toEqual({ kind: 'unknown' })
    expect(h.replies[0]!.reply).toEqual({
      replace_original: true,
      text: "⏳ *prod* chosen by <@U0ALICE01> — dispatch outcome unknown; check acme/app's Actions runs"
    })
    const second = await handleInteraction(await request(await mint({ n })), h.deps)
    expect(second.outcome.kind).toBe('already-chosen')
    expect(calls).toBe(1)
  })

  it('refuses, dispatching nothing, when the claim store fails; a retry then works', async () => {
    let down = true
    const memory = new MemoryClaimStore(() => NOW_MS)
    const h = harness({
      claims: {
        claim: async (...args) => {
          if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
          return memory.claim(...args)
        }
      }
    })
    const req = await request(await mint())
    expect((await handleInteraction(req, h.deps)).outcome).toEqual({
      kind: 'refused',
      reason: 'claim-store'
    })
    expectRefusedEphemerally(h, /nothing was started/)
    expect(h.logs.some((l) => l.includes('claim store failed: connect ECONNREFUSED'))).toBe(true)
    down = false
    expect((await handleInteraction(req, h.deps)).outcome.kind).toBe('dispatched')
  })

  it('a failed response_url reply is logged, and the click still counts as dispatched', async () => {
    const h = harness({
      respond: async () => {
        throw new Error('connect ECONNREFUSED')
      }
    })
    expect((await handleInteraction(await request(await mint()), h.deps)).outcome.kind).toBe(
      'dispatched'
    )
    expect(h.logs.some((l) => l.includes('response_url reply failed: connect ECONNREFUSED'))).toBe(
      true
    )
  })

  it('reports a dispatch without run details as requested', async () => {
    const h = harness({ dispatch: async () => ({}) })
    expect((await handleInteraction(await request(await mint()), h.deps)).outcome).toEqual({
      kind: 'dispatched'
    })
    expect(h.replies[0]!.reply.text).toBe(
      '⏳ *prod* chosen by <@U0ALICE01> — run of deploy.yml requested'
    )
  })
})

describe('no secret in any log, reply or response', () => {
  it('holds over every outcome, even when a dependency echoes a secret in its error', async () => {
    const token = 'ghs_installationTokenForTheTest0123456789'
    const leaky = new Error(`401 for key ${KEY_CURRENT}, secret ${SIGNING_SECRET}, token ${token}`)
    const h = harness({
      secrets: [token],
      dispatch: async () => {
        throw leaky
      },
      respond: async (url, reply) => {
        h.replies.push({ url, reply })
        throw leaky
      }
    })
    const outputs: unknown[] = []
    const requests = [
      await request(await mint()),
      await request(await mint({ e: NOW_S })),
      await request(await mint(), { user: 'U0MALLORY1' }),
      await signedRequest(formBody(blockActions({ value: await mint() })), {
        secret: 'y'.repeat(40)
      }),
      await signedRequest(formBody('{nope'))
    ]
    for (const req of requests) outputs.push(await handleInteraction(req, h.deps))
    const everything = JSON.stringify({ outputs, logs: h.logs, replies: h.replies })
    expect(h.logs.length).toBeGreaterThanOrEqual(requests.length)
    for (const secret of [...SECRETS, token]) expect(everything).not.toContain(secret)
    expect(everything).toContain('***')
  })
})

describe('two bridge processes sharing Redis claims (real redis-server)', () => {
  const stores: RedisClaimStore[] = []
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
  })

  it('the second click, served by another process, is answered "already chosen"', async () => {
    const prefix = `test:bridge:${randomUUID()}:`
    for (let i = 0; i < 2; i++)
      stores.push(await RedisClaimStore.connect({ url: redisUrl() }, prefix))
    const [a, b] = [harness({}, stores[0]), harness({}, stores[1])]
    const n = 'set-nonce-000000000004'
    const results = await Promise.all([
      handleInteraction(await request(await mint({ n })), a.deps),
      handleInteraction(await request(await mint({ n, o: 'stage' }), { user: 'U0BOB0001' }), b.deps)
    ])
    expect(results.map((r) => r.outcome.kind).sort()).toEqual(['already-chosen', 'dispatched'])
    expect(a.dispatched.length + b.dispatched.length).toBe(1)
  })
})

describe('handleInteraction: the signed approval for the dispatched run', () => {
  const withApproval = loadPolicy(
    POLICY_YAML.replace("note: 'chosen in Slack'", "approval: '{{ approval }}'"),
    'bridge.yaml'
  )

  it('passes an approval that verifies under the target key and names who chose what, for which context', async () => {
    const h = harness({ policy: withApproval })
    const value = await mint()
    const result = await handleInteraction(await request(value), h.deps)
    expect(result.outcome).toEqual({ kind: 'dispatched', runId: 123 })
    const token = h.dispatched[0]!.inputs.approval!
    const verified = await verifyApproval(token, {
      secrets: [KEY_CURRENT],
      contextId: 'app-1.4.2',
      choice: 'prod',
      target: 'deploy',
      clock: () => NOW_MS
    })
    expect(verified).toMatchObject({
      ok: true,
      claims: { t: 'deploy', c: 'app-1.4.2', o: 'prod', u: 'U0ALICE01', r: '987654', k: 'k2026' }
    })
    // Bound to the clicked button set: its nonce is the approval's.
    const buttonNonce = (
      JSON.parse(new TextDecoder().decode(fromB64url(value.split('.')[1]!))) as {
        n: string
      }
    ).n
    expect(verified.ok && verified.claims.n).toBe(buttonNonce)
    // Another target's key, or another choice, does not verify it.
    for (const options of [
      { secrets: [OTHER_KEY], contextId: 'app-1.4.2' },
      { secrets: [KEY_CURRENT], contextId: 'app-1.4.2', choice: 'stage' }
    ]) {
      expect(await verifyApproval(token, { ...options, clock: () => NOW_MS })).toMatchObject({
        ok: false
      })
    }
    expect(h.logs.join('\n')).not.toContain(token)
  })

  it('mints nothing for a target whose inputs do not ask for it', async () => {
    const h = harness()
    await handleInteraction(await request(await mint()), h.deps)
    expect(Object.values(h.dispatched[0]!.inputs).some((v) => v.startsWith('a1.'))).toBe(false)
  })
})

describe('reject choices and protection targets', () => {
  const gated = loadPolicy(
    `${POLICY_YAML.replace('choices: [stage, prod]', 'choices: [stage, prod, skip]\n    reject: [skip]')}
  prod-gate:
    kind: protection
    repository: acme/app
    environments: [production, eu-production]
    channel: C0DEPLOYS1
    allowedUsers: [U0ALICE01]
    keys:
      - { id: g1, secret: ${OTHER_KEY} }
`,
    'bridge.yaml'
  )
  const gateKey: TargetKey = { id: 'g1', secret: OTHER_KEY }
  const reviews: unknown[] = []
  const protection = {
    webhookSecret: 'webhook-secret-for-interaction-tests-000',
    postMessage: async () => {},
    review: async (review: unknown) => {
      reviews.push(review)
      return 204
    }
  }

  it('a reject choice dispatches nothing, replaces the buttons, and a later click gets "already chosen"', async () => {
    const h = harness({ policy: gated })
    const n = `nonce-${randomUUID().slice(0, 18)}`
    const first = await handleInteraction(await request(await mint({ o: 'skip', n })), h.deps)
    expect(first.outcome).toEqual({ kind: 'declined', choice: 'skip' })
    expect(h.replies[0]!.reply).toEqual({
      replace_original: true,
      text: '❌ *skip* chosen by <@U0ALICE01> — nothing was started'
    })
    const second = await handleInteraction(await request(await mint({ o: 'prod', n })), h.deps)
    expect(second.outcome).toMatchObject({ kind: 'already-chosen' })
    expect(h.dispatched).toEqual([])
  })

  it('a protection button answers the environment it names, with who clicked in the comment', async () => {
    reviews.length = 0
    const h = harness({ policy: gated, protection })
    const value = await mintValue(
      { ...defaults, t: 'prod-gate', c: 'run-42.eu-production', o: 'reject' },
      gateKey
    )
    const result = await handleInteraction(await request(value), h.deps)
    expect(result.outcome).toEqual({ kind: 'reviewed', state: 'rejected', runId: 42 })
    expect(reviews).toEqual([
      {
        repository: 'acme/app',
        runId: '42',
        environment: 'eu-production',
        state: 'rejected',
        comment: 'rejected in Slack by alice (U0ALICE01)'
      }
    ])
    expect(h.dispatched).toEqual([])
    expect(h.replies[0]!.reply).toEqual({
      replace_original: true,
      text: '❌ rejected by <@U0ALICE01> — acme/app run 42 (eu-production)'
    })
  })

  it.each([
    ['an environment the target no longer lists', { c: 'run-42.staging' }, true],
    ['a run context without an environment when the target has two', { c: 'run-42' }, true],
    ['a bridge without the protection wiring', { c: 'run-42.production' }, false]
  ])('refuses %s: nothing sent to GitHub', async (_name, change, wired) => {
    reviews.length = 0
    const h = harness({ policy: gated, ...(wired ? { protection } : {}) })
    const value = await mintValue({ ...defaults, t: 'prod-gate', o: 'approve', ...change }, gateKey)
    const result = await handleInteraction(await request(value), h.deps)
    expect(result.outcome).toEqual({ kind: 'refused', reason: 'protection' })
    expect(reviews).toEqual([])
    expectRefusedEphemerally(h, /nothing was sent to GitHub/)
  })

  it('keeps the claim and says so when GitHub refuses the review (no secret in the log)', async () => {
    const h = harness({
      policy: gated,
      protection: {
        ...protection,
        review: async () => {
          throw new Error(`review answered HTTP 422 (${protection.webhookSecret})`)
        }
      }
    })
    const n = `nonce-${randomUUID().slice(0, 18)}`
    const value = (o: string) =>
      mintValue({ ...defaults, t: 'prod-gate', c: 'run-42.production', o, n }, gateKey)
    const result = await handleInteraction(await request(await value('approve')), h.deps)
    expect(result.outcome).toEqual({ kind: 'unknown' })
    expect(h.replies[0]!.reply.text).toMatch(
      /^⚠️ ✅ approved by <@U0ALICE01> — GitHub did not take the review/
    )
    const again = await handleInteraction(await request(await value('reject')), h.deps)
    expect(again.outcome).toMatchObject({ kind: 'already-chosen' })
    expect(h.logs.join('\n')).not.toContain(protection.webhookSecret)
  })
})
