import { existsSync } from 'node:fs'
import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { StoreError } from '../errors.js'
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
    private readonly logger: Logger
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

  async close(): Promise<void> {}
}
