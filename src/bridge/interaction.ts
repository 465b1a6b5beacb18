/**
 * One Slack click, end to end: verify → parse the `block_actions` payload → decode the clicked button's
 * value → authorize against the allowlist → claim the button set → dispatch → report through
 * `response_url`. Every outbound call is injected (`dispatch`, `respond`, `groupMembers`), so adapters
 * and tests decide how they happen. A request that fails verification makes no outbound call at all; a
 * verified click that is refused dispatches nothing and gets one ephemeral reply.
 */
import { errorMessage } from '../errors.js'
import type { ClaimResult, ClaimStore } from './claims.js'
import { mintApproval } from './approval.js'
import {
  authorize,
  type DispatchRequest,
  type GroupLookup,
  type Policy,
  type Target
} from './policy.js'
import { environmentOf, PROTECTION_CHOICES, runIdOf } from './protection.js'
import { decodeValue, type ButtonClaims } from './value.js'
import { verifySlackRequest, type Clock, type HeaderSource } from './verify.js'
import type { ProtectionDeps } from './webhook.js'

export interface BridgeRequest {
  headers: HeaderSource
  body: Uint8Array
}

export interface BridgeResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** What `dispatch` learned; `runId`/`runUrl` when GitHub returned run details. */
export interface DispatchResult {
  runId?: number
  runUrl?: string
}

/** A `response_url` message (Slack's JSON body). */
export interface SlackReply {
  text: string
  response_type?: 'ephemeral' | 'in_channel'
  replace_original?: boolean
}

export interface InteractionDeps {
  signingSecret: string
  policy: Policy
  claims: ClaimStore
  clock: Clock
  dispatch: (request: DispatchRequest) => Promise<DispatchResult>
  respond: (responseUrl: string, reply: SlackReply) => Promise<void>
  groupMembers?: GroupLookup
  /** One line per click; never given a secret. */
  log?: (line: string) => void
  /** Other values to keep out of log lines (the GitHub token or App private key the adapter holds). */
  secrets?: readonly string[]
  /** Only response URLs under this prefix are called (SSRF guard); tests point it at loopback. */
  responseUrlPrefix?: string
  maxBodyBytes?: number
  /** GitHub deployment protection rules (`kind: protection` targets); absent: not wired. */
  protection?: ProtectionDeps
}

export type Outcome =
  | { kind: 'rejected'; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'already-chosen'; holder: string }
  | { kind: 'dispatched'; runId?: number }
  | { kind: 'declined'; choice: string }
  | { kind: 'reviewed'; state: 'approved' | 'rejected'; runId: number }
  | { kind: 'posted'; runId: number }
  | { kind: 'ignored'; reason: string }
  | { kind: 'unknown' }

export interface Accepted {
  /** The acknowledgement to send Slack (an adapter sends it before `work` where it can). */
  response: BridgeResponse
  outcome?: Outcome
  /** The rest of the click; absent when the request was rejected outright. */
  work?: () => Promise<Outcome>
}

export const DEFAULT_RESPONSE_URL_PREFIX = 'https://hooks.slack.com/'
/** A claim outlives its button by the signature window, so a replay inside it still loses. */
const CLAIM_MARGIN_SECONDS = 360

const APPROVAL = /\{\{\s*approval\s*\}\}/

const TEXT = { 'content-type': 'text/plain; charset=utf-8' }

interface ParsedClick {
  value: string
  user: string
  /** Informative only (recorded with an approval); never used to decide anything. */
  userName: string
  channel: string
  responseUrl: string
}

function reject(status: number, reason: string, message: string): Accepted {
  return {
    response: { status, headers: TEXT, body: message },
    outcome: { kind: 'rejected', reason }
  }
}

