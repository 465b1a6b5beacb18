/**
 * What the GitHub handlers (workflow-dispatch, repository-dispatch, and those built on them) share: the
 * repository and token of a block, the lazily created client, structural rendering, masking, captures and
 * the `wait` / `fail-on-conclusion` settings.
 *
 * Token order: the block's `token` (rendered with `secretData`, for cross-repository work), else the
 * front door's (`github-token` input / `GITHUB_TOKEN`). Every token is registered with the logger as a
 * secret before any call, and requests are shown (dry run, summaries) with `Authorization: token ***`.
 */
import { ConfigError } from '../errors.js'
import type { HandlerContext, HandlerOutcome } from '../core/events.js'
import { SecretMasker } from '../core/logger.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'
import type { Clock, GithubClient, WorkflowRun } from '../github/client.js'
import { parseRepository, readGithubEnv, type GithubEnv, type RepoRef } from '../github/env.js'
import { captureResponse } from './capture.js'

export interface GithubBlock {
  env: GithubEnv
  repo: RepoRef
  /** Undefined only in a dry run (nothing is sent). */
  token?: string
  clock: Clock
  where: string
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
}

/** The block's repository, token and the runner's variables; a ConfigError when something is missing. */
export async function githubBlock(
  ctx: HandlerContext,
  kind: string,
  name: string,
  block: JsonObject,
  templateContext: JsonObject
): Promise<GithubBlock> {
  const where = `${kind} '${name}'`
  const env = withEvent(readGithubEnv(ctx.github?.env ?? {}), ctx.github?.event)
  const repoText = await renderOptional(
    ctx,
    block.repository,
    templateContext,
    `${where} repository`
  )
  const repo = repoText ? parseRepository(repoText, `${where} repository`) : env.repository
  if (!repo) {
    throw new ConfigError(`${where}: no 'repository' and GITHUB_REPOSITORY is not set`)
  }
  const withSecrets = { ...templateContext, secretData: ctx.config.secrets }
  const own = await renderOptional(ctx, block.token, withSecrets, `${where} token`)
  if (own) ctx.logger.addSecret(own)
  const token = own || ctx.github?.token
  if (!token && !ctx.dryRun) {
    throw new ConfigError(
      `${where}: no GitHub token (set the input 'github-token', GITHUB_TOKEN for the CLI, or the block's 'token')`
    )
  }
  return {
    env,
    repo,
    ...(token ? { token } : {}),
    clock: ctx.github?.clock ?? realClock,
    where
  }
}

/** A `github-events` event from a file or poll mode replaces the run's own event name and payload. */
function withEvent(
  env: GithubEnv,
  event: { name: string; payload: JsonObject } | undefined
): GithubEnv {
  if (!event) return env
  const repository = event.payload.repository
  const fullName = isJsonObject(repository) ? repository.full_name : undefined
  return {
    ...env,
    // An event file or poll mode outside its repository's run: the repository the event is about.
    ...(!env.repository && typeof fullName === 'string'
      ? { repository: parseRepository(fullName, 'the event payload repository.full_name') }
      : {}),
    eventName: event.name,
    payload: () => event.payload
  }
}

/**
 * One client per run (per loaded config, like the HTTP client of http-post.ts), token and API URL; Octokit
 * is imported on the first.
 */
const clients = new WeakMap<object, Map<string, Promise<GithubClient>>>()

export function githubClient(ctx: HandlerContext, gb: GithubBlock): Promise<GithubClient> {
  let perRun = clients.get(ctx.config)
  if (!perRun) clients.set(ctx.config, (perRun = new Map()))
  const key = `${gb.env.apiUrl}\n${gb.token}`
  let client = perRun.get(key)
  if (!client) {
    client = import('../github/client.js').then(({ createGithubClient }) =>
      createGithubClient({
        token: gb.token ?? '',
        apiUrl: gb.env.apiUrl,
        clock: gb.clock,
        debug: (line) => ctx.logger.debug(line)
      })
    )
    perRun.set(key, client)
  }
  return client
}

export async function renderOptional(
  ctx: HandlerContext,
  value: JsonValue | undefined,
  context: JsonObject,
  where: string
): Promise<string | undefined> {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'object') throw new ConfigError(`${where} must be a string`)
  const text = (await ctx.render(String(value), context, where)).trim()
  return text || undefined
}

/** Renders every string leaf of a value (keys stay as written); numbers, booleans and null stay. */
export async function renderStructure(
  ctx: HandlerContext,
  value: JsonValue,
  context: JsonObject,
  where: string
): Promise<JsonValue> {
  if (typeof value === 'string') return ctx.render(value, context, where)
  if (Array.isArray(value)) {
    const out: JsonValue[] = []
    for (const [i, v] of value.entries())
      out.push(await renderStructure(ctx, v, context, `${where}[${i}]`))
    return out
  }
  if (isJsonObject(value)) {
    const out: JsonObject = {}
    for (const [k, v] of Object.entries(value))
      out[k] = await renderStructure(ctx, v, context, `${where}.${k}`)
    return out
  }
  return value
}

/** The request as it may be shown: the token and every configured secret replaced by `***`. */
export function shownRequest(
  ctx: HandlerContext,
  gb: GithubBlock,
  method: string,
  path: string,
  body: JsonValue
): NonNullable<HandlerOutcome['request']> {
  const masker = new SecretMasker()
  for (const s of ctx.config.secretValues) masker.add(s)
  if (gb.token) masker.add(gb.token)
  return {
    method,
    url: masker.mask(`${gb.env.apiUrl}${path}`),
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: 'token ***',
      'Content-Type': 'application/json; charset=utf-8'
    },
    body: masker.mask(JSON.stringify(body))
  }
}

