/**
 * The signed approval the bridge hands to the run it dispatches:
 * `a1.<b64url(JSON payload)>.<b64url(HMAC-SHA256(targetKey, "approval:" + payloadSegment))>`.
 *
 * Anyone with write access can start a `workflow_dispatch` by hand with `choice=prod`; the run records an
 * approval only when this token verifies under the target's key and names the run's context and choice.
 * The MAC input carries an `approval:` prefix so a button value (same key, readable by everyone in the
 * channel) can never be passed off as an approval. Runtime-neutral: Web Crypto only.
 */
import { hmacKey, type Clock } from './verify.js'
import { b64url, CONTEXT_ID, fromB64url, randomNonce, type TargetKey } from './value.js'

export interface ApprovalClaims {
  /** Target name in the bridge's allowlist. */
  t: string
  /** Context id. */
  c: string
  /** The choice approved. */
  o: string
  /** Slack user id of the person who clicked. */
  u: string
  /** Their Slack user name, informative only (never used to decide anything). */
  un: string
  /** Issued at, epoch seconds. */
  iat: number
  /** Expiry, epoch seconds. */
  e: number
  /** Nonce: the button set's nonce (one approval per message), or a fresh one. */
  n: string
  /** Id of the key that signed it. */
  k: string
  /** Originating run id, when the button carried one. */
  r?: string
}

export type ApprovalRefusal =
  | 'missing'
  | 'malformed'
  | 'bad-mac'
  | 'wrong-context'
  | 'wrong-choice'
  | 'wrong-target'
  | 'expired'
  | 'future'

export type ApprovalResult =
  { ok: true; claims: ApprovalClaims } | { ok: false; reason: ApprovalRefusal; message: string }

/** How long a dispatched run has to start and verify it, by default (a queued runner can take a while). */
export const DEFAULT_APPROVAL_TTL_SECONDS = 6 * 3600
/** Clock skew tolerated between the bridge and the runner for `iat`. */
const MAX_FUTURE_SECONDS = 300
const MAX_TOKEN_LENGTH = 2000
const SHORT_ID = /^[A-Za-z0-9._:-]{1,128}$/
const encoder = new TextEncoder()
const macInput = (segment: string): Uint8Array => encoder.encode(`approval:${segment}`)

function problem(c: ApprovalClaims): string | undefined {
  if (typeof c !== 'object' || c === null) return 'payload is not an object'
  if (typeof c.t !== 'string' || !SHORT_ID.test(c.t)) return 'target (t) is missing or malformed'
  if (typeof c.c !== 'string' || !CONTEXT_ID.test(c.c)) return 'context id (c) is malformed'
  if (typeof c.o !== 'string' || !SHORT_ID.test(c.o)) return 'choice (o) is missing or malformed'
  if (typeof c.u !== 'string' || !/^[A-Z0-9]{2,32}$/.test(c.u)) return 'user id (u) is malformed'
  if (typeof c.un !== 'string' || c.un.length > 128 || /[\r\n]/.test(c.un)) {
    return 'user name (un) is malformed'
  }
  for (const [name, v] of [
    ['iat', c.iat],
    ['e', c.e]
  ] as const) {
    if (!Number.isSafeInteger(v) || v <= 0) return `${name} is not an epoch-seconds integer`
  }
  if (c.e <= c.iat) return 'expiry (e) is not after iat'
  if (typeof c.n !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(c.n))
    return 'nonce (n) is malformed'
  if (typeof c.k !== 'string' || !SHORT_ID.test(c.k)) return 'key id (k) is malformed'
  if (c.r !== undefined && (typeof c.r !== 'string' || !/^\d{1,20}$/.test(c.r))) {
    return 'run id (r) must be digits'
  }
  return undefined
}

export interface MintApprovalInput {
  target: string
  contextId: string
  choice: string
  user: { id: string; name?: string }
  /** Defaults to a fresh nonce; the bridge passes the clicked button set's nonce. */
  nonce?: string
  /** Originating run id (the button's `r`). */
  run?: string
  clock: Clock
  ttlSeconds?: number
}