type Json = Record<string, unknown>
const asMap = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** The parts of a block_actions payload the bridge uses; anything else is refused. */
function parseClick(payloadText: string, policy: Policy): ParsedClick | string {
  let payload: Json | undefined
  try {
    payload = asMap(JSON.parse(payloadText))
  } catch {
    return 'payload is not JSON'
  }
  if (!payload || payload.type !== 'block_actions') return 'payload is not a block_actions payload'
  const actions = payload.actions
  const action = Array.isArray(actions) && actions.length === 1 ? asMap(actions[0]) : undefined
  const value = asString(action?.value)
  if (!action || action.type !== 'button' || !value) return 'payload has no single button action'
  const user = asString(asMap(payload.user)?.id)
  const fromChannel = asString(asMap(payload.channel)?.id)
  const fromContainer = asString(asMap(payload.container)?.channel_id)
  const channel = fromChannel ?? fromContainer
  const responseUrl = asString(payload.response_url)
  if (!user || !channel || !responseUrl) return 'payload lacks user, channel or response_url'
  if (fromChannel && fromContainer && fromChannel !== fromContainer)
    return 'payload channels differ'
  const team = asString(asMap(payload.team)?.id) ?? asString(asMap(payload.user)?.team_id)
  if (policy.slack.teamId && team !== policy.slack.teamId) return 'payload is from another team'
  if (policy.slack.apiAppId && payload.api_app_id !== policy.slack.apiAppId) {
    return 'payload is for another app'
  }
  const userMap = asMap(payload.user)
  const userName = asString(userMap?.username) ?? asString(userMap?.name) ?? ''
  return { value, user, userName, channel, responseUrl }
}

/** Verifies and parses; pure apart from Web Crypto, so it fits any acknowledgement budget. */
export async function acceptInteraction(
  request: BridgeRequest,
  deps: InteractionDeps
): Promise<Accepted> {
  const verified = await verifySlackRequest(request, {
    signingSecret: deps.signingSecret,
    clock: deps.clock,
    maxBodyBytes: deps.maxBodyBytes
  })
  if (!verified.ok) return reject(verified.status, verified.kind, verified.message)
  const click = parseClick(verified.payload, deps.policy)
  if (typeof click === 'string') return reject(400, 'bad-payload', click)
  if (!click.responseUrl.startsWith(deps.responseUrlPrefix ?? DEFAULT_RESPONSE_URL_PREFIX)) {
    return reject(400, 'bad-response-url', 'response_url is not a Slack URL')
  }
  return {
    response: { status: 200, headers: TEXT, body: '' },
    work: () => complete(click, deps)
  }
}

/** The whole click inline (platforms that cannot work after responding dispatch before the ack). */
export async function handleInteraction(
  request: BridgeRequest,
  deps: InteractionDeps
): Promise<BridgeResponse & { outcome: Outcome }> {
  const accepted = await acceptInteraction(request, deps)
  const outcome = accepted.work ? await accepted.work() : (accepted.outcome as Outcome)
  if (!accepted.work) deps.log?.(`bridge: rejected (${describe(outcome)})`)
  return { ...accepted.response, outcome }
}

function describe(outcome: Outcome): string {
  return 'reason' in outcome ? outcome.reason : outcome.kind
}

const VALUE_TEXT: Record<string, string> = {
  expired: 'this button has expired',
  'wrong-channel': 'this button belongs to another channel'
}

