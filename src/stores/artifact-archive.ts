/**
 * What the `actions-artifact` datasource stores in each revision artifact, how it is named, and the
 * optional encryption; also how a downloaded artifact is read back (a revision, or an `upload-artifact`
 * snapshot: `<id>.json` holding the bare document).
 *
 * Names: revision n of id X is `cicdstatemgr-state-<escaped X>.r<n, 10 digits>`. The escape is one-to-one
 * (`%XX` for `%` and every character GitHub forbids in artifact names), so two ids never share a name.
 *
 * Encryption (optional, `encryptionKey` from secrets): AES-256-GCM with a key derived by HKDF-SHA256
 * from the secret, a random 96-bit IV per write, and the id and revision as associated data (a revision
 * cannot be replayed under another id or number). Artifacts of public repositories are readable by
 * anyone signed in to GitHub, hence the option.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isJsonObject, type ContextDocument } from '../core/types.js'
import { StoreError, firstLine } from '../errors.js'

export const FORMAT = 1
export const ARCHIVE_FILE = 'cicdstatemgr-revision.json'
const NAME_PREFIX = 'cicdstatemgr-state-'

export interface RevisionArchive {
  format: number
  id: string
  revision: number
  /** Random per write attempt: recognises our own write when its outcome was unclear. */
  writer: string
  /** GITHUB_RUN_ID of the writer, for messages about forks. */
  runId: string
  document: ContextDocument
  /** Revisions that lost to this line of revisions at the same time and are not merged yet. */
  forks?: ForkRecord[]
}

/** A revision written at the same time as the one kept, recoverable with `--merge-revision`. */
export interface ForkRecord {
  revision: number
  artifactId: number
  runId: number | undefined
}

interface Sealed {
  alg: 'aes-256-gcm'
  iv: string
  tag: string
  data: string
}

// Control characters included: GitHub rejects line breaks, and none belongs in a name.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[%":<>|*?\\/\u0000-\u001f]/g

export function revisionPrefix(id: string): string {
  const escaped = id.replace(
    FORBIDDEN,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  return `${NAME_PREFIX}${escaped}.r`
}

export function revisionName(id: string, revision: number): string {
  return `${revisionPrefix(id)}${String(revision).padStart(10, '0')}`
}

/** The revision number of an artifact name of `id`, undefined when it is not one. */
export function revisionOf(id: string, name: string): number | undefined {
  const prefix = revisionPrefix(id)
  if (!name.startsWith(prefix)) return undefined
  const digits = name.slice(prefix.length)
  return /^\d{10}$/.test(digits) ? Number(digits) : undefined
}

/** The key for AES-256-GCM from the configured secret (any length; use 32+ random bytes). */
export function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'cicdstatemgr-artifact', 'v1', 32))
}

/** Writes the archive file into `dir` (sealed when a key is given); its path. */
export async function writeArchive(
  dir: string,
  archive: RevisionArchive,
  key: Buffer | undefined
): Promise<string> {
  const path = join(dir, ARCHIVE_FILE)
  const body = key ? { ...archive, document: undefined, sealed: seal(archive, key) } : archive
  await writeFile(path, JSON.stringify(body), 'utf8')
  return path
}

function associated(id: string, revision: number): Buffer {
  return Buffer.from(JSON.stringify([id, revision]), 'utf8')
}

function seal(archive: RevisionArchive, key: Buffer): Sealed {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(associated(archive.id, archive.revision))
  const data = Buffer.concat([
    cipher.update(JSON.stringify(archive.document), 'utf8'),
    cipher.final()
  ])
  return {
    alg: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64')
  }
}

function open(sealed: Sealed, id: string, revision: number, key: Buffer): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
  decipher.setAAD(associated(id, revision))
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
  const text = Buffer.concat([
    decipher.update(Buffer.from(sealed.data, 'base64')),
    decipher.final()
  ]).toString('utf8')
  return JSON.parse(text)
}

/**
 * The document of `id` in a downloaded artifact directory: a revision archive, or a snapshot's
 * `<stem>.json`. Undefined when the artifact holds another id; StoreError when it cannot be read.
 */
export async function readDownloaded(
  dir: string,
  id: string,
  key: Buffer | undefined,
  what: string
): Promise<Downloaded | undefined> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
  for (const name of names) {
    const value = await readJson(join(dir, name), what)
    if (!isJsonObject(value)) continue
    if (name === ARCHIVE_FILE) return fromArchive(value, id, key, what)
    if (isDocumentOf(value, id)) return { document: value as unknown as ContextDocument }
  }
  return undefined
}

export interface Downloaded {
  document: ContextDocument
  revision?: number
  writer?: string
  forks?: ForkRecord[]
}

function fromArchive(
  value: Record<string, unknown>,
  id: string,
  key: Buffer | undefined,
  what: string
): Downloaded | undefined {
  if (value.format !== FORMAT || typeof value.revision !== 'number') {
    throw new StoreError(`${what}: not a cicdstatemgr revision archive of format ${FORMAT}`)
  }
  if (value.id !== id) return undefined
  let document: unknown = value.document
  if (isJsonObject(value.sealed)) {
    if (!key) {
      throw new StoreError(
        `${what} is encrypted: set datasources.actions-artifact.encryptionKey (in secrets) to read it`
      )
    }
    try {
      document = open(value.sealed as unknown as Sealed, id, value.revision, key)
    } catch {
      throw new StoreError(
        `${what}: decryption failed (wrong encryptionKey, or the artifact was altered)`
      )
    }
  }
  if (!isDocumentOf(document, id)) {
    throw new StoreError(`${what} does not hold a context document of '${id}'`)
  }
  return {
    document: document as ContextDocument,
    revision: value.revision,
    writer: String(value.writer ?? ''),
    ...(Array.isArray(value.forks) ? { forks: value.forks as unknown as ForkRecord[] } : {})
  }
}

function isDocumentOf(value: unknown, id: string): boolean {
  return isJsonObject(value) && isJsonObject(value.state) && value.state.cicdContextDataId === id
}

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch (err) {
    throw new StoreError(`${what}: unreadable JSON: ${firstLine(err)}`)
  }
}
