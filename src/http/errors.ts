import { CicdError } from '../errors.js'

/**
 * A request that got no HTTP answer: network failure or timeout after all retries, or a request that
 * could not be sent at all (bad URL, bad proxy setting). The message is one line naming the method, the
 * URL without credentials or query values, and the cause.
 */
export class HttpRequestError extends CicdError {
  constructor(
    message: string,
    /** Attempts made; 0 when the request could not be sent at all. */
    readonly attempts: number,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}
