import { cloneJson } from './clone-json.js'
import { errorMessage, HandlerError, NotFoundError, PathError, UsageError } from '../errors.js'
import { loadAppConfig } from './app-config.js'
import type { LoadedConfig } from './config.js'
import { buildDocument, variableTemplates } from './document.js'
import {
  dispatchEvent,
  type EventRef,
  type HandlerContext,
  type HandlerOutcome,
  type GithubServices,
  type HandlerRegistry
} from './events.js'
import { queryValue } from './jsonpath.js'
import type { Logger } from './logger.js'
import { createTemplateContext, renderOne } from './renderer.js'
import { isPlainText } from './templating/plain.js'
import type { SetOperation } from './set-args.js'
import { isJsonObject, type ContextDocument, type JsonObject, type JsonValue } from './types.js'
import { WorkingDocument } from './working-document.js'
import type { StateStore, StoreSet } from './store.js'
import { checkWritable } from './yaml.js'

export interface ManagerDeps {
  config: LoadedConfig
  stores: StoreSet
  logger: Logger
  handlers: HandlerRegistry
  /** Runner variables and token for the GitHub handlers (see `GithubServices`). */
  github?: GithubServices
}

/** What a mutating operation did. */
export interface OperationResult {
  id: string
  document: ContextDocument
  /** Paths set by --set, generators and handlers, in order. */
  changed: string[]
  outcomes: HandlerOutcome[]
}

export interface InitOptions {
  id: string
  contextName: string
  appConfigPath: string
  basesDir?: string
  cwd: string
  sets?: SetOperation[]
  event?: EventRef | EventDispatcher
  tmplCtxVars?: string[]
  dryRun?: boolean
}

/**
 * Runs handlers other than a pipeline's `event-handlers` (the `github-events` entries) inside an
 * operation: same document, persistence, failure policy and dry run.
 */
export type EventDispatcher = (
  ctx: Omit<HandlerContext, 'render' | 'event'>,
  registry: HandlerRegistry
) => Promise<HandlerOutcome[]>

export interface UpdateOptions {
  id: string
  sets?: SetOperation[]
  event?: EventRef | EventDispatcher
  tmplCtxVars?: string[]
  dryRun?: boolean
}

export interface GetResult {
  found: boolean
  /** The value (a string value rendered as a template). */
  value: unknown
}

/**
 * The operations (ARCHITECTURE.md, "Operations") on one set of stores. Every write is a read-modify-write
 * against the primary that replays this call's changes on the freshest document, then refreshes the
 * local copies.
 */
export class ContextManager {
  constructor(private readonly deps: ManagerDeps) {}

  /** --init-new: builds a fresh document, applies sets, renders variables, optionally handles an event. */
  async initNew(o: InitOptions): Promise<OperationResult> {
    checkContextId(o.id)
    const app = loadAppConfig(o.appConfigPath, o.basesDir, o.cwd)
    const work = new WorkingDocument(buildDocument(o.id, o.contextName, app))
    applySets(work, o.sets ?? [], this.deps.logger)
    for (const [name, template] of Object.entries(variableTemplates(app))) {
      const value =
        typeof template === 'string'
          ? await renderOne(template, work.doc, `variables.${name}`)
          : template
      work.set(`variables.${name}`, value)
    }
    const outcomes = o.event
      ? await this.dispatch(o.id, work, o.event, o.tmplCtxVars, o.dryRun, true)
      : []
    // A new context replaces whatever was stored under the id, as in the Python tool (unless a handler
    // already committed it: then concurrent writers' keys are kept and the rest is replayed).
    const initial = work.doc
    return this.finish(
      o.id,
      work,
      outcomes,
      o.dryRun,
      (current) => (work.committed && current ? work.replayOnto(current) : cloneJson(initial)),
      true
    )
  }

  /** --load / --set / --handle-event: reads the primary, applies sets, handles an event, persists. */
  async update(o: UpdateOptions): Promise<OperationResult> {
    if (!o.event) return this.applyOnly(o)
    const work = new WorkingDocument(await this.read(o.id))
    applySets(work, o.sets ?? [], this.deps.logger)
    const outcomes = await this.dispatch(o.id, work, o.event, o.tmplCtxVars, o.dryRun)
    return this.finish(o.id, work, outcomes, o.dryRun, (current) => {
      if (!current) throw this.notFound(o.id)
      return work.replayOnto(current)
    })
  }

