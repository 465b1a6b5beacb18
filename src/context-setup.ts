import { loadConfig, type ConfigSources, type LoadedConfig } from './core/config.js'
import { ContextManager } from './core/context-manager.js'
import type { Logger } from './core/logger.js'
import { defaultRegistry } from './handlers/registry.js'
import { createStores, type StoreSet } from './stores/create-stores.js'

/** What one CLI run or action step works with: validated config, open stores, the manager. */
export interface OpenContext {
  config: LoadedConfig
  stores: StoreSet
  manager: ContextManager
}

/**
 * Config -> stores -> ContextManager, the one setup the CLI and the actions share. Every secret is
 * registered with each of `maskers` before a store is opened (a connection error may quote a URL). The
 * caller closes `stores`. No runner calls here: the actions and the CLI bring their own logger.
 */
export async function openContext(
  sources: ConfigSources,
  logger: Logger,
  maskers: ReadonlyArray<Pick<Logger, 'addSecret'>> = [logger]
): Promise<OpenContext> {
  const config = loadConfig(sources)
  for (const secret of config.secretValues) for (const m of maskers) m.addSecret(secret)
  const stores = await createStores(config.datasources, logger)
  const manager = new ContextManager({ config, stores, logger, handlers: defaultRegistry })
  return { config, stores, manager }
}
