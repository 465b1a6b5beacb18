import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConflictError } from '../../src/errors.js'
import { withFileLock } from '../../src/stores/file-lock.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lock-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('withFileLock', () => {
  it('lets one holder in at a time and removes the lock afterwards', async () => {
    const path = join(dir, 'serial/doc.yaml')
    let inside = 0
    let maxInside = 0
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(path, async () => {
          inside++
          maxInside = Math.max(maxInside, inside)
          await sleep(2)
          inside--
        })
      )
    )
    expect(maxInside).toBe(1)
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('releases the lock when the locked section throws', async () => {
    const path = join(dir, 'throws.yaml')
    await expect(
      withFileLock(path, async () => {
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(existsSync(`${path}.lock`)).toBe(false)
    await expect(withFileLock(path, async () => 'ok', { timeoutMs: 200 })).resolves.toBe('ok')
  })

  it('gives up after the wait bound with a ConflictError naming the file', async () => {
    const path = join(dir, 'held.yaml')
    mkdirSync(`${path}.lock`)
    const started = Date.now()
    const attempt = withFileLock(path, async () => 'never', { timeoutMs: 300 })
    await expect(attempt).rejects.toThrow(ConflictError)
    await expect(withFileLock(path, async () => 'never', { timeoutMs: 300 })).rejects.toThrow(
      `waiting for the lock on ${path}`
    )
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('takes over a lock abandoned by a crashed holder once it is stale', async () => {
    const path = join(dir, 'stale.yaml')
    mkdirSync(`${path}.lock`)
    const old = new Date(Date.now() - 60_000)
    utimesSync(`${path}.lock`, old, old)
    await expect(withFileLock(path, async () => 'ok', { timeoutMs: 300 })).resolves.toBe('ok')
  })
})
