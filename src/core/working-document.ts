import { setAtPath } from './prop-path.js'
import type { ContextDocument, JsonValue } from './types.js'

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
    // The document gets a copy; the recorded value stays private and is copied again on replay.
    setAtPath(this.doc, path, structuredClone(value))
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
    const out = structuredClone(base)
    for (const { path, value } of this.changes.slice(this.persisted)) {
      setAtPath(out, path, structuredClone(value))
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
