import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { silentLogger } from '../../src/core/logger.js'
import { deleteContext, parseAge, pruneContexts } from '../../src/core/store-maintenance.js'
import type { StateStore, StoreSet } from '../../src/core/store.js'
import type { ContextDocument } from '../../src/core/types.js'
import { StoreError } from '../../src/errors.js'
import { createStores } from '../../src/stores/create-stores.js'
import { FileStore } from '../../src/stores/file-store.js'
import { createIdFileStore } from '../../src/stores/id-file-store.js'
import { RedisStore } from '../../src/stores/redis-store.js'
import { createShellFileStore } from '../../src/stores/shell-file-store.js'
import { redisInfo, redisUrl } from '../helpers/redis-server.js'

function doc(id: string, extra: Record<string, string> = {}): ContextDocument {
  return { channel: 'c1', state: { cicdContextDataId: id, cicdContextName: 'stage', ...extra } }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'create-delete-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('redis: create (SET NX), delete (DEL), list (SCAN)', () => {
  const prefix = `cdl-${randomUUID().slice(0, 8)}:`
  let store: RedisStore
  let raw: Redis
  beforeAll(() => {
    const i = redisInfo()
    const common = { host: '127.0.0.1', port: i.port, username: i.username, password: i.password }
    store = new RedisStore(
      { name: 'redis', type: 'redis', isPrimary: true, keyPrefix: prefix, ...common },
      silentLogger
    )
    raw = new Redis({ ...common, enableReadyCheck: false })
  })
  afterAll(async () => {
    await store.close()
    raw.disconnect()
  })

  it('creates only when absent: of 10 concurrent claims exactly one wins, and its document stays', async () => {
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, n) => store.create('claimed', doc('claimed', { n: `${n}` })))
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    const winner = claims.indexOf(true)
    expect(await store.load('claimed')).toEqual(doc('claimed', { n: `${winner}` }))
    expect(await store.create('claimed', doc('claimed'))).toBe(false)
  })

  it('sets the TTL with the claim when ttlSeconds is configured', async () => {
    const i = redisInfo()
    const ttlStore = new RedisStore(
      {
        ...{ name: 'redis', type: 'redis', isPrimary: true, keyPrefix: prefix, ttlSeconds: 300 },
        ...{ host: '127.0.0.1', port: i.port, username: i.username, password: i.password }
      },
      silentLogger
    )
    try {
      expect(await ttlStore.create('ttl', doc('ttl'))).toBe(true)
      const ttl = await raw.ttl(`${prefix}ttl`)
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(300)
    } finally {
      await ttlStore.close()
    }
  })

  it('lists the ids under its prefix only (glob characters in the prefix match literally)', async () => {
    await store.save('a', doc('a'))
    await store.save('b', doc('b'))
    await raw.set(`other-${prefix}c`, 'x')
    const ids = await store.list()
    expect(ids).toEqual(expect.arrayContaining(['a', 'b', 'claimed']))
    expect(ids).not.toContain('c')
    const star = new RedisStore(
      {
        name: 'redis',
        type: 'redis',
        isPrimary: true,
        url: redisUrl(0),
        keyPrefix: `${prefix}*[x]?`
      },
      silentLogger
    )
    try {
      expect(await star.list()).toEqual([])
      await star.save('s', doc('s'))
      expect(await star.list()).toEqual(['s'])
    } finally {
      await star.close()
    }
    await raw.del(`other-${prefix}c`)
  })

  it('deletes: true when the key existed, false after', async () => {
    await store.save('gone', doc('gone'))
    expect(await store.delete('gone')).toBe(true)
    expect(await store.load('gone')).toBeUndefined()
    expect(await store.delete('gone')).toBe(false)
  })

  it('refuses to prune: Redis keeps no write time', async () => {
    const set = await createStores(
      [{ name: 'redis', type: 'redis', isPrimary: true, url: redisUrl(0), keyPrefix: prefix }],
      silentLogger
    )
    try {
      await expect(pruneContexts(set, 1000, Date.now(), silentLogger)).rejects.toThrow(
        'datasource redis cannot tell when a context was written, so it cannot prune'
      )
      expect(await raw.exists(`${prefix}a`)).toBe(1)
    } finally {
      await set.close()
    }
  })
})

