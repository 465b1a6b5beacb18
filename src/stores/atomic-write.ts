// Synchronous fs on purpose: node:fs/promises pulls ~30 internal modules (streams, readline) into
// every CLI start, and these writes are a few small files.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { CicdError, StoreError, errorMessage } from '../errors.js'

/**
 * Replaces `path` with `data` so that a reader sees the old content or the new one, never a torn file:
 * the bytes go to a temp file in the same directory (rename is only atomic within one filesystem),
 * are fsynced, then renamed over the target. Parent directories are created. On failure the target
 * is untouched and the temp file removed.
 */
export interface AtomicWriteOptions {
  /**
   * fsync the file and its directory so the write survives a power loss (default true). Copies that are
   * regenerated on every write (shell, id, JSON copies) skip it: the rename alone already guarantees a
   * reader never sees a torn file.
   */
  durable?: boolean
  /**
   * Runs after the bytes are written (and fsynced), immediately before the rename that publishes them;
   * throwing cancels the write. A locked writer checks here that it still owns its lock.
   */
  beforeRename?: () => void | Promise<void>
  /** Permissions of the file (before umask); default: the existing file's, else 0666. */
  mode?: number
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {}
): Promise<void> {
  const durable = options.durable ?? true
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${process.pid}.${uniqueSuffix()}.tmp`)
  try {
    mkdirSync(dir, { recursive: true })
    const fd = openSync(temp, 'wx', options.mode ?? existingMode(path))
    try {
      writeFileSync(fd, data)
      if (durable) fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    await options.beforeRename?.()
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    if (error instanceof CicdError) throw error
    throw new StoreError(`cannot write ${path}: ${errorMessage(error)}`, { cause: error })
  }
  if (durable) syncDirectory(dir)
}

/** Keeps the permissions a user gave the file; new files get the usual 0666 minus umask. */
function existingMode(path: string): number {
  try {
    return statSync(path).mode & 0o7777
  } catch {
    return 0o666
  }
}

/** Makes the rename itself durable; some filesystems refuse to open a directory, which is harmless. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    /* best effort */
  }
}

let counter = 0

/** Unique within the process (counter) and across processes (pid in the name, plus randomness). */
function uniqueSuffix(): string {
  counter += 1
  return `${counter}${Math.random().toString(36).slice(2, 10)}`
}
