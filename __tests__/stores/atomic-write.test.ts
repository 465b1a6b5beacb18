import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StoreError } from '../../src/errors.js'
import { writeFileAtomic } from '../../src/stores/atomic-write.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('creates parent directories and leaves only the target behind', async () => {
    const sub = join(dir, 'a/b')
    await writeFileAtomic(join(sub, 'doc.yaml'), 'x: 1\n')
    expect(readFileSync(join(sub, 'doc.yaml'), 'utf8')).toBe('x: 1\n')
    expect(readdirSync(sub)).toEqual(['doc.yaml'])
  })

  it('keeps the permissions of the file it replaces', async () => {
    const path = join(dir, 'private.json')
    writeFileSync(path, '{}')
    chmodSync(path, 0o600)
    await writeFileAtomic(path, '{"a": 1}')
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('never shows a reader a torn file while writers race', async () => {
    const sub = join(dir, 'race')
    mkdirSync(sub)
    const path = join(sub, 'big.txt')
    const contents = Array.from({ length: 8 }, (_, i) => String(i).repeat(2 * 1024 * 1024))
    await writeFileAtomic(path, contents[0] as string)
    let writing = true
    const seen = new Set<string>()
    const reader = (async () => {
      while (writing) seen.add(await readFile(path, 'utf8'))
    })()
    await Promise.all(contents.map((c) => writeFileAtomic(path, c)))
    writing = false
    await reader
    for (const text of seen) expect(contents).toContain(text)
    expect(contents).toContain(readFileSync(path, 'utf8'))
    expect(readdirSync(sub)).toEqual(['big.txt'])
  })

  it('fails with a StoreError naming the file and leaves the target and no temp file', async () => {
    const sub = join(dir, 'fail')
    mkdirSync(join(sub, 'target'), { recursive: true })
    writeFileSync(join(sub, 'target/keep'), 'k')
    const attempt = writeFileAtomic(join(sub, 'target'), 'data')
    await expect(attempt).rejects.toThrow(StoreError)
    await expect(writeFileAtomic(join(sub, 'target'), 'data')).rejects.toThrow(
      `cannot write ${join(sub, 'target')}`
    )
    expect(readdirSync(sub)).toEqual(['target'])
    expect(readFileSync(join(sub, 'target/keep'), 'utf8')).toBe('k')
  })
})
