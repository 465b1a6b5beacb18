import { isAbsolute, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import {
  DATASOURCE_TYPES,
  LOADABLE_TYPES,
  type DatasourceSettings,
  type DatasourceType
} from '../stores/settings.js'
import { readYamlMapping } from './files.js'
import { deepMerge } from './merge.js'
import { checkSchema } from './schema/validate.js'
import { defined, isJsonObject, type JsonObject, type JsonValue } from './types.js'

const TOP_KEY = 'cicdstatemgr'

/** config.yaml + secrets.yaml, validated. */
export interface LoadedConfig {
  /** The `cicdstatemgr:` section of config.yaml: `configData` in templates. */
  config: JsonObject
  /** The `cicdstatemgr:` section of secrets.yaml (empty without one): `secretData` in templates. */
  secrets: JsonObject
  /** Datasources after secrets are deep-merged over config. */
  datasources: DatasourceSettings[]
  /** Every string leaf of secrets.yaml: masked in all output. */
  secretValues: string[]
  configPath?: string
  secretsPath?: string
}

export interface ConfigSources {
  configPath?: string
  secretsPath?: string
  /** Inline secrets YAML text (the actions take secrets from a GitHub secret). */
  secretsText?: JsonObject
  cwd: string
  /** Primary used when no datasource is marked primary (the actions default to actions-cache). */
  defaultPrimary?: DatasourceType
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
  const datasources = Object.entries(merged).map(([name, value]) =>
    datasourceSettings(name, value, configPath ?? 'config', cwd)
  )
  applyDefaultPrimary(datasources, sources.defaultPrimary)
  checkPrimary(datasources, configPath ?? 'config')
  return {
    config,
    secrets,
    datasources,
    secretValues: collectStrings(secrets),
    ...(configPath ? { configPath } : {}),
    ...(secretsPath ? { secretsPath } : {})
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

function applyDefaultPrimary(
  list: DatasourceSettings[],
  fallback: DatasourceType | undefined
): void {
  if (!fallback || list.some((d) => d.isPrimary)) return
  const existing = list.find((d) => d.name === fallback)
  if (existing) existing.isPrimary = true
  else list.unshift({ name: fallback, type: fallback, isPrimary: true } as DatasourceSettings)
}

function checkPrimary(list: DatasourceSettings[], file: string): void {
  const primaries = list.filter((d) => d.isPrimary).map((d) => d.name)
  if (primaries.length === 0) {
    throw new ConfigError(`${file}: no datasource has 'isPrimary: true' (exactly one must)`, file)
  }
  if (primaries.length > 1) {
    throw new ConfigError(
      `${file}: ${primaries.length} datasources have 'isPrimary: true' (${primaries.join(', ')}); exactly one must`,
      file
    )
  }
  const primary = list.find((d) => d.isPrimary) as DatasourceSettings
  if (!LOADABLE_TYPES.has(primary.type)) {
    throw new ConfigError(
      `${file}: datasource '${primary.name}' cannot be primary (write-only)`,
      file
    )
  }
}

function datasourceSettings(
  name: string,
  raw: JsonValue,
  file: string,
  cwd: string
): DatasourceSettings {
  if (!(DATASOURCE_TYPES as readonly string[]).includes(name)) {
    throw new ConfigError(
      `${file}: unknown datasource '${name}' (known: ${DATASOURCE_TYPES.join(', ')})`,
      file
    )
  }
  const type = name as DatasourceType
  const o = raw === null ? {} : raw
  if (!isJsonObject(o))
    throw new ConfigError(`${file}: datasource '${name}' must be a mapping`, file)
  const f = new FieldReader(o, `${file}: datasources.${name}`, file)
  const common = { name: type, isPrimary: f.bool('isPrimary') ?? false }
  switch (type) {
    case 'redis':
      return {
        ...common,
        type,
        ...defined({
          host: f.str('host'),
          port: f.int('port'),
          db: f.int('db'),
          username: f.str('username'),
          password: f.str('password'),
          url: f.str('url'),
          keyPrefix: f.str('keyPrefix'),
          ttlSeconds: f.int('ttlSeconds'),
          tls: f.tls('tls'),
          connectTimeoutMs: f.int('connectTimeoutMs'),
          commandTimeoutMs: f.int('commandTimeoutMs'),
          maxAttempts: f.int('maxAttempts'),
          sentinels: f.nodes('sentinels'),
          sentinelName: f.str('sentinelName'),
          sentinelUsername: f.str('sentinelUsername'),
          sentinelPassword: f.str('sentinelPassword'),
          cluster: f.nodes('cluster')
        })
      }
    case 'yamlfile':
    case 'jsonfile':
    case 'idfile':
      return { ...common, type, path: absolute(f.requiredStr('path'), cwd) } as DatasourceSettings
    case 'shellfile':
      return {
        ...common,
        type,
        path: absolute(f.requiredStr('path'), cwd),
        excludeKeyNames: f.strList('excludeKeyNames')
      }
    case 'actions-cache':
      return {
        ...common,
        type,
        ...defined({
          keyPrefix: f.str('keyPrefix'),
          workDir: f.str('workDir'),
          maxAttempts: f.int('maxAttempts')
        })
      }
  }
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path)
}

/** Reads typed fields of one datasource mapping; a wrong type names the key. */
class FieldReader {
  constructor(
    private readonly obj: JsonObject,
    private readonly where: string,
    private readonly file: string
  ) {}

  private fail(key: string, expected: string): never {
    throw new ConfigError(`${this.where}.${key} must be ${expected}`, this.file)
  }

  str(key: string): string | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'number') return String(v)
    return typeof v === 'string' ? v : this.fail(key, 'a string')
  }

  requiredStr(key: string): string {
    return this.str(key) || this.fail(key, 'a non-empty string')
  }

  int(key: string): number | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null || v === '') return undefined
    const n = typeof v === 'string' ? Number(v) : v
    return typeof n === 'number' && Number.isInteger(n) && n >= 0
      ? n
      : this.fail(key, 'a whole number')
  }

  bool(key: string): boolean | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'boolean') return v
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'
    return this.fail(key, 'true or false')
  }

  strList(key: string): string[] {
    const v = this.obj[key]
    if (v === undefined || v === null) return []
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]
    return this.fail(key, 'a list of strings')
  }

  /** A non-empty list of `{host, port}` (Redis sentinels or cluster seed nodes). */
  nodes(key: string): { host: string; port: number }[] | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    const expected = 'a non-empty list of {host, port} mappings'
    if (!Array.isArray(v) || v.length === 0) return this.fail(key, expected)
    return v.map((item, i) => {
      if (!isJsonObject(item)) return this.fail(`${key}[${i}]`, 'a {host, port} mapping')
      const sub = new FieldReader(item, `${this.where}.${key}[${i}]`, this.file)
      const port = sub.int('port')
      if (port === undefined || port < 1 || port > 65535) sub.fail('port', 'from 1 to 65535')
      return { host: sub.requiredStr('host'), port: port as number }
    })
  }

  tls(
    key: string
  ): boolean | { ca?: string; servername?: string; rejectUnauthorized?: boolean } | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'boolean') return v
    if (!isJsonObject(v))
      return this.fail(key, 'true/false or a mapping (ca, servername, rejectUnauthorized)')
    const sub = new FieldReader(v, `${this.where}.${key}`, this.file)
    return defined({
      ca: sub.str('ca'),
      servername: sub.str('servername'),
      rejectUnauthorized: sub.bool('rejectUnauthorized')
    })
  }
}

/** Every string leaf of a YAML/JSON value (secret values to mask). */
export function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out))
  else if (isJsonObject(value)) Object.values(value).forEach((v) => collectStrings(v, out))
  return out
}
