import type { StoreKind } from '../../core/store.js'
import { createIdFileStore } from '../id-file-store.js'
import type { IdFileSettings } from '../settings.js'

/** `idfile`: a write-only file holding just the id. */
export const idFileKind: StoreKind<IdFileSettings> = {
  type: 'idfile',
  canBePrimary: false,
  readSettings: (f, common, cwd) => ({
    ...common,
    name: 'idfile',
    type: 'idfile',
    path: f.requiredPath('path', cwd)
  }),
  create: async (settings, logger) => createIdFileStore(settings, logger)
}
