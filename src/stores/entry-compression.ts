/**
 * The compressions of a cache entry: node:zlib for gzip, and for zstd when the running Node has it
 * (Node ≥ 22.15); otherwise the `zstd` program over stdin/stdout. Both modules load lazily, only in the
 * branch that uses them.
 */
import { StoreError, firstLine } from '../errors.js'

/** zstd's default level, which is what `zstdmt` uses. */
const ZSTD_LEVEL = 3

export interface Codec {
  readonly name: string
  compress(data: Buffer): Promise<Buffer>
  /** Throws StoreError when `data` is not in this format or would decompress beyond `maxBytes`. */
  decompress(data: Buffer, maxBytes: number): Promise<Buffer>
}

type Callback = (error: Error | null, out: Buffer) => void
type ZlibOp = 'gzip' | 'gunzip' | 'zstdCompress' | 'zstdDecompress'
/** The node:zlib functions used here, typed by hand: Node 20's typings have no zstd. */
type Zlib = { [op in ZlibOp]: (data: Buffer, options: object, cb: Callback) => void } & {
  [op in `${ZlibOp}Sync`]: (data: Buffer, options: object) => Buffer
}
/** ZSTD_c_compressionLevel, zstd's own parameter number (zlib.constants has it on Node 24). */
const ZSTD_C_COMPRESSION_LEVEL = 100
/**
 * Inputs up to this size are (de)compressed synchronously: the async form's first call starts
 * libuv's thread pool (~4 ms on Node 24), more than a state document of a few KB takes to compress.
 */
const SYNC_LIMIT = 1024 * 1024

async function loadZlib(): Promise<Partial<Zlib>> {
  return (await import('node:zlib')) as unknown as Partial<Zlib>
}

/** The zstd codec this Node can use: zlib's when it has one (Node 22.15+), else the binary. */
export async function zstdCodec(): Promise<Codec> {
  return typeof (await loadZlib()).zstdCompress === 'function' ? zlibZstdCodec : binaryZstdCodec
}

/** zlib's `op` on `data` as a promise, its failures turned into a one-line StoreError. */
async function zlibRun(op: ZlibOp, label: string, data: Buffer, options: object): Promise<Buffer> {
  const zlib = (await loadZlib()) as Zlib
  if (typeof zlib[op] !== 'function') {
    throw new StoreError(`actions-cache: Node ${process.version} has no ${label} in node:zlib`)
  }
  if (data.length <= SYNC_LIMIT) {
    try {
      return zlib[`${op}Sync`](data, options)
    } catch (error) {
      throw zlibError(label, error as Error)
    }
  }
  return new Promise((resolve, reject) => {
    zlib[op](data, options, (error, out) =>
      error ? reject(zlibError(label, error)) : resolve(out)
    )
  })
}

function zlibError(label: string, error: Error): StoreError {
  const code = (error as { code?: string }).code
  if (error instanceof RangeError || code === 'ERR_BUFFER_TOO_LARGE') {
    return new StoreError(`actions-cache: entry is too large once decompressed (${label})`)
  }
  return new StoreError(
    `actions-cache: entry is not valid ${label} data (${firstLine(error).trim()})`
  )
}

export const gzipCodec: Codec = {
  name: 'gzip',
  compress: (data) => zlibRun('gzip', 'gzip', data, {}),
  decompress: (data, maxBytes) => zlibRun('gunzip', 'gzip', data, { maxOutputLength: maxBytes })
}

export const zlibZstdCodec: Codec = {
  name: 'zstd (node:zlib)',
  compress: (data) =>
    zlibRun('zstdCompress', 'zstd', data, { params: { [ZSTD_C_COMPRESSION_LEVEL]: ZSTD_LEVEL } }),
  decompress: (data, maxBytes) =>
    zlibRun('zstdDecompress', 'zstd', data, { maxOutputLength: maxBytes })
}

export const binaryZstdCodec: Codec = {
  name: 'zstd (binary)',
  compress: (data) => runZstd([`-${ZSTD_LEVEL}`, '-c', '-q'], data, Infinity),
  decompress: (data, maxBytes) => runZstd(['-d', '-c', '-q'], data, maxBytes)
}

/** `zstd <args>` over stdin/stdout, no shell; stops it once stdout passes `maxBytes`. */
async function runZstd(args: string[], input: Buffer, maxBytes: number): Promise<Buffer> {
  const { spawn } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    const child = spawn('zstd', args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true })
    const chunks: Buffer[] = []
    let size = 0
    let stderr = ''
    let tooLarge = false
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        tooLarge = true
        child.kill()
      } else chunks.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    // zstd exits early on bad input; the unread stdin then fails with EPIPE, which says nothing more.
    child.stdin.on('error', () => undefined)
    child.on('error', (error) => reject(spawnError(error)))
    child.on('close', (code, signal) => {
      if (tooLarge)
        reject(new StoreError('actions-cache: entry is too large once decompressed (zstd)'))
      else if (code === 0) resolve(Buffer.concat(chunks, size))
      else
        reject(
          new StoreError(
            `actions-cache: zstd ${args.join(' ')} failed (${exitReason(code, signal, stderr)})`
          )
        )
    })
    child.stdin.end(input)
  })
}

function spawnError(error: Error): StoreError {
  const missing = (error as { code?: string }).code === 'ENOENT'
  return new StoreError(
    missing
      ? 'actions-cache: the zstd program is not installed (needed for zstd cache entries on this Node)'
      : `actions-cache: cannot run zstd (${firstLine(error).trim()})`
  )
}

function exitReason(code: number | null, signal: string | null, stderr: string): string {
  const said = stderr.trim().split('\n').pop()?.trim()
  const status = code === null ? `killed by ${signal}` : `exit ${code}`
  return said ? `${status}: ${said}` : status
}
