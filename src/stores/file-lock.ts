import { mkdirSync, rmdirSync, statSync, utimesSync } from 'node:fs'
import { dirname } from 'node:path'

import { ConflictError, StoreError, errorMessage } from '../errors.js'
import type { Logger } from '../core/logger.js'
import { silentLogger } from '../core/logger.js'

/**
 * Exclusive lock on a file path, held across processes: `<path>.lock` is created with mkdir (atomic on
 * local disks and NFS), its mtime is refreshed while held so a crashed holder's lock goes stale and is
 * taken over, and a lock lost while held fails the write instead of racing another writer. The same
 * protocol as proper-lockfile, written out here because loading that library (graceful-fs patches all of
 * fs at import) cost ~15 ms on every write, most of the CLI's start-up budget. Waiting is a bounded,
 * jittered loop, so the deadline is exact and the error names the file.
 */

export interface FileLockOptions {
  /** Longest wait for the lock before ConflictError (default 30 s). */
  timeoutMs?: number
  /** Age after which an unrefreshed lock counts as abandoned (default 10 s, at least 2 s). */
  staleMs?: number
  logger?: Logger
}

/** Passed to the locked section: call before writing, so a lost lock never becomes a lost update. */
export interface LockHandle {
  assertHeld(): void
}

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_STALE_MS = 10_000

/** Runs `fn` while holding the lock on `path`; the lock is released in every case. */
export async function withFileLock<T>(
  path: string,
  fn: (lock: LockHandle) => Promise<T>,
  options: FileLockOptions = {}
): Promise<T> {
  const logger = options.logger ?? silentLogger
  let compromised: Error | undefined
  const release = await acquire(path, options, (err) => {
    compromised = err
  })
  const handle: LockHandle = {
    assertHeld: () => {
      if (compromised) {
        throw new ConflictError(
          `lost the lock on ${path} (${compromised.message}); nothing was written`
        )
      }
    }
  }
  try {
    return await fn(handle)
  } finally {
    if (!compromised) {
      await release().catch((err: unknown) => {
        logger.warning(`could not release the lock on ${path}: ${errorMessage(err)}`)
      })
    }
  }
}

async function acquire(
  path: string,
  options: FileLockOptions,
  onCompromised: (err: Error) => void
): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const staleMs = Math.max(options.staleMs ?? DEFAULT_STALE_MS, 2000)
  const deadline = Date.now() + timeoutMs
  const lockDir = `${path}.lock`
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (err) {
    throw new StoreError(`cannot lock ${path}: ${errorMessage(err)}`, { cause: err })
  }
  for (let attempt = 1; ; attempt++) {
    if (tryMkdir(lockDir, path)) return holdLock(lockDir, staleMs, onCompromised)
    removeIfStale(lockDir, staleMs)
    const remaining = deadline - Date.now()
    if (remaining <= 0) {
      throw new ConflictError(
        `timed out after ${timeoutMs} ms waiting for the lock on ${path} ` +
          `(another writer holds ${path}.lock; it is taken over once it goes stale)`
      )
    }
    await sleep(Math.min(remaining, backoffMs(attempt)))
  }
}

/** mkdir is atomic on local disks and NFS: exactly one process creates the directory. */
function tryMkdir(lockDir: string, path: string): boolean {
  try {
    mkdirSync(lockDir)
    return true
  } catch (err) {
    if (isCode(err, 'EEXIST')) return false
    throw new StoreError(`cannot lock ${path}: ${errorMessage(err)}`, { cause: err })
  }
}

/** A crashed holder stops refreshing the lock's mtime; once it is older than `staleMs`, take it over. */
function removeIfStale(lockDir: string, staleMs: number): void {
  try {
    const { mtimeMs } = statSync(lockDir)
    if (Date.now() - mtimeMs > staleMs) rmdirSync(lockDir)
  } catch {
    /* released or taken over meanwhile: just retry */
  }
}

/** Keeps the lock fresh while held and reports when another process took it over. */
function holdLock(
  lockDir: string,
  staleMs: number,
  onCompromised: (err: Error) => void
): () => Promise<void> {
  let lastTouch = Date.now()
  const timer = setInterval(() => {
    const now = new Date()
    try {
      utimesSync(lockDir, now, now)
      lastTouch = now.getTime()
    } catch (err) {
      onCompromised(new Error(`lock refresh failed: ${errorMessage(err)}`))
    }
  }, staleMs / 2)
  timer.unref()
  return async () => {
    clearInterval(timer)
    if (Date.now() - lastTouch > staleMs) onCompromised(new Error('lock went stale while held'))
    rmdirSync(lockDir)
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code
}

/** Jittered and growing to 100 ms: many waiters spread out instead of polling in lockstep. */
function backoffMs(attempt: number): number {
  const cap = Math.min(100, 5 * 2 ** Math.min(attempt, 5))
  return 1 + Math.random() * cap
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
