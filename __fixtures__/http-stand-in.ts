/**
 * A local stand-in for the HTTP services the handlers talk to: a real node:http server on 127.0.0.1
 * with an ephemeral port. It answers like postman-echo, the Slack Web API, Slack response_urls and
 * incoming webhooks, records every request byte for byte, and can be told to misbehave (5xx, 429,
 * hang, drop) for the next n requests.
 *
 *   const s = await startStandIn()
 *   await client.request({ method: 'POST', url: `${s.url}/api/chat.postMessage`, body })
 *   expect(s.requests[0].headers.authorization).toBe('Bearer xoxb-test')
 *   await s.close()
 *
 * Routes (any other path answers 404 JSON):
 * - `POST /post`, any method on `/echo/*`: `{ args, data: <raw body text>, json: <parsed or null>,
 *   form: <fields when form-encoded, else null>, headers: <lowercased>, url }`
 * - `POST /api/chat.postMessage`: `{ ok: true, channel: 'C0123456789', ts, message: { type, ...fields,
 *   text, ts } }` with a unique `ts` per message; JSON or form bodies; without a bearer token (header or
 *   `token` field) `{ ok: false, error: 'not_authed' }`; an unparseable body `{ ok: false, error:
 *   'invalid_json' }` — always HTTP 200, as Slack does
 * - `POST /api/chat.update`: `{ ok: true, channel, ts, text, message }` (`message_not_found` without ts)
 * - `POST /response/*` (a Slack response_url): `{ ok: true }`
 * - `POST /hooks/*` (an incoming webhook): plain text `ok`
 */
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path without the query string, e.g. `/api/chat.postMessage`. */
  path: string
  /** Query parameters (the last value wins for repeated names). */
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  /** The body decoded as UTF-8. */
  body: string
  /** The body exactly as received. */
  rawBody: Buffer
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json?: unknown
}

/** A canned answer for `respondWith`. */
export interface CannedReply {
  status?: number
  headers?: Record<string, string>
  /** A string or a Buffer is sent as is; anything else as JSON. */
  body?: unknown
}

export interface StandIn {
  /** Base URL, e.g. `http://127.0.0.1:PORT` (https when started with `tls`). */
  url: string
  port: number
  /** Every request received, in order, including those answered with a failure. */
  requests: RecordedRequest[]
  /** The next n requests (any path) answer `status` (default 503). */
  failNext(n: number, status?: number): void
  /** The next n requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(n: number, retryAfterSeconds: number): void
  /** The next n requests never get an answer (until reset or close). */
  hangNext(n: number): void
  /** The next n requests get their socket destroyed without a response. */
  dropNext(n: number): void
  /**
   * Answers every later request to `path` (exact path, or a RegExp on the path) with `reply` instead of
   * the built-in route; a function gets the recorded request. Faults queued with *Next still go first.
   */
  respondWith(
    path: string | RegExp,
    reply: CannedReply | ((req: RecordedRequest) => CannedReply)
  ): void
  /** Resolves once at least n requests have been recorded; rejects after `timeoutMs` (default 2000). */
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>
  /** Forgets recorded requests, queued faults and canned replies; releases hung requests. */
  reset(): void
  close(): Promise<void>
}

export interface StandInOptions {
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer }
}

type Fault =
  { kind: 'status'; status: number; retryAfter?: number } | { kind: 'hang' } | { kind: 'drop' }
type Override = {
  match: string | RegExp
  reply: CannedReply | ((req: RecordedRequest) => CannedReply)
}

