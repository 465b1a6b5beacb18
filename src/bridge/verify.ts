/**
 * Slack request verification (signing secret, v0). Runtime-neutral: Web Crypto and plain data only, so
 * the same code runs on Node, Workers and Lambda. Nothing in the body is parsed before the signature and
 * the timestamp window have been checked.
 */

/** Milliseconds since the epoch; injected so the window is tested without waiting. */
export type Clock = () => number

/** Header lookup that works for a fetch `Headers` object and for a plain record (Node, Lambda). */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>

export type RefusalKind =
  'too-large' | 'bad-signature' | 'stale' | 'future' | 'not-form' | 'missing-payload'

export type VerifyResult =
  { ok: true; payload: string } | { ok: false; kind: RefusalKind; status: number; message: string }

export interface VerifyOptions {
  signingSecret: string
  clock: Clock
  /** Largest body accepted, in bytes (default 64 KiB; a block_actions payload is a few KiB). */
  maxBodyBytes?: number
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024
/** Slack's window: a request more than 5 minutes older or newer than our clock is refused. */
export const MAX_SKEW_SECONDS = 300

const STATUS: Record<RefusalKind, number> = {
  'too-large': 413,
  'bad-signature': 401,
  stale: 401,
  future: 401,
  'not-form': 415,
  'missing-payload': 400
}

export function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined
  }
  const record = headers as Record<string, string | readonly string[] | undefined>
  const lower = name.toLowerCase()
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== lower) continue
    const value = record[key]
    return typeof value === 'string' ? value : value?.[0]
  }
  return undefined
}

function refuse(kind: RefusalKind, message: string): VerifyResult {
  return { ok: false, kind, status: STATUS[kind], message }
}

const encoder = new TextEncoder()

function hexToBytes(hex: string): Uint8Array | undefined {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** HMAC-SHA256 key for sign or verify; the secret's UTF-8 bytes, as Slack and bolt use them. */
export type HmacKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>

export function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<HmacKey> {
  return globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage]
  )
}

/** `v0:<timestamp>:` followed by the raw body bytes, exactly as received (never a re-serialisation). */
function baseString(timestamp: string, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`v0:${timestamp}:`)
  const out = new Uint8Array(prefix.length + body.length)
  out.set(prefix)
  out.set(body, prefix.length)
  return out
}

/** Checks the signature and the timestamp window (both directions) of a raw request body. */
export async function verifySignature(
  headers: HeaderSource,
  body: Uint8Array,
  options: VerifyOptions
): Promise<VerifyResult | undefined> {
  const timestamp = header(headers, 'x-slack-request-timestamp')
  const signature = header(headers, 'x-slack-signature')
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return refuse('bad-signature', 'missing or malformed X-Slack-Request-Timestamp')
  }
  const expected = signature?.startsWith('v0=') ? hexToBytes(signature.slice(3)) : undefined
  if (!expected) return refuse('bad-signature', 'missing or malformed X-Slack-Signature')
  const skew = Number(timestamp) - Math.floor(options.clock() / 1000)
  if (skew < -MAX_SKEW_SECONDS)
    return refuse('stale', 'request timestamp is more than 5 minutes old')
  if (skew > MAX_SKEW_SECONDS) {
    return refuse('future', 'request timestamp is more than 5 minutes in the future')
  }
  // subtle.verify compares in constant time; a length mismatch cannot occur (hexToBytes gives 32 bytes).
  const key = await hmacKey(options.signingSecret, 'verify')
  const valid = await globalThis.crypto.subtle.verify(
    'HMAC',
    key,
    expected,
    baseString(timestamp, body)
  )
  return valid ? undefined : refuse('bad-signature', 'signature does not match')
}

function isForm(contentType: string | undefined): boolean {
  const media = contentType?.split(';')[0]?.trim().toLowerCase()
  return media === 'application/x-www-form-urlencoded'
}

/**
 * Verifies a Slack interactivity request and returns its `payload` field (still JSON text, unparsed).
 * Order: size, signature and timestamp, then content type and the form itself.
 */
export async function verifySlackRequest(
  request: { headers: HeaderSource; body: Uint8Array },
  options: VerifyOptions
): Promise<VerifyResult> {
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (request.body.byteLength > max) {
    return refuse('too-large', `request body is over ${max} bytes`)
  }
  const refused = await verifySignature(request.headers, request.body, options)
  if (refused) return refused
  if (!isForm(header(request.headers, 'content-type'))) {
    return refuse('not-form', 'content type is not application/x-www-form-urlencoded')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(request.body)
  } catch {
    return refuse('not-form', 'request body is not UTF-8')
  }
  const payloads = new URLSearchParams(text).getAll('payload')
  if (payloads.length !== 1 || !payloads[0]) {
    return refuse('missing-payload', 'form has no single payload field')
  }
  return { ok: true, payload: payloads[0] }
}

/** Signs a body as Slack does (tests, the Socket Mode adapter's loopback, benchmarks). */
export async function signSlackRequest(
  signingSecret: string,
  timestamp: number,
  body: Uint8Array
): Promise<string> {
  const key = await hmacKey(signingSecret, 'sign')
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, baseString(String(timestamp), body))
  return `v0=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}
