/** Typed datasource settings, built from the merged `datasources:` of config.yaml + secrets.yaml. */

import type { StoreSettings } from '../core/store.js'

/**
 * The settings of the built-in kinds. A new kind may declare its settings in its own descriptor file
 * (src/stores/kinds/) instead: nothing here needs to know it.
 */
interface Common extends StoreSettings {
  name: DatasourceType
}

export interface RedisSettings extends Common {
  type: 'redis'
  host?: string
  port?: number
  db?: number
  username?: string
  password?: string
  /** `redis://` or `rediss://` URL; host/port/db/username/password given beside it override it. */
  url?: string
  /** Prepended to the id to form the key (default none, as the Python tool stored under the bare id). */
  keyPrefix?: string
  /** Expiry set on every write; none when unset. */
  ttlSeconds?: number
  /** TLS: true for defaults, or options; implied by `rediss://`. */
  tls?: boolean | { ca?: string; servername?: string; rejectUnauthorized?: boolean }
  /** Connect timeout, ms (default 5000). */
  connectTimeoutMs?: number
  /** Per-command timeout, ms (default 5000). */
  commandTimeoutMs?: number
  /** Attempts of a read-modify-write before ConflictError (default 100). */
  maxAttempts?: number
  /** Sentinel: the sentinels to ask for the current master of `sentinelName` (host/port then unused). */
  sentinels?: RedisNode[]
  /** Sentinel: the monitored master's name (`sentinel monitor <name> …`). */
  sentinelName?: string
  /** Sentinel: ACL credentials for the sentinels themselves (username/password are the master's). */
  sentinelUsername?: string
  sentinelPassword?: string
  /** Cluster: seed nodes (any few masters or replicas); db must be 0; host/port then unused. */
  cluster?: RedisNode[]
}

/** One `{host, port}` entry of `sentinels:` or `cluster:`. */
export interface RedisNode {
  host: string
  port: number
}

export interface FileSettings extends Common {
  type: 'yamlfile' | 'jsonfile'
  /** Absolute path (resolved against the working directory when loaded). */
  path: string
}

export interface ShellFileSettings extends Common {
  type: 'shellfile'
  path: string
  /** Keys skipped at any depth. */
  excludeKeyNames: string[]
}

export interface IdFileSettings extends Common {
  type: 'idfile'
  path: string
}

export interface ActionsCacheSettings extends Common {
  type: 'actions-cache'
  /** Key prefix of the cache entries (default `cicdstatemgr-`). */
  keyPrefix?: string
  /** Directory, relative to the working directory, for the archived document (default `.cicdstatemgr-cache`). */
  workDir?: string
  maxAttempts?: number
}

export type DatasourceSettings =
  RedisSettings | FileSettings | ShellFileSettings | IdFileSettings | ActionsCacheSettings

export type DatasourceType = DatasourceSettings['type']
