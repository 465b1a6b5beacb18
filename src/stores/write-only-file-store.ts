import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { StoreError, errorMessage } from '../errors.js'
import { writeFileAtomic } from './atomic-write.js'
import type { Mutation, StateStore } from './state-store.js'

/**
 * A copy written for shells and tools, never read back (`shellfile`, `idfile`): each save renders the
 * file's text and replaces it atomically. It is rewritten on every write, so it skips fsync.
 */
export class WriteOnlyFileStore implements StateStore {
  readonly loadable = false

  constructor(
    readonly name: string,
    private readonly path: string,
    private readonly render: (id: string, doc: ContextDocument) => string,
    private readonly logger: Logger,
    /** Whether the file's text belongs to `id` (`--delete` removes only such a copy). */
    private readonly holds: (id: string, text: string) => boolean = () => false
  ) {}

  async load(_id: string): Promise<never> {
    throw new StoreError(`${this.name} cannot be primary: it is write-only`)
  }

  async update(_id: string, _mutate: Mutation): Promise<never> {
    throw new StoreError(`${this.name} cannot be primary: it is write-only`)
  }

  async save(id: string, doc: ContextDocument): Promise<void> {
    await writeFileAtomic(this.path, this.render(id, doc), { durable: false })
    this.logger.debug(`${this.name}: wrote ${this.path}`)
  }

  async exists(_id: string): Promise<boolean> {
    return existsSync(this.path)
  }

  /** Removes the copy when it holds `id`; a copy of another context (or one that cannot tell) stays. */
  async delete(id: string): Promise<boolean> {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw new StoreError(`cannot read ${this.path}: ${errorMessage(err)}`, { cause: err })
    }
    if (!this.holds(id, text)) return false
    await rm(this.path, { force: true })
    this.logger.debug(`${this.name}: removed ${this.path}`)
    return true
  }

  async close(): Promise<void> {}
}
