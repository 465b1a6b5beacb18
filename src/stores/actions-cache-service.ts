/**
 * What the actions-cache store needs from the runner besides the service itself: the runner environment
 * check, the cache-mode check, and the cache version that names entries. The version must be the one
 * @actions/cache computes for the same file, or entries written by earlier versions of this tool (which
 * used @actions/cache) and entries written now would not see each other; `cacheVersion` mirrors
 * `getCacheVersion` of @actions/cache 6 and a test pins the two together.
 */
import { createHash } from 'node:crypto'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { StoreError, firstLine } from '../errors.js'

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

let probed: { path: string; method: CompressionMethod } | undefined

/**
 * What @actions/cache picks: zstd when a `zstd` program is on PATH (it runs `zstd --quiet --version`
 * and checks for output), else gzip. The method is part of the cache version, so it must be decided the
 * same way; looking the program up costs microseconds where running it costs a process start.
 */
export function compressionMethod(env: NodeJS.ProcessEnv = process.env): CompressionMethod {
  const path = env.PATH ?? ''
  if (probed?.path !== path) {
    const program = process.platform === 'win32' ? 'zstd.exe' : 'zstd'
    const found = path
      .split(delimiter)
      .some((dir) => dir !== '' && isExecutable(join(dir, program)))
    probed = { path, method: found ? 'zstd-without-long' : 'gzip' }
  }
  return probed.method
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
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

/** A one-line StoreError for a failed exchange with the cache service. */
export function serviceFailed(doing: string, cause: unknown): StoreError {
  return new StoreError(
    `actions-cache: the cache service failed while ${doing}: ${firstLine(cause)}`,
    {
      cause
    }
  )
}
