import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { StoreError } from '../errors.js'
import { writeFileAtomic } from './atomic-write.js'
import type { IdFileSettings } from './settings.js'
import type { Mutation, StateStore } from './state-store.js'

/**
 * `idfile`: a write-only file holding just the id, with no trailing newline, as the Python tool wrote
 * it (so `$(cat file)` and readers that compare bytes both keep working).
 */
export class IdFileStore implements StateStore {
  readonly name: string
  readonly loadable = false

  constructor(
    private readonly settings: IdFileSettings,
    private readonly logger: Logger
  ) {
    this.name = settings.name
  }

  async load(_id: string): Promise<never> {
    throw new StoreError('idfile cannot be primary: it is write-only')
  }

  async update(_id: string, _mutate: Mutation): Promise<never> {
    throw new StoreError('idfile cannot be primary: it is write-only')
  }

  async save(id: string, _doc: ContextDocument): Promise<void> {
    await writeFileAtomic(this.settings.path, id, { durable: false })
    this.logger.debug(`${this.name}: wrote ${this.settings.path}`)
  }

  async close(): Promise<void> {}
}

export function createIdFileStore(settings: IdFileSettings, logger: Logger): StateStore {
  return new IdFileStore(settings, logger)
}
