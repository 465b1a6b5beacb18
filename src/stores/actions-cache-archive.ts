/**
 * The bytes of an `actions-cache` entry, made and read in-process: a POSIX tar holding one file,
 * compressed with zstd or gzip, byte-compatible with what @actions/cache 6 makes with
 * `tar --posix -cf cache.tzst -P -C <workspace> --files-from manifest.txt --use-compress-program zstdmt`
 * (`-z` for gzip) and extracts with `tar -xf … -P -C <workspace> --use-compress-program unzstd`.
 * Entries written through @actions/cache by earlier versions must still read, and ours must still
 * restore through it; doing it here saves loading @actions/cache and spawning `tar` + `zstd` per write.
 *
 * Why a hand-written tar: an entry is one regular file, so the writer is two or three 512-byte headers
 * and the reader a header walk. tar-stream brings streamx, fast-fifo, b4a and bare-fs along: loading it
 * costs ~32–42 M instructions (~14 ms) against ~4 M (~1 ms) for this module (callgrind and hrtime
 * medians of `require` on Node 24 and 20), on every store write.
 *
 * Compression: node:zlib for gzip, and for zstd when the running Node has it (Node 24); otherwise the
 * `zstd` binary over stdin/stdout. Both modules load lazily, only in the branch that uses them.
 */
import type { CompressionMethod } from './actions-cache-service.js'
import { StoreError, errorMessage } from '../errors.js'

/** Largest file content accepted either way; state documents are far smaller. */
export const MAX_CONTENT_BYTES = 512 * 1024 * 1024
/** Decompressed entries may hold a few headers around the content. */
const MAX_TAR_BYTES = MAX_CONTENT_BYTES + 64 * 1024
/** zstd's default level, which is what `zstdmt` uses. */
const ZSTD_LEVEL = 3
const BLOCK = 512

/** A cache entry holding one file at `relPath`: a POSIX tar, compressed as `method` says. */
export async function packEntry(
  relPath: string,
  content: Buffer,
  method: CompressionMethod
): Promise<Buffer> {
  const tar = writeTar(relPath, content)
  return method === 'gzip' ? gzipCodec.compress(tar) : (await zstdCodec()).compress(tar)
}

/**
 * The content of `relPath` in an entry; throws StoreError with a one-line reason (not compressed as
 * expected, damaged/truncated tar, checksum mismatch, file not in it, too large).
 */
export async function unpackEntry(
  entry: Buffer,
  relPath: string,
  method: CompressionMethod
): Promise<Buffer> {
  checkMagic(entry, method)
  const codec = method === 'gzip' ? gzipCodec : await zstdCodec()
  return readTar(await codec.decompress(entry, MAX_TAR_BYTES), relPath)
}

/**
 * The format is part of the cache version, so another format means a damaged or foreign entry; and
 * the zstd binary would otherwise quietly decompress gzip too (when built with zlib).
 */
function checkMagic(entry: Buffer, method: CompressionMethod): void {
  const magic = entry.length >= 4 ? entry.readUInt32LE(0) : 0
  const ok =
    method === 'gzip'
      ? (magic & 0xffff) === 0x8b1f
      : magic === 0xfd2fb528 || (magic & 0xfffffff0) === 0x184d2a50 // a frame, or a skippable one
  if (!ok) {
    const format = method === 'gzip' ? 'gzip' : 'zstd'
    throw new StoreError(`actions-cache: the cache entry is not ${format}-compressed as expected`)
  }
}

// ---------------------------------------------------------------------------------------------
// Compression

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
  return new StoreError(`actions-cache: entry is not valid ${label} data (${oneLine(error)})`)
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
      : `actions-cache: cannot run zstd (${oneLine(error)})`
  )
}

function exitReason(code: number | null, signal: string | null, stderr: string): string {
  const said = stderr.trim().split('\n').pop()?.trim()
  const status = code === null ? `killed by ${signal}` : `exit ${code}`
  return said ? `${status}: ${said}` : status
}

function oneLine(error: unknown): string {
  return errorMessage(error).split('\n')[0].trim()
}

// ---------------------------------------------------------------------------------------------
// Tar writer: ustar headers as GNU `tar --posix` writes them, a pax `x` header for long paths.

const EMPTY = Buffer.alloc(0)

