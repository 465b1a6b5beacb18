import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { ConfigError, errorMessage } from '../errors.js'
import { withFileLock } from './file-lock.js'
import { createFileStore } from './file-store.js'
import { createIdFileStore } from './id-file-store.js'
import { LOADABLE_TYPES, type DatasourceSettings } from './settings.js'
import { createShellFileStore } from './shell-file-store.js'
import type { StateStore } from './state-store.js'

export interface StoreSet {
  primary: StateStore
  copies: StateStore[]
  /**
   * Refreshes the copies after a write (or a --load) of `id`; `committed` is what this process stored
   * or read. See writeCopies: the copies never go back in time.
   */
  saveCopies(id: string, committed: ContextDocument): Promise<void>
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
  const lockPath = copiesLockPath(settings.filter((s) => s !== primarySettings))
  const thePrimary = primary
  return {
    primary,
    copies,
    saveCopies: (id, committed) =>
      writeCopies({ primary: thePrimary, copies, lockPath, logger }, id, committed),
    close: () => closeStores(built, logger)
  }
}

/**
 * Concurrent writers each commit, then write the copies: written from each one's own commit, an older
 * commit's copy could land last. So the copies are written under a local lock, from a read of the
 * primary taken under that lock (after this writer's commit): whoever takes the lock last reads the
 * newest state, and since the primary's history only moves forward, each copy write is at least as
 * new as the one before it. The cost is one read of the primary per write (one round trip for Redis,
 * a local read for files). A primary whose read is expensive (actions-cache: a download) says so by
 * not setting `reloadForCopies`; its copies are written from the committed document, still in lock
 * order. What remains: a writer stalled over 10 s inside the copies lock loses it (the lock goes
 * stale) and may then write an older state over a newer one, until the next write or --load.
 */
async function writeCopies(
  set: { primary: StateStore; copies: StateStore[]; lockPath?: string; logger: Logger },
  id: string,
  committed: ContextDocument
): Promise<void> {
  const { primary, copies, lockPath, logger } = set
  if (copies.length === 0) return
  const write = async (): Promise<void> => {
    const doc = (primary.reloadForCopies && (await primary.load(id))) || committed
    await Promise.all(copies.map((store) => store.save(id, doc)))
  }
  if (!lockPath) return write()
  await withFileLock(lockPath, write, { logger })
}

/** The copies lock lives beside the first local copy: `<its path>.copies.lock/`. */
function copiesLockPath(copies: DatasourceSettings[]): string | undefined {
  for (const s of copies) if ('path' in s && s.path) return `${s.path}.copies`
  return undefined
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
      // @actions/cache (a bundle of its own) is loaded by the store only when it downloads or uploads.
      const { createActionsCacheStore } = await import('./actions-cache-store.js')
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
