/**
 * The one HTTP client every event handler uses (notify, manual-choice, respond, trigger-pipeline).
 *
 * It sends the rendered body byte for byte, retries what is worth retrying within a bounded number of
 * attempts and a total time budget, honours proxies from the environment, and logs at debug level
 * without ever showing a secret. It answers with the final HTTP response whatever its status: deciding
 * what counts as a failure is the handler's job. Only "no answer at all" rejects.
 */
import { errorMessage } from '../errors.js'
import { HttpRequestError } from './errors.js'
import { createProxyAgent, proxyForUrl, type ProxyChoice } from './proxy.js'
import { headersForLog, redactUrl, scrub, secretHeaderNames, secretValues } from './redact.js'
import { computeRetryDelay, isRetryableStatus, parseRetryAfter, sleep } from './retry.js'
import {
  AttemptError,
  causeMessage,
  sendOnce,
  type AttemptSpec,
  type RawResponse
} from './transport.js'
import { resolveSettings, type HttpClientOptions, type Settings } from './options.js'

export { HttpRequestError } from './errors.js'
export { DEFAULT_USER_AGENT, PACKAGE_VERSION } from './version.js'
export type { HttpClientOptions } from './options.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface HttpRequest {
  method: HttpMethod
  /** Absolute http:// or https:// URL. User-info in it becomes Basic auth (and is never logged). */
  url: string
  /**
   * Sent as given, overriding the defaults (Accept `*\/*`, User-Agent, and with a body Content-Type
   * `application/json; charset=UTF-8`); names are case-insensitive. Content-Length is always computed.
   */
  headers?: Record<string, string>
  /** A string is sent as its UTF-8 bytes; bytes as they are (and logged only as a length). */
  body?: string | Uint8Array
  /** Header names whose values are secret (Authorization, Proxy-Authorization, Cookie always are). */
  secretHeaders?: string[]
}

export interface HttpResponse {
  status: number
  /** Lowercased names; repeated headers joined with `, `. */
  headers: Record<string, string>
  /** The body decoded as UTF-8. */
  body: string
  /** The body as received. */
  bytes: Buffer
  /** Attempts made (1 = no retry). */
  attempts: number
}

export interface HttpClient {
  /**
   * Resolves with the final response for any status; after retries of 5xx/429 are exhausted the last
   * such response is returned. Rejects with HttpRequestError only when no answer came.
   */
  request(req: HttpRequest): Promise<HttpResponse>
}

/** What one call needs across its attempts. */
interface Call {
  spec: Omit<AttemptSpec, 'timeoutMs' | 'timeoutReason'>
  label: string
  secrets: string[]
  secretNames: Set<string>
  deadline: number
  /** The request body is bytes, not text: logged as a length. */
  binary: boolean
}

type Outcome = { response: RawResponse } | { error: AttemptError }

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const settings = resolveSettings(options)
  return { request: (req) => runRequest(settings, req) }
}

async function runRequest(settings: Settings, req: HttpRequest): Promise<HttpResponse> {
  const call = await prepare(settings, req)
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(settings, call, attempt)
    const final = finalOutcome(settings, call, outcome, attempt)
    if (final) return final
    const delay = retryDelay(settings, call, outcome, attempt)
    if (delay === undefined) return giveUp(call, outcome, attempt)
    debug(settings, call, `${call.label} retrying in ${delay} ms`)
    await sleep(delay)
  }
}

async function prepare(settings: Settings, req: HttpRequest): Promise<Call> {
  const url = parseUrl(req)
  const label = `${req.method} ${redactUrl(url)}`
  const body = requestBody(req.body)
  const headers = buildHeaders(settings.userAgent, req.headers ?? {}, body)
  const secretNames = secretHeaderNames(req.secretHeaders)
  const secrets = secretValues(headers, secretNames)
  const agent = await proxyAgent(settings, url, label)
  return {
    spec: {
      url,
      method: req.method,
      headers,
      body,
      agent,
      ca: settings.ca,
      connectTimeoutMs: settings.connectTimeoutMs,
      maxResponseBytes: settings.maxResponseBytes
    },
    label,
    secrets,
    secretNames,
    deadline: Date.now() + settings.maxTotalMs,
    binary: req.body !== undefined && typeof req.body !== 'string'
  }
}

async function attemptOnce(settings: Settings, call: Call, attempt: number): Promise<Outcome> {
  const remaining = call.deadline - Date.now()
  const byTotal = remaining < settings.requestTimeoutMs
  const timeoutMs = Math.max(1, byTotal ? remaining : settings.requestTimeoutMs)
  const timeoutReason = byTotal
    ? `total time limit of ${settings.maxTotalMs} ms reached`
    : `no response within ${settings.requestTimeoutMs} ms (request timeout)`
  logRequest(settings, call, attempt)
  const started = Date.now()
  try {
    const response = await sendOnce({ ...call.spec, timeoutMs, timeoutReason })
    logResponse(settings, call, response, Date.now() - started)
    return { response }
  } catch (error) {
    const failure =
      error instanceof AttemptError ? error : new AttemptError(causeMessage(error), true)
    debug(
      settings,
      call,
      `${call.label} failed after ${Date.now() - started} ms: ${failure.message}`
    )
    return { error: failure }
  }
}