describe.each(['yamlfile', 'jsonfile'] as const)('%s: create, delete, list', (type) => {
  const store = (path: string): FileStore =>
    new FileStore({ name: type, type, isPrimary: true, path }, silentLogger, { timeoutMs: 5000 })

  it('creates under the file lock only when the file does not hold the id', async () => {
    const path = join(dir, `${type}-claim`)
    const claims = await Promise.all(
      Array.from({ length: 5 }, (_, n) => store(path).create('x', doc('x', { n: `${n}` })))
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    expect(await store(path).create('x', doc('x'))).toBe(false)
    expect(await store(path).list()).toEqual(['x'])
    // The file holds one context: a claim of another id replaces it, as --init-new does.
    expect(await store(path).create('y', doc('y'))).toBe(true)
    expect(await store(path).load('y')).toEqual(doc('y'))
  })

  it('deletes the file only when it holds the id', async () => {
    const path = join(dir, `${type}-delete`)
    await store(path).save('x', doc('x'))
    expect(await store(path).delete('other')).toBe(false)
    expect(existsSync(path)).toBe(true)
    expect(await store(path).delete('x')).toBe(true)
    expect(existsSync(path)).toBe(false)
    expect(await store(path).delete('x')).toBe(false)
    expect(await store(path).list()).toEqual([])
  })
})

describe('write-only copies: delete only the copy that holds the id', () => {
  it('idfile and shellfile', async () => {
    const idPath = join(dir, 'id')
    const shPath = join(dir, 'ctx.sh')
    const copies: StateStore[] = [
      createIdFileStore(
        { name: 'idfile', type: 'idfile', isPrimary: false, path: idPath },
        silentLogger
      ),
      createShellFileStore(
        {
          name: 'shellfile',
          type: 'shellfile',
          isPrimary: false,
          path: shPath,
          excludeKeyNames: []
        },
        silentLogger
      )
    ]
    for (const copy of copies) await copy.save('x', doc('x'))
    for (const copy of copies) expect(await copy.delete?.('other')).toBe(false)
    expect(readFileSync(idPath, 'utf8')).toBe('x')
    expect(existsSync(shPath)).toBe(true)
    for (const copy of copies) expect(await copy.delete?.('x')).toBe(true)
    expect(existsSync(idPath)).toBe(false)
    expect(existsSync(shPath)).toBe(false)
  })
})

describe('deleteContext and pruneContexts (file primary with copies)', () => {
  async function files(name: string): Promise<StoreSet> {
    return createStores(
      [
        { name: 'yamlfile', type: 'yamlfile', isPrimary: true, path: join(dir, name, 'ctx.yaml') },
        { name: 'idfile', type: 'idfile', isPrimary: false, path: join(dir, name, 'id') }
      ],
      silentLogger
    )
  }

  it('deletes from the primary and the copies that hold the id', async () => {
    const set = await files('del')
    try {
      await set.primary.save('x', doc('x'))
      await set.saveCopies('x', doc('x'))
      expect(await deleteContext(set, 'x', silentLogger)).toEqual({
        id: 'x',
        primary: true,
        copies: ['idfile']
      })
      expect(existsSync(join(dir, 'del', 'id'))).toBe(false)
      expect(await deleteContext(set, 'x', silentLogger)).toEqual({
        id: 'x',
        primary: false,
        copies: []
      })
    } finally {
      await set.close()
    }
  })

  it('prunes by the file modification time, keeping a newer context', async () => {
    const set = await files('prune')
    const path = join(dir, 'prune', 'ctx.yaml')
    try {
      await set.primary.save('old', doc('old'))
      const now = Date.now()
      const twoDaysAgo = new Date(now - 2 * 86_400_000)
      utimesSync(path, twoDaysAgo, twoDaysAgo)
      expect(await pruneContexts(set, parseAge('3d') as number, now, silentLogger)).toEqual([])
      expect(existsSync(path)).toBe(true)
      expect(await pruneContexts(set, parseAge('1d') as number, now, silentLogger)).toEqual(['old'])
      expect(existsSync(path)).toBe(false)
    } finally {
      await set.close()
    }
  })

  it('a store without delete says so', async () => {
    const set = await files('nodelete')
    const primary: StateStore = { ...set.primary, name: 'custom', delete: undefined }
    await expect(deleteContext({ ...set, primary }, 'x', silentLogger)).rejects.toThrow(
      new StoreError('datasource custom cannot delete contexts')
    )
    await set.close()
  })
})

describe('parseAge', () => {
  it.each([
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['7', undefined],
    ['d', undefined],
    ['1.5h', undefined],
    ['-1d', undefined]
  ])('%s', (text, ms) => expect(parseAge(text)).toBe(ms))
})
