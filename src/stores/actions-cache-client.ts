/**
 * A client of GitHub's cache service v2 as the actions-cache store uses it: the three Twirp methods
 * (look up, reserve, finalize) and the two blob transfers their signed URLs point at (one Put Blob, one
 * GET). The archive inside an entry is actions-cache-archive.ts.
 *
 * Why not @actions/cache (its 6.x was used here before): every step that writes paid ~40 ms loading it
 * and ~35 ms spawning `tar` and `zstd` for a file of a few kilobytes, which put a write far above a Slack
 * step (issue 13, bench/README.md). And its results hid what the store must know: `restoreCache` answers
 * undefined both for "no entry" and for "the service failed", `saveCache` answers -1 both for "another
 * writer holds this key" and for "the upload failed". Here each call answers or throws, and a refused
 * reservation is told apart from a failure. The entries stay what @actions/cache makes and reads (same
 * version hash, same tar, same compression), so entries written by earlier versions of this tool are read
 * and the other way round; a test runs @actions/cache against entries written here and vice versa.
 *
 * What it gives up: @actions/cache uploads large archives in 64 MiB blocks, 8 at a time, and downloads
 * in segments. A context document is kilobytes to a few megabytes, which one Put Blob (up to 5,000 MiB)
 * and one GET carry. Retries (5xx, 429, network errors) come from the HTTP client.
 *
 * Signed URLs are credentials: the HTTP clients here log nothing, and no message shows a URL's query.
 */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http/client.js'
import { isJsonObject } from '../core/types.js'
import type { RunnerEnv } from './actions-cache-service.js'
import { entryLocation } from './actions-cache-local-copy.js'

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'
/** The Blob service version @azure/storage-blob 12 sends; Put Blob takes up to 5,000 MiB from 2019-12-12. */
const BLOB_API_VERSION = '2025-01-05'
/** Largest entry downloaded; far above any context document. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024
/** The service's answer to a write the run may not make (untrusted-event runs). */
const WRITE_DENIED = 'cache write denied'

export interface ClientOptions {
  attempts: number
  baseDelayMs: number
  /** Per request of a Twirp call. */
  requestTimeoutMs: number
  /** Per request of a blob transfer. */
  transferTimeoutMs: number
}

export interface FoundEntry {
  key: string
  /** Hash of the entry's blob (see actions-cache-local-copy.ts); undefined without a usable URL. */
  location: string | undefined
  /** The signed URL to download it: a credential. */
  downloadUrl: string | undefined
}

/** The reservation of a key: where to upload, or the service's refusal (most often: the key exists). */
export type Reservation = { uploadUrl: string } | { refused: string }

export interface CacheClient {
  /** The newest entry matching `key` (exactly, else as a prefix); undefined for a miss. */
  locate(key: string, version: string): Promise<FoundEntry | undefined>
  reserve(key: string, version: string): Promise<Reservation>
  upload(uploadUrl: string, bytes: Buffer): Promise<void>
  finalize(key: string, version: string, size: number): Promise<void>
  download(downloadUrl: string): Promise<Buffer>
}

/** Thrown for a write the service denies by policy: retrying or re-checking cannot help. */
export class CacheWriteDenied extends Error {}

export function createCacheClient(env: RunnerEnv, options: ClientOptions): CacheClient {
  const http = (timeoutMs: number, more: HttpClientOptions = {}): HttpClient =>
    createHttpClient({
      maxAttempts: options.attempts,
      baseDelayMs: options.baseDelayMs,
      requestTimeoutMs: timeoutMs,
      maxTotalMs: timeoutMs * options.attempts + 30_000,
      ...more
    })
  const twirp = http(options.requestTimeoutMs)
  const blobs = http(options.transferTimeoutMs, { maxResponseBytes: MAX_ENTRY_BYTES })
  // Like @actions/cache: the path of ACTIONS_RESULTS_URL is replaced, only its origin counts.
  const call: Call = (method, body) =>
    callTwirp(twirp, new URL(SERVICE + method, env.resultsUrl).href, env.token, method, body)
  return {
    locate: async (key, version) =>
      foundEntry(await call('GetCacheEntryDownloadURL', { key, restore_keys: [], version })),
    reserve: (key, version) => reserve(call, key, version),
    finalize: async (key, version, size) => {
      const body = await call('FinalizeCacheEntryUpload', {
        key,
        version,
        size_bytes: String(size)
      })
      if (body.ok !== true) throw new Error(refusal('FinalizeCacheEntryUpload', body))
    },
    upload: (url, bytes) => upload(blobs, url, bytes),
    download: (url) => download(blobs, url)
  }
}

