import type { Logger } from '../core/logger.js'
import { formatShellFile } from './shell-format.js'
import type { ShellFileSettings } from './settings.js'
import type { StateStore } from './state-store.js'
import { WriteOnlyFileStore } from './write-only-file-store.js'

/** `shellfile`: a write-only copy of the document as `CICD_…="…"` lines for `source`-ing in a shell. */
export function createShellFileStore(settings: ShellFileSettings, logger: Logger): StateStore {
  const render = (_id: string, doc: Parameters<typeof formatShellFile>[0]): string =>
    formatShellFile(doc, settings.excludeKeyNames)
  // The file holds `id` when it has the id's own line (absent when excludeKeyNames drops it).
  const holds = (id: string, text: string): boolean => {
    const line = formatShellFile(
      { state: { cicdContextDataId: id } },
      settings.excludeKeyNames
    ).trim()
    return line !== '' && text.split('\n').includes(line)
  }
  return new WriteOnlyFileStore(settings.name, settings.path, render, logger, holds)
}