  /**
   * Without handlers nothing needs the document before the write: the sets are applied inside the
   * read-modify-write itself (one read of the primary), and a bare --load only refreshes the copies.
   */
  private async applyOnly(o: UpdateOptions): Promise<OperationResult> {
    const sets = o.sets ?? []
    if (sets.length === 0 || o.dryRun) {
      const work = new WorkingDocument(await this.read(o.id))
      applySets(work, sets, this.deps.logger)
      if (!o.dryRun) await this.saveCopies(o.id, work.doc)
      return { id: o.id, document: work.doc, changed: work.changedPaths, outcomes: [] }
    }
    let changed: string[] = []
    const document = await this.writePrimary(o.id, (current) => {
      if (!current) throw this.notFound(o.id)
      // Stores pass a freshly read document (see Mutation): modify it in place.
      const work = new WorkingDocument(current)
      applySets(work, sets, this.deps.logger)
      changed = work.changedPaths
      return work.doc
    })
    await this.saveCopies(o.id, document)
    return { id: o.id, document, changed, outcomes: [] }
  }

  /** --get: JSONPath on the primary's document; a string result is rendered as a template. */
  async get(id: string, expression: string, tmplCtxVars: string[] = []): Promise<GetResult> {
    const [result] = await this.getAll(id, [expression], tmplCtxVars)
    return result as GetResult
  }

  /** Several gets on one read of the primary (get-set reads every `get` line from the same document). */
  async getAll(
    id: string,
    expressions: string[],
    tmplCtxVars: string[] = []
  ): Promise<GetResult[]> {
    const doc = await this.read(id)
    await this.restoreMissingCopies(id, doc)
    let context: JsonObject | undefined
    const results: GetResult[] = []
    for (const expression of expressions) {
      const { found, value } = await queryValue(doc, expression)
      if (!found || typeof value !== 'string' || isPlainText(value)) {
        results.push({
          found,
          value: found && typeof value === 'string' ? await renderOne(value, {}, expression) : value
        })
        continue
      }
      context ??= await createTemplateContext(doc, this.deps.config.config, tmplCtxVars)
      results.push({ found, value: await renderOne(value, context, expression) })
    }
    return results
  }

  /** --generate: runs the generator items found at a JSONPath (each optionally gated by `if`). */
  async generate(
    id: string,
    expression: string,
    tmplCtxVars: string[] = []
  ): Promise<OperationResult> {
    const work = new WorkingDocument(await this.read(id))
    const match = await queryValue(work.doc, expression)
    if (!match.found || !isJsonObject(match.value)) {
      throw new PathError(
        `--generate '${expression}' must select exactly one mapping of generator items`
      )
    }
    for (const [name, item] of Object.entries(match.value))
      await this.runGenerator(work, name, item, tmplCtxVars)
    return this.finish(id, work, [], false, (current) => {
      if (!current) throw this.notFound(id)
      return work.replayOnto(current)
    })
  }

  private async runGenerator(
    work: WorkingDocument,
    name: string,
    item: JsonValue,
    vars: string[]
  ): Promise<void> {
    if (!isJsonObject(item)) throw new PathError(`generator item '${name}' must be a mapping`)
    const context = await createTemplateContext(work.doc, this.deps.config.config, vars, {
      generator: cloneJson(item)
    })
    if (item.if !== undefined && !(await renderOne(String(item.if), context, `${name}.if`)).trim())
      return
    const sets = Array.isArray(item.set) ? item.set : []
    for (const [i, entry] of sets.entries()) {
      if (!isJsonObject(entry) || typeof entry.key !== 'string') {
        throw new PathError(`generator item '${name}': set[${i}] needs 'key' and 'value'`)
      }
      const key = (await renderOne(entry.key, context, `${name}.set[${i}].key`)).trim()
      if (!key || entry.value === undefined || entry.value === null || entry.value === '') continue
      work.set(key, await renderOne(String(entry.value), context, `${name}.set[${i}].value`))
    }
  }

  private async read(id: string): Promise<ContextDocument> {
    const doc = await this.deps.stores.primary.load(id)
    if (!doc) throw this.notFound(id)
    return doc
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(
      `no context data with id '${id}' in datasource '${this.deps.stores.primary.name}'`
    )
  }

  /**
   * The one way a document reaches the primary (and from there the copies): whatever the store's format,
   * nothing is written that the YAML reader would refuse, so no write can make the context unreadable.
   */
  private writePrimary(
    id: string,
    mutate: (current: ContextDocument | undefined) => ContextDocument
  ): Promise<ContextDocument> {
    return this.deps.stores.primary.update(id, (current) => {
      const next = mutate(current)
      checkWritable(next, `context '${id}'`)
      return next
    })
  }

  /** The stores write the copies from a fresh read, in order: a copy never goes back in time. */
  private async saveCopies(id: string, doc: ContextDocument): Promise<void> {
    await this.deps.stores.saveCopies(id, doc)
  }

