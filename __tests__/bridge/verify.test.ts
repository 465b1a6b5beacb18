import { describe, expect, it } from '@jest/globals'
import { isValidSlackRequest } from '@slack/bolt'
import { verifySlackRequest, type HeaderSource } from '../../src/bridge/verify.js'
import {
  blockActions,
  formBody,
  NOW_MS,
  NOW_S,
  SIGNING_SECRET,
  signedRequest
} from './slack-fixtures.js'

const options = { signingSecret: SIGNING_SECRET, clock: () => NOW_MS }
const body = formBody(blockActions({ value: 'v1.x.y' }))

function get(headers: HeaderSource, name: string): string {
  return (headers as Record<string, string>)[name] as string
}

describe('verifySlackRequest', () => {
  it('accepts a signed form request and returns its payload unparsed', async () => {
    const result = await verifySlackRequest(await signedRequest(body), options)
    expect(result.ok).toBe(true)
    expect(result.ok && JSON.parse(result.payload).type).toBe('block_actions')
  })

  it('reads headers from a fetch Headers object too', async () => {
    const req = await signedRequest(body)
    const headers = new Headers(req.headers as Record<string, string>)
    expect((await verifySlackRequest({ headers, body }, options)).ok).toBe(true)
  })

  it.each([
    ['a tampered body', async () => ({ ...(await signedRequest(body)), body: formBody('{}') })],
    ['another secret', () => signedRequest(body, { secret: 'not-the-signing-secret-000000' })],
    [
      'a missing signature',
      async () => {
        const r = await signedRequest(body)
        const headers = { ...(r.headers as Record<string, string>) }
        delete headers['X-Slack-Signature']
        return { ...r, headers }
      }
    ],
    [
      'a v1 signature',
      async () => {
        const r = await signedRequest(body)
        const h = r.headers as Record<string, string>
        return {
          ...r,
          headers: { ...h, 'X-Slack-Signature': h['X-Slack-Signature']!.replace('v0=', 'v1=') }
        }
      }
    ],
    [
      'a truncated signature',
      async () => {
        const r = await signedRequest(body)
        const h = r.headers as Record<string, string>
        return {
          ...r,
          headers: { ...h, 'X-Slack-Signature': h['X-Slack-Signature']!.slice(0, 40) }
        }
      }
    ],
    [
      'a non-numeric timestamp',
      async () => {
        const r = await signedRequest(body)
        return { ...r, headers: { ...r.headers, 'X-Slack-Request-Timestamp': 'now' } }
      }
    ]
  ])('refuses %s as bad-signature (401)', async (_name, make) => {
    const result = await verifySlackRequest(await make(), options)
    expect(result).toMatchObject({ ok: false, kind: 'bad-signature', status: 401 })
  })

  it('refuses timestamps more than 5 minutes off in either direction, and accepts the edges', async () => {
    const at = async (ts: number) =>
      verifySlackRequest(await signedRequest(body, { timestamp: ts }), options)
    expect(await at(NOW_S - 301)).toMatchObject({ ok: false, kind: 'stale', status: 401 })
    expect(await at(NOW_S + 301)).toMatchObject({ ok: false, kind: 'future', status: 401 })
    expect((await at(NOW_S - 300)).ok).toBe(true)
    expect((await at(NOW_S + 300)).ok).toBe(true)
  })

  it('refuses an oversized body before looking at the signature', async () => {
    const big = new Uint8Array(64 * 1024 + 1)
    const result = await verifySlackRequest({ headers: {}, body: big }, options)
    expect(result).toMatchObject({ ok: false, kind: 'too-large', status: 413 })
  })

  it('refuses a signed body that is not form-encoded', async () => {
    const json = new TextEncoder().encode(JSON.stringify(blockActions({ value: 'x' })))
    const req = await signedRequest(json, { contentType: 'application/json' })
    expect(await verifySlackRequest(req, options)).toMatchObject({ kind: 'not-form', status: 415 })
  })

  it('refuses a signed form without exactly one payload field', async () => {
    const enc = new TextEncoder()
    for (const text of ['command=%2Fdeploy', 'payload=', 'payload=a&payload=b']) {
      const result = await verifySlackRequest(await signedRequest(enc.encode(text)), options)
      expect(result).toMatchObject({ kind: 'missing-payload', status: 400 })
    }
  })

  it('never puts the signing secret in a refusal', async () => {
    const req = await signedRequest(body, { secret: 'wrong-secret-for-this-test-0000' })
    const result = await verifySlackRequest(req, options)
    expect(JSON.stringify(result)).not.toContain(SIGNING_SECRET)
  })
})

describe('cross-check with @slack/bolt verifySlackRequest', () => {
  const enc = new TextEncoder()
  // Bodies with non-ASCII text: both must sign the same UTF-8 bytes.
  const bodies = [body, formBody(blockActions({ value: 'v1.é.ü' })), enc.encode('payload=%7B%7D')]

  async function both(req: { headers: HeaderSource; body: Uint8Array }) {
    const ours = (await verifySlackRequest(req, options)).ok
    const bolt = isValidSlackRequest({
      signingSecret: SIGNING_SECRET,
      body: new TextDecoder().decode(req.body),
      headers: {
        'x-slack-signature': get(req.headers, 'X-Slack-Signature'),
        'x-slack-request-timestamp': Number(get(req.headers, 'X-Slack-Request-Timestamp'))
      },
      nowMilliseconds: NOW_MS
    })
    return { ours, bolt }
  }

  it('both accept the same signed requests', async () => {
    for (const b of bodies) {
      for (const ts of [NOW_S, NOW_S - 299, NOW_S + 120]) {
        expect(await both(await signedRequest(b, { timestamp: ts }))).toEqual({
          ours: true,
          bolt: true
        })
      }
    }
  })

  it('both refuse the same tampered and stale ones', async () => {
    for (const b of bodies) {
      const signed = await signedRequest(b)
      const h = signed.headers as Record<string, string>
      const sig = h['X-Slack-Signature']!
      const flipped = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0')
      const cases = [
        { ...signed, body: enc.encode(new TextDecoder().decode(b) + '&x=1') },
        { ...signed, headers: { ...h, 'X-Slack-Signature': flipped } },
        { ...signed, headers: { ...h, 'X-Slack-Request-Timestamp': String(NOW_S + 1) } },
        await signedRequest(b, { secret: 'another-secret-entirely-00000000' }),
        await signedRequest(b, { timestamp: NOW_S - 301 })
      ]
      for (const c of cases) expect(await both(c)).toEqual({ ours: false, bolt: false })
    }
  })

  it('differs only where documented: bolt accepts a timestamp from the future, the bridge does not', async () => {
    expect(await both(await signedRequest(body, { timestamp: NOW_S + 3600 }))).toEqual({
      ours: false,
      bolt: true
    })
  })
})
