/**
 * One HTTP exchange over node:http / node:https with hard limits: a connect timer, a timer on the
 * whole exchange and a cap on the response size. Whatever ends the attempt, its timers are cleared
 * and its socket destroyed, so nothing is left to keep the process alive.
 */
import * as http from 'node:http'
import type * as https from 'node:https'
import type { Socket } from 'node:net'
import { errorMessage } from '../errors.js'

export interface AttemptSpec {
  url: URL
  method: string
  headers: Record<string, string>
  body?: Buffer
  /** A proxy agent; a fresh non-pooling connection is used when absent. */
  agent?: http.Agent
  /** Trusted CAs for https (already merged with the defaults). */
  ca?: Array<string | Buffer>
  connectTimeoutMs: number
  /** Limit on this whole attempt, and the text used when it fires. */
  timeoutMs: number
  timeoutReason: string
  maxResponseBytes: number
}

export interface RawResponse {
  status: number
  statusText: string
  headers: Record<string, string>
  bytes: Buffer
}

/** Why an attempt produced no response; `retryable` is false when trying again cannot help. */
export class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean
  ) {
    super(message)
  }
}

/** node:https (and with it node:tls, ~10 ms to load) only when a URL needs it. */
let httpsModule: Promise<typeof https> | undefined

export async function sendOnce(spec: AttemptSpec): Promise<RawResponse> {
  const secure =
    spec.url.protocol === 'https:' ? await (httpsModule ??= import('node:https')) : undefined
  // Node's `ca` replaces the default trust store, so extra CAs are added to it, not swapped in.
  const ca =
    secure && spec.ca
      ? [...(await import('node:tls')).rootCertificates, ...[spec.ca].flat()]
      : undefined
  return new Promise((resolve, reject) => {
    const timers: NodeJS.Timeout[] = []
    let settled = false
    let req: http.ClientRequest | undefined

    const settle = (outcome: RawResponse | AttemptError): void => {
      if (settled) return
      settled = true
      timers.forEach(clearTimeout)
      if (outcome instanceof AttemptError) {
        req?.destroy()
        reject(outcome)
      } else resolve(outcome)
    }
    const fail = (message: string, retryable = true): void =>
      settle(new AttemptError(message, retryable))

    timers.push(setTimeout(() => fail(spec.timeoutReason), spec.timeoutMs))
    const connectTimer = setTimeout(
      () => fail(`no connection within ${spec.connectTimeoutMs} ms (connect timeout)`),
      spec.connectTimeoutMs
    )
    timers.push(connectTimer)

    try {
      req = open(spec, secure, ca)
    } catch (error) {
      // node:http throws synchronously on malformed header names or values; retrying cannot fix that.
      fail(causeMessage(error), false)
      return
    }
    req.on('error', (error) => fail(causeMessage(error)))
    req.on('socket', (socket: Socket) => {
      // Proxy agents hand over a socket that is already connected (the tunnel is up).
      if (!socket.connecting) clearTimeout(connectTimer)
      else socket.once('connect', () => clearTimeout(connectTimer))
    })
    req.on('response', (res) => readResponse(res, spec.maxResponseBytes, settle, fail))
    req.end(spec.body)
  })
}

function open(
  spec: AttemptSpec,
  secure: typeof https | undefined,
  ca: https.RequestOptions['ca']
): http.ClientRequest {
  const options: https.RequestOptions = {
    method: spec.method,
    headers: spec.headers,
    // `false` = a one-off agent without keep-alive; the global agent would pool the socket.
    agent: spec.agent ?? false
  }
  if (secure) {
    if (ca) options.ca = ca
    return secure.request(spec.url, options)
  }
  return http.request(spec.url, options)
}

function readResponse(
  res: http.IncomingMessage,
  maxBytes: number,
  settle: (outcome: RawResponse) => void,
  fail: (message: string, retryable?: boolean) => void
): void {
  const chunks: Buffer[] = []
  let size = 0
  res.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > maxBytes) fail(`response larger than ${maxBytes} bytes`, false)
    else chunks.push(chunk)
  })
  res.on('error', (error) => fail(causeMessage(error)))
  res.on('end', () =>
    settle({
      status: res.statusCode ?? 0,
      statusText: res.statusMessage ?? '',
      headers: flattenHeaders(res.headers),
      bytes: Buffer.concat(chunks)
    })
  )
  res.on('close', () => {
    if (!res.complete) fail('connection closed before the response was complete')
  })
}

/**
 * Node's socket errors can come from another realm (jest's VM, worker contexts) and then fail
 * `instanceof Error`; their `message` is still the one-line text we want.
 */
export function causeMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : errorMessage(error)
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