  /**
   * As the Python tool's `--get` did when it found no local copy: the copies that are missing are written
   * from the document just read; one that exists is never overwritten.
   */
  private async restoreMissingCopies(id: string, doc: ContextDocument): Promise<void> {
    const missing: StateStore[] = []
    for (const store of this.deps.stores.copies)
      if (store.exists && !(await store.exists(id))) missing.push(store)
    // The value read is right either way: a copy that cannot be written is a warning, not a failed read.
    const results = await Promise.allSettled(missing.map((store) => store.save(id, doc)))
    results.forEach((r, i) => {
      if (r.status === 'rejected')
        this.deps.logger.warning(
          `could not re-create ${missing[i]?.name}: ${errorMessage(r.reason)}`
        )
    })
  }

  private async dispatch(
    id: string,
    work: WorkingDocument,
    event: EventRef | EventDispatcher,
    vars: string[] = [],
    dryRun = false,
    init = false
  ): Promise<HandlerOutcome[]> {
    const { config, logger, handlers, github } = this.deps
    const persistence = this.persistence(id, work, dryRun, init)
    const ctx = {
      work,
      config,
      logger,
      tmplCtxVars: vars,
      dryRun,
      ...persistence,
      ...(github ? { github } : {})
    }
    if (typeof event === 'function') return event(ctx, handlers)
    return dispatchEvent(event, ctx, handlers)
  }

  /**
   * HandlerContext.commit/reload. A commit is the same read-modify-write as the final persist (an init's
   * first one writes the whole new document); the changes it stored are not replayed again later.
   */
  private persistence(
    id: string,
    work: WorkingDocument,
    dryRun: boolean,
    init: boolean
  ): Pick<HandlerContext, 'commit' | 'reload'> {
    const reload = async (): Promise<ContextDocument> =>
      dryRun && init ? cloneJson(work.doc) : this.read(id)
    const commit = async (): Promise<ContextDocument> => {
      if (dryRun) return init ? cloneJson(work.doc) : work.replayOnto(await this.read(id))
      const doc = await this.deps.stores.primary.update(id, (current) => {
        if (init && !work.committed) return cloneJson(work.doc)
        if (!current) throw this.notFound(id)
        return work.replayOnto(current)
      })
      work.markPersisted()
      return doc
    }
    return { commit, reload }
  }

  /** Persists (unless a dry run), refreshes the copies, then reports handler failures. */
  private async finish(
    id: string,
    work: WorkingDocument,
    outcomes: HandlerOutcome[],
    dryRun: boolean | undefined,
    mutate: (current: ContextDocument | undefined) => ContextDocument,
    replace = false
  ): Promise<OperationResult> {
    let document = work.doc
    if (!dryRun) {
      // An update whose handlers changed nothing leaves the primary as it is; init always writes.
      if (replace || work.changedPaths.length > 0) {
        document = await this.writePrimary(id, mutate)
      }
      await this.saveCopies(id, document)
    }
    const failed = outcomes.filter((o) => o.status === 'failed')
    for (const o of failed.filter((f) => f.onError === 'warn')) {
      this.deps.logger.warning(
        `${o.handler} '${o.block}' failed (on-error: warn): ${o.reason ?? ''}`
      )
    }
    const fatal = failed.filter((o) => o.onError === 'fail')
    const result = { id, document, changed: work.changedPaths, outcomes }
    if (fatal.length > 0) {
      const list = fatal.map(
        (o) =>
          `${o.handler} '${o.block}'${o.httpStatus ? ` (HTTP ${o.httpStatus})` : ''}: ${o.reason ?? 'failed'}`
      )
      throw new HandlerError(
        `${fatal.length} event handler(s) failed: ${list.join('; ')}`,
        outcomes,
        result
      )
    }
    return result
  }
}

function applySets(work: WorkingDocument, sets: SetOperation[], logger: Logger): void {
  for (const { path, value } of sets) {
    // The logger masks registered secrets, so a secret set as a value shows as ***.
    if (logger.isDebug) logger.debug(`set ${path} = ${JSON.stringify(value).slice(0, 500)}`)
    work.set(path, value)
  }
}

// C0 and C1 controls, DEL: an id is written into file names, keys, env files and log lines.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/

/**
 * Where every new id enters (CLI --init-new, the init action's `id`): a blank id or one with control
 * characters (a newline would split the shell/env copies and log lines) can never be addressed again.
 */
export function checkContextId(id: string): void {
  if (id.trim() === '') throw new UsageError('invalid context id: it must not be blank')
  if (CONTROL_CHARS.test(id)) {
    throw new UsageError(
      `invalid context id ${JSON.stringify(id)}: it must not contain control characters`
    )
  }
}
