/**
 * The job-local copy of the newest cache entry of one context, so that a step that reads what this job
 * already holds costs one lookup instead of a download and an un-tar.
 *
 * Why it is safe. The lookup (GetCacheEntryDownloadURL) still decides which entry is newest on every
 * read; the copy is used only when that entry is the very one the copy was taken from: same key, same
 * cache version, and same download location (the signed URL without its signature: the blob of that one
 * entry). A revision written by any other job is a different key (revisions are created once: the
 * service refuses a second writer of a key with 409), so it is downloaded as before. The location guards
 * the one case where a key can name two entries: the same revision written on two branch scopes (a run
 * reads its own ref's cache first, then the default branch's). Only a hash of the location is kept.
 *
 * Where it lives: RUNNER_TEMP, which the runner creates empty for each job and deletes afterwards, so
 * a copy is never seen by another job, let alone another machine. One file per cache version and entry
 * prefix (key prefix + id), written atomically with mode 0600 (documents may hold secrets-derived data),
 * in a 0700 directory; a file that is not ours (owner, permissions, not a regular file) or that does not
 * validate is ignored, never an error: the store then downloads as if there were no copy.
 */
import { createHash } from 'node:crypto'
import { lstatSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../core/logger.js'
import { isJsonObject } from '../core/types.js'
import { errorMessage } from '../errors.js'
import { writeFileAtomic } from './atomic-write.js'

const FORMAT = 1
const DIR_NAME = 'cicdstatemgr-cache-copies'

/** Which cache entry a copy was taken from. */
export interface EntryIdentity {
  key: string
  version: string
  /** Hash of the entry's download location (see entryLocation). */
  location: string
}

/** Hash of a signed download URL without its query (the signature and expiry change per lookup). */
export function entryLocation(signedUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(signedUrl)
  } catch {
    return undefined
  }
  return createHash('sha256').update(`${url.origin}${url.pathname}`).digest('hex')
}

export class LocalCopies<T> {
  constructor(
    private readonly runnerTemp: string,
    /** Checks the stored archive belongs to `id` and to the entry `key` names. */
    private readonly fits: (value: unknown, id: string, key: string) => value is T,
    private readonly logger: Logger
  ) {}

  /** The archive of `entry` if this job's copy holds exactly that entry, else undefined. */
  read(prefix: string, id: string, entry: EntryIdentity): T | undefined {
    const path = this.path(prefix, entry.version)
    let text: string
    try {
      if (!isOurs(path)) return undefined
      text = readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
    const copy = parse(text)
    const same =
      isJsonObject(copy) &&
      copy.format === FORMAT &&
      copy.key === entry.key &&
      copy.version === entry.version &&
      copy.location === entry.location &&
      this.fits(copy.archive, id, entry.key)
    if (!same) {
      this.logger.debug(`actions-cache: job-local copy of '${id}' is not entry ${entry.key}`)
      return undefined
    }
    return copy.archive as T
  }

  /** Records `archive` as the content of `entry`; a failure only costs the next read a download. */
  async write(prefix: string, entry: EntryIdentity, archive: T): Promise<void> {
    const path = this.path(prefix, entry.version)
    try {
      mkdirSync(join(this.runnerTemp, DIR_NAME), { recursive: true, mode: 0o700 })
      const text = JSON.stringify({ format: FORMAT, ...entry, archive })
      // Not durable: RUNNER_TEMP does not outlive the job, and a lost copy only costs a download.
      await writeFileAtomic(path, text, { durable: false, mode: 0o600 })
    } catch (err) {
      this.logger.debug(`actions-cache: could not keep a job-local copy: ${errorMessage(err)}`)
    }
  }

  private path(prefix: string, version: string): string {
    const name = createHash('sha256').update(`${version}\n${prefix}`).digest('hex').slice(0, 40)
    return join(this.runnerTemp, DIR_NAME, `${name}.json`)
  }
}

/** A regular file owned by this user and private to it; anything else is not a copy we wrote. */
function isOurs(path: string): boolean {
  const st = lstatSync(path)
  if (!st.isFile()) return false
  if (process.platform === 'win32') return true
  const uid = process.getuid?.()
  return (uid === undefined || st.uid === uid) && (st.mode & 0o077) === 0
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
