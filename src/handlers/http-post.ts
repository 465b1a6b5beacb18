import { ConfigError } from '../errors.js'
import { captureResponse } from './capture.js'
import type { HandlerContext, HandlerOutcome } from '../core/events.js'
import {
  credentialValues,
  isCredentialName,
  scrubJson,
  scrubText,
  sortForScrub
} from '../core/credentials.js'
import { SecretMasker } from '../core/logger.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'
import type { HttpClient } from '../http/client.js'
import { redactUrlText, secretHeaderNames, secretValues, urlSecrets } from '../http/redact.js'

/** The request a handler sends (or, in a dry run, would send). */
export interface OutgoingRequest {
  url: string
  headers: Record<string, string>
  body: string
}

/** The headers the Python tool sent to Slack-style endpoints, with the bearer token when there is one. */
export function slackHeaders(token: string | undefined): Record<string, string> {
  return {
    'Content-Type': 'application/json; charset=UTF-8',
    Accept: '*/*',
    'Cache-Control': 'no-cache',
    ...(token ? { Authorization: `Bearer ${token}` } : {})
  }
}

const clients = new WeakMap<object, Promise<HttpClient>>()

/** One HTTP client per run (per loaded config), created on first use, with the config's `http:` settings. */
function httpClient(ctx: HandlerContext): Promise<HttpClient> {
  let client = clients.get(ctx.config)
  if (!client) {
    const settings = isJsonObject(ctx.config.config.http) ? ctx.config.config.http : {}
    client = import('../http/client.js').then(({ createHttpClient }) =>
      createHttpClient({ ...numbers(settings), logger: ctx.logger })
    )
    clients.set(ctx.config, client)
  }
  return client
}

function numbers(settings: JsonObject): Record<string, number> {
  const keys = [
    'connectTimeoutMs',
    'requestTimeoutMs',
    'maxAttempts',
    'baseDelayMs',
    'maxDelayMs',
    'maxTotalMs'
  ]
  return Object.fromEntries(
    keys.filter((k) => typeof settings[k] === 'number').map((k) => [k, settings[k] as number])
  )
}

/**
 * POSTs a rendered body, or describes it in a dry run. A non-2xx answer (after the client's retries) is a
 * failed outcome carrying the HTTP status; on 2xx, `onSuccess` receives the parsed body (JSON, else text).
 */
export async function post(
  ctx: HandlerContext,
  outcome: Pick<HandlerOutcome, 'handler' | 'block'>,
  req: OutgoingRequest,
  onSuccess: (
    body: JsonValue,
    credentials: readonly string[]
  ) => Promise<Record<string, JsonValue>> | Record<string, JsonValue>
): Promise<HandlerOutcome> {
  const shown = masked(ctx, req)
  const credentials = sentCredentials(ctx, req)
  const base = { ...outcome, onError: 'fail' as const, request: { method: 'POST', ...shown } }
  if (ctx.dryRun) return { ...base, status: 'dry-run' }
  const client = await httpClient(ctx)
  const res = await client.request({
    method: 'POST',
    url: req.url,
    headers: req.headers,
    body: req.body,
    secretHeaders: Object.keys(req.headers).filter(isCredentialName)
  })
  if (res.status < 200 || res.status > 299) {
    // Printed only: every part of the URL that redactUrl hides is hidden here too.
    const hidden = sortForScrub([...credentials, ...urlSecrets(req.url)])
    const excerpt = scrubText(res.body, hidden).replace(/\s+/g, ' ').slice(0, 200)
    return {
      ...base,
      status: 'failed',
      httpStatus: res.status,
      reason: `HTTP ${res.status} from ${shown.url}${excerpt ? `: ${excerpt}` : ''}`
    }
  }
  // An endpoint may echo the request (headers, URL): no credential reaches captures or messages.
  const body = scrubJson(parseBody(res.body), credentials)
  // Slack's Web API answers errors with HTTP 200 and {"ok": false, "error": "..."}.
  if (isJsonObject(body) && body.ok === false) {
    const detail = typeof body.error === 'string' ? body.error : 'no error given'
    return {
      ...base,
      status: 'failed',
      httpStatus: res.status,
      reason: `${shown.url} answered ok: false (${detail})`
    }
  }
  const captured = await onSuccess(body, credentials)
  return { ...base, status: 'ok', httpStatus: res.status, captured }
}

