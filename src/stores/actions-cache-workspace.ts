/**
 * Where the archived document lives while @actions/cache packs or unpacks it.
 *
 * The cache version hashes the literal path strings, so the path handed to @actions/cache must be the
 * same relative text in every job (`.cicdstatemgr-cache/<id>.json`). @actions/cache resolves that text
 * against the working directory when saving (glob) but packs and unpacks relative to
 * GITHUB_WORKSPACE (tar -C). In a JavaScript action the two are the same directory; when they are not
 * (a CLI run from a sub-directory), GITHUB_WORKSPACE is pointed at the working directory for the
 * duration of the call so both sides agree and the tar entry is always the bare relative path.
 *
 * The file is created just before the call and removed right after, with the directories we had to
 * create, so nothing is left in the user's workspace. Calls are serialized: within the process (the
 * GITHUB_WORKSPACE switch is process-wide) and across processes sharing the directory (a file lock
 * under RUNNER_TEMP), since two writers of one path would archive each other's content.
 */
import { createHash } from 'node:crypto'
import { mkdir, rm, rmdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Logger } from '../core/logger.js'
import { StoreError, errorMessage } from '../errors.js'
import { withFileLock } from './file-lock.js'

let tail: Promise<void> = Promise.resolve()

/** Runs calls one after another, in call order, whatever each one's outcome. */
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn)
  tail = run.then(
    () => undefined,
    () => undefined
  )
  return run
}

export interface ArchiveSpot {
  /** The file's path relative to the working directory, e.g. `.cicdstatemgr-cache/a.json`. */
  relPath: string
  /** Directory for the cross-process lock (RUNNER_TEMP). */
  lockDir: string
  logger: Logger
}

/** Runs `fn` with the archived file's absolute path; the file does not exist when `fn` starts. */
export function withArchiveFile<T>(
  spot: ArchiveSpot,
  fn: (absPath: string) => Promise<T>
): Promise<T> {
  return serialized(async () => {
    const base = process.cwd()
    const dirParts = spot.relPath.split('/').slice(0, -1)
    const lockPath = join(spot.lockDir, 'cicdstatemgr-cache-locks', lockName(base, dirParts))
    return withFileLock(lockPath, () => inWorkspace(base, dirParts, spot, fn), {
      logger: spot.logger,
      timeoutMs: 120_000
    })
  })
}

async function inWorkspace<T>(
  base: string,
  dirParts: string[],
  spot: ArchiveSpot,
  fn: (absPath: string) => Promise<T>
): Promise<T> {
  const absPath = join(base, ...spot.relPath.split('/'))
  const created = await makeDirs(base, dirParts)
  const restoreEnv = pointWorkspaceAt(base)
  try {
    await rm(absPath, { force: true })
    return await fn(absPath)
  } finally {
    restoreEnv()
    await rm(absPath, { force: true }).catch((err: unknown) => {
      spot.logger.warning(`actions-cache: could not remove ${absPath}: ${errorMessage(err)}`)
    })
    await removeDirs(created)
  }
}

function lockName(base: string, dirParts: string[]): string {
  return createHash('sha256')
    .update(resolve(base, ...dirParts))
    .digest('hex')
    .slice(0, 32)
}

/** Creates the missing directories of `dirParts` under `base`; returns them, outermost first. */
async function makeDirs(base: string, dirParts: string[]): Promise<string[]> {
  const created: string[] = []
  let dir = base
  for (const part of dirParts) {
    dir = join(dir, part)
    if (await exists(dir)) continue
    try {
      await mkdir(dir)
      created.push(dir)
    } catch (err) {
      await removeDirs(created)
      throw new StoreError(`actions-cache: cannot create ${dir}: ${errorMessage(err)}`, {
        cause: err
      })
    }
  }
  return created
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** Removes what makeDirs created, innermost first; a directory someone else filled is left alone. */
async function removeDirs(created: string[]): Promise<void> {
  for (const dir of [...created].reverse()) {
    await rmdir(dir).catch(() => undefined)
  }
}

function pointWorkspaceAt(base: string): () => void {
  const before = process.env.GITHUB_WORKSPACE
  if (before !== undefined && resolve(before) === base) return () => undefined
  process.env.GITHUB_WORKSPACE = base
  return () => {
    if (before === undefined) delete process.env.GITHUB_WORKSPACE
    else process.env.GITHUB_WORKSPACE = before
  }
}
