import type { StoreKind } from '../../core/store.js'
import type { ShellFileSettings } from '../settings.js'
import { createShellFileStore } from '../shell-file-store.js'

/** `shellfile`: a write-only `CICD_…="…"` copy for `source`-ing in a shell. */
export const shellFileKind: StoreKind<ShellFileSettings> = {
  type: 'shellfile',
  canBePrimary: false,
  readSettings: (f, common, cwd) => ({
    ...common,
    name: 'shellfile',
    type: 'shellfile',
    path: f.requiredPath('path', cwd),
    excludeKeyNames: f.strList('excludeKeyNames')
  }),
  create: async (settings, logger) => createShellFileStore(settings, logger)
}
