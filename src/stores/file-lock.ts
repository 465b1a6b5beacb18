import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import lockfile from 'proper-lockfile'
import { ConflictError, StoreError, errorMessage } from '../errors.js'
import type { Logger } from '../core/logger.js'
import { silentLogger } from '../core/logger.js'

/**
 * Exclusive lock on a file path, held across processes, built on proper-lockfile rather than a
 * hand-rolled O_EXCL file: it takes `<path>.lock` with mkdir (atomic on local disks and NFS), keeps the
 * lock's mtime fresh while held so a crashed holder's lock goes stale and is taken over, removes held
 * locks on process exit, and reports when a held lock was lost. Waiting is our own bounded loop so the
 * deadline is exact and the error names the file.
 */

export interface FileLockOptions {
  /** Longest wait for the lock before ConflictError (default 30 s). */
  timeoutMs?: number
  /** Age after which an unrefreshed lock counts as abandoned (default 10 s; proper-lockfile's minimum is 2 s). */
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
  const deadline = Date.now() + timeoutMs
  await mkdir(dirname(path), { recursive: true }).catch((err: unknown) => {
    throw new StoreError(`cannot lock ${path}: ${errorMessage(err)}`, { cause: err })
  })
  for (let attempt = 1; ; attempt++) {
    try {
      return await lockfile.lock(path, {
        realpath: false,
        retries: 0,
        stale: options.staleMs ?? DEFAULT_STALE_MS,
        onCompromised
      })
    } catch (err) {
      if (!isLocked(err)) {
        throw new StoreError(`cannot lock ${path}: ${errorMessage(err)}`, { cause: err })
      }
    }
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

function isLocked(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ELOCKED'
}

/** Jittered and growing to 100 ms: many waiters spread out instead of polling in lockstep. */
function backoffMs(attempt: number): number {
  const cap = Math.min(100, 5 * 2 ** Math.min(attempt, 5))
  return 1 + Math.random() * cap
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
