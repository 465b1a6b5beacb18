import { setAtPath } from './prop-path.js'
import type { ContextDocument, JsonValue } from './types.js'

/**
 * The document an operation works on, plus the list of changes it made. Persisting replays the changes
 * on the freshest stored document (read-modify-write), so a concurrent writer's keys survive and HTTP side
 * effects are never repeated when the store retries.
 */
export class WorkingDocument {
  private readonly changes: Array<{ path: string; value: JsonValue }> = []

  constructor(readonly doc: ContextDocument) {}

  /** Sets a value now (later templates see it) and records it for the persist. */
  set(path: string, value: JsonValue): void {
    // The document gets a copy; the recorded value stays private and is copied again on replay.
    setAtPath(this.doc, path, structuredClone(value))
    this.changes.push({ path, value })
  }

  /** Paths set so far, in order (for summaries). */
  get changedPaths(): string[] {
    return this.changes.map((c) => c.path)
  }

  /** Applies the recorded changes to a copy of `base`. */
  replayOnto(base: ContextDocument): ContextDocument {
    const out = structuredClone(base)
    for (const { path, value } of this.changes) setAtPath(out, path, structuredClone(value))
    return out
  }
}
