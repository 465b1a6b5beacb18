import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { StoreError } from '../errors.js'
import { writeFileAtomic } from './atomic-write.js'
import { formatShellFile } from './shell-format.js'
import type { ShellFileSettings } from './settings.js'
import type { Mutation, StateStore } from './state-store.js'

/** `shellfile`: a write-only copy of the document as `CICD_…="…"` lines for `source`-ing in a shell. */
export class ShellFileStore implements StateStore {
  readonly name: string
  readonly loadable = false

  constructor(
    private readonly settings: ShellFileSettings,
    private readonly logger: Logger
  ) {
    this.name = settings.name
  }

  async load(_id: string): Promise<never> {
    throw new StoreError('shellfile cannot be primary: it is write-only')
  }

  async update(_id: string, _mutate: Mutation): Promise<never> {
    throw new StoreError('shellfile cannot be primary: it is write-only')
  }

  async save(_id: string, doc: ContextDocument): Promise<void> {
    await writeFileAtomic(this.settings.path, formatShellFile(doc, this.settings.excludeKeyNames), {
      durable: false
    })
    this.logger.debug(`${this.name}: wrote ${this.settings.path}`)
  }

  async close(): Promise<void> {}
}

export function createShellFileStore(settings: ShellFileSettings, logger: Logger): StateStore {
  return new ShellFileStore(settings, logger)
}
