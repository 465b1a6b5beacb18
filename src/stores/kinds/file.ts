import type { StoreKind } from '../../core/store.js'
import { createFileStore } from '../file-store.js'
import type { FileSettings } from '../settings.js'

/** `yamlfile` / `jsonfile`: the document in one local file (no client library: imported eagerly). */
function fileKind(type: FileSettings['type']): StoreKind<FileSettings> {
  return {
    type,
    canBePrimary: true,
    readSettings: (f, common, cwd) => ({
      ...common,
      name: type,
      type,
      path: f.requiredPath('path', cwd)
    }),
    create: async (settings, logger) => createFileStore(settings, logger)
  }
}

export const yamlFileKind = fileKind('yamlfile')
export const jsonFileKind = fileKind('jsonfile')
