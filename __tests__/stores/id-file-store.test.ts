import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../src/core/logger.js'
import { createIdFileStore } from '../../src/stores/id-file-store.js'
import type { StateStore } from '../../src/stores/state-store.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'idfile-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('idfile store', () => {
  const path = (): string => join(dir, 'nested/dir/id')
  const store = (): StateStore =>
    createIdFileStore(
      { name: 'idfile', type: 'idfile', isPrimary: false, path: path() },
      silentLogger
    )

  it('writes just the id, with no trailing newline, creating parent directories', async () => {
    await store().save('ctx-20240101-abc', {
      state: { cicdContextDataId: 'x', cicdContextName: 's' }
    })
    expect(readFileSync(path(), 'utf8')).toBe('ctx-20240101-abc')
    await store().save('b', { state: { cicdContextDataId: 'b', cicdContextName: 's' } })
    expect(readFileSync(path(), 'utf8')).toBe('b')
  })

  it('is write-only', async () => {
    expect(store().loadable).toBe(false)
    await expect(store().load('x')).rejects.toThrow('idfile cannot be primary')
  })
})
