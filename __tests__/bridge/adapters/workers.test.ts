/**
 * The Workers adapter, bundled as dist/bridge/workers is (esbuild, one ES module), running in real workerd
 * (miniflare) with its Durable Object claims; the dispatch goes to the GitHub REST stand-in and the
 * response_url reply to the HTTP stand-in, both on 127.0.0.1. The acknowledgement comes back before the
 * click's work, which finishes under `ctx.waitUntil`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Miniflare } from 'miniflare'
import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
// @ts-expect-error plain JS module shared with scripts/build.mjs
import { bundleWorker } from '../../../scripts/bundle-worker.mjs'
import {
  startGithubStandIn,
  type GithubStandIn
} from '../../../__fixtures__/github-rest-stand-in.js'
import { startStandIn, type StandIn } from '../../../__fixtures__/http-stand-in.js'
import { mintValue } from '../../../src/bridge/value.js'
import {
  blockActions,
  formBody,
  KEY_CURRENT,
  KEY_PREVIOUS,
  OTHER_KEY,
  POLICY_YAML,
  SIGNING_SECRET,
  signedRequest
} from '../slack-fixtures.js'

let mf: Miniflare
let gh: GithubStandIn
let slack: StandIn
const output: string[] = []
const nowS = () => Math.floor(Date.now() / 1000)

beforeAll(async () => {
  gh = await startGithubStandIn()
  gh.addWorkflow('acme/app', {
    path: 'deploy.yml',
    inputs: ['context-id', 'environment', 'slack-user', 'source-run-id', 'note']
  })
  slack = await startStandIn()
  const { code } = await bundleWorker(resolve('src/bridge/adapters/workers.ts'))
  const collect = (stream: Readable) => stream.on('data', (d: Buffer) => output.push(String(d)))
  mf = new Miniflare({
    modules: true,
    script: code,
    compatibilityDate: '2025-09-01',
    cf: false, // never fetch Cloudflare's cf.json: tests stay on loopback
    durableObjects: { CLAIMS: 'ClaimDurableObject' },
    bindings: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      BRIDGE_POLICY: POLICY_YAML,
      GITHUB_TOKEN: gh.token,
      GITHUB_API_URL: gh.url,
      BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`
    },
    // The Worker's console lines arrive here (structured), not on workerd's stdout.
    handleStructuredLogs: (line: { message: string }) => {
      output.push(line.message)
    },
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      collect(stdout)
      collect(stderr)
    }
  })
  await mf.ready
}, 60_000)

afterAll(async () => {
  await mf?.dispose()
  await gh?.close()
  await slack?.close()
})

const mint = (o: string, n: string, key = { id: 'k2026', secret: KEY_CURRENT }) =>
  mintValue({ t: 'deploy', c: 'app-1.4.2', ch: 'C0DEPLOYS1', o, n, e: nowS() + 3600, r: '42' }, key)

async function post(
  value: string,
  o: { timestamp?: number; secret?: string; path?: string; user?: string } = {}
) {
  const body = formBody(
    blockActions({
      value,
      user: o.user ?? 'U0ALICE01',
      responseUrl: `${slack.url}/response/${o.path ?? 'T0TEAM001/1/a'}`
    })
  )
  const request = await signedRequest(body, {
    timestamp: o.timestamp ?? nowS(),
    ...(o.secret ? { secret: o.secret } : {})
  })
  return mf.dispatchFetch('http://bridge.example/slack/interactivity', {
    method: 'POST',
    headers: request.headers as Record<string, string>,
    body
  })
}

const replies = (path: string) => slack.requests.filter((r) => r.path === `/response/${path}`)

async function replyTo(path: string) {
  for (let i = 0; i < 200 && replies(path).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 25))
  }
  const [reply] = replies(path)
  if (!reply) throw new Error(`no response_url reply on ${path}`)
  return reply.json as { text: string; replace_original?: boolean; response_type?: string }
}

describe('Workers adapter in workerd', () => {
  it('answers the health check', async () => {
    const res = await mf.dispatchFetch('http://bridge.example/healthz')
    expect(await res.text()).toBe('ok')
  })

  it('refuses a bad signature, a stale and a future timestamp with no outbound call', async () => {
    const value = await mint('prod', 'nonce-workers-refused-1')
    const bad = await post(value, { secret: 'not-the-signing-secret-000000000000' })
    const stale = await post(value, { timestamp: nowS() - 301 })
    const future = await post(value, { timestamp: nowS() + 301 })
    expect([bad.status, stale.status, future.status]).toEqual([401, 401, 401])
    await Promise.all([bad.text(), stale.text(), future.text()])
    expect(gh.requests).toEqual([])
    expect(slack.requests).toEqual([])
  })

  it('acknowledges, then dispatches through waitUntil and replaces the buttons with the run link', async () => {
    const res = await post(await mint('prod', 'nonce-workers-first-01'), { path: 'T0TEAM001/2/b' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    const reply = await replyTo('T0TEAM001/2/b')
    expect(reply.replace_original).toBe(true)
    expect(gh.runs).toHaveLength(1)
    const run = gh.runs[0]!
    expect(reply.text).toBe(
      `⏳ *prod* chosen by <@U0ALICE01> — <https://github.com/acme/app/actions/runs/${run.id}|run #${run.id}>`
    )
    expect(run).toMatchObject({
      repo: 'acme/app',
      branch: 'main',
      event: 'workflow_dispatch',
      inputs: {
        'context-id': 'app-1.4.2',
        environment: 'prod',
        'slack-user': 'U0ALICE01',
        'source-run-id': '42',
        note: 'chosen in Slack'
      }
    })
    expect(gh.violations).toEqual([])
  })

  it('a second click on the same button set dispatches nothing and says who chose', async () => {
    const before = gh.requests.length
    const res = await post(await mint('stage', 'nonce-workers-first-01'), {
      path: 'T0TEAM001/3/c'
    })
    expect(res.status).toBe(200)
    const reply = await replyTo('T0TEAM001/3/c')
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false })
    expect(reply.text).toBe('Already chosen by <@U0ALICE01> (prod)')
    expect(gh.requests.length).toBe(before)
  })

  it('a button minted with another target key is refused and nothing is dispatched', async () => {
    const before = gh.requests.length
    const forged = await mint('prod', 'nonce-workers-forged-1', { id: 'k2026', secret: OTHER_KEY })
    await (await post(forged, { path: 'T0TEAM001/4/d' })).text()
    expect((await replyTo('T0TEAM001/4/d')).text).toBe('🚫 Not allowed: invalid button')
    expect(gh.requests.length).toBe(before)
  })

  it('refuses an oversized body with 413 before reading it, and an unlisted user with no dispatch', async () => {
    const before = { gh: gh.requests.length, slack: slack.requests.length }
    const huge = new Uint8Array(70 * 1024).fill(0x61)
    const request = await signedRequest(huge, { timestamp: nowS() })
    const res = await mf.dispatchFetch('http://bridge.example/slack/interactivity', {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: huge
    })
    expect(res.status).toBe(413)
    await res.text()
    expect({ gh: gh.requests.length, slack: slack.requests.length }).toEqual(before)
    const eve = await post(await mint('prod', 'nonce-workers-eve-0001'), {
      user: 'U0EVE0001',
      path: 'T0TEAM001/5/e'
    })
    await eve.text()
    expect((await replyTo('T0TEAM001/5/e')).text).toBe(
      '🚫 Not allowed: you are not allowed to make this choice'
    )
    expect(gh.requests.length).toBe(before.gh)
  })

  it('keeps every secret out of the Worker output', () => {
    const text = output.join('\n')
    expect(text).toContain('bridge: dispatched acme/app deploy.yml (user U0ALICE01)')
    for (const secret of [SIGNING_SECRET, KEY_CURRENT, KEY_PREVIOUS, OTHER_KEY, gh.token]) {
      expect(text).not.toContain(secret)
    }
  })
})