/**
 * Mints an approval under the target's current key. The bridge calls it after winning the claim and
 * passes the result as the `approval` workflow_dispatch input. Throws on a malformed field.
 */
export async function mintApproval(input: MintApprovalInput, key: TargetKey): Promise<string> {
  const iat = Math.floor(input.clock() / 1000)
  const claims: ApprovalClaims = {
    t: input.target,
    c: input.contextId,
    o: input.choice,
    u: input.user.id,
    un: input.user.name ?? '',
    iat,
    e: iat + (input.ttlSeconds ?? DEFAULT_APPROVAL_TTL_SECONDS),
    n: input.nonce ?? randomNonce(),
    k: key.id,
    ...(input.run ? { r: input.run } : {})
  }
  const bad = problem(claims)
  if (bad) throw new Error(`bridge approval: ${bad}`)
  const segment = b64url(encoder.encode(JSON.stringify(claims)))
  const cryptoKey = await hmacKey(key.secret, 'sign')
  const mac = await globalThis.crypto.subtle.sign('HMAC', cryptoKey, macInput(segment))
  return `a1.${segment}.${b64url(new Uint8Array(mac))}`
}

export interface VerifyApprovalOptions {
  /** The target's valid key secrets (current and previous): each is tried, so rotation needs no ids. */
  secrets: readonly string[]
  /** The context the run works on: the approval must name it. */
  contextId: string
  /** The choice the run acts on, when it has one (`inputs.choice`): the approval must name it. */
  choice?: string
  /** The target the run serves, when it names one. */
  target?: string
  clock: Clock
}

function refuse(reason: ApprovalRefusal, message: string): ApprovalResult {
  return { ok: false, reason, message }
}

/** Verifies an approval: MAC first, then the context, choice and target it names, then its time window. */
export async function verifyApproval(
  token: string,
  options: VerifyApprovalOptions
): Promise<ApprovalResult> {
  if (typeof token !== 'string' || !token.trim()) return refuse('missing', 'no approval was given')
  const text = token.trim()
  if (text.length > MAX_TOKEN_LENGTH)
    return refuse('malformed', 'approval is not a bridge approval')
  const [version, segment, macText, extra] = text.split('.')
  const mac = macText === undefined ? undefined : fromB64url(macText)
  if (version !== 'a1' || !segment || !mac || mac.length !== 32 || extra !== undefined) {
    return refuse('malformed', 'approval is not a bridge approval')
  }
  let verified = false
  for (const secret of options.secrets) {
    const key = await hmacKey(secret, 'verify')
    if (await globalThis.crypto.subtle.verify('HMAC', key, mac, macInput(segment))) verified = true
  }
  // Nothing of an unverified payload is reported: it could say anything.
  if (!verified) return refuse('bad-mac', 'approval signature does not match the approval key')
  let claims: ApprovalClaims
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromB64url(segment)))
  } catch {
    return refuse('malformed', 'approval payload is not JSON')
  }
  const bad = problem(claims)
  if (bad) return refuse('malformed', `approval: ${bad}`)
  if (claims.c !== options.contextId) {
    return refuse(
      'wrong-context',
      `approval is for context '${claims.c}', not '${options.contextId}'`
    )
  }
  if (options.choice !== undefined && claims.o !== options.choice) {
    return refuse('wrong-choice', `approval is for choice '${claims.o}', not '${options.choice}'`)
  }
  if (options.target !== undefined && claims.t !== options.target) {
    return refuse('wrong-target', `approval is for target '${claims.t}', not '${options.target}'`)
  }
  const now = Math.floor(options.clock() / 1000)
  if (claims.e <= now) return refuse('expired', 'approval has expired')
  if (claims.iat > now + MAX_FUTURE_SECONDS)
    return refuse('future', 'approval is issued in the future')
  return { ok: true, claims }
}
