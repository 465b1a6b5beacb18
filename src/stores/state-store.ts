import type { ContextDocument } from '../core/types.js'

/**
 * Turns the current stored document (undefined when none) into the one to store. It may be called more
 * than once: when a concurrent writer got in first, the store reloads and calls it again, so it must
 * depend only on its argument (re-applying recorded changes), never be a one-shot side effect. Each call
 * receives a freshly read document that the mutation may modify and return.
 */
export type Mutation = (current: ContextDocument | undefined) => ContextDocument

/**
 * One datasource. A primary-capable store (redis, yamlfile, jsonfile, actions-cache) implements
 * load/update; write-only stores (shellfile, idfile) implement only save and reject the rest.
 */
export interface StateStore {
  /** The datasource name in config.yaml (`redis`, `yamlfile`, …). */
  readonly name: string
  /** Whether this store can be the source of truth (load/update). */
  readonly loadable: boolean
  /**
   * Set by a primary whose `load` is cheap (one round trip, a local read): after each write the local
   * copies are then written from a fresh read taken under the copies lock, so they never go back in
   * time (create-stores.ts, writeCopies). Unset: copies are written from the committed document.
   */
  readonly reloadForCopies?: boolean
  /** The document stored under `id`, or undefined when there is none. */
  load(id: string): Promise<ContextDocument | undefined>
  /**
   * Read-modify-write under `id` with no lost update: detects a concurrent writer and retries the
   * mutation on the fresh document (bounded). Returns the document as stored.
   */
  update(id: string, mutate: Mutation): Promise<ContextDocument>
  /** Writes a copy of `doc` (non-primary use: local files for shells and tools). Atomic. */
  save(id: string, doc: ContextDocument): Promise<void>
  /**
   * Local file copies only: whether the copy exists. `--get` re-creates the copies that answer false
   * (scripts `--get` and then `source` the shell file); stores without it are never re-created there.
   */
  exists?(id: string): Promise<boolean>
  /** Releases connections; always called, in `finally`. */
  close(): Promise<void>
}
