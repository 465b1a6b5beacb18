import { loadConfig, type ConfigSources, type LoadedConfig } from './core/config.js'
import { ContextManager } from './core/context-manager.js'
import type { GithubServices } from './core/events.js'
import type { Logger } from './core/logger.js'
import { defaultRegistry } from './handlers/registry.js'
import type { StoreSettings } from './core/store.js'
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
 * caller closes `stores`. No runner calls here: the actions and the CLI bring their own logger and the
 * GitHub handlers' environment and default token (masked here like every secret).
 */
export async function openContext(
  sources: ConfigSources,
  logger: Logger,
  maskers: ReadonlyArray<Pick<Logger, 'addSecret'>> = [logger],
  github?: GithubServices
): Promise<OpenContext> {
  const config = loadConfig(sources)
  const secrets = github?.token ? [...config.secretValues, github.token] : config.secretValues
  for (const secret of secrets) for (const m of maskers) m.addSecret(secret)
  const stores = await createStores(withToken(config.datasources, github?.token), logger)
  const manager = new ContextManager({
    config,
    stores,
    logger,
    handlers: defaultRegistry,
    ...(github ? { github } : {})
  })
  return { config, stores, manager }
}

/**
 * The `actions-artifact` datasource lists and downloads with a REST token: without its own `token`
 * setting it takes the one the GitHub handlers get (the actions' `github-token`, the CLI's GITHUB_TOKEN).
 */
function withToken(list: StoreSettings[], token: string | undefined): StoreSettings[] {
  if (!token) return list
  return list.map((d) =>
    d.type === 'actions-artifact' && !(d as { token?: string }).token ? { ...d, token } : d
  )
}