/**
 * Stores a dispatch's results: under `capture-to` (default `state.dispatches.<block>`; `false` or '' for
 * none), then the config's and block's `capture-response-data` rules with `body` = the results.
 */
export async function storeResults(
  ctx: HandlerContext,
  kind: string,
  name: string,
  block: JsonObject,
  templateContext: JsonObject,
  results: JsonObject
): Promise<Record<string, JsonValue>> {
  const captured: Record<string, JsonValue> = {}
  const base =
    block['capture-to'] === false
      ? undefined
      : block['capture-to'] === undefined
        ? `state.dispatches.${name}`
        : await renderOptional(
            ctx,
            block['capture-to'],
            templateContext,
            `${kind} '${name}' capture-to`
          )
  if (base) {
    for (const [key, value] of Object.entries(results)) {
      ctx.work.set(`${base}.${key}`, value)
      captured[`${base}.${key}`] = value
    }
  }
  return { ...captured, ...(await captureResponse(ctx, kind, block, results)) }
}

export interface WaitSettings {
  /** `true`, or (repository-dispatch) the workflow to wait for. */
  wait: boolean | string
  timeoutMs: number
  /** Conclusions that fail the block; undefined = anything but success. */
  failOn?: string[]
}

const CONCLUSIONS = [
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'stale',
  'startup_failure'
]

export function waitSettings(block: JsonObject, where: string): WaitSettings {
  const raw = block.wait
  const wait =
    raw === undefined || raw === null || raw === false || raw === 'false'
      ? false
      : raw === true || raw === 'true'
        ? true
        : typeof raw === 'string' && raw.trim()
          ? raw.trim()
          : undefined
  if (wait === undefined)
    throw new ConfigError(`${where}: 'wait' must be true, false or a workflow`)
  const seconds = block['wait-timeout'] ?? 1800
  if (typeof seconds !== 'number' || !(seconds > 0)) {
    throw new ConfigError(`${where}: 'wait-timeout' must be a number of seconds`)
  }
  const failRaw = block['fail-on-conclusion']
  let failOn: string[] | undefined
  if (failRaw !== undefined && failRaw !== null) {
    failOn = (Array.isArray(failRaw) ? failRaw.map(String) : String(failRaw).split(','))
      .map((s) => s.trim())
      .filter(Boolean)
    const unknown = failOn.filter((c) => !CONCLUSIONS.includes(c))
    if (unknown.length) {
      throw new ConfigError(
        `${where}: unknown conclusion(s) in 'fail-on-conclusion': ${unknown.join(', ')} (known: ${CONCLUSIONS.join(', ')})`
      )
    }
  }
  return { wait, timeoutMs: seconds * 1000, ...(failOn ? { failOn } : {}) }
}

/** Whether a completed run's conclusion fails the block. */
export function failsOn(settings: WaitSettings, conclusion: string | null): boolean {
  return settings.failOn ? settings.failOn.includes(String(conclusion)) : conclusion !== 'success'
}

/** The fields of a run the handlers capture. */
export function runFields(run: WorkflowRun): JsonObject {
  return {
    workflow_run_id: run.id,
    html_url: run.html_url,
    run_url: run.url,
    status: run.status,
    conclusion: run.conclusion
  }
}

/** `refs/heads/x` → `x` (the runs list's `branch` filter and `head_branch` use the short name). */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '')
}

/**
 * `wait`: polls the run to completion within `wait-timeout`, returns the run fields to capture and, when
 * the block fails (conclusion in `fail-on-conclusion`, or still running at the deadline), the reason.
 */
export async function waitAndConclude(
  ctx: HandlerContext,
  gb: GithubBlock,
  settings: WaitSettings,
  runId: number
): Promise<{ fields: JsonObject; failure?: string }> {
  const { waitForRun } = await import('../github/runs.js')
  const client = await githubClient(ctx, gb)
  const res = await waitForRun(client, gb.clock, gb.repo, runId, {
    timeoutMs: settings.timeoutMs,
    onStatus: (run) => ctx.logger.info(`${gb.where}: run ${run.id} is ${run.status}`)
  })
  const fields = runFields(res.run)
  if (!res.done) {
    return {
      fields,
      failure: `${gb.where}: run ${runId} still ${res.run.status} after ${settings.timeoutMs / 1000} s (wait-timeout); ${res.run.html_url}`
    }
  }
  if (failsOn(settings, res.run.conclusion)) {
    return {
      fields,
      failure: `${gb.where}: run ${runId} concluded ${res.run.conclusion}; ${res.run.html_url}`
    }
  }
  return { fields }
}

/**
 * The end of a dispatch, for both dispatch handlers: waits for `waitRunId` when given, stores the results
 * (`capture-to`, `capture-response-data`) and gives the block's outcome (failed when the run's conclusion
 * is one that fails it).
 */
export async function concludeDispatch(
  ctx: HandlerContext,
  gb: GithubBlock,
  o: {
    base: Pick<HandlerOutcome, 'handler' | 'block' | 'onError' | 'request'>
    block: JsonObject
    templateContext: JsonObject
    settings: WaitSettings
    results: JsonObject
    waitRunId?: number
    httpStatus: number
  }
): Promise<HandlerOutcome> {
  let results = o.results
  let failure: string | undefined
  if (o.waitRunId !== undefined) {
    const waited = await waitAndConclude(ctx, gb, o.settings, o.waitRunId)
    results = { ...results, ...waited.fields }
    failure = waited.failure
  }
  const captured = await storeResults(
    ctx,
    o.base.handler,
    o.base.block,
    o.block,
    o.templateContext,
    results
  )
  return {
    ...o.base,
    status: failure ? 'failed' : 'ok',
    ...(failure ? { reason: failure } : {}),
    httpStatus: o.httpStatus,
    captured
  }
}
