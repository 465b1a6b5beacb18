/**
 * The `actions-cache` datasource: context documents kept in GitHub's Actions cache through
 * @actions/cache, so a workflow needs no Redis and no setup.
 *
 * Cache entries are immutable, so every write is a new entry: revision n of id X is stored under
 * `<keyPrefix><escaped X>-r<n, 10 digits>` and a read restores the newest entry matching the prefix
 * `<keyPrefix><escaped X>-r`. The archived file holds `{id, revision, writer, document}`, so the
 * revision comes from content, not from the key.
 *
 * No lost updates: an update reads revision n, applies the mutation and saves revision n+1. Two writers
 * that both read n both try to reserve n+1 and the service refuses the second (HTTP 409). When a save
 * is refused or fails midway, the store asks the service whether revision n+1 now exists: if so another
 * writer won (or our own save landed although its answer was lost), and the store reloads, re-applies
 * the mutation and retries (bounded, jittered); if not, the save failed and a StoreError says so: an
 * update is never dropped silently. A read tells "no such context" (undefined) from "the service failed"
 * (StoreError).
 *
 * Branch scoping (GitHub's rule, not ours): a run reads the cache of its own ref first, then of the
 * default branch (and a pull request's base); it writes only to its own ref. A pull-request run
 * writes to `refs/pull/<n>/merge`, which only later runs of that pull request can read. A context
 * updated in a PR run therefore forks from the default branch's copy: the default branch and other
 * branches keep seeing their own newest revision. Entries unused for 7 days are evicted, and the
 * repository's cache size limit evicts the least recently used first.
 *
 * Job-local copy: every read still asks the service which entry is newest, but when that is the entry
 * this job last read or wrote, its content comes from a copy under RUNNER_TEMP instead of a download
 * (see actions-cache-local-copy.ts).
 *
 * The service is spoken to directly (actions-cache-client.ts) and entries are packed in-process
 * (actions-cache-archive.ts), in the format @actions/cache makes and reads.
 */
import { randomUUID } from 'node:crypto'
import type { Logger } from '../core/logger.js'
import { isJsonObject, type ContextDocument } from '../core/types.js'
import { ConfigError, ConflictError, StoreError, errorMessage, firstLine } from '../errors.js'
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_WORK_DIR,
  checkKeyPrefix,
  checkWorkDir,
  entryNames,
  revisionKey,
  type EntryNames
} from './actions-cache-keys.js'
import { packEntry, unpackEntry } from './actions-cache-archive.js'
import {
  CacheWriteDenied,
  createCacheClient,
  type CacheClient,
  type FoundEntry
} from './actions-cache-client.js'
import {
  cacheVersion,
  checkCacheMode,
  compressionMethod,
  readRunnerEnv,
  serviceFailed,
  type CompressionMethod
} from './actions-cache-service.js'
import { LocalCopies, type EntryIdentity } from './actions-cache-local-copy.js'
import type { ActionsCacheSettings } from './settings.js'
import type { Mutation, StateStore } from './state-store.js'

/** Timing knobs; the defaults suit the real service, tests shrink them. */
export interface ActionsCacheTuning {
  /** Base of the jittered wait before re-applying an update that lost a race. */
  conflictBackoffMs: number
  /**
   * Waits before re-checking whether a refused revision belongs to a writer still uploading it
   * (the service refuses a key that is reserved but not yet finalized).
   */
  pendingCheckDelaysMs: readonly number[]
  /** Attempts and first backoff of each request to the service (5xx, 429 and network errors are retried). */
  lookupAttempts: number
  lookupBaseDelayMs: number
  /** Per-request timeout of a Twirp call. */
  requestTimeoutMs: number
  /** Per-request timeout of an upload or a download. */
  operationTimeoutMs: number
}

const DEFAULT_TUNING: ActionsCacheTuning = {
  conflictBackoffMs: 250,
  pendingCheckDelaysMs: [500, 1500, 3000],
  lookupAttempts: 4,
  lookupBaseDelayMs: 1000,
  requestTimeoutMs: 30_000,
  operationTimeoutMs: 300_000
}

