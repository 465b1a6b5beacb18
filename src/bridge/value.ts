/**
 * The bridge's button value: `v1.<b64url(JSON payload)>.<b64url(HMAC-SHA256(targetKey, payloadSegment))>`.
 * Slack's signature only proves a click came through Slack; anyone with the bot token can post buttons,
 * so the value carries its own MAC under a key per target, bound to a channel and an expiry.
 */
import { hmacKey, type Clock } from './verify.js'

/** What a button names. Short keys keep the value well under Slack's 2,000-character limit. */
export interface ButtonClaims {
  /** Target name in the bridge's allowlist. */
  t: string
  /** Context id. */
  c: string
  /** Channel id the button was posted to. */
  ch: string
  /** The choice this button makes. */
  o: string
  /** Nonce shared by every button of one message (the "first choice wins" key). */
  n: string
  /** Expiry, epoch seconds. */
  e: number
  /** Id of the target key that signed it (rotation). */
  k: string
  /** Originating run id, when the poster knew it (for a `{{run}}` input). */
  r?: string
}

export interface TargetKey {
  id: string
  secret: string
}

export type ValueRefusal =
  'malformed' | 'unknown-target' | 'unknown-key' | 'bad-mac' | 'wrong-channel' | 'expired'

export type DecodeResult =
  { ok: true; claims: ButtonClaims } | { ok: false; reason: ValueRefusal; message: string }

/** Slack's limit on a button's `value`. */
export const MAX_VALUE_LENGTH = 2000
export const CONTEXT_ID = /^[A-Za-z0-9._-]{1,128}$/
const SHORT_ID = /^[A-Za-z0-9._:-]{1,128}$/

const encoder = new TextEncoder()

export function b64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromB64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
    return Uint8Array.from(binary, (c) => c.charCodeAt(0))
  } catch {
    return undefined
  }
}

export function randomNonce(): string {
  return b64url(globalThis.crypto.getRandomValues(new Uint8Array(16)))
}

/** The first problem with a claims object, or undefined; shared by mint (author error) and decode. */
function problem(c: ButtonClaims): string | undefined {
  if (typeof c !== 'object' || c === null) return 'payload is not an object'
  if (typeof c.t !== 'string' || !SHORT_ID.test(c.t)) return 'target (t) is missing or malformed'
  if (typeof c.c !== 'string' || !CONTEXT_ID.test(c.c)) {
    return 'context id (c) must match ^[A-Za-z0-9._-]{1,128}$'
  }
  if (typeof c.ch !== 'string' || !SHORT_ID.test(c.ch))
    return 'channel (ch) is missing or malformed'
  if (typeof c.o !== 'string' || !SHORT_ID.test(c.o)) return 'choice (o) is missing or malformed'
  if (typeof c.n !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(c.n)) {
    return 'nonce (n) is missing or malformed'
  }
  if (!Number.isSafeInteger(c.e) || c.e <= 0) return 'expiry (e) is not an epoch-seconds integer'
  if (typeof c.k !== 'string' || !SHORT_ID.test(c.k)) return 'key id (k) is missing or malformed'
  if (c.r !== undefined && (typeof c.r !== 'string' || !/^\d{1,20}$/.test(c.r))) {
    return 'run id (r) must be digits'
  }
  return undefined
}

/**
 * Mints a button value. `claims.k` is taken from `key.id`; `n` defaults to a fresh random nonce (pass
 * the same nonce for every button of one message). Throws on a malformed claim or an over-long value.
 */
export async function mintValue(
  claims: Omit<ButtonClaims, 'k' | 'n'> & { n?: string },
  key: TargetKey
): Promise<string> {
  const full: ButtonClaims = { ...claims, n: claims.n ?? randomNonce(), k: key.id }
  const bad = problem(full)
  if (bad) throw new Error(`bridge button value: ${bad}`)
  const segment = b64url(encoder.encode(JSON.stringify(full)))
  const cryptoKey = await hmacKey(key.secret, 'sign')
  const mac = await globalThis.crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(segment))
  const value = `v1.${segment}.${b64url(new Uint8Array(mac))}`
  if (value.length > MAX_VALUE_LENGTH) {
    throw new Error(
      `bridge button value is ${value.length} characters, over Slack's ${MAX_VALUE_LENGTH}`
    )
  }
  return value
}

function refuse(reason: ValueRefusal, message: string): DecodeResult {
  return { ok: false, reason, message }
}

/**
 * Decodes and verifies a button value. `keysFor(target)` returns the target's valid keys (the
 * allowlist's), so a value minted under one target's key never verifies for another target. `channel`
 * is the channel the click came from.
 */
export async function decodeValue(
  value: string,
  options: {
    keysFor: (target: string) => readonly TargetKey[] | undefined
    channel: string
    clock: Clock
  }
): Promise<DecodeResult> {
  if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) {
    return refuse('malformed', 'button value is not a bridge value')
  }
  const [version, segment, macText, extra] = value.split('.')
  const mac = macText === undefined ? undefined : fromB64url(macText)
  if (version !== 'v1' || !segment || !mac || mac.length !== 32 || extra !== undefined) {
    return refuse('malformed', 'button value is not a bridge value')
  }
  let claims: ButtonClaims
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromB64url(segment)))
  } catch {
    return refuse('malformed', 'button value payload is not JSON')
  }
  const bad = problem(claims)
  if (bad) return refuse('malformed', `button value: ${bad}`)
  const keys = options.keysFor(claims.t)
  if (!keys) return refuse('unknown-target', `target "${claims.t}" is not in the allowlist`)
  const key = keys.find((k) => k.id === claims.k)
  if (!key) return refuse('unknown-key', `key "${claims.k}" is not valid for target "${claims.t}"`)
  const cryptoKey = await hmacKey(key.secret, 'verify')
  // Verified over the segment as received: an altered payload or a foreign key fails here.
  if (!(await globalThis.crypto.subtle.verify('HMAC', cryptoKey, mac, encoder.encode(segment)))) {
    return refuse('bad-mac', 'button value signature does not match')
  }
  if (claims.ch !== options.channel) {
    return refuse('wrong-channel', 'button was posted for another channel')
  }
  if (claims.e <= Math.floor(options.clock() / 1000)) {
    return refuse('expired', 'button has expired')
  }
  return { ok: true, claims }
}
