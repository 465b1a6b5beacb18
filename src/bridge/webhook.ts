/**
 * GitHub's `deployment_protection_rule` webhook, wired: verify `X-Hub-Signature-256` BEFORE reading the
 * body, keep only action `requested` for a repository and environment a `kind: protection` target of the
 * allowlist lists, and post that target's approve / reject message to its channel. Everything else is
 * answered without an outbound call: 401 when unverified, 202 "ignored: …" for events the bridge does not
 * act on (GitHub shows the reason in the App's delivery log), 400 for a malformed request.
 * Runtime-neutral: Web Crypto and the injected `postMessage`.
 */
import { errorMessage } from '../errors.js'
import type { BridgeRequest, BridgeResponse, InteractionDeps, Outcome } from './interaction.js'
import { redact } from './interaction.js'
import { protectionTarget } from './policy.js'
import { parseProtectionRule, protectionMessage, verifyGithubWebhook } from './protection.js'
import { DEFAULT_MAX_BODY_BYTES, header } from './verify.js'

/** What the protection-rule wiring needs beyond a click's dependencies. */
export interface ProtectionDeps {
  /** The GitHub App's webhook secret. */
  webhookSecret: string
  /** Posts a Slack message (`chat.postMessage`). */
  postMessage: (message: Record<string, unknown>) => Promise<void>
  /** Answers a waiting run (`answerProtectionRule` with an installation token for that repository). */
  review: (review: {
    repository: string
    runId: string
    environment: string
    state: 'approved' | 'rejected'
    comment: string
  }) => Promise<number>
  /** The API base the payload's callback URL must be on (default https://api.github.com). */
  apiBase?: string
  /** How long the buttons stay valid (default one hour). */
  ttlSeconds?: number
}

export type WebhookResult = BridgeResponse & { outcome: Outcome }

const TEXT = { 'content-type': 'text/plain; charset=utf-8' }
const answer = (status: number, body: string, outcome: Outcome): WebhookResult => ({
  status,
  headers: TEXT,
  body,
  outcome
})
const ignored = (reason: string): WebhookResult =>
  answer(202, `ignored: ${reason}`, { kind: 'ignored', reason })

export async function handleGithubWebhook(
  request: BridgeRequest,
  deps: InteractionDeps
): Promise<WebhookResult> {
  const protection = deps.protection
  if (!protection) {
    return answer(404, 'GitHub webhooks are not configured', {
      kind: 'rejected',
      reason: 'not-configured'
    })
  }
  const max = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (request.body.byteLength > max) {
    return answer(413, 'request body too large', { kind: 'rejected', reason: 'too-large' })
  }
  const signature = header(request.headers, 'x-hub-signature-256')
  if (!(await verifyGithubWebhook(request.body, signature, protection.webhookSecret))) {
    return answer(401, 'signature mismatch', { kind: 'rejected', reason: 'signature' })
  }
  const event = header(request.headers, 'x-github-event')
  if (event === 'ping') return answer(200, 'pong', { kind: 'ignored', reason: 'ping' })
  if (event !== 'deployment_protection_rule') return ignored(`event ${event ?? '(none)'}`)
  let payload: unknown
  try {
    payload = JSON.parse(new TextDecoder().decode(request.body))
  } catch {
    return answer(400, 'payload is not JSON', { kind: 'rejected', reason: 'bad-payload' })
  }
  const action = (payload as { action?: unknown } | null)?.action
  if (action !== 'requested') return ignored(`action ${String(action)}`)
  const parsed = parseProtectionRule(payload, protection.apiBase)
  if (!parsed.ok) {
    return answer(400, parsed.message, { kind: 'rejected', reason: 'bad-payload' })
  }
  const { repository, environment, runId } = parsed.request
  const target = protectionTarget(deps.policy, repository, environment)
  const key = target?.keys[0]
  if (!target?.channel || !key) {
    return ignored(`no protection target lists ${repository} environment ${environment}`)
  }
  const message = await protectionMessage(parsed.request, {
    target: target.name,
    channel: target.channel,
    key,
    clock: deps.clock,
    ...(protection.ttlSeconds ? { ttlSeconds: protection.ttlSeconds } : {})
  })
  const what = `${repository} run ${runId} (${environment})`
  try {
    await protection.postMessage(message.body)
  } catch (error) {
    // 502 lets GitHub's delivery log show it; a redelivery posts again (new buttons, new nonce).
    deps.log?.(redact(`bridge: could not post ${what}: ${errorMessage(error)}`, deps))
    return answer(502, 'could not post to Slack', { kind: 'unknown' })
  }
  deps.log?.(`bridge: protection rule ${what} posted to ${target.channel} (target ${target.name})`)
  return answer(200, 'posted', { kind: 'posted', runId: Number(runId) })
}