/** The response to hand back now, or undefined when the outcome deserves another attempt. */
function finalOutcome(
  settings: Settings,
  call: Call,
  outcome: Outcome,
  attempt: number
): HttpResponse | undefined {
  if ('error' in outcome) {
    if (outcome.error.retryable && attempt < settings.maxAttempts) return undefined
    throw requestError(call, outcome.error, attempt)
  }
  const { response } = outcome
  if (isRetryableStatus(response.status) && attempt < settings.maxAttempts) return undefined
  return toResponse(response, attempt)
}

function retryDelay(
  settings: Settings,
  call: Call,
  outcome: Outcome,
  attempt: number
): number | undefined {
  const retryAfter = 'response' in outcome ? outcome.response.headers['retry-after'] : undefined
  return computeRetryDelay({
    attempt,
    baseDelayMs: settings.baseDelayMs,
    maxDelayMs: settings.maxDelayMs,
    remainingMs: call.deadline - Date.now(),
    retryAfterMs: parseRetryAfter(retryAfter)
  })
}

function giveUp(call: Call, outcome: Outcome, attempt: number): HttpResponse {
  if ('error' in outcome) throw requestError(call, outcome.error, attempt)
  return toResponse(outcome.response, attempt)
}

function toResponse(response: RawResponse, attempts: number): HttpResponse {
  const { status, headers, bytes } = response
  let text: string | undefined
  // Decoded on first use: a binary download is never read as text.
  return {
    status,
    headers,
    bytes,
    attempts,
    get body() {
      return (text ??= bytes.toString('utf8'))
    }
  }
}

/** The bytes to send; given bytes are used in place, not copied. */
function requestBody(body: HttpRequest['body']): Buffer | undefined {
  if (body === undefined) return undefined
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
}

function requestError(call: Call, error: AttemptError, attempts: number): HttpRequestError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`
  const message = scrub(`${call.label} failed after ${tries}: ${error.message}`, call.secrets)
  return new HttpRequestError(message.replace(/\s*\n\s*/g, ' '), attempts)
}

function parseUrl(req: HttpRequest): URL {
  let url: URL
  try {
    url = new URL(req.url)
  } catch {
    // The text itself may hold a secret (webhook URLs do), so it is not echoed back.
    throw new HttpRequestError(`${req.method} request has an invalid URL (not absolute)`, 0)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpRequestError(
      `${req.method} ${redactUrl(url)}: unsupported protocol ${url.protocol} (use http or https)`,
      0
    )
  }
  return url
}

function buildHeaders(
  userAgent: string,
  given: Record<string, string>,
  body: Buffer | undefined
): Record<string, string> {
  const byName = new Map<string, [string, string]>()
  const put = (name: string, value: string): void => {
    byName.set(name.toLowerCase(), [name, value])
  }
  put('Accept', '*/*')
  put('User-Agent', userAgent)
  if (body !== undefined) put('Content-Type', 'application/json; charset=UTF-8')
  for (const [name, value] of Object.entries(given)) put(name, value)
  // Framing must match the bytes actually sent, whatever the caller passed.
  if (body !== undefined) put('Content-Length', String(body.length))
  return Object.fromEntries(byName.values())
}

async function proxyAgent(
  settings: Settings,
  url: URL,
  label: string
): Promise<AttemptSpec['agent']> {
  const choice = chooseProxy(settings, url, label)
  if (!choice) return undefined
  if (settings.logger.isDebug) {
    settings.logger.debug(`http ${label} via proxy ${redactUrl(choice.url)} (${choice.variable})`)
  }
  return createProxyAgent(url, choice.url)
}

function chooseProxy(settings: Settings, url: URL, label: string): ProxyChoice | undefined {
  try {
    return proxyForUrl(url, settings.env)
  } catch (error) {
    throw new HttpRequestError(`${label}: ${errorMessage(error)}`, 0)
  }
}

function logRequest(settings: Settings, call: Call, attempt: number): void {
  if (!settings.logger.isDebug) return
  const headers = headersForLog(call.spec.headers, call.secretNames)
  debug(
    settings,
    call,
    `${call.label} attempt ${attempt}/${settings.maxAttempts} headers ${headers}`
  )
  // Bodies are logged whole: cutting one short could split a secret so the masker no longer sees it.
  const body = call.spec.body
  if (body && call.binary) debug(settings, call, `${call.label} request body: ${body.length} bytes`)
  else if (body) debug(settings, call, `${call.label} request body: ${body.toString('utf8')}`)
}

function logResponse(settings: Settings, call: Call, response: RawResponse, ms: number): void {
  if (!settings.logger.isDebug) return
  const status = `${response.status} ${response.statusText}`.trim()
  debug(settings, call, `${call.label} -> ${status} in ${ms} ms`)
  const type = response.headers['content-type'] ?? ''
  if (response.bytes.length === 0) return
  const text =
    /json|text|xml|form/.test(type) || type === '' ? response.bytes.toString('utf8') : undefined
  debug(settings, call, `${call.label} response body: ${text ?? `${response.bytes.length} bytes`}`)
}

function debug(settings: Settings, call: Call, message: string): void {
  if (settings.logger.isDebug) settings.logger.debug(scrub(`http ${message}`, call.secrets))
}
