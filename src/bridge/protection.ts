/**
 * The second kind of bridge target: a job waiting on a GitHub environment with a custom deployment
 * protection rule. The bridge, as a GitHub App, receives `deployment_protection_rule` (this verifies the
 * webhook and reads it), posts approve / reject buttons (signed like any bridge button: the context is the
 * run, `run-<id>`), and on a click answers GitHub's review callback. The waiting job keeps its SHA,
 * artifacts and audit trail, and no runner is held. Runtime-neutral: Web Crypto and an injected `fetch`.
 */
import { hmacKey, type Clock } from './verify.js'
import { mintValue, randomNonce, type TargetKey } from './value.js'

export type ReviewState = 'approved' | 'rejected'
/** The two choices a protection-rule message offers. */
export const PROTECTION_CHOICES = { approve: 'approved', reject: 'rejected' } as const

export interface ProtectionRequest {
  /** `owner/name`. */
  repository: string
  environment: string
  /** The waiting workflow run (from the callback URL). */
  runId: string
  /** The SHA the waiting job deploys, when the payload names it. */
  sha?: string
  ref?: string
  installationId?: number
  /** Who triggered the run (the payload's sender), informative. */
  sender?: string
}

export type ProtectionParse =
  { ok: true; request: ProtectionRequest } | { ok: false; message: string }

const encoder = new TextEncoder()
const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/

/**
 * GitHub's webhook signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>`, compared
 * in constant time by `subtle.verify`. Check it before parsing the body.
 */
export async function verifyGithubWebhook(
  body: string | Uint8Array,
  signature: string | null | undefined,
  secret: string
): Promise<boolean> {
  const m = typeof signature === 'string' ? /^sha256=([0-9a-f]{64})$/.exec(signature.trim()) : null
  if (!m) return false
  const mac = Uint8Array.from((m[1] as string).match(/../g) as string[], (h) => parseInt(h, 16))
  const bytes = typeof body === 'string' ? encoder.encode(body) : body
  const key = await hmacKey(secret, 'verify')
  return globalThis.crypto.subtle.verify('HMAC', key, mac, bytes)
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}

/**
 * Reads a verified `deployment_protection_rule` payload (`X-GitHub-Event: deployment_protection_rule`,
 * action `requested`). The run id comes from `deployment_callback_url`, which must be this repository's
 * review endpoint on `apiBase`: the answer is later sent there with the App's token, so nothing else is
 * accepted.
 */
export function parseProtectionRule(
  payload: unknown,
  apiBase = 'https://api.github.com'
): ProtectionParse {
  const p = obj(payload)
  if (p.action !== 'requested')
    return { ok: false, message: `action '${String(p.action)}' is not 'requested'` }
  const repository = text(obj(p.repository).full_name)
  if (!repository || !REPOSITORY.test(repository)) {
    return { ok: false, message: 'repository.full_name is missing or malformed' }
  }
  const environment = text(p.environment)
  if (!environment || environment.length > 255)
    return { ok: false, message: 'environment is missing' }
  const callback = text(p.deployment_callback_url) ?? ''
  const prefix = `${apiBase.replace(/\/+$/, '')}/repos/${repository}/actions/runs/`
  const runId = callback.startsWith(prefix)
    ? /^(\d{1,20})\/deployment_protection_rule$/.exec(callback.slice(prefix.length))?.[1]
    : undefined
  if (!runId) {
    return {
      ok: false,
      message: `deployment_callback_url is not ${prefix}<run id>/deployment_protection_rule`
    }
  }
  const deployment = obj(p.deployment)
  const installationId = obj(p.installation).id
  return {
    ok: true,
    request: {
      repository,
      environment,
      runId,
      ...(text(deployment.sha) ? { sha: deployment.sha as string } : {}),
      ...(text(deployment.ref) ? { ref: deployment.ref as string } : {}),
      ...(typeof installationId === 'number' ? { installationId } : {}),
      ...(text(obj(p.sender).login) ? { sender: obj(p.sender).login as string } : {})
    }
  }
}

/**
 * The context id a protection-rule button carries: the waiting run, and the environment it waits on
 * when the name fits a context id (`run-<id>.<environment>`; a run can wait on several environments, and
 * GitHub's review names one).
 */
