import { dirname, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { readYamlMapping } from './files.js'
import { deepMerge } from './merge.js'
import { getOwn } from './own-property.js'
import { checkSchema } from './schema/validate.js'
import { isJsonObject, type JsonObject } from './types.js'

/** The app's pipeline config as read, and merged over its bases. */
export interface AppConfig {
  /** The app file as read, before bases (stored as `appPipelinesConfig`). */
  app: JsonObject
  /** Bases merged in order, then the app file over them. */
  merged: JsonObject
  path: string
}

/**
 * Loads the app config and merges its `bases` (file names relative to `basesDir`; default: the app
 * config's own directory) in order, then the app file over them.
 */
export function loadAppConfig(
  appConfigPath: string,
  basesDir: string | undefined,
  cwd: string
): AppConfig {
  const app = readYamlMapping(appConfigPath, 'app config file', cwd)
  const bases = app.bases
  if (
    bases !== undefined &&
    bases !== null &&
    !(Array.isArray(bases) && bases.every((b) => typeof b === 'string'))
  ) {
    throw new ConfigError(`${appConfigPath}: 'bases' must be a list of file names`, appConfigPath)
  }
  checkSchema('app-config', app, appConfigPath, cwd)
  const dir = basesDir ?? dirname(resolve(cwd, appConfigPath))
  let merged: JsonObject = {}
  let previous = '(empty)'
  for (const name of (bases as string[] | undefined) ?? []) {
    const file = resolve(cwd, dir, name)
    const base = readYamlMapping(file, `base file '${name}' listed in ${appConfigPath}`, cwd)
    checkSchema('app-config', base, file, cwd)
    merged = deepMerge(merged, base, '', [previous, file])
    previous = file
  }
  merged = deepMerge(merged, app, '', [previous, appConfigPath])
  return { app, merged, path: appConfigPath }
}

/** The mapping of one cicd context; an unknown name is an error listing the known ones. */
export function selectContext(config: AppConfig, contextName: string): JsonObject {
  const contexts = config.merged['cicd-contexts']
  if (!isJsonObject(contexts)) {
    throw new ConfigError(
      `${config.path}: no 'cicd-contexts' mapping (in the app file or its bases)`,
      config.path
    )
  }
  const selected = getOwn(contexts, contextName)
  if (selected === undefined) {
    const known = Object.keys(contexts).join(', ') || 'none'
    throw new ConfigError(
      `${config.path}: unknown cicd context '${contextName}' (defined: ${known})`,
      config.path
    )
  }
  if (selected !== null && !isJsonObject(selected)) {
    throw new ConfigError(
      `${config.path}: cicd-contexts.${contextName} must be a mapping`,
      config.path
    )
  }
  return selected ?? {}
}
