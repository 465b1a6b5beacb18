/** Options of the HTTP client: documented defaults, validation, and the resolved settings. */
import { UsageError } from '../errors.js'
import { silentLogger, type Logger } from '../core/logger.js'
import { DEFAULT_USER_AGENT } from './version.js'

export interface HttpClientOptions {
  /** Time to establish the TCP connection (through the proxy, the tunnel). Default 10000. */
  connectTimeoutMs?: number
  /** Time for one whole attempt, from connecting to the last response byte. Default 30000. */
  requestTimeoutMs?: number
  /** Attempts in all, the first included. Default 4. */
  maxAttempts?: number
  /** First retry waits about this long, doubling each time (with jitter). Default 500. */
  baseDelayMs?: number
  /** Cap of one backoff wait (a server's Retry-After is not capped by it). Default 10000. */
  maxDelayMs?: number
  /** Budget for the request including every retry and wait. Default 60000. */
  maxTotalMs?: number
  /** Responses larger than this fail without retry. Default 10 MiB. */
  maxResponseBytes?: number
  /** Receives debug lines for each request and response. Default: silent. */
  logger?: Logger
  /** Source of HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case). Default process.env. */
  env?: NodeJS.ProcessEnv
  /** Default `cicdstatemgr-actions/<version>`. */
  userAgent?: string
  /** Extra CA certificates (PEM) trusted for https, on top of Node's defaults. */
  ca?: string | Buffer | Array<string | Buffer>
}

/** The options with defaults applied and validated. */
export interface Settings {
  connectTimeoutMs: number
  requestTimeoutMs: number
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  maxTotalMs: number
  maxResponseBytes: number
  logger: Logger
  env: NodeJS.ProcessEnv
  userAgent: string
  ca?: Array<string | Buffer>
}

export function resolveSettings(options: HttpClientOptions): Settings {
  const extraCa = options.ca === undefined ? [] : [options.ca].flat()
  return {
    connectTimeoutMs: positive(options, 'connectTimeoutMs', 10_000),
    requestTimeoutMs: positive(options, 'requestTimeoutMs', 30_000),
    maxAttempts: positive(options, 'maxAttempts', 4, 1),
    baseDelayMs: positive(options, 'baseDelayMs', 500, 0),
    maxDelayMs: positive(options, 'maxDelayMs', 10_000, 0),
    maxTotalMs: positive(options, 'maxTotalMs', 60_000),
    maxResponseBytes: positive(options, 'maxResponseBytes', 10 * 1024 * 1024),
    logger: options.logger ?? silentLogger,
    env: options.env ?? process.env,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    // Extra CAs only; the transport adds Node's default roots when it opens an https connection.
    ca: extraCa.length > 0 ? extraCa : undefined
  }
}

type NumericOption = {
  [K in keyof HttpClientOptions]-?: HttpClientOptions[K] extends number | undefined ? K : never
}[keyof HttpClientOptions]

function positive(
  options: HttpClientOptions,
  name: NumericOption,
  fallback: number,
  min = 1
): number {
  const value = options[name]
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < min) {
    throw new UsageError(`HTTP client option ${name} must be a number >= ${min}, got ${value}`)
  }
  return Math.floor(value)
}