export function protectionContextId(runId: string, environment?: string): string {
  return environment && ENVIRONMENT_IN_CONTEXT.test(environment)
    ? `run-${runId}.${environment}`
    : `run-${runId}`
}

const ENVIRONMENT_IN_CONTEXT = /^[A-Za-z0-9._-]{1,100}$/
const RUN_CONTEXT = /^run-(\d{1,20})(?:\.([A-Za-z0-9._-]{1,100}))?$/

/** The run id back from a decoded button's context id, or undefined when it is not a run context. */
export function runIdOf(contextId: string): string | undefined {
  return RUN_CONTEXT.exec(contextId)?.[1]
}

/** The environment a protection button's context id names, if any. */
export function environmentOf(contextId: string): string | undefined {
  return RUN_CONTEXT.exec(contextId)?.[2]
}

/**
 * One approve and one reject button for a waiting run, sharing one nonce (the first click wins) and an
 * expiry; bound to the channel they are posted to. Returns the Slack message body for chat.postMessage.
 */
export async function protectionMessage(
  request: ProtectionRequest,
  options: { target: string; channel: string; key: TargetKey; clock: Clock; ttlSeconds?: number }
): Promise<{ nonce: string; expires: number; body: Record<string, unknown> }> {
  const nonce = randomNonce()
  const expires = Math.floor(options.clock() / 1000) + (options.ttlSeconds ?? 3600)
  const value = (choice: string): Promise<string> =>
    mintValue(
      {
        t: options.target,
        c: protectionContextId(request.runId, request.environment),
        ch: options.channel,
        o: choice,
        n: nonce,
        e: expires,
        r: request.runId
      },
      options.key
    )
  const sha = request.sha ? ` at \`${request.sha.slice(0, 12)}\`` : ''
  const summary = `*${request.repository}* run ${request.runId} waits for *${request.environment}*${sha}`
  return {
    nonce,
    expires,
    body: {
      channel: options.channel,
      text: summary,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: summary } },
        {
          type: 'actions',
          elements: [
            button('Approve', 'approve', await value('approve'), 'primary'),
            button('Reject', 'reject', await value('reject'), 'danger')
          ]
        }
      ]
    }
  }
}

function button(label: string, id: string, value: string, style: string): Record<string, unknown> {
  return { type: 'button', action_id: id, style, text: { type: 'plain_text', text: label }, value }
}

/** GitHub's review callback for a waiting run: `POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule`. */
export function reviewRequest(
  review: {
    repository: string
    runId: string
    environment: string
    state: ReviewState
    comment: string
  },
  apiBase = 'https://api.github.com'
): { url: string; body: string } {
  if (!REPOSITORY.test(review.repository) || !/^\d{1,20}$/.test(review.runId)) {
    throw new Error('review: repository or run id is malformed')
  }
  return {
    url: `${apiBase.replace(/\/+$/, '')}/repos/${review.repository}/actions/runs/${review.runId}/deployment_protection_rule`,
    body: JSON.stringify({
      environment_name: review.environment,
      state: review.state,
      comment: review.comment.slice(0, 1024)
    })
  }
}

/**
 * Answers the waiting run with the App's installation token (scoped to the one repository). Resolves
 * to the HTTP status; a non-2xx answer throws a one-line error that never holds the token.
 */
export async function answerProtectionRule(
  review: Parameters<typeof reviewRequest>[0],
  options: { token: string; fetch: typeof fetch; apiBase?: string; signal?: AbortSignal }
): Promise<number> {
  const { url, body } = reviewRequest(review, options.apiBase)
  const res = await options.fetch(url, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${options.token}`,
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      'Content-Type': 'application/json',
      'User-Agent': 'cicdstatemgr-bridge'
    },
    body,
    ...(options.signal ? { signal: options.signal } : {})
  })
  if (res.status < 200 || res.status > 299) {
    const detail = (await res.text().catch(() => '')).replaceAll(options.token, '***')
    throw new Error(
      `review of run ${review.runId} (${review.repository}) answered HTTP ${res.status}: ${detail.replace(/\s+/g, ' ').slice(0, 200)}`
    )
  }
  return res.status
}
