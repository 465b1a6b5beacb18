import type { Logger } from '../core/logger.js'
import {
  findPrimary,
  type StateStore,
  type StoreRegistry,
  type StoreSet,
  type StoreSettings
} from '../core/store.js'
import type { ContextDocument } from '../core/types.js'
import { ConfigError, errorMessage } from '../errors.js'
import { withFileLock } from './file-lock.js'
import { storeRegistry } from './registry.js'
import type { DatasourceSettings } from './settings.js'

export type { StoreSet } from '../core/store.js'

/**
 * Builds the stores from typed settings; exactly one has isPrimary (validated by the config loader, but
 * re-check: throw ConfigError otherwise). Heavy clients are imported lazily: ioredis is loaded ONLY when a
 * redis datasource is configured (dynamic import), so a files-only CLI run never pays for it.
 */
export async function createStores(
  // DatasourceSettings too, so a literal of a built-in kind is checked against its fields.
  settings: ReadonlyArray<StoreSettings | DatasourceSettings>,
  logger: Logger,
  registry: StoreRegistry = storeRegistry
): Promise<StoreSet> {
  const primarySettings = checkPrimary(settings, registry)
  const built: StateStore[] = []
  let primary: StateStore | undefined
  try {
    for (const s of settings) {
      const store = await createStore(s, registry, logger)
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
function copiesLockPath(copies: StoreSettings[]): string | undefined {
  for (const s of copies) {
    if ('path' in s && typeof s.path === 'string' && s.path) return `${s.path}.copies`
  }
  return undefined
}

/** The rule itself is core's findPrimary (the config loader applies it too); this words it here. */
function checkPrimary(
  settings: ReadonlyArray<StoreSettings>,
  registry: StoreRegistry
): StoreSettings {
  const found = findPrimary(settings, registry)
  if ('primary' in found) return found.primary
  if (found.problem === 'write-only') {
    throw new ConfigError(`datasource ${found.name} cannot be primary: it is write-only`)
  }
  const names = found.names.join(', ')
  throw new ConfigError(
    `exactly one datasource must have isPrimary: true (found ${found.names.length}${names ? `: ${names}` : ''})`
  )
}

async function createStore(
  s: StoreSettings,
  registry: StoreRegistry,
  logger: Logger
): Promise<StateStore> {
  const kind = registry.get(s.type)
  if (!kind) throw new ConfigError(`unknown datasource type '${s.type}'`)
  return kind.create(s, logger)
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