async function complete(click: ParsedClick, deps: InteractionDeps): Promise<Outcome> {
  const log = (line: string): void => deps.log?.(redact(line, deps))
  const refuse = async (reason: string, text: string): Promise<Outcome> => {
    log(`bridge: refused ${reason} (user ${click.user}, channel ${click.channel})`)
    await reply(click, deps, { response_type: 'ephemeral', replace_original: false, text }, log)
    return { kind: 'refused', reason }
  }
  const decoded = await decodeValue(click.value, {
    keysFor: (t) => deps.policy.targets.get(t)?.keys,
    channel: click.channel,
    clock: deps.clock
  })
  if (!decoded.ok) {
    return refuse(
      decoded.reason,
      `🚫 Not allowed: ${VALUE_TEXT[decoded.reason] ?? 'invalid button'}`
    )
  }
  const b = decoded.claims
  const approval = await approvalFor(click, b, deps)
  if (approval === null)
    return refuse('approval', '⚠️ Could not sign the approval; nothing was started.')
  const auth = await authorize(
    deps.policy,
    {
      target: b.t,
      choice: b.o,
      channel: click.channel,
      user: click.user,
      context: b.c,
      run: b.r,
      ...(approval ? { approval } : {})
    },
    deps.groupMembers
  )
  if (!auth.ok) return refuse(auth.reason, `🚫 Not allowed: ${auth.message}`)
  const target = deps.policy.targets.get(b.t)
  const review = target?.kind === 'protection' ? reviewOf(b, target) : undefined
  if (target?.kind === 'protection' && (!review || !deps.protection)) {
    return refuse(
      'protection',
      '⚠️ This button cannot be answered here; nothing was sent to GitHub.'
    )
  }
  let claim: ClaimResult
  try {
    claim = await deps.claims.claim(
      `${b.t}:${b.n}`,
      JSON.stringify({ u: click.user, o: b.o }),
      claimTtl(b, deps.clock)
    )
  } catch (error) {
    // Fail closed: without a claim nothing is dispatched, and nothing has started, so a retry is safe.
    log(`bridge: claim store failed: ${errorMessage(error)}`)
    return refuse('claim-store', '⚠️ Could not record the choice; nothing was started. Try again.')
  }
  if (!claim.won) {
    const text = `Already chosen by ${holderText(claim.holder)}`
    log(`bridge: already chosen (target ${b.t}, user ${click.user})`)
    await reply(click, deps, { response_type: 'ephemeral', replace_original: false, text }, log)
    return { kind: 'already-chosen', holder: claim.holder }
  }
  if (review && deps.protection) return reviewAndReport(click, review, deps.protection, deps, log)
  if (target?.reject.includes(b.o)) {
    // A reject choice: the claim records it (a later click gets "already chosen"); nothing runs.
    log(`bridge: declined ${b.o} for target ${b.t} (user ${click.user})`)
    const text = `❌ *${b.o}* chosen by <@${click.user}> — nothing was started`
    await reply(click, deps, { replace_original: true, text }, log)
    return { kind: 'declined', choice: b.o }
  }
  return dispatchAndReport(click, b, auth.dispatch, deps, log)
}

interface Review {
  repository: string
  runId: string
  environment: string
  state: 'approved' | 'rejected'
}

/** The review a protection button asks for; the environment must still be one the allowlist lists. */
function reviewOf(b: ButtonClaims, target: Target): Review | undefined {
  const runId = runIdOf(b.c)
  const environment =
    environmentOf(b.c) ?? (target.environments.length === 1 ? target.environments[0] : undefined)
  const state = PROTECTION_CHOICES[b.o as keyof typeof PROTECTION_CHOICES] as
    'approved' | 'rejected' | undefined
  if (!runId || !environment || !state || !target.environments.includes(environment))
    return undefined
  return { repository: target.repository, runId, environment, state }
}

/** Answers GitHub's review callback instead of dispatching, then replaces the buttons. */
async function reviewAndReport(
  click: ParsedClick,
  review: Review,
  protection: ProtectionDeps,
  deps: InteractionDeps,
  log: (line: string) => void
): Promise<Outcome> {
  const verdict = `${review.state === 'approved' ? '✅ approved' : '❌ rejected'} by <@${click.user}>`
  const what = `${review.repository} run ${review.runId} (${review.environment})`
  const who = click.userName ? `${click.userName} (${click.user})` : click.user
  try {
    await protection.review({ ...review, comment: `${review.state} in Slack by ${who}` })
  } catch (error) {
    // The claim stays: GitHub may have recorded it; the run can still be reviewed in GitHub itself.
    log(`bridge: review of ${what} failed: ${errorMessage(error)}`)
    const text = `⚠️ ${verdict} — GitHub did not take the review; answer it in ${review.repository}'s Actions run ${review.runId}`
    await reply(click, deps, { replace_original: true, text }, log)
    return { kind: 'unknown' }
  }
  log(`bridge: ${review.state} ${what} (user ${click.user})`)
  await reply(click, deps, { replace_original: true, text: `${verdict} — ${what}` }, log)
  return { kind: 'reviewed', state: review.state, runId: Number(review.runId) }
}

