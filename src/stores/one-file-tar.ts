/**
 * A POSIX tar holding one regular file, as GNU `tar --posix` writes it, and a reader of any tar GNU tar
 * writes (ustar, pax, GNU long names) that returns one file's content.
 *
 * Why hand-written: an entry is one regular file, so the writer is two or three 512-byte headers and
 * the reader a header walk. tar-stream brings streamx, fast-fifo, b4a and bare-fs along: loading it
 * costs ~32–42 M instructions (~14 ms) against ~4 M (~1 ms) for this code (callgrind and hrtime
 * medians of `require` on Node 24 and 20), on every store write.
 */
import { StoreError } from '../errors.js'

/** Largest file content accepted either way; state documents are far smaller. */
export const MAX_CONTENT_BYTES = 512 * 1024 * 1024
const BLOCK = 512

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
