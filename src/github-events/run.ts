/**
 * `github-events:` — handlers keyed on GitHub events (the quickcd model) on the same core as
 * `event-handlers`: every entry listed under the event whose filters match runs, in file order, inside
 * one operation on a context (same document, persistence, `on-error` policy, captures and dry run).
 * The front doors (the handle-event/init actions with `event: github`, the CLI's --handle-github-event)
 * and poll mode (src/poll) all call `handleGithubEvent`.
 */
import { HandlerError } from '../errors.js'
import type { AppConfig } from '../core/app-config.js'
import type { ContextManager, EventDispatcher, OperationResult } from '../core/context-manager.js'
import {
  dispatchHandlers,
  type HandlerContext,
  type HandlerOutcome,
  type HandlerRegistry
} from '../core/events.js'
import { createTemplateContext, renderOne } from '../core/renderer.js'
import type { SetOperation } from '../core/set-args.js'
import type { ContextDocument, JsonObject } from '../core/types.js'
import { authorAssociationOf, entriesFor, entryPath, type Entry } from './entries.js'
import { ProgressLog } from './progress.js'
import { checkLiteralShellBlocks } from '../handlers/shell.js'

export type { Entry } from './entries.js'

/** What an `if` may read besides `event`: the context document, configData, --tmpl-ctx-var values. */
export interface MatchContext {
  document?: ContextDocument | JsonObject
  configData?: JsonObject
  tmplCtxVars?: readonly string[]
}

/**
 * The entries listed under `eventName` whose `author-association` and `if` pass, in file order. Pure
 * apart from rendering (`if` is a template over `event` — the payload —, `eventName` and the context);
 * async because the template engine loads on first use. Poll mode uses it to decide whether an event has
 * anything to run before claiming it.
 */
export async function matchingEntries(
  appConfig: AppConfig,
  eventName: string,
  payload: JsonObject,
  ctx: MatchContext = {}
): Promise<Entry[]> {
  const matched: Entry[] = []
  for (const entry of entriesFor(appConfig, eventName)) {
    if (await entryMatches(entry, eventName, payload, ctx)) matched.push(entry)
  }
  return matched
}

async function entryMatches(
  entry: Entry,
  eventName: string,
  payload: JsonObject,
  ctx: MatchContext
): Promise<boolean> {
  if (entry.authorAssociation) {
    const association = authorAssociationOf(payload)
    if (!association || !entry.authorAssociation.includes(association)) return false
  }
  if (entry.if === undefined) return true
  const context = await createTemplateContext(
    (ctx.document ?? {}) as ContextDocument,
    ctx.configData ?? {},
    ctx.tmplCtxVars ?? [],
    { event: payload, eventName }
  )
  return (await renderOne(entry.if, context, `${entryPath(entry)}.if`)).trim() !== ''
}

export interface GithubEventOptions {
  manager: ContextManager
  /** The app config the entries are read from (loaded with its bases: `loadAppConfig`). */
  appConfig: AppConfig
  /** The context the handlers work on. */
  id: string
  /** Create the context from `appConfig` (an init) instead of loading the stored one. */
  init?: { contextName: string; cwd: string; basesDir?: string }
  eventName: string
  payload: JsonObject
  dryRun?: boolean
  sets?: SetOperation[]
  tmplCtxVars?: string[]
  /** Milliseconds clock for the durations shown (tests inject one). */
  now?: () => number
}

/** What one matching entry did. */
export interface EntryResult {
  event: string
  index: number
  name: string
  status: 'ok' | 'failed' | 'dry-run'
  durationMs: number
  outcomes: HandlerOutcome[]
}

export interface GithubEventResult {
  operation: OperationResult
  entries: EntryResult[]
}

/**
 * Runs every matching entry in file order and persists once. When an entry fails under `on-error: fail`
 * the others still run; what succeeded is persisted, then a HandlerError is thrown whose `result` is the
 * GithubEventResult. An event no entry matches runs nothing and, on an existing context, writes nothing.
 */
export async function handleGithubEvent(opts: GithubEventOptions): Promise<GithubEventResult> {
  const entries: EntryResult[] = []
  const dispatcher: EventDispatcher = (ctx, registry) =>
    runEntries(opts, ctx, registry, (r) => entries.push(r))
  const common = {
    id: opts.id,
    event: dispatcher,
    ...(opts.sets ? { sets: opts.sets } : {}),
    ...(opts.tmplCtxVars ? { tmplCtxVars: opts.tmplCtxVars } : {}),
    ...(opts.dryRun ? { dryRun: true } : {})
  }
  try {
    const operation = opts.init
      ? await opts.manager.initNew({
          ...common,
          contextName: opts.init.contextName,
          appConfigPath: opts.appConfig.path,
          cwd: opts.init.cwd,
          ...(opts.init.basesDir ? { basesDir: opts.init.basesDir } : {})
        })
      : await opts.manager.update(common)
    return { operation, entries }
  } catch (error) {
    if (error instanceof HandlerError && error.result) {
      const operation = error.result as OperationResult
      throw new HandlerError(error.message, error.outcomes, { ...operation, entries })
    }
    throw error
  }
}

