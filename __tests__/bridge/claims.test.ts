import { afterAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { MemoryClaimStore, RedisClaimStore } from '../../src/bridge/claims.js'
import { redisInfo, redisUrl } from '../helpers/redis-server.js'

describe('MemoryClaimStore (single process)', () => {
  it('lets the first holder win and tells the second who holds it', async () => {
    const store = new MemoryClaimStore(() => 0)
    expect(await store.claim('deploy:n1', 'alice', 60)).toEqual({ won: true })
    expect(await store.claim('deploy:n1', 'bob', 60)).toEqual({ won: false, holder: 'alice' })
    expect(await store.claim('deploy:n2', 'bob', 60)).toEqual({ won: true })
  })

  it('frees a claim only when its TTL has passed (injected clock)', async () => {
    let now = 0
    const store = new MemoryClaimStore(() => now)
    await store.claim('k', 'alice', 60)
    now = 59_999
    expect(await store.claim('k', 'bob', 60)).toEqual({ won: false, holder: 'alice' })
    now = 60_000
    expect(await store.claim('k', 'bob', 60)).toEqual({ won: true })
  })
})

describe('RedisClaimStore (real redis-server)', () => {
  const prefix = `test:bridge:${randomUUID()}:`
  const stores: RedisClaimStore[] = []
  const i = redisInfo()
  const raw = new Redis({
    port: i.port,
    host: '127.0.0.1',
    username: i.username,
    password: i.password,
    enableReadyCheck: false
  })
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
    await raw.quit()
  })
  async function store(): Promise<RedisClaimStore> {
    const s = await RedisClaimStore.connect({ url: redisUrl() }, prefix)
    stores.push(s)
    return s
  }

  it('SET NX EX: first wins, second is told the holder, the TTL is set', async () => {
    const s = await store()
    expect(await s.claim('deploy:n1', '{"u":"U1"}', 900)).toEqual({ won: true })
    expect(await s.claim('deploy:n1', '{"u":"U2"}', 900)).toEqual({
      won: false,
      holder: '{"u":"U1"}'
    })
    const ttl = await raw.ttl(`${prefix}deploy:n1`)
    expect(ttl).toBeGreaterThan(890)
    expect(ttl).toBeLessThanOrEqual(900)
  })

  it('exactly one of 20 concurrent claims from two connections wins', async () => {
    const [a, b] = [await store(), await store()]
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).claim('deploy:race', `h${n}`, 60))
    )
    const winners = results.filter((r) => r.won)
    expect(winners).toHaveLength(1)
    const holder = await raw.get(`${prefix}deploy:race`)
    for (const r of results) if (!r.won) expect(r.holder).toBe(holder)
  })
})
