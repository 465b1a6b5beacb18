/**
 * The Durable Object claim store in real workerd (miniflare): concurrent clicks on one button set, exactly
 * one winner; the claim holds for its TTL and frees after it (the clock is the caller's, injected).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Miniflare } from 'miniflare'
import { resolve } from 'node:path'
// @ts-expect-error plain JS module shared with scripts/build.mjs
import { bundleWorker } from '../../../scripts/bundle-worker.mjs'

const NOW = Date.UTC(2026, 11, 1, 15, 0, 0)
let mf: Miniflare

beforeAll(async () => {
  const { code } = await bundleWorker(resolve('__fixtures__/workers/claims-harness.ts'))
  mf = new Miniflare({
    modules: true,
    script: code,
    compatibilityDate: '2025-09-01',
    cf: false, // never fetch Cloudflare's cf.json: tests stay on loopback
    durableObjects: { CLAIMS: 'ClaimDurableObject' }
  })
  await mf.ready
})

afterAll(async () => {
  await mf?.dispose()
})

async function claim(key: string, holder: string, ttl: number, now: number) {
  const q = new URLSearchParams({ key, holder, ttl: String(ttl), now: String(now) })
  const res = await mf.dispatchFetch(`http://bridge.test/?${q}`)
  expect(res.status).toBe(200)
  return (await res.json()) as { won: boolean; holder?: string }
}

describe('ClaimDurableObject in workerd', () => {
  it('twenty concurrent claims on one key: exactly one wins, the others see its holder', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claim('deploy:nonce-a', `h${i}`, 60, NOW))
    )
    const winners = results.filter((r) => r.won)
    expect(winners).toHaveLength(1)
    const holders = new Set(results.filter((r) => !r.won).map((r) => r.holder))
    expect(holders.size).toBe(1)
    expect(holders.has('h' + results.findIndex((r) => r.won))).toBe(true)
  })

  it('holds until its TTL has passed, then the key can be claimed again', async () => {
    expect(await claim('deploy:nonce-b', 'first', 60, NOW)).toEqual({ won: true })
    expect(await claim('deploy:nonce-b', 'second', 60, NOW + 59_999)).toEqual({
      won: false,
      holder: 'first'
    })
    expect(await claim('deploy:nonce-b', 'third', 60, NOW + 60_000)).toEqual({ won: true })
  })

  it('keys are independent', async () => {
    expect(await claim('deploy:nonce-c', 'x', 60, NOW)).toEqual({ won: true })
    expect(await claim('other:nonce-c', 'y', 60, NOW)).toEqual({ won: true })
  })

  it('refuses a malformed claim call (the core then fails closed)', async () => {
    const res = await mf.dispatchFetch('http://bridge.test/?key=k&holder=h&ttl=0&now=1')
    expect(res.status).toBe(500)
  })
})