type BaseContext = Omit<HandlerContext, 'render' | 'event'>

async function runEntries(
  opts: GithubEventOptions,
  ctx: BaseContext,
  registry: HandlerRegistry,
  report: (result: EntryResult) => void
): Promise<HandlerOutcome[]> {
  const { eventName, payload } = opts
  const entries = await matchingEntries(opts.appConfig, eventName, payload, {
    document: ctx.work.doc,
    configData: ctx.config.config,
    tmplCtxVars: ctx.tmplCtxVars
  })
  const listed = entriesFor(opts.appConfig, eventName).length
  ctx.logger.info(
    `github event '${eventName}': ${entries.length} of ${listed} entr${listed === 1 ? 'y' : 'ies'} match${entries.length ? ` (${entries.map((e) => e.name).join(', ')})` : ''}`
  )
  // Refused before anything runs: a template marker in a command is a config error, not a failure.
  for (const entry of entries) checkLiteralShellBlocks(entry.handlers, entryPath(entry))
  const withEvent: BaseContext = {
    ...ctx,
    github: { ...(ctx.github ?? { env: {} }), event: { name: eventName, payload } },
    extraContext: { ...ctx.extraContext, event: payload, eventName }
  }
  const all: HandlerOutcome[] = []
  for (const entry of entries) {
    const result = await runEntry(entry, withEvent, registry, opts.now ?? Date.now)
    report(result)
    all.push(...result.outcomes)
  }
  return all
}

const fatal = (o: HandlerOutcome): boolean => o.status === 'failed' && o.onError === 'fail'

async function runEntry(
  entry: Entry,
  ctx: BaseContext,
  registry: HandlerRegistry,
  now: () => number
): Promise<EntryResult> {
  const started = now()
  const ref = { pipeline: `github-events.${entry.event}`, event: entry.name }
  ctx.logger.info(`${entryPath(entry)} '${entry.name}': started`)
  const progress = entry.logToComment ? new ProgressLog(entry, ctx, ref) : undefined
  const outcomes: HandlerOutcome[] = []
  if (entry.status) outcomes.push(...(await setStatus(entry, 'pending', 0, ctx, registry)))
  if (progress) await progress.started()
  const ran = await dispatchHandlers(entry.handlers, ref, ctx, registry, {
    stopOnFailure: true,
    onOutcome: async (o) => {
      ctx.logger.info(`${entryPath(entry)} ${o.handler} '${o.block}': ${o.status}`)
      if (progress) await progress.record(o)
    }
  })
  outcomes.push(...ran)
  const failed = outcomes.some(fatal)
  const durationMs = now() - started
  const state = failed ? 'failure' : 'success'
  if (entry.status) outcomes.push(...(await setStatus(entry, state, durationMs, ctx, registry)))
  if (progress) {
    await progress.finished(state, durationMs)
    outcomes.push(...progress.failures, ...(progress.preview ? [progress.preview] : []))
  }
  ctx.logger.info(`${entryPath(entry)} '${entry.name}': ${state} in ${seconds(durationMs)} s`)
  return {
    event: entry.event,
    index: entry.index,
    name: entry.name,
    status: outcomes.some(fatal) ? 'failed' : ctx.dryRun ? 'dry-run' : 'ok',
    durationMs,
    outcomes
  }
}

/**
 * The entry's commit status through the `commit-status` handler (SHA from the event: the pull request's
 * head, `after` for push, `workflow_run.head_sha`, …). The default description is passed through the
 * template context, never spliced into a template.
 */
async function setStatus(
  entry: Entry,
  state: 'pending' | 'success' | 'failure',
  durationMs: number,
  ctx: BaseContext,
  registry: HandlerRegistry
): Promise<HandlerOutcome[]> {
  const status = entry.status as NonNullable<Entry['status']>
  const summary =
    state === 'pending'
      ? `${entry.name}: started`
      : `${entry.name}: ${state === 'success' ? 'succeeded' : 'failed'} in ${seconds(durationMs)} s`
  const block = {
    state,
    context: status.context,
    description: status.description ?? '{{ entry.summary }}'
  }
  return dispatchHandlers(
    { 'commit-status': { status: block } },
    { pipeline: `github-events.${entry.event}`, event: entry.name },
    {
      ...ctx,
      extraContext: {
        ...ctx.extraContext,
        entry: { name: entry.name, state, durationSeconds: Number(seconds(durationMs)), summary }
      }
    },
    registry
  )
}

export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(1)
}