const DEFAULT_MAX_ATTEMPTS = 10
const FORMAT = 1

interface Archive {
  format: number
  id: string
  revision: number
  /** Random per write attempt: recognises our own save when its outcome was unclear. */
  writer: string
  document: ContextDocument
}

/**
 * Where the revisions of one id live: their names, and the compression and cache version they are
 * written and found with (decided together, so they can never disagree within an operation).
 */
interface Entries extends EntryNames {
  method: CompressionMethod
  version: string
}

interface StoreConfig {
  keyPrefix: string
  workDir: string
  maxAttempts: number
  lockDir: string
  tuning: ActionsCacheTuning
}

/**
 * The store factory. Throws StoreError outside GitHub Actions (naming the missing variable) and
 * ConfigError for unusable settings. `tuning` is for tests; callers pass two arguments.
 */
export async function createActionsCacheStore(
  settings: ActionsCacheSettings,
  logger: Logger,
  tuning: Partial<ActionsCacheTuning> = {}
): Promise<StateStore> {
  const env = readRunnerEnv()
  logger.addSecret(env.token)
  const config: StoreConfig = {
    keyPrefix: checkKeyPrefix(settings.keyPrefix ?? DEFAULT_KEY_PREFIX),
    workDir: checkWorkDir(settings.workDir ?? DEFAULT_WORK_DIR),
    maxAttempts: attemptsSetting(settings.maxAttempts),
    lockDir: process.env.RUNNER_TEMP ?? '',
    tuning: { ...DEFAULT_TUNING, ...tuning }
  }
  const client = createCacheClient(env, {
    attempts: config.tuning.lookupAttempts,
    baseDelayMs: config.tuning.lookupBaseDelayMs,
    requestTimeoutMs: config.tuning.requestTimeoutMs,
    transferTimeoutMs: config.tuning.operationTimeoutMs
  })
  const copies = new LocalCopies<Archive>(config.lockDir, fitsEntry, logger)
  return new ActionsCacheStore(config, client, copies, logger)
}

function attemptsSetting(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_ATTEMPTS
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`actions-cache: maxAttempts must be a whole number >= 1, got ${value}`)
  }
  return value
}

class ActionsCacheStore implements StateStore {
  readonly name = 'actions-cache'
  readonly loadable = true

  constructor(
    private readonly config: StoreConfig,
    private readonly client: CacheClient,
    private readonly copies: LocalCopies<Archive>,
    private readonly logger: Logger
  ) {}

  async load(id: string): Promise<ContextDocument | undefined> {
    checkCacheMode(['read'])
    const current = await this.read(id, this.entries(id))
    return current?.document
  }

  async update(id: string, mutate: Mutation): Promise<ContextDocument> {
    checkCacheMode(['read', 'write'])
    const names = this.entries(id)
    const max = this.config.maxAttempts
    let lostWriter: string | undefined
    for (let attempt = 1; attempt <= max; attempt++) {
      const current = await this.read(id, names)
      // A save reported as failed may still have landed; never apply the change twice.
      if (lostWriter !== undefined && current?.writer === lostWriter) return current.document
      const archive = this.nextArchive(id, current, mutate)
      if (await this.write(names, archive)) return archive.document
      lostWriter = archive.writer
      if (attempt < max) {
        this.logger.info(
          `actions-cache: another job wrote revision ${archive.revision} of context '${id}' first; ` +
            `reloading and re-applying the change (attempt ${attempt + 1} of ${max})`
        )
        await sleep(jitter(this.config.tuning.conflictBackoffMs, attempt))
      }
    }
    throw new ConflictError(
      `actions-cache: gave up updating context '${id}' after ${max} attempts: ` +
        'other jobs kept writing it at the same time (raise maxAttempts or use redis)'
    )
  }

  async save(id: string, doc: ContextDocument): Promise<void> {
    await this.update(id, () => doc)
  }

