/**
 * The bytes of an `actions-cache` entry, made and read in-process: a POSIX tar holding one file
 * (one-file-tar.ts), compressed with zstd or gzip (entry-compression.ts), byte-compatible with what
 * @actions/cache 6 makes with
 * `tar --posix -cf cache.tzst -P -C <workspace> --files-from manifest.txt --use-compress-program zstdmt`
 * (`-z` for gzip) and extracts with `tar -xf … -P -C <workspace> --use-compress-program unzstd`.
 * Entries written through @actions/cache by earlier versions must still read, and ours must still
 * restore through it; doing it here saves loading @actions/cache and spawning `tar` + `zstd` per write.
 */
import type { CompressionMethod } from './actions-cache-service.js'
import { StoreError } from '../errors.js'
import { gzipCodec, zstdCodec } from './entry-compression.js'
import { MAX_CONTENT_BYTES, readTar, writeTar } from './one-file-tar.js'

/** Decompressed entries may hold a few headers around the content. */
const MAX_TAR_BYTES = MAX_CONTENT_BYTES + 64 * 1024

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
