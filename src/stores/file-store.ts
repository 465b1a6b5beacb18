import { existsSync, readFileSync } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { cloneJson } from '../core/clone-json.js'
import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { isJsonObject } from '../core/types.js'
import { parseStoredYaml, stringifyYaml } from '../core/yaml.js'
import { StoreError, errorMessage } from '../errors.js'
import { writeFileAtomic } from './atomic-write.js'
import { LockLostError, withFileLock, type FileLockOptions } from './file-lock.js'
import type { FileSettings } from './settings.js'
import type { Mutation, StateStore } from './state-store.js'

/** Options beyond the config file; tests shorten the lock wait, move the clock and pause a writer. */
export interface FileStoreOptions extends Pick<FileLockOptions, 'timeoutMs' | 'staleMs' | 'now'> {
  /** Test seam: awaited after the new content is written, just before the ownership check and rename. */
  pauseBeforeRename?: () => Promise<void>
}

/** Updates that lost the lock (stalled past the stale time) are retried this often, then fail loudly. */
const MAX_LOCK_LOSSES = 3

/**
 * `yamlfile` / `jsonfile`: the document in one local file. Usually a copy for shells and tools; as the
 * primary, `update` is serialized across processes by a lock on the file.
 */
export class FileStore implements StateStore {
  readonly name: string
  readonly loadable = true
  readonly reloadForCopies = true
  private readonly path: string
  /**
   * The text this store last wrote and the document it holds: the copies are written from a read of
   * the primary just after its write (create-stores.ts), and a file that still holds exactly that
   * text is not parsed again (for a large document, parsing is most of a write's cost).
   */
  private written?: { text: string; doc: ContextDocument }

  constructor(
    private readonly settings: FileSettings,
    private readonly logger: Logger,
    private readonly options: FileStoreOptions = {}
  ) {
    this.name = settings.name
    this.path = settings.path
  }

  /**
   * The document in the file, or undefined when there is none or it belongs to another id: the file
   * holds one context at a time and must never answer for a different one.
   */
  async load(id: string): Promise<ContextDocument | undefined> {
    const text = await this.readText()
    if (text === undefined || text.trim() === '') return undefined
    const doc = this.takeWritten(text) ?? this.parse(text)
    const state: unknown = doc.state
    const storedId = isJsonObject(state) ? state.cicdContextDataId : undefined
    if (storedId !== id) {
      this.logger.debug(`${this.name}: ${this.path} holds id ${String(storedId)}, not ${id}`)
      return undefined
    }
    return doc
  }

  /**
   * Read-modify-write under the file lock. The lock's ownership is checked immediately before the
   * rename (see file-lock.ts for the window that remains): a writer that stalled past the stale time
   * and lost the lock to another writer writes nothing, reloads and re-applies its mutation.
   */
  async update(id: string, mutate: Mutation): Promise<ContextDocument> {
    const { pauseBeforeRename } = this.options
    return this.locked(async (lock) => {
      const next = mutate(await this.load(id))
      await this.write(next, true, async () => {
        await pauseBeforeRename?.()
        lock.assertHeld()
      })
      return next
    })
  }

  /**
   * Under the file lock: writes `doc` unless the file already holds `id`. The file holds one context,
   * so a file holding another id is replaced (as `--init-new` replaces it): a claim is exclusive per
   * id, not per file.
   */
  async create(id: string, doc: ContextDocument): Promise<boolean> {
    return this.locked(async (lock) => {
      if (await this.load(id)) return false
      await this.write(doc, true, async () => lock.assertHeld())
      return true
    })
  }

  /** Under the file lock: removes the file when it holds `id`; a file of another id is left alone. */
  async delete(id: string): Promise<boolean> {
    return this.locked(async (lock) => {
      if (!(await this.load(id))) return false
      lock.assertHeld()
      await rm(this.path, { force: true })
      this.logger.debug(`${this.name}: removed ${this.path}`)
      return true
    })
  }