type TwirpBody = Record<string, unknown>
type Call = (method: string, body: Record<string, string | string[]>) => Promise<TwirpBody>

/** A Twirp call answered with an error status, and the service's message if it gave one. */
class TwirpStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly msg: string | undefined
  ) {
    super(message)
  }
}

/** One Twirp call: the body of a 2xx answer; an error status, a body that is not JSON, or no answer throws. */
async function callTwirp(
  http: HttpClient,
  url: string,
  token: string,
  method: string,
  payload: Record<string, string | string[]>
): Promise<TwirpBody> {
  const response = await http.request({
    method: 'POST',
    url,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload)
  })
  const body = parseBody(response.body)
  const { status } = response
  if (status < 200 || status > 299) {
    const msg = typeof body?.msg === 'string' ? body.msg : undefined
    throw new TwirpStatusError(
      `${method} answered HTTP ${status}${msg ? `: ${msg}` : ''}`,
      status,
      msg
    )
  }
  if (!body) throw new Error(`${method} answered with a body that is not JSON`)
  return body
}

function foundEntry(body: TwirpBody): FoundEntry | undefined {
  if (body.ok !== true) return undefined
  const matched = body.matched_key ?? body.matchedKey
  if (typeof matched !== 'string' || matched === '') {
    throw new Error('GetCacheEntryDownloadURL reported a hit without a matched key')
  }
  const signed = body.signed_download_url ?? body.signedDownloadUrl
  const downloadUrl = typeof signed === 'string' && signed !== '' ? signed : undefined
  return { key: matched, location: downloadUrl && entryLocation(downloadUrl), downloadUrl }
}

async function reserve(call: Call, key: string, version: string): Promise<Reservation> {
  let body: TwirpBody
  try {
    body = await call('CreateCacheEntry', { key, version })
  } catch (err) {
    // The service words a denial the same way whether it answers ok:false or a Twirp error.
    if (err instanceof Error && err.message.includes(WRITE_DENIED)) {
      throw new CacheWriteDenied(err.message)
    }
    // 409: another writer holds the key (reserved or saved).
    if (err instanceof TwirpStatusError && err.status === 409) {
      return { refused: refusal('CreateCacheEntry', { msg: err.msg }) }
    }
    throw err
  }
  const url = body.signed_upload_url ?? body.signedUploadUrl
  if (body.ok === true && typeof url === 'string' && url !== '') return { uploadUrl: url }
  const reason = refusal('CreateCacheEntry', body)
  if (reason.includes(WRITE_DENIED)) throw new CacheWriteDenied(reason)
  return { refused: reason }
}

function refusal(method: string, body: TwirpBody): string {
  const text = [body.message, body.msg].find((m) => typeof m === 'string' && m !== '')
  return `${method} refused${typeof text === 'string' ? `: ${text}` : ''}`
}

/** One Put Blob: the whole archive as a block blob. */
async function upload(http: HttpClient, url: string, bytes: Buffer): Promise<void> {
  const response = await http.request({
    method: 'PUT',
    url,
    headers: {
      'Content-Type': 'application/octet-stream',
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-version': BLOB_API_VERSION
    },
    body: bytes
  })
  if (response.status !== 201) throw new Error(blobFailure('upload', response.status))
}

async function download(http: HttpClient, url: string): Promise<Buffer> {
  const response = await http.request({
    method: 'GET',
    url,
    headers: { 'x-ms-version': BLOB_API_VERSION }
  })
  if (response.status !== 200) throw new Error(blobFailure('download', response.status))
  const length = Number(response.headers['content-length'] ?? response.bytes.length)
  if (length !== response.bytes.length) {
    throw new Error(`the download ended after ${response.bytes.length} of ${length} bytes`)
  }
  return response.bytes
}

function blobFailure(what: string, status: number): string {
  return `the blob ${what} answered HTTP ${status}`
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isJsonObject(value) ? value : undefined
  } catch {
    return undefined
  }
}