/**
 * The signed approval (`{{approval}}`) for a target whose inputs ask for it, under the target's current
 * key, bound to the clicked button set's nonce; null when it cannot be minted (a malformed field).
 */
async function approvalFor(
  click: ParsedClick,
  b: ButtonClaims,
  deps: InteractionDeps
): Promise<string | undefined | null> {
  const target = deps.policy.targets.get(b.t)
  const key = target?.keys[0]
  if (!target || !key || !Object.values(target.inputs).some((t) => APPROVAL.test(t)))
    return undefined
  try {
    return await mintApproval(
      {
        target: b.t,
        contextId: b.c,
        choice: b.o,
        // The name is informative; a name the approval format refuses is left out rather than refused.
        user: { id: click.user, name: click.userName.replace(/[\r\n]/g, ' ').slice(0, 128) },
        nonce: b.n,
        ...(b.r ? { run: b.r } : {}),
        clock: deps.clock
      },
      key
    )
  } catch (error) {
    deps.log?.(redact(`bridge: approval not minted: ${errorMessage(error)}`, deps))
    return null
  }
}

async function dispatchAndReport(
  click: ParsedClick,
  b: ButtonClaims,
  request: DispatchRequest,
  deps: InteractionDeps,
  log: (line: string) => void
): Promise<Outcome> {
  const chosen = `⏳ *${b.o}* chosen by <@${click.user}>`
  let result: DispatchResult
  try {
    result = await deps.dispatch(request)
  } catch (error) {
    // The claim stays: the run may have started; a second click must not start another.
    log(`bridge: dispatch outcome unknown for ${request.repository}: ${errorMessage(error)}`)
    const text = `${chosen} — dispatch outcome unknown; check ${request.repository}'s Actions runs`
    await reply(click, deps, { replace_original: true, text }, log)
    return { kind: 'unknown' }
  }
  const run = result.runUrl
    ? `<${result.runUrl}|run${result.runId ? ` #${result.runId}` : ''}>`
    : `run of ${request.workflow} requested`
  log(`bridge: dispatched ${request.repository} ${request.workflow} (user ${click.user})`)
  await reply(click, deps, { replace_original: true, text: `${chosen} — ${run}` }, log)
  return result.runId === undefined
    ? { kind: 'dispatched' }
    : { kind: 'dispatched', runId: result.runId }
}

function claimTtl(b: ButtonClaims, clock: Clock): number {
  return Math.max(1, b.e - Math.floor(clock() / 1000)) + CLAIM_MARGIN_SECONDS
}

function holderText(holder: string): string {
  try {
    const h = JSON.parse(holder) as { u?: unknown; o?: unknown }
    if (typeof h.u === 'string' && typeof h.o === 'string') return `<@${h.u}> (${h.o})`
  } catch {
    // fall through: a holder written by something else
  }
  return 'someone else'
}

/** A failed reply is logged, never thrown: the click's outcome does not depend on it. */
async function reply(
  click: ParsedClick,
  deps: InteractionDeps,
  message: SlackReply,
  log: (line: string) => void
): Promise<void> {
  try {
    await deps.respond(click.responseUrl, message)
  } catch (error) {
    log(`bridge: response_url reply failed: ${errorMessage(error)}`)
  }
}

/** Removes the signing secret, the webhook secret and every target key from a log line. */
export function redact(line: string, deps: InteractionDeps): string {
  const secrets = [
    deps.signingSecret,
    deps.protection?.webhookSecret ?? '',
    ...(deps.secrets ?? [])
  ]
  for (const t of deps.policy.targets.values()) for (const k of t.keys) secrets.push(k.secret)
  return secrets.filter((s) => s.length > 0).reduce((out, s) => out.split(s).join('***'), line)
}
