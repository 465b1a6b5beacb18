import {
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  rmdirSync,
  unlinkSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'

import { ConflictError, StoreError, errorMessage } from '../errors.js'
import type { Logger } from '../core/logger.js'
import { silentLogger } from '../core/logger.js'

/**
 * Exclusive lock on a file path, held across processes: `<path>.lock` is created with mkdir (atomic on
 * local disks and NFS) and holds an `owner` file naming its holder (pid, process start time, host, pid
 * namespace, random token). Its mtime is refreshed while held, so a holder that stops refreshing goes
 * stale and is taken over; a holder that is provably gone (same host and pid namespace, and its pid is
 * dead or now belongs to a process started at another time: pids are reused) is taken over at once.
 *
 * A holder can lose the lock without knowing it: stalled past `staleMs` (SIGSTOP, a swapped-out VM), it
 * is taken over and resumes later. So the writer asks `assertHeld()` immediately before it publishes
 * (renames) its write: the owner file must still carry its token, else LockLostError and nothing is
 * written (FileStore then reloads, re-applies its mutation and retries). What remains is the window
 * between that check and the rename (microseconds, no I/O but the rename itself): a writer stalled
 * exactly there past `staleMs` can still overwrite its successor's update. Closing it needs a
 * compare-and-swap the filesystem does not offer.
 *
 * The same protocol as proper-lockfile plus the owner file, written out here because loading that
 * library (graceful-fs patches all of fs at import) cost ~15 ms on every write. Waiting is a bounded,
 * jittered loop, so the deadline is exact and the error names the file.
 */

export interface FileLockOptions {
  /** Longest wait for the lock before ConflictError (default 30 s). */
  timeoutMs?: number
  /** Age after which an unrefreshed lock counts as abandoned (default 10 s, at least 2 s). */
  staleMs?: number
  logger?: Logger
  /** The clock staleness is judged by; tests move it forward instead of waiting. */
  now?: () => number
}

/** Passed to the locked section: call immediately before publishing a write. */
export interface LockHandle {
  /** Throws LockLostError unless this process still owns the lock. */
  assertHeld(): void
}

/** The lock was taken over while held (the holder stalled past the stale time); nothing was written. */
export class LockLostError extends ConflictError {}

/** Who holds a lock: written into `<path>.lock/owner` by the holder. */
export interface LockOwner {
  pid: number
  /** Start time of the process (Linux: /proc/<pid>/stat field 22); '' where unknown. */
  start: string
  host: string
  /** The pid namespace (containers on one host or in one pod share the hostname, not the pids). */
  pidns: string
  /** Random, per acquisition: tells this holding apart from any other, even of the same process. */
  token: string
}

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_STALE_MS = 10_000
const OWNER_FILE = 'owner'

/** Runs `fn` while holding the lock on `path`; the lock is released in every case. */
export async function withFileLock<T>(
  path: string,
  fn: (lock: LockHandle) => Promise<T>,
  options: FileLockOptions = {}
): Promise<T> {
  const logger = options.logger ?? silentLogger
  const lockDir = `${path}.lock`
  const me: LockOwner = { ...describeProcess(process.pid), token: randomToken() }
  let compromised: string | undefined
  await acquire(path, me, options, logger)
  const stopRefresh = keepFresh(lockDir, me, options, (reason) => {
    compromised ??= reason
  })
  const handle: LockHandle = {
    assertHeld: () => {
      if (!compromised && readOwner(lockDir)?.token !== me.token) {
        compromised = 'another writer took it over after it went stale'
      }
      if (compromised) {
        throw new LockLostError(`lost the lock on ${path} (${compromised}); nothing was written`)
      }
    }
  }
  try {
    return await fn(handle)
  } finally {
    stopRefresh()
    release(lockDir, me, path, logger)
  }
}

async function acquire(
  path: string,
  me: LockOwner,
  options: FileLockOptions,
  logger: Logger
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const staleMs = Math.max(options.staleMs ?? DEFAULT_STALE_MS, 2000)
  const now = options.now ?? Date.now
  const deadline = Date.now() + timeoutMs
  const lockDir = `${path}.lock`
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (err) {
    throw new StoreError(`cannot lock ${path}: ${errorMessage(err)}`, { cause: err })
  }
  for (let attempt = 1; ; attempt++) {
    if (tryMkdir(lockDir, path)) {
      writeOwner(lockDir, me, path)
      return
    }
    // Taken over: try mkdir again at once.
    if (takeOverIfAbandoned(lockDir, path, staleMs, now, logger)) continue
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

function writeOwner(lockDir: string, me: LockOwner, path: string): void {
  try {
    writeFileSync(join(lockDir, OWNER_FILE), JSON.stringify(me))
  } catch (err) {
    rmSync(lockDir, { recursive: true, force: true })
    throw new StoreError(`cannot lock ${path}: ${errorMessage(err)}`, { cause: err })
  }
}

/** The owner recorded in a lock directory; undefined while it is being written, or when unreadable. */
export function readOwner(lockDir: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(lockDir, OWNER_FILE), 'utf8'))
    if (typeof value !== 'object' || value === null) return undefined
    const o = value as Partial<LockOwner>
    if (typeof o.pid !== 'number' || typeof o.token !== 'string') return undefined
    return {
      pid: o.pid,
      token: o.token,
      start: String(o.start ?? ''),
      host: String(o.host ?? ''),
      pidns: String(o.pidns ?? '')
    }
  } catch {
    return undefined
  }
}

