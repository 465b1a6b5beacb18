import { CicdError } from '../errors.js'

/**
 * A GitHub REST call that failed: the HTTP status (0 when no answer came back), GitHub's one-line message,
 * and, for rate limits, how long GitHub asked us to wait. The message never holds the token.
 */
export class GithubApiError extends CicdError {
  constructor(
    message: string,
    readonly status: number,
    /** `Retry-After` (or `x-ratelimit-reset`) in milliseconds, when GitHub sent one. */
    readonly retryAfterMs?: number
  ) {
    super(message)
  }
}
