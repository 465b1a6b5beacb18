/**
 * Retry policy of the HTTP client, kept free of I/O so every rule is unit-testable: which answers are
 * retried, how `Retry-After` is read, and how long to wait before the next attempt.
 */

/** 5xx and 429 are worth another try; every other status is the server's final word. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599)
}

/**
 * Milliseconds a `Retry-After` header asks us to wait: delay-seconds or an HTTP date (relative to
 * `nowMs`). Undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(
  value: string | undefined,
  nowMs: number = Date.now()
): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  // Date.parse also accepts bare numbers and odd forms; HTTP dates always name a weekday or month.
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

export interface RetryDelayInput {
  /** The attempt that just failed, 1-based. */
  attempt: number
  baseDelayMs: number
  maxDelayMs: number
  /** Time left in the request's total budget. */
  remainingMs: number
  /** What the server asked for through `Retry-After`, if anything. */
  retryAfterMs?: number
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  random?: () => number
}

/**
 * Milliseconds to wait before the next attempt, or undefined when the total budget cannot afford
 * another try. A server's `Retry-After` is obeyed as given: retrying sooner than it asked would only
 * earn another 429, so a wait longer than the remaining budget ends the retries instead.
 * Otherwise the wait grows exponentially from `baseDelayMs`, capped at `maxDelayMs`, with "equal
 * jitter" (half fixed, half random) so parallel jobs hitting one server spread out but never hammer it.
 */
export function computeRetryDelay(input: RetryDelayInput): number | undefined {
  const { attempt, baseDelayMs, maxDelayMs, remainingMs, retryAfterMs } = input
  if (retryAfterMs !== undefined) return retryAfterMs < remainingMs ? retryAfterMs : undefined
  const random = input.random ?? Math.random
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1))
  const delay = Math.round(ceiling / 2 + random() * (ceiling / 2))
  return delay < remainingMs ? delay : undefined
}

/** A plain timer wait; kept referenced on purpose, a pending retry must keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