/**
 * Removes a lock whose holder is provably gone, or that nobody refreshed for `staleMs`. The lock is
 * renamed aside first: of several waiters judging the same lock, one rename wins. If the lock was
 * released and re-taken between the judgement and the rename, it is put back; should that fail, its
 * holder finds its token gone at assertHeld() and retries, so no update is lost either way.
 */
function takeOverIfAbandoned(
  lockDir: string,
  path: string,
  staleMs: number,
  now: () => number,
  logger: Logger
): boolean {
  const owner = readOwner(lockDir)
  let reason: string | undefined
  if (owner && ownerIsGone(owner)) {
    reason = `its holder (pid ${owner.pid}) is gone`
  } else {
    try {
      const age = now() - statSync(lockDir).mtimeMs
      if (age > staleMs) reason = `nobody refreshed it for ${Math.round(age)} ms`
    } catch {
      return false // released meanwhile: just retry
    }
  }
  if (!reason) return false
  const aside = `${lockDir}.${process.pid}.${randomToken()}.stale`
  try {
    renameSync(lockDir, aside)
  } catch {
    return false // another waiter took it over first
  }
  if (readOwner(aside)?.token !== owner?.token) {
    try {
      renameSync(aside, lockDir)
      return false
    } catch {
      /* its holder finds out at assertHeld() */
    }
  }
  rmSync(aside, { recursive: true, force: true })
  const message = `took over the lock on ${path}: ${reason}`
  if (owner && reason.startsWith('its holder')) logger.debug(message)
  else logger.warning(message)
  return true
}

/**
 * True only when the holder cannot be running any more: it ran on this host in this pid namespace,
 * and its pid is dead or belongs to a process started at another time. Anything else (another host,
 * another container, no start time to compare) is left to the stale time.
 */
export function ownerIsGone(owner: LockOwner): boolean {
  const here = describeProcess(process.pid)
  if (!owner.host || owner.host !== here.host || owner.pidns !== here.pidns) return false
  if (!pidAlive(owner.pid)) return true
  const start = processStartTime(owner.pid)
  return owner.start !== '' && start !== '' && start !== owner.start
}

/** Identity of a process on this host, as recorded in the owner file. */
export function describeProcess(pid: number): Omit<LockOwner, 'token'> {
  return { pid, start: processStartTime(pid), host: hostname(), pidns: pidNamespace() }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return !isCode(err, 'ESRCH') // EPERM: alive, owned by another user
  }
}

/** Field 22 of /proc/<pid>/stat (clock ticks since boot); '' off Linux or when the pid is gone. */
function processStartTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 2 (the command name) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[22 - 3] ?? ''
  } catch {
    return ''
  }
}

let ownPidNamespace: string | undefined
function pidNamespace(): string {
  if (ownPidNamespace === undefined) {
    try {
      ownPidNamespace = readlinkSync('/proc/self/ns/pid')
    } catch {
      ownPidNamespace = ''
    }
  }
  return ownPidNamespace
}

/** Refreshes the mtime while this process owns the lock; reports when it no longer does. */
function keepFresh(
  lockDir: string,
  me: LockOwner,
  options: FileLockOptions,
  onCompromised: (reason: string) => void
): () => void {
  const staleMs = Math.max(options.staleMs ?? DEFAULT_STALE_MS, 2000)
  const timer = setInterval(() => {
    if (readOwner(lockDir)?.token !== me.token) {
      onCompromised('another writer took it over after it went stale')
      clearInterval(timer)
      return
    }
    const now = new Date()
    try {
      utimesSync(lockDir, now, now)
    } catch (err) {
      onCompromised(`lock refresh failed: ${errorMessage(err)}`)
    }
  }, staleMs / 2)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Removes the lock only while it is still ours: a successor's lock is left alone. (Between the check
 * and the removal the same microsecond window as before the rename remains.)
 */
function release(lockDir: string, me: LockOwner, path: string, logger: Logger): void {
  if (readOwner(lockDir)?.token !== me.token) return
  try {
    removeLockDir(lockDir)
  } catch (err) {
    logger.warning(`could not release the lock on ${path}: ${errorMessage(err)}`)
  }
}

/** The owner file, then the directory (cheaper than a recursive rm on every write). */
function removeLockDir(lockDir: string): void {
  try {
    unlinkSync(join(lockDir, OWNER_FILE))
  } catch (err) {
    if (!isCode(err, 'ENOENT')) throw err
  }
  rmdirSync(lockDir)
}

/**
 * Tells one holding from another; it need not be secret (the lock guards against accidents, not
 * attackers), and Math.random spares every write the load of node:crypto.
 */
function randomToken(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
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
