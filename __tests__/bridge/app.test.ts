/**
 * `createBridgeApp`, driven through Hono's own `app.request` (a fetch `Request` in, a `Response` out — what
 * every adapter hands it): when the click's work runs (after the ack via `defer`, or before it with
 * `inline`), the size cap, deps per request, and that a failing dependency never leaks a secret.
 */
import { describe, expect, it } from '@jest/globals'
import { createBridgeApp, type BridgeAppDeps } from '../../src/bridge/app.js'
import { MemoryClaimStore } from '../../src/bridge/claims.js'
import type { Outcome } from '../../src/bridge/interaction.js'
import { loadPolicy, type DispatchRequest } from '../../src/bridge/policy.js'
import { mintValue } from '../../src/bridge/value.js'
import {
  blockActions,
  formBody,
  KEY_CURRENT,
  NOW_MS,
  NOW_S,
  POLICY_YAML,
  SIGNING_SECRET,
  signedRequest
} from './slack-fixtures.js'

const policy = loadPolicy(POLICY_YAML, 'bridge.yaml')
const GITHUB_TOKEN = 'ghs_notARealTokenButSecret0123456789'

function deps(change: Partial<BridgeAppDeps> = {}) {
  const seen = {
    dispatched: [] as DispatchRequest[],
    outcomes: [] as Outcome[],
    logs: [] as string[]
  }
  const d: BridgeAppDeps = {
    signingSecret: SIGNING_SECRET,
    policy,
    claims: new MemoryClaimStore(() => NOW_MS),
    clock: () => NOW_MS,
    dispatch: async (r) => {
      seen.dispatched.push(r)
      return { runId: 7, runUrl: 'https://github.com/acme/app/actions/runs/7' }
    },
    respond: async () => {},
    log: (l) => seen.logs.push(l),
    secrets: [GITHUB_TOKEN],
    onOutcome: (o) => seen.outcomes.push(o),
    ...change
  }
  return { d, seen }
}

async function clickRequest(): Promise<Request> {
  const value = await mintValue(
    { t: 'deploy', c: 'app-1.4.2', ch: 'C0DEPLOYS1', o: 'prod', e: NOW_S + 600 },
    { id: 'k2026', secret: KEY_CURRENT }
  )
  const signed = await signedRequest(formBody(blockActions({ value })))
  return new Request('http://bridge.test/slack/interactivity', {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body: signed.body
  })
}

describe('createBridgeApp', () => {
  it('acks first and hands the work to defer', async () => {
    const deferred: Array<Promise<unknown>> = []
    const { d, seen } = deps({ defer: (work) => void deferred.push(work) })
    const res = await createBridgeApp(d).request(await clickRequest())
    expect(res.status).toBe(200)
    expect(deferred).toHaveLength(1)
    await deferred[0]
    expect(seen.outcomes).toEqual([{ kind: 'dispatched', runId: 7 }])
    expect(seen.dispatched).toHaveLength(1)
  })

  it('runs the work when no onOutcome hook is given', async () => {
    const deferred: Array<Promise<unknown>> = []
    const { d, seen } = deps({ defer: (work) => void deferred.push(work) })
    delete d.onOutcome
    await createBridgeApp(d).request(await clickRequest())
    await deferred[0]
    expect(seen.dispatched).toHaveLength(1)
  })

  it('inline: the click is dispatched before the response', async () => {
    const { d, seen } = deps({ inline: true, defer: () => expect('not deferred').toBe('') })
    const res = await createBridgeApp(d).request(await clickRequest())
    expect(res.status).toBe(200)
    expect(seen.outcomes).toEqual([{ kind: 'dispatched', runId: 7 }])
  })

  it('takes deps per request (Workers bindings)', async () => {
    const { d, seen } = deps({ inline: true })
    let calls = 0
    const app = createBridgeApp(() => (calls++, d))
    expect((await app.request(await clickRequest())).status).toBe(200)
    expect(calls).toBe(1)
    expect(seen.dispatched).toHaveLength(1)
  })

  it('refuses an oversized body with 413 before reading it, and dispatches nothing', async () => {
    const { d, seen } = deps({ inline: true })
    const body = new Uint8Array(70 * 1024).fill(97)
    const res = await createBridgeApp(d).request('http://bridge.test/slack/interactivity', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body
    })
    expect(res.status).toBe(413)
    expect(seen.dispatched).toEqual([])
  })

  it('answers /healthz and 404 elsewhere', async () => {
    const app = createBridgeApp(deps().d)
    expect(await (await app.request('/healthz')).text()).toBe('ok')
    expect((await app.request('/slack/other', { method: 'POST' })).status).toBe(404)
  })

  it('logs a failing dependency redacted', async () => {
    const { d, seen } = deps({
      inline: true,
      claims: {
        claim: () => Promise.reject(new Error(`redis said no to ${GITHUB_TOKEN} ${SIGNING_SECRET}`))
      }
    })
    await createBridgeApp(d).request(await clickRequest())
    expect(seen.dispatched).toEqual([])
    const logs = seen.logs.join('\n')
    expect(logs).toContain('claim store failed')
    expect(logs).not.toContain(GITHUB_TOKEN)
    expect(logs).not.toContain(SIGNING_SECRET)
  })
})