const SLACK_CHANNEL_ID = 'C0123456789'

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const state = new StandInState()
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    // A client that goes away mid-body is not the stand-in's failure; just drop that exchange.
    state.handle(req, res).catch(() => res.destroy())
  }
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler)
  server.on('connection', (socket: Socket) => state.track(socket))
  server.on('secureConnection', (socket: Socket) => state.track(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const scheme = options.tls ? 'https' : 'http'
  return state.api(`${scheme}://127.0.0.1:${port}`, port, server)
}

class StandInState {
  readonly requests: RecordedRequest[] = []
  private faults: Fault[] = []
  private overrides: Override[] = []
  private readonly hung = new Set<http.ServerResponse>()
  private readonly sockets = new Set<Socket>()
  private waiters: Array<() => void> = []
  private messageCount = 0

  track(socket: Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
  }

  api(url: string, port: number, server: http.Server | https.Server): StandIn {
    const queue = (n: number, fault: Fault): void => {
      for (let i = 0; i < n; i++) this.faults.push(fault)
    }
    return {
      url,
      port,
      requests: this.requests,
      failNext: (n, status = 503) => queue(n, { kind: 'status', status }),
      rateLimitNext: (n, seconds) => queue(n, { kind: 'status', status: 429, retryAfter: seconds }),
      hangNext: (n) => queue(n, { kind: 'hang' }),
      dropNext: (n) => queue(n, { kind: 'drop' }),
      respondWith: (match, reply) => this.overrides.push({ match, reply }),
      waitForRequests: (n, timeoutMs = 2000) => this.waitFor(n, timeoutMs),
      reset: () => this.reset(),
      close: () => this.close(server)
    }
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const recorded = await record(req)
    this.requests.push(recorded)
    this.waiters.forEach((wake) => wake())
    const fault = this.faults.shift()
    if (fault) return this.misbehave(fault, req, res)
    const override = this.overrides.find((o) => matches(o.match, recorded.path))
    if (override) {
      const reply = typeof override.reply === 'function' ? override.reply(recorded) : override.reply
      return send(res, reply.status ?? 200, reply.body ?? '', reply.headers)
    }
    this.route(req, recorded, res)
  }

  private misbehave(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (fault.kind === 'hang') {
      this.hung.add(res)
      return
    }
    if (fault.kind === 'drop') {
      req.socket.destroy()
      return
    }
    const headers: Record<string, string> = {}
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter)
    const error = fault.status === 429 ? 'ratelimited' : 'stand-in failure'
    send(res, fault.status, { ok: false, error }, headers)
  }

  private route(req: http.IncomingMessage, r: RecordedRequest, res: http.ServerResponse): void {
    const post = r.method === 'POST'
    if ((post && r.path === '/post') || r.path.startsWith('/echo/')) {
      return send(res, 200, echo(req, r))
    }
    if (post && r.path === '/api/chat.postMessage') return send(res, 200, this.postMessage(r))
    if (post && r.path === '/api/chat.update') return send(res, 200, chatUpdate(r))
    if (post && r.path.startsWith('/response/')) return send(res, 200, { ok: true })
    if (post && r.path.startsWith('/hooks/')) return send(res, 200, 'ok')
    send(res, 404, { ok: false, error: 'not_found', path: r.path })
  }

  private postMessage(r: RecordedRequest): Record<string, unknown> {
    const fields = slackFields(r)
    if ('error' in fields) return fields.error
    this.messageCount += 1
    const ts = `1700000000.${String(this.messageCount * 100).padStart(6, '0')}`
    const message = { type: 'message', ...fields.values, text: fields.values.text ?? '', ts }
    return { ok: true, channel: SLACK_CHANNEL_ID, ts, message }
  }

  private waitFor(n: number, timeoutMs: number): Promise<RecordedRequest[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (this.requests.length < n) return false
        clearTimeout(timer)
        this.waiters = this.waiters.filter((w) => w !== wake)
        resolve(this.requests)
        return true
      }
      const wake = (): void => void check()
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake)
        reject(
          new Error(`stand-in saw ${this.requests.length} of ${n} requests in ${timeoutMs} ms`)
        )
      }, timeoutMs)
      if (!check()) this.waiters.push(wake)
    })
  }

  private reset(): void {
    this.requests.length = 0
    this.faults = []
    this.overrides = []
    for (const res of this.hung) res.socket?.destroy()
    this.hung.clear()
  }

  private async close(server: http.Server | https.Server): Promise<void> {
    this.reset()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of this.sockets) socket.destroy()
    await closed
  }
}

async function record(req: http.IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const rawBody = Buffer.concat(chunks)
  const body = rawBody.toString('utf8')
  const url = new URL(req.url ?? '/', 'http://stand-in')
  return {
    method: req.method ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...req.headers },
    body,
    rawBody,
    json: parseJson(body)
  }
}

function echo(req: http.IncomingMessage, r: RecordedRequest): Record<string, unknown> {
  const form = isForm(r) ? Object.fromEntries(new URLSearchParams(r.body)) : null
  return {
    args: r.query,
    data: r.body,
    json: r.json ?? null,
    form,
    headers: r.headers,
    url: `${'encrypted' in req.socket ? 'https' : 'http'}://${req.headers.host ?? ''}${req.url ?? ''}`
  }
}

type SlackFields = { values: Record<string, unknown> } | { error: Record<string, unknown> }

/** The posted fields as Slack reads them: JSON, or form fields whose JSON-looking values are parsed. */
function slackFields(r: RecordedRequest): SlackFields {
  let values: Record<string, unknown>
  if (isForm(r)) {
    values = {}
    for (const [k, v] of new URLSearchParams(r.body)) {
      values[k] = /^\s*[[{]/.test(v) ? (parseJson(v) ?? v) : v
    }
  } else if (isRecord(r.json)) values = { ...r.json }
  else return { error: { ok: false, error: 'invalid_json' } }
  const auth = r.headers.authorization
  const bearer = typeof auth === 'string' && /^Bearer \S+/.test(auth)
  if (!bearer && typeof values.token !== 'string') {
    return { error: { ok: false, error: 'not_authed' } }
  }
  delete values.token
  return { values }
}

function chatUpdate(r: RecordedRequest): Record<string, unknown> {
  const fields = slackFields(r)
  if ('error' in fields) return fields.error
  const { channel, ts, text } = fields.values
  if (typeof ts !== 'string' || ts === '') return { ok: false, error: 'message_not_found' }
  const message = { type: 'message', ...fields.values, text: text ?? '', ts }
  return { ok: true, channel: channel ?? SLACK_CHANNEL_ID, ts, text: text ?? '', message }
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const isText = typeof body === 'string'
  const isBytes = Buffer.isBuffer(body)
  const payload = isBytes ? body : Buffer.from(isText ? body : JSON.stringify(body), 'utf8')
  res.setHeader(
    'Content-Type',
    isBytes
      ? 'application/octet-stream'
      : isText
        ? 'text/plain; charset=utf-8'
        : 'application/json; charset=utf-8'
  )
  // setHeader is case-insensitive, so a canned Content-Type replaces the default instead of doubling it.
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.setHeader('Content-Length', payload.length)
  res.writeHead(status)
  res.end(payload)
}

function matches(match: string | RegExp, path: string): boolean {
  return typeof match === 'string' ? match === path : match.test(path)
}

function isForm(r: RecordedRequest): boolean {
  const type = r.headers['content-type']
  return typeof type === 'string' && type.startsWith('application/x-www-form-urlencoded')
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
