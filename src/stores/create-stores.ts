import { loadGithubStorage } from './github-storage-loader.js'
import type { Logger } from '../core/logger.js'
import { ConfigError, errorMessage } from '../errors.js'
import { createFileStore } from './file-store.js'
import { createIdFileStore } from './id-file-store.js'
import { LOADABLE_TYPES, type DatasourceSettings } from './settings.js'
import { createShellFileStore } from './shell-file-store.js'
import type { StateStore } from './state-store.js'

export interface StoreSet {
  primary: StateStore
  copies: StateStore[]
  close(): Promise<void>
}

/**
 * Builds the stores from typed settings; exactly one has isPrimary (validated by the config loader, but
 * re-check: throw ConfigError otherwise). Heavy clients are imported lazily: ioredis is loaded ONLY when a
 * redis datasource is configured (dynamic import), so a files-only CLI run never pays for it.
 */
export async function createStores(
  settings: DatasourceSettings[],
  logger: Logger
): Promise<StoreSet> {
  const primarySettings = checkPrimary(settings)
  const built: StateStore[] = []
  let primary: StateStore | undefined
  try {
    for (const s of settings) {
      const store = await createStore(s, logger)
      built.push(store)
      if (s === primarySettings) primary = store
    }
  } catch (err) {
    await closeStores(built, logger)
    throw err
  }
  if (!primary) throw new ConfigError('no primary datasource was built')
  const copies = built.filter((store) => store !== primary)
  return { primary, copies, close: () => closeStores(built, logger) }
}

function checkPrimary(settings: DatasourceSettings[]): DatasourceSettings {
  const primaries = settings.filter((s) => s.isPrimary)
  if (primaries.length !== 1) {
    const names = primaries.map((s) => s.name).join(', ')
    throw new ConfigError(
      `exactly one datasource must have isPrimary: true (found ${primaries.length}${names ? `: ${names}` : ''})`
    )
  }
  const primary = primaries[0] as DatasourceSettings
  if (!LOADABLE_TYPES.has(primary.type)) {
    throw new ConfigError(`datasource ${primary.name} cannot be primary: it is write-only`)
  }
  return primary
}

async function createStore(s: DatasourceSettings, logger: Logger): Promise<StateStore> {
  switch (s.type) {
    case 'redis': {
      // The store and its client are loaded only when redis is configured.
      const { createRedisStore } = await import('./redis-store.js')
      return createRedisStore(s, logger)
    }
    case 'yamlfile':
    case 'jsonfile':
      return createFileStore(s, logger)
    case 'shellfile':
      return createShellFileStore(s, logger)
    case 'idfile':
      return createIdFileStore(s, logger)
    case 'actions-cache': {
      // Pulls in @actions/cache and its HTTP stack (a bundle of its own): only load it when configured.
      const { createActionsCacheStore } = await loadGithubStorage()
      return createActionsCacheStore(s, logger)
    }
  }
}

/**
 * Closes every store even when one fails. A failed close cannot lose data (every write was already
 * acknowledged), and this runs in `finally`, where throwing would hide the error that got us there:
 * so failures are logged as warnings, not thrown.
 */
export async function closeStores(stores: StateStore[], logger: Logger): Promise<void> {
  const results = await Promise.allSettled(stores.map((store) => store.close()))
  results.forEach((result, i) => {
    if (result.status === 'rejected') {
      logger.warning(
        `could not close datasource ${stores[i]?.name}: ${errorMessage(result.reason)}`
      )
    }
  })
}
