import type { Cluster as ClusterClient, ClusterOptions } from 'ioredis'
import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { stringifyYaml } from '../core/yaml.js'
import { ConflictError, StoreError, errorMessage, firstLine } from '../errors.js'
import {
  backoffMs,
  describeRedisTarget,
  escapeGlob,
  idsFromKeys,
  scanAll,
  parseStoredDocument,
  RedisFailures,
  resolveRedisTarget,
  sleep,
  type RedisTarget
} from './redis-store.js'
import type { RedisSettings } from './settings.js'
import type { Mutation, StateStore } from './state-store.js'

const DEFAULT_TIMEOUT_MS = 5000
const DEFAULT_MAX_ATTEMPTS = 100

/**
 * Compare-and-swap on one key: SET (with EX when given) only if the value is still byte-equal to what
 * the client read (ARGV[1] = '1'), or still absent (ARGV[1] = '0'). Returns 1 when written, else 0.
 * One key, so the script runs on the key's master, in one slot, atomically.
 */
const CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
end
return 1
`

/**
 * Errors a cluster answers while slots move or a master fails over (ioredis follows MOVED/ASK itself
 * up to maxRedirections; these can still surface) and a connection lost meanwhile. The operation is
 * retried from the read: a Mutation is replayable, and an EVAL that did apply before its reply was lost
 * only makes the next compare fail and re-apply on top of it.
 */
const TRANSIENT =
  /^(MOVED|ASK|CLUSTERDOWN|TRYAGAIN|LOADING|READONLY|MASTERDOWN)\b|Connection is closed|timed out|ECONNRESET|ECONNREFUSED|Failed to refresh slots|Too many Cluster redirections/i

type ClusterConstructor = typeof import('ioredis').Cluster
let clusterConstructor: Promise<ClusterConstructor> | undefined

function loadCluster(): Promise<ClusterConstructor> {
  // In the CommonJS bundle the CJS module's namespace puts the exports under `default` only.
  clusterConstructor ??= import('ioredis').then(
    (mod) =>
      mod.Cluster ??
      (mod as unknown as { default: { Cluster: ClusterConstructor } }).default.Cluster
  )
  return clusterConstructor
}

/**
 * `redis` with `cluster:` seed nodes: the same single key per context (`keyPrefix + id`, one slot) as
 * the single-server store. ioredis' Cluster client shares its node connections between commands, so
 * WATCH cannot guard a transaction; writes are a client-side read then a Lua compare-and-swap instead.
 */
export class RedisClusterStore implements StateStore {
  readonly name: string
  readonly loadable = true
  readonly reloadForCopies = true
  private readonly target: RedisTarget
  private readonly where: string
  private readonly failures: RedisFailures
  private client: Promise<ClusterClient> | undefined
  private closed = false

  constructor(
    private readonly settings: RedisSettings,
    private readonly logger: Logger
  ) {
    this.name = settings.name
    this.target = resolveRedisTarget(settings)
    this.where = describeRedisTarget(settings, this.target)
    this.failures = new RedisFailures(this.where, this.target.password)
    if (this.target.password) logger.addSecret(this.target.password)
  }

  async load(id: string): Promise<ContextDocument | undefined> {
    const key = this.key(id)
    const cluster = await this.connection()
    const text = await this.failures.run('GET', key, () => cluster.get(key))
    return text === null ? undefined : parseStoredDocument(key, text)
  }

  /** GET, mutate, CAS; a lost compare or a failover error re-reads and re-applies (bounded). */
  async update(id: string, mutate: Mutation): Promise<ContextDocument> {
    const key = this.key(id)
    const maxAttempts = this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
    const cluster = await this.connection()
    const ttl = this.settings.ttlSeconds ? String(this.settings.ttlSeconds) : ''
    let lastError: unknown
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await sleep(backoffMs(attempt - 1))
      const read = await this.transient('GET', key, () => cluster.get(key))
      if (!read.ok) {
        lastError = read.error
        continue
      }
      const text = read.value
      // The mutation runs outside the error handling: its own errors are not redis errors.
      const next = mutate(text === null ? undefined : parseStoredDocument(key, text))
      const payload = stringifyYaml(next)
      const expected = text === null ? ['0', ''] : ['1', text]
      const cas = await this.transient('EVAL', key, () =>
        cluster.eval(CAS_SCRIPT, 1, key, ...expected, payload, ttl)
      )
      if (!cas.ok) {
        lastError = cas.error
        continue
      }
      if (cas.value === 1) return next
      lastError = undefined
      this.logger.debug(`redis: ${key} changed by another writer; retrying (attempt ${attempt})`)
    }
    if (lastError !== undefined) throw this.failures.commandError('update', key, lastError)
    throw new ConflictError(
      `redis update of key "${key}" gave up after ${maxAttempts} attempts: ` +
        'other writers kept changing it'
    )
  }

  /** Runs one command; a transient cluster error is returned for a retry, any other is thrown. */
  private async transient<T>(
    op: string,
    key: string,
    fn: () => Promise<T>
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    try {
      return { ok: true, value: await fn() }
    } catch (err) {
      if (!TRANSIENT.test(errorMessage(err))) throw this.failures.commandError(op, key, err)
      this.logger.debug(
        `redis ${op} of ${key}: ${this.failures.sanitize(errorMessage(err))}; retrying`
      )
      return { ok: false, error: err }
    }
  }

  async save(id: string, doc: ContextDocument): Promise<void> {
    const key = this.key(id)
    const payload = stringifyYaml(doc)
    const cluster = await this.connection()
    const ttl = this.settings.ttlSeconds
    await this.failures.run('SET', key, () =>
      ttl ? cluster.set(key, payload, 'EX', ttl) : cluster.set(key, payload)
    )
  }

  /** `SET key value NX` (with `EX` when a TTL is configured) on the key's master. */
  async create(id: string, doc: ContextDocument): Promise<boolean> {
    const key = this.key(id)
    const payload = stringifyYaml(doc)
    const cluster = await this.connection()
    const ttl = this.settings.ttlSeconds
    const reply = await this.failures.run('SET', key, () =>
      ttl ? cluster.set(key, payload, 'EX', ttl, 'NX') : cluster.set(key, payload, 'NX')
    )
    return reply === 'OK'
  }

  async delete(id: string): Promise<boolean> {
    const key = this.key(id)
    const cluster = await this.connection()
    return (await this.failures.run('DEL', key, () => cluster.del(key))) > 0
  }

  /** SCAN on every master (each holds its own slots), never KEYS. */
  async list(): Promise<string[]> {
    const prefix = this.settings.keyPrefix ?? ''
    const pattern = `${escapeGlob(prefix)}*`
    const cluster = await this.connection()
    const keys = await this.failures.run('SCAN', pattern, async () => {
      const perMaster = await Promise.all(
        cluster.nodes('master').map((node) => scanAll(node, pattern))
      )
      return perMaster.flat()
    })
    return idsFromKeys(keys, prefix)
  }

  async close(): Promise<void> {
    this.closed = true
    const pending = this.client
    this.client = undefined
    if (!pending) return
    // Sockets closed at once, without QUIT: every reply we wait for has arrived (see RedisStore.quit).
    await pending.then(
      (cluster) => cluster.disconnect(),
      () => undefined
    )
  }

  private key(id: string): string {
    return (this.settings.keyPrefix ?? '') + id
  }

  /** One Cluster client per store, connected on first use; it follows MOVED/ASK and refreshes slots. */
  private connection(): Promise<ClusterClient> {
    if (this.closed) return Promise.reject(new StoreError('redis store is closed'))
    this.client ??= this.connect()
    return this.client
  }

  private async connect(): Promise<ClusterClient> {
    const Cluster = await loadCluster()
    const nodes = (this.settings.cluster ?? []).map(({ host, port }) => ({ host, port }))
    const cluster = new Cluster(nodes, this.options())
    let lastError: Error | undefined
    cluster.on('error', (err: Error) => {
      lastError = err
      this.logger.debug(`redis ${this.where}: ${this.failures.sanitize(err.message)}`)
    })
    try {
      await cluster.connect()
      return cluster
    } catch (err) {
      cluster.disconnect()
      this.client = undefined
      const reason = firstLine(this.failures.sanitize(lastError?.message ?? errorMessage(err)))
      throw new StoreError(`cannot connect to redis at ${this.where}: ${reason}`)
    }
  }

  private options(): ClusterOptions {
    const t = this.target
    const timeout = this.settings.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS
    return {
      lazyConnect: true,
      // Startup fails fast (one pass over the seeds); after that ioredis refreshes the slot map itself.
      clusterRetryStrategy: () => null,
      slotsRefreshTimeout: this.settings.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      retryDelayOnTryAgain: 100,
      enableAutoPipelining: false,
      // With TLS, connect by the name the nodes announce, not a resolved IP: the certificate names it.
      ...(t.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
      redisOptions: {
        // Cluster nodes have no SELECT; AUTH goes on every node connection, so ioredis sends it.
        ...(t.username !== undefined ? { username: t.username } : {}),
        ...(t.password !== undefined ? { password: t.password } : {}),
        ...(t.tls ? { tls: t.tls } : {}),
        protocol: 2,
        connectTimeout: this.settings.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        commandTimeout: timeout,
        enableReadyCheck: false,
        disableClientInfo: true
      }
    }
  }
}
