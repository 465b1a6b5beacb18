/**
 * What the actions-cache store needs from the runner and from GitHub's cache service (v2, Twirp)
 * besides @actions/cache itself: the runner environment check, the cache-mode check, the cache
 * version, and a direct lookup of an entry.
 *
 * Why a direct lookup: `restoreCache` returns undefined both for "no such entry" and for "the service
 * failed" (it logs the failure as a warning and swallows it), and its Twirp client is not reachable
 * through the package's exports. Reading the warning it prints would tie correctness to log text.
 * `GetCacheEntryDownloadURL` answers a miss with HTTP 200 `{ok: false}` and a failure with an error
 * status or no answer at all, so asking it directly tells the two apart; the download itself stays
 * with @actions/cache. The lookup needs the same cache version the library computes, which is why
 * `cacheVersion` mirrors `getCacheVersion` of @actions/cache 6 (a test pins the two together).
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { StoreError, errorMessage } from '../errors.js'
import { createHttpClient, type HttpClient } from '../http/client.js'
import { isJsonObject } from '../core/types.js'
import { entryLocation } from './actions-cache-local-copy.js'

export interface RunnerEnv {
  resultsUrl: URL
  token: string
}

const REQUIRED_ENV = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'RUNNER_TEMP'] as const

/** The runner's cache-service settings; a StoreError naming what is missing outside Actions. */
export function readRunnerEnv(env: NodeJS.ProcessEnv = process.env): RunnerEnv {
  const missing = REQUIRED_ENV.filter((name) => !env[name])
  if (missing.length > 0) {
    throw new StoreError(
      'the actions-cache datasource only works inside GitHub Actions, in a JavaScript action step: ' +
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set ` +
        '(the runner gives these to actions, not to run: steps); use redis or a file datasource elsewhere'
    )
  }
  if (isGhes(env)) {
    throw new StoreError(
      `the actions-cache datasource is not available on GitHub Enterprise Server ` +
        `(GITHUB_SERVER_URL=${env.GITHUB_SERVER_URL}): use redis or a file datasource`
    )
  }
  if (!env.ACTIONS_CACHE_SERVICE_V2) {
    throw new StoreError(
      "the actions-cache datasource needs GitHub's cache service v2, but ACTIONS_CACHE_SERVICE_V2 " +
        'is not set (the legacy service, as offered by act, is not supported)'
    )
  }
  return {
    resultsUrl: parseResultsUrl(env.ACTIONS_RESULTS_URL ?? ''),
    token: env.ACTIONS_RUNTIME_TOKEN ?? ''
  }
}

function parseResultsUrl(text: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new StoreError('ACTIONS_RESULTS_URL is not a valid URL')
  }
}

/** Same rule as @actions/cache: anything but github.com, *.ghe.com and *.localhost is GHES. */
function isGhes(env: NodeJS.ProcessEnv): boolean {
  let host: string
  try {
    host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase()
  } catch {
    return false
  }
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost')
}

export type CacheAccess = 'read' | 'write'

const KNOWN_MODES = ['none', 'read', 'write', 'write-only']

/**
 * @actions/cache silently skips reads or writes that ACTIONS_CACHE_MODE forbids (restore returns
 * undefined, save returns -1); here that is an error, since a skipped write is a lost update.
 */
export function checkCacheMode(
  needs: readonly CacheAccess[],
  env: NodeJS.ProcessEnv = process.env
): void {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase()
  if (!KNOWN_MODES.includes(mode)) return
  const allowed = {
    read: mode === 'read' || mode === 'write',
    write: mode === 'write' || mode === 'write-only'
  }
  const denied = needs.find((access) => !allowed[access])
  if (denied) {
    throw new StoreError(
      `actions-cache: ACTIONS_CACHE_MODE=${mode} does not permit cache ${denied}s in this run ` +
        '(GitHub restricts the cache for runs triggered by untrusted events)'
    )
  }
}

export type CompressionMethod = 'zstd-without-long' | 'gzip'

let compression: Promise<CompressionMethod> | undefined

/** Like @actions/cache: zstd when `zstd --version` prints anything, else gzip. Cached per process. */
export function compressionMethod(): Promise<CompressionMethod> {
  compression ??= new Promise((resolve) => {
    execFile(
      'zstd',
      ['--quiet', '--version'],
      { timeout: 10_000, windowsHide: true },
      (_error, stdout, stderr) => {
        resolve(`${stdout}${stderr}`.trim() === '' ? 'gzip' : 'zstd-without-long')
      }
    )
  })
  return compression
}

/** The version @actions/cache 6 sends for `paths` (cacheUtils.getCacheVersion, not cross-OS). */
export function cacheVersion(
  paths: readonly string[],
  method: CompressionMethod,
  platform: NodeJS.Platform = process.platform
): string {
  const parts = [...paths, method]
  if (platform === 'win32') parts.push('windows-only')
  parts.push('1.0')
  return createHash('sha256').update(parts.join('|')).digest('hex')
}

export interface LookupOptions {
  attempts: number
  baseDelayMs: number
  requestTimeoutMs: number
}

/** Asks the service which entry a restore key matches, without downloading it. */
export interface CacheLookup {
  /** The matched key, undefined for a miss; throws when the service gave no usable answer. */
  find(key: string, version: string): Promise<string | undefined>
  /** Like find, also naming the matched entry's location (see actions-cache-local-copy.ts). */
  locate(key: string, version: string): Promise<FoundEntry | undefined>
}

export interface FoundEntry {
  key: string
  /** Undefined when the answer carried no usable download URL. */
  location: string | undefined
}

const LOOKUP_PATH = '/twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL'

export function createCacheLookup(env: RunnerEnv, options: LookupOptions): CacheLookup {
  // Silent on purpose: the response carries a signed download URL, which is a credential.
  const http = createHttpClient({
    maxAttempts: options.attempts,
    baseDelayMs: options.baseDelayMs,
    requestTimeoutMs: options.requestTimeoutMs,
    maxTotalMs: options.requestTimeoutMs * options.attempts + 30_000
  })
  // Like @actions/cache: the path of ACTIONS_RESULTS_URL is replaced, only its origin counts.
  const url = new URL(LOOKUP_PATH, env.resultsUrl).href
  const locate = (key: string, version: string): Promise<FoundEntry | undefined> =>
    find(http, url, env.token, key, version)
  return { find: async (key, version) => (await locate(key, version))?.key, locate }
}

async function find(
  http: HttpClient,
  url: string,
  token: string,
  key: string,
  version: string
): Promise<FoundEntry | undefined> {
  const response = await http.request({
    method: 'POST',
    url,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ key, restore_keys: [], version })
  })
  const body = parseBody(response.body)
  if (response.status < 200 || response.status > 299) {
    const msg = typeof body?.msg === 'string' ? `: ${body.msg}` : ''
    throw new Error(`GetCacheEntryDownloadURL answered HTTP ${response.status}${msg}`)
  }
  if (!body) throw new Error('GetCacheEntryDownloadURL answered with a body that is not JSON')
  if (body.ok !== true) return undefined
  const matched = body.matched_key ?? body.matchedKey
  if (typeof matched !== 'string' || matched === '') {
    throw new Error('GetCacheEntryDownloadURL reported a hit without a matched key')
  }
  const signed = body.signed_download_url ?? body.signedDownloadUrl
  return { key: matched, location: typeof signed === 'string' ? entryLocation(signed) : undefined }
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isJsonObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** A one-line StoreError for a failed exchange with the cache service. */
export function serviceFailed(doing: string, cause: unknown): StoreError {
  const first = errorMessage(cause).split('\n', 1)[0] ?? ''
  return new StoreError(`actions-cache: the cache service failed while ${doing}: ${first}`, {
    cause
  })
}
