/**
 * Names of the cache entries and of the file archived in them.
 *
 * The service matches a restore key as a *prefix* and returns the newest match, so the naming has to
 * make "every revision of id X" a prefix that no other id can share: the id is escaped so that it
 * never contains `-r` (nor `-R`, in case a service compares keys case-insensitively), and `-r` then
 * marks where the id ends. Revisions have a fixed width, so the exact key of one revision is a prefix
 * of nothing but itself, which is what lets the store ask "does revision n exist?".
 */
import { createHash } from 'node:crypto'
import { ConfigError, StoreError } from '../errors.js'

export const DEFAULT_KEY_PREFIX = 'cicdstatemgr-'
/** Directory of the archived file, inside the tar; part of the cache version. */
export const DEFAULT_WORK_DIR = '.cicdstatemgr-cache'

const REVISION_WIDTH = 10
export const MAX_REVISION = 10 ** REVISION_WIDTH - 1
/** @actions/cache rejects longer keys (ValidationError). */
const MAX_KEY_LENGTH = 512
/** Longer escaped ids get a hashed file name: the name only has to be stable, not readable. */
const MAX_FILE_STEM = 120

export interface EntryNames {
  /** Restore key matching every revision of the id (newest wins). */
  prefix: string
  /** The archived file, relative to the working directory; part of the cache version. */
  relPath: string
}

/** `_XX` per UTF-8 byte for anything outside `[A-Za-z0-9.-]`, and for the `r` of `-r`. */
export function escapeId(id: string): string {
  let out = ''
  let previous = ''
  for (const ch of id) {
    const plain = /^[A-Za-z0-9.-]$/.test(ch) && !(previous === '-' && (ch === 'r' || ch === 'R'))
    out += plain ? ch : hexBytes(ch)
    previous = ch
  }
  return out
}

function hexBytes(ch: string): string {
  return [...Buffer.from(ch, 'utf8')]
    .map((b) => `_${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}

/** The names for `id`; throws StoreError when the key would be invalid for the cache service. */
export function entryNames(keyPrefix: string, workDir: string, id: string): EntryNames {
  if (id === '') throw new StoreError('actions-cache: the context data id is empty')
  const escaped = escapeId(id)
  const prefix = `${keyPrefix}${escaped}-r`
  if (prefix.length + REVISION_WIDTH > MAX_KEY_LENGTH) {
    throw new StoreError(
      `actions-cache: context data id '${id.slice(0, 40)}…' is too long for a cache key ` +
        `(keys are limited to ${MAX_KEY_LENGTH} characters)`
    )
  }
  const stem =
    escaped.length <= MAX_FILE_STEM
      ? escaped
      : `h${createHash('sha256').update(id).digest('hex').slice(0, 40)}`
  return { prefix, relPath: `${workDir}/${stem}.json` }
}

/** The exact key of one revision. */
export function revisionKey(names: EntryNames, revision: number): string {
  if (!Number.isInteger(revision) || revision < 1 || revision > MAX_REVISION) {
    throw new StoreError(`actions-cache: revision ${revision} is out of range`)
  }
  return `${names.prefix}${String(revision).padStart(REVISION_WIDTH, '0')}`
}

/** Checks the configured prefix: commas are invalid in keys, and it ends up in every key. */
export function checkKeyPrefix(keyPrefix: string): string {
  if (keyPrefix.includes(',')) {
    throw new ConfigError(`actions-cache: keyPrefix '${keyPrefix}' must not contain a comma`)
  }
  if (keyPrefix.length > 200) {
    throw new ConfigError('actions-cache: keyPrefix is longer than 200 characters')
  }
  return keyPrefix
}

/**
 * Checks the configured work directory. It is part of the cache version (the service hashes the path
 * strings), so it must be the same relative text in every job: an absolute path would differ between
 * runners and every restore would miss. Glob characters would be expanded by @actions/cache.
 */
export function checkWorkDir(workDir: string): string {
  const dir = workDir.replace(/\\/g, '/').replace(/\/+$/, '')
  const bad =
    dir === '' ||
    dir.startsWith('/') ||
    /^[A-Za-z]:/.test(dir) ||
    dir.split('/').some((part) => part === '..' || part === '.' || part === '') ||
    /[*?[\]{}!#~,]/.test(dir)
  if (bad) {
    throw new ConfigError(
      `actions-cache: workDir '${workDir}' must be a plain relative directory such as ` +
        `'${DEFAULT_WORK_DIR}' (no '..', no absolute path, no glob characters): ` +
        'the path is part of the cache version, so it must read the same in every job'
    )
  }
  return dir
}
