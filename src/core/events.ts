import { cloneJson } from './clone-json.js'
import { ConfigError, UsageError } from '../errors.js'
import type { LoadedConfig } from './config.js'
import type { Logger } from './logger.js'
import { getOwn } from './own-property.js'
import { createTemplateContext, renderOne, type AsyncRender } from './renderer.js'
import { isJsonObject, type ContextDocument, type JsonObject, type JsonValue } from './types.js'
import type { WorkingDocument } from './working-document.js'

/** `--handle-event pipeline=event`. */
export interface EventRef {
  pipeline: string
  event: string
}

export function parseEventRef(text: string): EventRef {
  const parts = text.split('=')
  if (parts.length !== 2 || !parts[0]?.trim() || !parts[1]?.trim()) {
    throw new UsageError(`--handle-event '${text}': expected pipeline=event`)
  }
  return { pipeline: parts[0].trim(), event: parts[1].trim() }
}

/** What one handler block did. */
export interface HandlerOutcome {
  /** Handler kind: notify, manual-choice, respond, trigger-pipeline, set-values. */
  handler: string
  /** Block name (`default` for the single-block form). */
  block: string
  status: 'ok' | 'skipped' | 'failed' | 'dry-run'
  onError: 'fail' | 'warn'
  /** Why it was skipped, or the one-line error. */
  reason?: string
  httpStatus?: number
  /** Values stored by this block (path -> value). */
  captured?: Record<string, JsonValue>
  /** The request it sent, or would send in a dry run (secrets masked). */
  request?: { method: string; url: string; headers: Record<string, string>; body: string }
  /**
   * Markdown for the job summary, when a handler could not deliver its text elsewhere (the progress
   * comment on a fork pull request). The actions append it to GITHUB_STEP_SUMMARY; the CLI logs it.
   */
  summary?: string
  /** The tail of a command's output (the `shell` handler), secrets masked: for the progress comment. */
  log?: string
  /** How long the block ran, in milliseconds (the `shell` handler). */
  durationMs?: number
}

/**
 * What the GitHub handlers (src/github/*) need from the front door: the runner's variables (`GITHUB_*`,
 * read by src/github/env.ts) and the default token — the actions' `github-token` input, `GITHUB_TOKEN` for
 * the CLI — already registered with the logger as a secret. Plain data, so the core stays free of runner
 * calls; `clock` lets tests drive polling without real sleeps.
 */
export interface GithubServices {
  env: Readonly<Record<string, string | undefined>>
  token?: string
  clock?: { now(): number; sleep(ms: number): Promise<void> }
  /**
   * The event being handled when it does not come from this run's GITHUB_EVENT_NAME/GITHUB_EVENT_PATH
   * (`github-events` from an event file or poll mode): the GitHub handlers take its name and payload.
   */
  event?: { name: string; payload: JsonObject }
}

/** Everything a handler may use. The core knows nothing of HTTP: handlers bring their own services. */
export interface HandlerContext {
  work: WorkingDocument
  config: LoadedConfig
  tmplCtxVars: readonly string[]
  logger: Logger
  render: AsyncRender
  dryRun: boolean
  event: EventRef
  /**
   * Persists the changes recorded in `work` so far to the primary now (a read-modify-write replaying
   * them on the freshest document) and returns the stored document, which also holds concurrent
   * writers' keys. For a handler whose side effect must render shared state (the progress comment).
   * The final persist replays only later changes. In a dry run nothing is written.
   */
  commit(): Promise<ContextDocument>
  /** The primary's current document (what other writers committed meanwhile). */
  reload(): Promise<ContextDocument>
  /** Set by the CLI and the actions; absent in library use without GitHub (the handlers then fail clearly). */
  github?: GithubServices
  /** Extra template-context keys of this run (`event`: the GitHub payload of a `github-events` entry). */
  extraContext?: JsonObject
}

/** One handler kind behind one interface. */
export interface EventHandler {
  /** The key under `event-handlers.<event>` (e.g. `notify`). */
  readonly kind: string
  /** A key that marks the single-block form (e.g. `message`); otherwise the config holds named blocks. */
  readonly singleBlockKey: string
  /** The template-context key the block is exposed under (e.g. `notify`, `manualChoice`). */
  readonly contextKey: string
  /** Runs one enabled block whose `if` passed; `templateContext` already holds the block. */
  run(
    block: JsonObject,
    name: string,
    templateContext: JsonObject,
    ctx: HandlerContext
  ): Promise<HandlerOutcome>
}

/** Handler kinds, each imported only when an event uses it. */
export type HandlerRegistry = ReadonlyMap<string, () => Promise<EventHandler>>

/**
 * Runs the handlers of one event in file order. A block that throws becomes a `failed` outcome and the
 * remaining handlers still run; the caller persists what succeeded and then decides the exit.
 */
export async function dispatchEvent(
  ref: EventRef,
  ctx: Omit<HandlerContext, 'render' | 'event'>,
  registry: HandlerRegistry
): Promise<HandlerOutcome[]> {
  const handlers = eventHandlers(ctx.work.doc, ref)
  const outcomes: HandlerOutcome[] = []
  if (handlers === undefined) warnIfUndefinedEvent(ctx.work.doc, ref, ctx.logger)
  // The template engine is loaded only when there is something to render.
  if (!handlers || Object.keys(handlers).length === 0) return outcomes
  return dispatchHandlers(handlers, ref, ctx, registry)
}

/**
 * Runs one mapping of handler kind -> config in file order (an event's handlers, or a `github-events`
 * entry's); `ref` names it in messages.
 */