  /**
   * Revision 1, only when no revision of `id` is found: two creators both try to create revision 1 and
   * the service refuses the second (409), which then answers false like a found revision.
   */
  async create(id: string, doc: ContextDocument): Promise<boolean> {
    checkCacheMode(['read', 'write'])
    const names = this.entries(id)
    if ((await this.newest(id, names)) !== undefined) return false
    const writer = randomUUID()
    return this.write(names, { format: FORMAT, id, revision: 1, writer, document: doc })
  }

  /** The runtime cache service has no delete; the REST API does, with a token this store does not hold. */
  async delete(id: string): Promise<boolean> {
    const prefix = this.entries(id).prefix
    throw new StoreError(
      `actions-cache: the runtime cache service cannot delete entries; delete context '${id}' with ` +
        `\`gh cache list --key ${prefix}\` then \`gh cache delete <key>\` for each revision ` +
        '(REST: DELETE /repos/{owner}/{repo}/actions/caches?key=<key>), or let GitHub evict it after 7 days unused'
    )
  }

  async close(): Promise<void> {}

  private entries(id: string): Entries {
    const names = entryNames(this.config.keyPrefix, this.config.workDir, id)
    const method = compressionMethod()
    return { ...names, method, version: cacheVersion([names.relPath], method) }
  }

  private nextArchive(id: string, current: Archive | undefined, mutate: Mutation): Archive {
    const document = mutate(current?.document)
    const revision = (current?.revision ?? 0) + 1
    return { format: FORMAT, id, revision, writer: randomUUID(), document }
  }

  /** The newest entry of `id`, undefined when it has none; StoreError when the service failed. */
  private async newest(id: string, names: Entries): Promise<FoundEntry | undefined> {
    try {
      return await this.client.locate(names.prefix, names.version)
    } catch (err) {
      throw serviceFailed(`looking up context '${id}'`, err)
    }
  }

  /** The newest revision, undefined when the id has none; StoreError when the service failed. */
  private async read(id: string, names: Entries): Promise<Archive | undefined> {
    const found = await this.newest(id, names)
    if (found === undefined) {
      this.logger.debug(`actions-cache: no entry for context '${id}' (prefix ${names.prefix})`)
      return undefined
    }
    const { version } = names
    const entry = found.location && { key: found.key, version, location: found.location }
    const held = entry && this.copies.read(names.prefix, id, entry)
    if (held) {
      this.logger.debug(`actions-cache: revision ${held.revision} of '${id}' is the job's copy`)
      return held
    }
    const archive = await this.download(id, names, found)
    if (entry && fitsEntry(archive, id, found.key))
      await this.copies.write(names.prefix, entry, archive)
    return archive
  }

  private async download(id: string, names: Entries, found: FoundEntry): Promise<Archive> {
    const { key, downloadUrl } = found
    if (downloadUrl === undefined) {
      throw new StoreError(
        `actions-cache: the cache service named entry '${key}' of context '${id}' without a download URL`
      )
    }
    let bytes: Buffer
    try {
      bytes = await this.client.download(downloadUrl)
    } catch (err) {
      throw serviceFailed(`downloading entry '${key}' of context '${id}'`, err)
    }
    const archive = parseArchive(await this.unpack(bytes, names, key), id, key)
    this.logger.debug(`actions-cache: read revision ${archive.revision} of '${id}' from ${key}`)
    return archive
  }

  private async unpack(bytes: Buffer, names: Entries, key: string): Promise<string> {
    try {
      return (await unpackEntry(bytes, names.relPath, names.method)).toString('utf8')
    } catch (err) {
      const reason = errorMessage(err).replace(/^actions-cache: /, '')
      throw new StoreError(`actions-cache: cache entry ${key} cannot be read: ${reason}`, {
        cause: err
      })
    }
  }