/** A tar holding `content` at `relPath` (mode 0644, owner 0:0, mtime now). */
export function writeTar(relPath: string, content: Buffer, now = new Date()): Buffer {
  checkRelPath(relPath)
  if (content.length > MAX_CONTENT_BYTES) {
    throw new StoreError(
      `actions-cache: '${relPath}' is too large to cache (${content.length} bytes)`
    )
  }
  const mtime = Math.floor(now.getTime() / 1000)
  const path = Buffer.from(relPath, 'utf8')
  const split = splitPath(path)
  const parts: Buffer[] = []
  if (!split) {
    const records = paxRecord('path', path)
    parts.push(header(paxHeaderName(relPath), EMPTY, records.length, mtime, 'x'), padded(records))
  }
  const [prefix, name] = split ?? [EMPTY, path.subarray(0, 100)]
  parts.push(header(name, prefix, content.length, mtime, '0'), padded(content))
  parts.push(Buffer.alloc(2 * BLOCK))
  return Buffer.concat(parts)
}

/** Our paths come from actions-cache-keys; refuse anything tar would place outside the workspace. */
function checkRelPath(relPath: string): void {
  const segments = relPath.split('/')
  if (
    relPath === '' ||
    relPath.startsWith('/') ||
    relPath.includes('\0') ||
    segments.includes('..')
  ) {
    throw new StoreError(`actions-cache: '${relPath}' is not a relative path inside the workspace`)
  }
}

/** [prefix, name] when the path fits ustar's fields (name ≤ 100 bytes, prefix ≤ 155 before a '/'). */
function splitPath(path: Buffer): [Buffer, Buffer] | undefined {
  if (path.length <= 100) return [EMPTY, path]
  for (let slash = path.indexOf(0x2f); slash !== -1; slash = path.indexOf(0x2f, slash + 1)) {
    const name = path.subarray(slash + 1)
    if (slash <= 155 && name.length > 0 && name.length <= 100)
      return [path.subarray(0, slash), name]
  }
  return undefined
}

/** GNU's `%d/PaxHeaders/%f`, cut to the name field; readers ignore it. */
function paxHeaderName(relPath: string): Buffer {
  const slash = relPath.lastIndexOf('/')
  const dir = slash === -1 ? '.' : relPath.slice(0, slash)
  return Buffer.from(`${dir}/PaxHeaders/${relPath.slice(slash + 1)}`, 'utf8').subarray(0, 100)
}

/** `<length> <key>=<value>\n`, where the length counts its own digits. */
function paxRecord(key: string, value: Buffer): Buffer {
  const rest = Buffer.byteLength(` ${key}=`) + value.length + 1
  let length = rest + 1
  while (String(length).length + rest !== length) length = String(length).length + rest
  return Buffer.concat([Buffer.from(`${length} ${key}=`), value, Buffer.from('\n')])
}

function header(name: Buffer, prefix: Buffer, size: number, mtime: number, type: string): Buffer {
  const block = Buffer.alloc(BLOCK)
  name.copy(block, 0)
  block.write(octal(0o644, 8), 100, 'latin1')
  block.write(octal(0, 8), 108, 'latin1')
  block.write(octal(0, 8), 116, 'latin1')
  block.write(octal(size, 12), 124, 'latin1')
  block.write(octal(mtime, 12), 136, 'latin1')
  block.write(type, 156, 'latin1')
  block.write('ustar\u000000', 257, 'latin1')
  block.write(octal(0, 8), 329, 'latin1')
  block.write(octal(0, 8), 337, 'latin1')
  prefix.copy(block, 345)
  // Checksum: six octal digits, NUL, space, summed with the field itself taken as spaces.
  block.write(`${checksum(block).toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1')
  return block
}

/** Zero-padded octal filling `width` bytes with a closing NUL. */
function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`
}

function padded(data: Buffer): Buffer {
  const tail = (BLOCK - (data.length % BLOCK)) % BLOCK
  return tail === 0 ? data : Buffer.concat([data, Buffer.alloc(tail)])
}

/** Unsigned sum of the header with the checksum field counted as eight spaces. */
function checksum(block: Buffer): number {
  let sum = 8 * 0x20
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i]
  return sum
}

// ---------------------------------------------------------------------------------------------
// Tar reader: walks every header (a later copy of a path wins, as when tar extracts), verifying each.

interface Pending {
  path?: string
  size?: number
}

