import type { FieldReader } from './field-reader.js'
import type { Logger } from './logger.js'
import type { ContextDocument } from './types.js'

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
  /**
   * Atomic create-if-absent (claims): stores `doc` under `id` only when nothing is stored there.
   * True when this call created it, false when the id already existed. Stores without it cannot claim.
   */
  create?(id: string, doc: ContextDocument): Promise<boolean>
  /**
   * Deletes what is stored under `id`; true when something was deleted. Local copies delete only a
   * file that holds that id. Stores without it cannot delete (see the README's store table).
   */
  delete?(id: string): Promise<boolean>
  /** The ids stored (primary-capable stores). */
  list?(): Promise<string[]>
  /**
   * When `id` was last written (ms since the epoch), for `--prune`; undefined when it is not stored.
   * Only stores that really know it implement it: a store without it refuses to prune.
   */
  writtenAt?(id: string): Promise<number | undefined>
  /** Releases connections; always called, in `finally`. */
  close(): Promise<void>
}

/** What every datasource's settings carry; each kind extends it with its own fields. */
export interface StoreSettings {
  /** Name in config.yaml; equal to the type (the Python tool keyed datasources by module name). */
  name: string
  type: string
  isPrimary: boolean
}

/**
 * One kind of datasource, described in one place (src/stores/kinds/*, listed in src/stores/registry.ts).
 * `readSettings` runs while the config loads (synchronously: keep descriptors free of heavy imports);
 * `create` imports the implementation, lazily where it pulls in a client library.
 */
export interface StoreKind<S extends StoreSettings = StoreSettings> {
  /** The key under `datasources:` in config.yaml. */
  readonly type: string
  /** Whether it can be the primary (loadable); the others are write-only copies. */
  readonly canBePrimary: boolean
  /** Typed settings from the merged `datasources.<type>` mapping; a bad field throws ConfigError. */
  readSettings(fields: FieldReader, common: StoreSettings, cwd: string): S
  create(settings: S, logger: Logger): Promise<StateStore>
}

/** Every datasource kind by type, in the order error messages list them. */
export type StoreRegistry = ReadonlyMap<string, StoreKind>

export interface StoreSet {
  primary: StateStore
  copies: StateStore[]
  /**
   * Refreshes the copies after a write (or a --load) of `id`; `committed` is what this process stored
   * or read. See writeCopies: the copies never go back in time.
   */
  saveCopies(id: string, committed: ContextDocument): Promise<void>
  close(): Promise<void>
}

/** Why a datasource list breaks the primary rule; the callers word the message for their context. */
export type PrimaryProblem =
  { problem: 'count'; names: string[] } | { problem: 'write-only'; name: string }

/**
 * The primary rule, checked here only: exactly one datasource has isPrimary, and its kind can be
 * primary. Returns the primary, or what is wrong.
 */
export function findPrimary<S extends StoreSettings>(
  list: readonly S[],
  registry: StoreRegistry
): { primary: S } | PrimaryProblem {
  const primaries = list.filter((s) => s.isPrimary)
  if (primaries.length !== 1) return { problem: 'count', names: primaries.map((s) => s.name) }
  const primary = primaries[0] as S
  if (!registry.get(primary.type)?.canBePrimary)
    return { problem: 'write-only', name: primary.name }
  return { primary }
}