function parseBody(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return text
  }
}

/** Headers and body as they may be shown: authorization values and every secret replaced by `***`. */
function masked(ctx: HandlerContext, req: OutgoingRequest): OutgoingRequest {
  const masker = new SecretMasker()
  for (const s of ctx.config.secretValues) masker.add(s)
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [
      k,
      /^(authorization|proxy-authorization|cookie)$/i.test(k) || isCredentialName(k)
        ? maskAuth(v)
        : masker.mask(v)
    ])
  )
  return { url: masker.mask(redactUrlText(req.url)), headers, body: masker.mask(req.body) }
}

/**
 * What must never be persisted or output from a response: the credentials of secrets.yaml and the
 * runner (credentials.ts has the rule), the secret header values sent (Authorization, Cookie, headers
 * named like credentials), the URL's password and its credential-named query values (`?token=`).
 */
function sentCredentials(ctx: HandlerContext, req: OutgoingRequest): string[] {
  const headerNames = Object.keys(req.headers).filter(isCredentialName)
  return sortForScrub([
    ...credentialValues(ctx.config.secrets),
    ...secretValues(req.headers, secretHeaderNames(headerNames)),
    ...urlCredentials(req.url)
  ])
}

function urlCredentials(text: string): string[] {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return []
  }
  const query = [...url.searchParams].filter(([k]) => isCredentialName(k)).map(([, v]) => v)
  return [url.password, decodeSafe(url.password), ...query].filter(Boolean)
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function maskAuth(value: string): string {
  const scheme = /^(\w+)\s+/.exec(value)
  return scheme ? `${scheme[1]} ***` : '***'
}

/** A required string in config.yaml (`slack.url`, `templates.notify`, …), or a ConfigError naming it. */
export function requiredConfig(root: JsonObject, path: string, purpose: string): string {
  let node: JsonValue | undefined = root
  for (const key of path.split('.')) node = isJsonObject(node) ? node[key] : undefined
  if (typeof node !== 'string' || !node.trim()) {
    throw new ConfigError(`config.yaml: cicdstatemgr.${path} is required for ${purpose}`)
  }
  return node
}

/** An optional string in secrets.yaml. */
export function optionalSecret(root: JsonObject, path: string): string | undefined {
  let node: JsonValue | undefined = root
  for (const key of path.split('.')) node = isJsonObject(node) ? node[key] : undefined
  return typeof node === 'string' && node ? node : undefined
}

/**
 * notify and manual-choice: render `templates.<kind>`, POST it to `slack.url` with the slack token, and
 * on success apply the config's and the block's response captures (after `onPosted`, given the body).
 */
export async function postSlackMessage(
  ctx: HandlerContext,
  kind: 'notify' | 'manual-choice',
  name: string,
  block: JsonObject,
  templateContext: JsonObject,
  onPosted?: (body: JsonValue) => Record<string, JsonValue>
): Promise<HandlerOutcome> {
  const config = ctx.config.config
  const body = await ctx.render(
    requiredConfig(config, `templates.${kind}`, kind),
    templateContext,
    `templates.${kind}`
  )
  const url = requiredConfig(config, 'slack.url', kind)
  const headers = slackHeaders(optionalSecret(ctx.config.secrets, 'slack.token'))
  return post(
    ctx,
    { handler: kind, block: name },
    { url, headers, body },
    async (res, credentials) => ({
      ...(onPosted ? onPosted(res) : {}),
      ...(await captureResponse(ctx, kind, block, res, credentials))
    })
  )
}
