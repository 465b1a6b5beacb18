import { describe, expect, it } from '@jest/globals'
import {
  b64url,
  decodeValue,
  fromB64url,
  mintValue,
  type TargetKey
} from '../../src/bridge/value.js'
import { KEY_CURRENT, KEY_PREVIOUS, NOW_MS, NOW_S, OTHER_KEY } from './slack-fixtures.js'

const current: TargetKey = { id: 'k2026', secret: KEY_CURRENT }
const previous: TargetKey = { id: 'k2025', secret: KEY_PREVIOUS }
const other: TargetKey = { id: 'o1', secret: OTHER_KEY }
const keys: Record<string, TargetKey[]> = { deploy: [current, previous], other: [other] }
const claims = {
  t: 'deploy',
  c: 'app-1.4.2',
  ch: 'C0DEPLOYS1',
  o: 'prod',
  e: NOW_S + 3600,
  r: '987654'
}
const decode = (value: string, channel = 'C0DEPLOYS1', now = NOW_MS) =>
  decodeValue(value, { keysFor: (t) => keys[t], channel, clock: () => now })

/** Re-encodes a value's payload with a change, keeping the original MAC. */
function alter(value: string, change: Record<string, unknown>): string {
  const [v, segment, mac] = value.split('.')
  const payload = JSON.parse(new TextDecoder().decode(fromB64url(segment!)))
  return [v, b64url(new TextEncoder().encode(JSON.stringify({ ...payload, ...change }))), mac].join(
    '.'
  )
}

describe('button values', () => {
  it('round-trips: mint with the current key, decode to the same claims', async () => {
    const value = await mintValue({ ...claims, n: 'nonce-0123456789abcdef' }, current)
    expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(value.length).toBeLessThan(300)
    expect(await decode(value)).toEqual({
      ok: true,
      claims: { ...claims, n: 'nonce-0123456789abcdef', k: 'k2026' }
    })
  })

  it('gives each minted set a fresh random nonce unless one is passed', async () => {
    const a = await decode(await mintValue(claims, current))
    const b = await decode(await mintValue(claims, current))
    expect(a.ok && b.ok && a.claims.n !== b.claims.n).toBe(true)
  })

  it('accepts both keys of a rotation and refuses a key id the target does not hold', async () => {
    expect((await decode(await mintValue(claims, previous))).ok).toBe(true)
    const retired = await mintValue(claims, { id: 'k2024', secret: KEY_PREVIOUS })
    expect(await decode(retired)).toMatchObject({ ok: false, reason: 'unknown-key' })
  })

  it('refuses a forged MAC', async () => {
    const value = await mintValue(claims, current)
    const forged = value.slice(0, value.lastIndexOf('.') + 1) + b64url(new Uint8Array(32))
    expect(await decode(forged)).toMatchObject({ ok: false, reason: 'bad-mac' })
  })

  it('refuses an altered payload (choice, target, expiry)', async () => {
    const value = await mintValue({ ...claims, o: 'stage' }, current)
    for (const change of [{ o: 'prod' }, { e: NOW_S + 99999 }, { c: 'other-ctx' }]) {
      expect(await decode(alter(value, change))).toMatchObject({ ok: false, reason: 'bad-mac' })
    }
  })

  it("refuses a value minted with another target's key, even under a matching key id", async () => {
    // The other repository holds only its own key: it signs a value naming the production target.
    const value = await mintValue(claims, { id: 'k2026', secret: OTHER_KEY })
    expect(await decode(value)).toMatchObject({ ok: false, reason: 'bad-mac' })
  })

  it('refuses a value used in another channel than the one it names', async () => {
    const value = await mintValue(claims, current)
    expect(await decode(value, 'C0ELSEWHRE')).toMatchObject({ ok: false, reason: 'wrong-channel' })
  })

  it('refuses an expired value (injected clock), at the second of expiry', async () => {
    const value = await mintValue(claims, current)
    expect((await decode(value, 'C0DEPLOYS1', (claims.e - 1) * 1000)).ok).toBe(true)
    expect(await decode(value, 'C0DEPLOYS1', claims.e * 1000)).toMatchObject({ reason: 'expired' })
  })

  it('refuses unknown targets and malformed values', async () => {
    expect(await decode(await mintValue({ ...claims, t: 'nope' }, current))).toMatchObject({
      reason: 'unknown-target'
    })
    for (const bad of [
      '',
      'deploy:prod',
      'v2.a.b',
      'v1..',
      'v1.e30.AAAA',
      'v1.!!!.x',
      'v1.a.b.c',
      'x'.repeat(2001)
    ]) {
      expect(await decode(bad)).toMatchObject({ ok: false, reason: 'malformed' })
    }
  })

  it('refuses a context id outside ^[A-Za-z0-9._-]{1,128}$ at mint', async () => {
    for (const c of ['', 'a b', 'ctx/../x', 'x'.repeat(129)]) {
      await expect(mintValue({ ...claims, c }, current)).rejects.toThrow(/context id/)
    }
  })

  it("stays within Slack's 2,000 characters with every field at its longest (the mint check is a backstop)", async () => {
    const longest = {
      t: 't'.repeat(128),
      c: 'c'.repeat(128),
      ch: 'C'.repeat(128),
      o: 'o'.repeat(128),
      n: 'n'.repeat(64),
      e: Number.MAX_SAFE_INTEGER,
      r: '9'.repeat(20)
    }
    const value = await mintValue(longest, { id: 'k'.repeat(128), secret: KEY_CURRENT })
    expect(value.length).toBeLessThanOrEqual(2000)
  })

  it('a decoded value with a bad context id is refused even under a valid MAC', async () => {
    // Signed by the key holder, but malformed: decode checks the claims after parsing.
    const enc = new TextEncoder()
    const segment = b64url(
      enc.encode(JSON.stringify({ ...claims, c: 'a b', n: 'n'.repeat(22), k: 'k2026' }))
    )
    expect(await decode(`v1.${segment}.${b64url(new Uint8Array(32))}`)).toMatchObject({
      reason: 'malformed'
    })
  })
})
