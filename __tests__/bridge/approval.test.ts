import { describe, expect, it } from '@jest/globals'
import { mintApproval, verifyApproval } from '../../src/bridge/approval.js'
import { b64url, fromB64url, mintValue } from '../../src/bridge/value.js'
import { KEY_CURRENT, KEY_PREVIOUS, NOW_MS, NOW_S, OTHER_KEY } from './slack-fixtures.js'

const current = { id: 'k2026', secret: KEY_CURRENT }
const input = {
  target: 'deploy',
  contextId: 'app-1.4.2',
  choice: 'prod',
  user: { id: 'U0ALICE01', name: 'alice' },
  nonce: 'nonce-0123456789abcdef',
  run: '987654',
  clock: () => NOW_MS
}
const verify = (token: string, over: Record<string, unknown> = {}) =>
  verifyApproval(token, {
    secrets: [KEY_CURRENT],
    contextId: 'app-1.4.2',
    choice: 'prod',
    clock: () => NOW_MS + 60_000,
    ...over
  })

/** Re-encodes a token's payload with a change, keeping the original MAC. */
function alter(token: string, change: Record<string, unknown>): string {
  const [v, segment, mac] = token.split('.')
  const payload = JSON.parse(new TextDecoder().decode(fromB64url(segment!)))
  const next = b64url(new TextEncoder().encode(JSON.stringify({ ...payload, ...change })))
  return [v, next, mac].join('.')
}

describe('signed approvals', () => {
  it('round-trips: who, which choice, which context, when', async () => {
    const token = await mintApproval(input, current)
    expect(token).toMatch(/^a1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(await verify(token)).toEqual({
      ok: true,
      claims: {
        t: 'deploy',
        c: 'app-1.4.2',
        o: 'prod',
        u: 'U0ALICE01',
        un: 'alice',
        iat: NOW_S,
        e: NOW_S + 6 * 3600,
        n: 'nonce-0123456789abcdef',
        k: 'k2026',
        r: '987654'
      }
    })
  })

  it('verifies under either key of a rotation; the choice check is optional', async () => {
    const old = await mintApproval(input, { id: 'k2025', secret: KEY_PREVIOUS })
    expect((await verify(old, { secrets: [KEY_CURRENT, KEY_PREVIOUS] })).ok).toBe(true)
    expect((await verify(old, { choice: undefined, secrets: [KEY_PREVIOUS] })).ok).toBe(true)
  })

  it.each([
    ['another target key', { secrets: [OTHER_KEY] }, 'bad-mac'],
    ['another context', { contextId: 'app-1.4.3' }, 'wrong-context'],
    ['another choice', { choice: 'stage' }, 'wrong-choice'],
    ['another target', { target: 'other' }, 'wrong-target'],
    ['expiry passed', { clock: () => NOW_MS + 6 * 3600_000 }, 'expired'],
    ['issued in the future', { clock: () => NOW_MS - 3600_000 }, 'future']
  ])('refuses a token checked against %s', async (_name, over, reason) => {
    const result = await verify(await mintApproval(input, current), over)
    expect(result).toMatchObject({ ok: false, reason })
  })

  it('refuses altered payloads, foreign MACs and things that are not approvals', async () => {
    const token = await mintApproval(input, current)
    for (const change of [
      { o: 'stage' },
      { c: 'other-ctx' },
      { u: 'U0MALLORY' },
      { e: NOW_S + 1e6 }
    ]) {
      expect(
        await verify(alter(token, change), { choice: undefined, contextId: 'other-ctx' })
      ).toMatchObject({
        ok: false,
        reason: 'bad-mac'
      })
    }
    const forged = await mintApproval(input, { id: 'k2026', secret: OTHER_KEY })
    expect(await verify(forged)).toMatchObject({ ok: false, reason: 'bad-mac' })
    for (const junk of ['', '   ', 'prod', 'a1.x.y', `${token}.extra`, 'a1.' + 'A'.repeat(3000)]) {
      expect((await verify(junk)).ok).toBe(false)
    }
    expect(await verify('')).toMatchObject({ reason: 'missing' })
  })

  it('a button value (same key, visible to the whole channel) cannot pass as an approval', async () => {
    const value = await mintValue(
      { t: 'deploy', c: 'app-1.4.2', ch: 'C0DEPLOYS1', o: 'prod', e: NOW_S + 3600, n: input.nonce },
      current
    )
    expect(await verify(value.replace(/^v1\./, 'a1.'))).toMatchObject({
      ok: false,
      reason: 'bad-mac'
    })
  })

  it('refuses to mint a malformed approval; the key never appears in a token or an error', async () => {
    await expect(mintApproval({ ...input, contextId: 'bad id!' }, current)).rejects.toThrow(
      'bridge approval: context id (c) is malformed'
    )
    await expect(mintApproval({ ...input, user: { id: 'alice' } }, current)).rejects.toThrow(
      /user id/
    )
    const token = await mintApproval(input, current)
    expect(token).not.toContain(KEY_CURRENT)
    expect(JSON.stringify(await verify(token, { secrets: [OTHER_KEY] }))).not.toContain(OTHER_KEY)
  })
})
