import { cloneJson } from './clone-json.js'
import { PathError } from '../errors.js'
import { parsePropPath, setAtParsedPath, setAtPath } from './prop-path.js'
import type { ContextDocument, JsonValue } from './types.js'
import { checkWritable } from './yaml.js'

/**
 * What no set may replace (`--set`, set-values, captures, generators all write through
 * WorkingDocument.set): the sections every document is built with, whose loss makes it unreadable to
 * the handlers and templates, and the context's identity, which the stores and copies are keyed by.
 * Keys inside a section (`state.x`, `variables.x`) stay settable.
 */
export const RESERVED_PATHS: ReadonlyMap<string, string> = new Map([
  ['state', 'a section of every context document; set keys inside it'],
  ['variables', 'a section of every context document; set keys inside it'],
  ['jinja2Macros', 'a section of every context document; set keys inside it'],
  ['appPipelinesConfig', 'a section of every context document; set keys inside it'],
  ['state.cicdContextDataId', "the context's id, fixed by --init-new"],
  ['state.cicdContextName', "the context's cicd context, fixed by --init-new"]
])

/** Throws when `keys` (a parsed path) would replace a reserved key. */
function checkNotReserved(keys: readonly string[], path: string): void {
  if (keys.length > 2) return
  const joined = keys.join('.')
  const why = RESERVED_PATHS.get(joined)
  if (why !== undefined) {
    throw new PathError(`cannot set '${path}': '${joined}' is reserved (${why})`)
  }
}

/** Parses and checks a path as WorkingDocument.set would, without setting anything (dry runs). */
export function checkSettablePath(path: string): void {
  checkNotReserved(parsePropPath(path).keys, path)
}

/**
 * The document an operation works on, plus the list of changes it made. Persisting replays the changes
 * on the freshest stored document (read-modify-write), so a concurrent writer's keys survive and HTTP side
 * effects are never repeated when the store retries.
 */
export class WorkingDocument {
  private readonly changes: Array<{ path: string; value: JsonValue }> = []
  /** How many changes a `commit()` already persisted (they are not replayed again). */
  private persisted = 0

  constructor(readonly doc: ContextDocument) {}

  /** Sets a value now (later templates see it) and records it for the persist. */
  set(path: string, value: JsonValue): void {
    const parsed = parsePropPath(path)
    checkNotReserved(parsed.keys, path)
    // Early, naming the set, and before the value is copied.
    checkWritable(value, 'cannot set', parsed.keys)
    // The document gets a copy; the recorded value stays private and is copied again on replay.
    setAtParsedPath(this.doc, parsed, path, cloneJson(value))
    this.changes.push({ path, value })
  }

  /** Paths set so far, in order (for summaries). */
  get changedPaths(): string[] {
    return this.changes.map((c) => c.path)
  }

  /**
   * Applies the recorded changes not yet persisted to a copy of `base`. Changes a commit persisted are
   * skipped: `base` already holds them, and an append (`path[]`) replayed twice would add its items twice.
   */
  replayOnto(base: ContextDocument): ContextDocument {
    const out = cloneJson(base)
    for (const { path, value } of this.changes.slice(this.persisted)) {
      setAtPath(out, path, cloneJson(value))
    }
    return out
  }

  /** True once a commit persisted some changes (an init then replays instead of replacing). */
  get committed(): boolean {
    return this.persisted > 0
  }

  /** Records that every change so far is in the primary (called after the store's update resolved). */
  markPersisted(): void {
    this.persisted = this.changes.length
  }
}