  /** True when saved; false when that revision exists now (another writer's, or ours); StoreError otherwise. */
  private async write(names: Entries, archive: Archive): Promise<boolean> {
    const key = revisionKey(names, archive.revision)
    const content = Buffer.from(JSON.stringify(archive), 'utf8')
    const bytes = await packEntry(names.relPath, content, names.method)
    const failure = await this.upload(key, names.version, bytes, archive.id)
    if (failure === undefined) {
      this.logger.debug(
        `actions-cache: saved revision ${archive.revision} of '${archive.id}' as ${key}`
      )
      await this.keepCopy(names, key, archive)
      return true
    }
    if (await this.revisionTaken(key, names, archive.id)) return false
    throw new StoreError(
      `actions-cache: could not save revision ${archive.revision} of context '${archive.id}' ` +
        `(key ${key}): ${firstLine(failure)}; the update was not stored`
    )
  }

  /**
   * Reserves, uploads and finalizes `key`. Undefined when the entry is saved; otherwise why not (the
   * service's refusal, or a failure that may or may not have left the entry saved). A policy denial
   * throws: re-checking cannot change it.
   */
  private async upload(key: string, version: string, bytes: Buffer, id: string): Promise<unknown> {
    try {
      const reservation = await this.client.reserve(key, version)
      if (!('uploadUrl' in reservation)) return reservation.refused
      await this.client.upload(reservation.uploadUrl, bytes)
      await this.client.finalize(key, version, bytes.length)
      return undefined
    } catch (err) {
      if (err instanceof CacheWriteDenied) {
        throw new StoreError(`actions-cache: saving context '${id}': ${err.message}`)
      }
      return err ?? 'unknown failure'
    }
  }

  /**
   * Records what was just saved as the job's copy, so the next read is a lookup only. The entry's
   * location comes from a lookup of the exact key (the upload URL need not name the blob as a download
   * URL does); when that fails the save still stands and the next read downloads.
   */
  private async keepCopy(names: Entries, key: string, archive: Archive): Promise<void> {
    const { version } = names
    let found: FoundEntry | undefined
    try {
      found = await this.client.locate(key, version)
    } catch (err) {
      this.logger.debug(`actions-cache: no job-local copy of ${key}: ${errorMessage(err)}`)
      return
    }
    if (found?.key !== key || !found.location) return
    const entry: EntryIdentity = { key, version, location: found.location }
    await this.copies.write(names.prefix, entry, archive)
  }

  /** Whether `key` exists now, allowing a concurrent writer time to finish uploading it. */
  private async revisionTaken(key: string, names: Entries, id: string): Promise<boolean> {
    const { version } = names
    for (const delay of [0, ...this.config.tuning.pendingCheckDelaysMs]) {
      await sleep(delay)
      let matched: string | undefined
      try {
        matched = (await this.client.locate(key, version))?.key
      } catch (err) {
        throw serviceFailed(`checking why saving '${id}' failed`, err)
      }
      if (matched === key) return true
    }
    return false
  }
}

function parseArchive(text: string, id: string, key: string): Archive {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new StoreError(`actions-cache: cache entry ${key} holds malformed JSON`)
  }
  if (!isArchive(value)) {
    throw new StoreError(`actions-cache: cache entry ${key} is not a cicdstatemgr document`)
  }
  // Keys are escaped ids, but a service that compared keys case-insensitively could still mix ids.
  if (value.id !== id) {
    throw new StoreError(
      `actions-cache: cache entry ${key} holds context '${value.id}', not '${id}'`
    )
  }
  return value
}

/** An archive of context `id` whose revision is the one `key` names (for the job-local copy). */
function fitsEntry(value: unknown, id: string, key: string): value is Archive {
  return isArchive(value) && value.id === id && key.endsWith(`-r${pad(value.revision)}`)
}

function pad(revision: number): string {
  return String(revision).padStart(10, '0')
}

function isArchive(value: unknown): value is Archive {
  return (
    isJsonObject(value) &&
    value.format === FORMAT &&
    typeof value.id === 'string' &&
    typeof value.revision === 'number' &&
    Number.isInteger(value.revision) &&
    value.revision >= 1 &&
    typeof value.writer === 'string' &&
    isJsonObject(value.document) &&
    isJsonObject(value.document.state)
  )
}

function jitter(baseMs: number, attempt: number): number {
  const ceiling = baseMs * 2 ** Math.min(attempt - 1, 4)
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}