export async function dispatchHandlers(
  handlers: JsonObject,
  ref: EventRef,
  ctx: Omit<HandlerContext, 'render' | 'event'>,
  registry: HandlerRegistry,
  opts: DispatchOptions = {}
): Promise<HandlerOutcome[]> {
  const outcomes: HandlerOutcome[] = []
  const full: HandlerContext = { ...ctx, event: ref, render: renderOne }
  let stopped = false
  for (const [kind, config] of Object.entries(handlers)) {
    const load = registry.get(kind)
    if (!load) {
      throw new ConfigError(
        `${ref.pipeline}=${ref.event}: unknown event handler '${kind}' (known: ${[...registry.keys()].join(', ')})`
      )
    }
    const handler = await load()
    for (const [name, block] of blocksOf(handler, config, ref)) {
      const outcome: HandlerOutcome = stopped
        ? { ...STOPPED, handler: kind, block: name }
        : await runBlock(handler, name, block, full)
      outcomes.push(outcome)
      if (!stopped) await opts.onOutcome?.(outcome)
      if (opts.stopOnFailure && outcome.status === 'failed' && outcome.onError === 'fail')
        stopped = true
    }
  }
  return outcomes
}

export interface DispatchOptions {
  /** After a block fails under `on-error: fail`, skip the remaining blocks (a `github-events` entry). */
  stopOnFailure?: boolean
  /** Called after each block that ran (progress reporting). */
  onOutcome?: (outcome: HandlerOutcome) => Promise<void>
}

const STOPPED = {
  status: 'skipped',
  onError: 'fail',
  reason: 'an earlier handler of the entry failed'
} as const

function eventHandlers(doc: JsonObject, ref: EventRef): JsonObject | undefined {
  const pipelines = isJsonObject(doc.pipelines) ? doc.pipelines : {}
  // Names come from the command line: only own keys, so `__proto__=x` or `constructor=x` is unknown.
  const pipeline = getOwn(pipelines, ref.pipeline)
  if (!isJsonObject(pipeline)) {
    const known = Object.keys(pipelines).join(', ') || 'none'
    throw new ConfigError(
      `unknown pipeline '${ref.pipeline}' in --handle-event ${ref.pipeline}=${ref.event} (pipelines: ${known})`
    )
  }
  const all = pipeline['event-handlers']
  const handlers = isJsonObject(all) ? getOwn(all, ref.event) : undefined
  if (handlers === undefined || handlers === null) return undefined
  if (!isJsonObject(handlers)) {
    throw new ConfigError(
      `pipelines.${ref.pipeline}.event-handlers.${ref.event} must be a mapping of handlers`
    )
  }
  return handlers
}

/**
 * An event no pipeline defines is most likely a typo (`build=sucess`): say so, without failing, since an
 * event with no handlers is a valid no-op (the Python tool's behaviour).
 */
function warnIfUndefinedEvent(doc: JsonObject, ref: EventRef, logger: Logger): void {
  const pipelines = isJsonObject(doc.pipelines) ? Object.values(doc.pipelines) : []
  const events = (p: JsonValue | undefined): string[] =>
    isJsonObject(p) && isJsonObject(p['event-handlers']) ? Object.keys(p['event-handlers']) : []
  if (pipelines.some((p) => events(p).includes(ref.event))) return
  const own = events((doc.pipelines as JsonObject)[ref.pipeline]).join(', ') || 'none'
  logger.warning(
    `--handle-event ${ref.pipeline}=${ref.event}: no pipeline defines event '${ref.event}', nothing to do (events of '${ref.pipeline}': ${own})`
  )
}

const SHARED_KEYS = new Set(['enabled', 'if', 'on-error'])

/** Single-block form -> one `default` block; named form -> each block, with handler-level keys inherited. */
function blocksOf(
  handler: EventHandler,
  config: JsonValue,
  ref: EventRef
): Array<[string, JsonObject]> {
  const where = `${ref.pipeline}=${ref.event} ${handler.kind}`
  if (!isJsonObject(config)) throw new ConfigError(`${where}: the handler config must be a mapping`)
  if (Object.hasOwn(config, handler.singleBlockKey)) return [['default', config]]
  const shared = Object.fromEntries(Object.entries(config).filter(([k]) => SHARED_KEYS.has(k)))
  return Object.entries(config)
    .filter(([k]) => !SHARED_KEYS.has(k))
    .map(([name, block]) => {
      if (!isJsonObject(block)) throw new ConfigError(`${where}: block '${name}' must be a mapping`)
      return [name, { ...shared, ...block }]
    })
}

async function runBlock(
  handler: EventHandler,
  name: string,
  block: JsonObject,
  ctx: HandlerContext
): Promise<HandlerOutcome> {
  const onError = block['on-error'] === 'warn' ? 'warn' : 'fail'
  const base = { handler: handler.kind, block: name, onError } as const
  if (
    block.enabled === false ||
    (typeof block.enabled === 'string' && block.enabled.trim().toLowerCase() === 'false')
  ) {
    return { ...base, status: 'skipped', reason: 'enabled: false' }
  }
  try {
    const templateContext = await createTemplateContext(
      ctx.work.doc,
      ctx.config.config,
      ctx.tmplCtxVars,
      {
        ...ctx.extraContext,
        [handler.contextKey]: cloneJson(block)
      }
    )
    if (typeof block.if === 'string' || typeof block.if === 'number') {
      const gate = await ctx.render(String(block.if), templateContext, `${handler.kind}.${name}.if`)
      if (!gate.trim()) return { ...base, status: 'skipped', reason: "'if' rendered blank" }
    }
    return { ...(await handler.run(block, name, templateContext, ctx)), onError }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    // Reported once by the caller (an error for on-error: fail, a warning for warn).
    ctx.logger.debug(`${handler.kind} '${name}' failed: ${reason}`)
    return { ...base, status: 'failed', reason }
  }
}