/** The content of `relPath` in `tar`; StoreError when damaged, truncated or without it. */
export function readTar(tar: Buffer, relPath: string): Buffer {
  let found: Buffer | undefined
  let pending: Pending = {}
  let offset = 0
  while (offset + BLOCK <= tar.length) {
    const block = tar.subarray(offset, offset + BLOCK)
    if (block.every((byte) => byte === 0)) return result(found, relPath)
    verifyChecksum(block, offset)
    const type = String.fromCharCode(block[156])
    const extension = 'xgLK'.includes(type)
    const size = (extension ? undefined : pending.size) ?? headerSize(block, offset)
    const dataStart = offset + BLOCK
    const data = tar.subarray(dataStart, dataStart + (hasData(type) ? size : 0))
    if (data.length < (hasData(type) ? size : 0)) throw truncated(relPath)
    offset = dataStart + Math.ceil(data.length / BLOCK) * BLOCK
    if (type === 'x') pending = { ...pending, ...paxFields(data, offset) }
    else if (type === 'L') pending = { ...pending, path: cString(data) }
    else if (type === 'g' || type === 'K') continue
    else {
      const path = stripDotSlash(pending.path ?? headerPath(block))
      if (isRegular(type) && path === relPath) found = data
      pending = {}
    }
  }
  // GNU tar accepts an archive that stops at a header boundary without its end blocks.
  if (offset !== tar.length) throw truncated(relPath)
  return result(found, relPath)
}

function result(found: Buffer | undefined, relPath: string): Buffer {
  if (!found) throw new StoreError(`actions-cache: the cache entry does not contain '${relPath}'`)
  return Buffer.from(found)
}

function truncated(relPath: string): StoreError {
  return new StoreError(`actions-cache: the cache entry is truncated (reading '${relPath}')`)
}

function verifyChecksum(block: Buffer, offset: number): void {
  const stored = parseOctal(block.subarray(148, 156))
  // Some old writers summed signed bytes; accept either sum, as GNU tar does.
  let signed = 8 * 0x20
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) signed += (block[i] << 24) >> 24
  if (stored === undefined || (stored !== checksum(block) && stored !== signed)) {
    throw new StoreError(
      `actions-cache: the cache entry is damaged (bad tar header checksum at byte ${offset})`
    )
  }
}

/** Regular files, hard/soft links, devices, directories and FIFOs; only the first carry data. */
function hasData(type: string): boolean {
  return !'123456'.includes(type)
}

function isRegular(type: string): boolean {
  return type === '0' || type === '\0' || type === '7'
}

function headerSize(block: Buffer, offset: number): number {
  const field = block.subarray(124, 136)
  // GNU base-256: high bit set, the value in the remaining bytes, big-endian.
  const size = field[0] & 0x80 ? base256(field) : parseOctal(field)
  if (size === undefined) {
    throw new StoreError(
      `actions-cache: the cache entry is damaged (bad tar size field at byte ${offset})`
    )
  }
  return checkSize(size)
}

function checkSize(size: number): number {
  if (size > MAX_CONTENT_BYTES) {
    throw new StoreError(`actions-cache: a file in the cache entry is too large (${size} bytes)`)
  }
  return size
}

function base256(field: Buffer): number {
  let value = field[0] & 0x7f
  for (let i = 1; i < field.length; i++) value = value * 256 + field[i]
  return value
}

/** Octal digits, optionally space-padded and NUL/space-terminated; undefined when malformed. */
function parseOctal(field: Buffer): number | undefined {
  const text = cString(field).trim()
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined
}

function cString(data: Buffer): string {
  const end = data.indexOf(0)
  return data.subarray(0, end === -1 ? data.length : end).toString('utf8')
}

function headerPath(block: Buffer): string {
  const name = cString(block.subarray(0, 100))
  const ustar = block.subarray(257, 263).toString('latin1') === 'ustar\u0000'
  const prefix = ustar ? cString(block.subarray(345, 500)) : ''
  return prefix ? `${prefix}/${name}` : name
}

function stripDotSlash(path: string): string {
  return path.startsWith('./') ? path.slice(2) : path
}

/** The `path` and `size` records of a pax extended header; other keys do not matter here. */
function paxFields(data: Buffer, offset: number): Pending {
  const fields: Pending = {}
  // Records fill the header's data; some writers pad it with NULs.
  for (let at = 0; at < data.length && data[at] !== 0;) {
    const space = data.indexOf(0x20, at)
    const digits = data.subarray(at, space === -1 ? at : space).toString('latin1')
    const end = at + Number(digits)
    if (!/^[1-9]\d*$/.test(digits) || end > data.length || data[end - 1] !== 0x0a) {
      throw badPax(offset)
    }
    const record = data.subarray(space + 1, end - 1).toString('utf8')
    const equals = record.indexOf('=')
    if (equals === -1) throw badPax(offset)
    const [key, value] = [record.slice(0, equals), record.slice(equals + 1)]
    if (key === 'path') fields.path = value
    if (key === 'size' && !/^\d+$/.test(value)) throw badPax(offset)
    if (key === 'size') fields.size = checkSize(Number(value))
    at = end
  }
  return fields
}

function badPax(offset: number): StoreError {
  return new StoreError(
    `actions-cache: the cache entry is damaged (bad pax header before byte ${offset})`
  )
}