  /** The one id the file holds, if any. */
  async list(): Promise<string[]> {
    const text = await this.readText()
    if (text === undefined || text.trim() === '') return []
    const state: unknown = this.parse(text).state
    const id = isJsonObject(state) ? state.cicdContextDataId : undefined
    return typeof id === 'string' && id !== '' ? [id] : []
  }

  /** The file's modification time, when it holds `id`. */
  async writtenAt(id: string): Promise<number | undefined> {
    if (!(await this.load(id))) return undefined
    return (await stat(this.path)).mtimeMs
  }

  /** Runs `fn` under the file lock; a lock lost to a stall is retried a few times, then fails loudly. */
  private async locked<T>(fn: (lock: { assertHeld(): void }) => Promise<T>): Promise<T> {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the test seam is not a lock option
    const { pauseBeforeRename, ...lockOptions } = this.options
    for (let attempt = 1; ; attempt++) {
      try {
        return await withFileLock(this.path, fn, { ...lockOptions, logger: this.logger })
      } catch (err) {
        if (!(err instanceof LockLostError) || attempt >= MAX_LOCK_LOSSES) throw err
        this.logger.warning(`${this.name}: ${err.message}; re-applying the update`)
      }
    }
  }

  async save(_id: string, doc: ContextDocument): Promise<void> {
    // A copy is rewritten on every write; only the source of truth needs to survive a power loss.
    await this.write(doc, this.settings.isPrimary)
  }

  /** Any file counts: a copy that holds another context is not overwritten by a `--get`. */
  async exists(_id: string): Promise<boolean> {
    return existsSync(this.path)
  }

  async close(): Promise<void> {}

  private async write(
    doc: ContextDocument,
    durable: boolean,
    beforeRename?: () => Promise<void>
  ): Promise<void> {
    const text = serializeDocument(this.settings.type, doc)
    this.written = undefined
    await writeFileAtomic(this.path, text, { durable, beforeRename })
    // Only a primary is read back; the text must parse to the document (JSON and our YAML round-trip).
    // A copy: the caller keeps `doc` and may modify it.
    if (this.settings.isPrimary) this.written = { text, doc: cloneJson(doc) }
    this.logger.debug(`${this.name}: wrote ${this.path}`)
  }

  /**
   * The kept document when the file still holds its text, handed out once: callers modify what they
   * load, and the kept one is already a private copy (write()), so instead of copying it again it is
   * given away and forgotten; a later load parses the file.
   */
  private takeWritten(text: string): ContextDocument | undefined {
    const written = this.written
    if (written?.text !== text) return undefined
    this.written = undefined
    return written.doc
  }

  private async readText(): Promise<string | undefined> {
    try {
      return readFileSync(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new StoreError(`cannot read ${this.path}: ${errorMessage(err)}`, { cause: err })
    }
  }

  private parse(text: string): ContextDocument {
    let value: unknown
    try {
      value =
        this.settings.type === 'jsonfile' ? JSON.parse(text) : parseStoredYaml(text, this.path)
    } catch (err) {
      const message = errorMessage(err)
      // parseStoredYaml already names the file and line; JSON.parse names neither.
      throw new StoreError(
        message.includes(this.path) ? message : `malformed JSON in ${this.path}: ${message}`,
        { cause: err }
      )
    }
    if (!isJsonObject(value)) {
      throw new StoreError(`${this.path} does not hold a context document (expected a mapping)`)
    }
    return value as ContextDocument
  }
}

/** JSON with indent 2 and a trailing newline, or block YAML that PyYAML reads back the same. */
export function serializeDocument(type: FileSettings['type'], doc: ContextDocument): string {
  return type === 'jsonfile' ? `${JSON.stringify(doc, null, 2)}\n` : stringifyYaml(doc)
}

export function createFileStore(
  settings: FileSettings,
  logger: Logger,
  options?: FileStoreOptions
): StateStore {
  return new FileStore(settings, logger, options)
}
