import type { Logger } from '../core/logger.js'
import type { IdFileSettings } from './settings.js'
import type { StateStore } from './state-store.js'
import { WriteOnlyFileStore } from './write-only-file-store.js'

/**
 * `idfile`: a write-only file holding just the id, with no trailing newline, as the Python tool wrote
 * it (so `$(cat file)` and readers that compare bytes both keep working).
 */
export function createIdFileStore(settings: IdFileSettings, logger: Logger): StateStore {
  return new WriteOnlyFileStore(
    settings.name,
    settings.path,
    (id) => id,
    logger,
    (id, text) => text === id
  )
}
