/**
 * `postMessage` for the protection-rule wiring: Slack's `chat.postMessage` with the bot token (scope
 * `chat:write`). On `fetch` only (no `node:` import). Slack answers HTTP 200 with `ok: false` on most
 * failures, so both are checked; the error names Slack's error code, never the token.
 */
import { CicdError } from '../errors.js'

export interface SlackPostOptions {
  /** A bot token (`xoxb-…`) with `chat:write`, invited to the channel. */
  token: string
  /** Default https://slack.com/api (tests: a loopback stand-in). */
  apiUrl?: string
  fetch?: typeof fetch
  timeoutMs?: number
}

export function createSlackPoster(
  options: SlackPostOptions
): (message: Record<string, unknown>) => Promise<void> {
  const apiUrl = (options.apiUrl ?? 'https://slack.com/api').replace(/\/+$/, '')
  const doFetch = options.fetch ?? fetch
  return async (message) => {
    const res = await doFetch(`${apiUrl}/chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json; charset=utf-8'
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000)
    })
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string }
    if (!res.ok || body.ok !== true) {
      throw new CicdError(`chat.postMessage: ${body.error ?? `HTTP ${res.status}`}`)
    }
  }
}
