import { ConfigError } from '../errors.js'
// The one place the core names the store layer: the default list of datasource kinds. Everything it
// needs from a kind goes through the StoreKind interface of ./store.ts.
import { storeRegistry } from '../stores/registry.js'
import { FieldReader } from './field-reader.js'
import { readYamlMapping } from './files.js'
import { deepMerge } from './merge.js'
import { checkSchema } from './schema/validate.js'
import { findPrimary, type StoreRegistry, type StoreSettings } from './store.js'
import { isJsonObject, type JsonObject, type JsonValue } from './types.js'

const TOP_KEY = 'cicdstatemgr'

/** config.yaml + secrets.yaml, validated. */
export interface LoadedConfig {
  /** The `cicdstatemgr:` section of config.yaml: `configData` in templates. */
  config: JsonObject
  /** The `cicdstatemgr:` section of secrets.yaml (empty without one): `secretData` in templates. */
  secrets: JsonObject
  /** Datasources after secrets are deep-merged over config. */
  datasources: StoreSettings[]
  /** Every string leaf of secrets.yaml: masked in all output. */
  secretValues: string[]
  configPath?: string
  secretsPath?: string
  /**
   * The directory relative paths were resolved against (the CLI's cwd, the actions' `working-directory`):
   * where handlers that work in a directory (`shell`) start.
   */
  cwd?: string
}

export interface ConfigSources {
  configPath?: string
  secretsPath?: string
  /** Inline secrets YAML text (the actions take secrets from a GitHub secret). */
  secretsText?: JsonObject
  cwd: string
  /** Primary used when no datasource is marked primary (the actions default to actions-cache). */
  defaultPrimary?: string
  /** The datasource kinds (default: every kind of src/stores/registry.ts). */
  stores?: StoreRegistry
}

export function loadConfig(sources: ConfigSources): LoadedConfig {
  const { configPath, secretsPath, cwd } = sources
  const configDoc = configPath ? readYamlMapping(configPath, 'config file', cwd) : { [TOP_KEY]: {} }
  const config = section(configDoc, configPath ?? 'config')
  if (configPath) checkSchema('config', configDoc, configPath, cwd)
  const secretsDoc = secretsPath
    ? readYamlMapping(secretsPath, 'secrets file', cwd)
    : sources.secretsText
  const secrets = secretsDoc ? section(secretsDoc, secretsPath ?? 'secrets') : {}
  if (secretsDoc) checkSchema('secrets', secretsDoc, secretsPath, cwd)
  const dsConfig = optionalMapping(config, 'datasources', configPath)
  const dsSecrets = optionalMapping(secrets, 'datasources', secretsPath)
  const merged = deepMerge(dsConfig, dsSecrets, 'datasources', [
    configPath ?? 'config',
    secretsPath ?? 'secrets'
  ])
  const registry = sources.stores ?? storeRegistry
  const datasources = Object.entries(merged).map(([name, value]) =>
    datasourceSettings(registry, name, value, configPath ?? 'config', cwd)
  )
  applyDefaultPrimary(datasources, sources.defaultPrimary)
  checkPrimary(datasources, registry, configPath ?? 'config')
  return {
    config,
    secrets,
    datasources,
    secretValues: collectStrings(secrets),
    ...(configPath ? { configPath } : {}),
    ...(secretsPath ? { secretsPath } : {}),
    cwd
  }
}

function section(doc: JsonObject, file: string): JsonObject {
  const value = doc[TOP_KEY]
  if (value === undefined)
    throw new ConfigError(`${file}: missing top-level key '${TOP_KEY}:'`, file)
  if (value === null) return {}
  if (!isJsonObject(value)) throw new ConfigError(`${file}: '${TOP_KEY}' must be a mapping`, file)
  return value
}

function optionalMapping(obj: JsonObject, key: string, file: string | undefined): JsonObject {
  const value = obj[key]
  if (value === undefined || value === null) return {}
  if (!isJsonObject(value))
    throw new ConfigError(`${file ?? 'config'}: '${TOP_KEY}.${key}' must be a mapping`, file)
  return value
}

function applyDefaultPrimary(list: StoreSettings[], fallback: string | undefined): void {
  if (!fallback || list.some((d) => d.isPrimary)) return
  const existing = list.find((d) => d.name === fallback)
  if (existing) existing.isPrimary = true
  else list.unshift({ name: fallback, type: fallback, isPrimary: true })
}

function checkPrimary(list: StoreSettings[], registry: StoreRegistry, file: string): void {
  const found = findPrimary(list, registry)
  if ('primary' in found) return
  if (found.problem === 'write-only') {
    throw new ConfigError(
      `${file}: datasource '${found.name}' cannot be primary (write-only)`,
      file
    )
  }
  if (found.names.length === 0) {
    throw new ConfigError(`${file}: no datasource has 'isPrimary: true' (exactly one must)`, file)
  }
  throw new ConfigError(
    `${file}: ${found.names.length} datasources have 'isPrimary: true' (${found.names.join(', ')}); exactly one must`,
    file
  )
}

function datasourceSettings(
  registry: StoreRegistry,
  name: string,
  raw: JsonValue,
  file: string,
  cwd: string
): StoreSettings {
  const kind = registry.get(name)
  if (!kind) {
    throw new ConfigError(
      `${file}: unknown datasource '${name}' (known: ${[...registry.keys()].join(', ')})`,
      file
    )
  }
  const o = raw === null ? {} : raw
  if (!isJsonObject(o))
    throw new ConfigError(`${file}: datasource '${name}' must be a mapping`, file)
  const f = new FieldReader(o, `${file}: datasources.${name}`, file)
  return kind.readSettings(f, { name, type: name, isPrimary: f.bool('isPrimary') ?? false }, cwd)
}

/** Every string leaf of a YAML/JSON value (secret values to mask). */
export function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out))
  else if (isJsonObject(value)) Object.values(value).forEach((v) => collectStrings(v, out))
  return out
}
