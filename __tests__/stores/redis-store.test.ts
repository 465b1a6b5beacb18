import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { Redis } from 'ioredis'
import type { Logger } from '../../src/core/logger.js'
import { silentLogger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { parseYaml } from '../../src/core/yaml.js'
import { ConfigError, ConflictError, StoreError } from '../../src/errors.js'
import { RedisStore, resolveRedisTarget } from '../../src/stores/redis-store.js'
import type { RedisSettings } from '../../src/stores/settings.js'
import { redisInfo, redisUrl } from '../helpers/redis-server.js'

function settings(extra: Partial<RedisSettings> = {}): RedisSettings {
  const i = redisInfo()
  return {
    name: 'redis',
    type: 'redis',
    isPrimary: true,
    host: '127.0.0.1',
    port: i.port,
    username: i.username,
    password: i.password,
    ...extra
  }
}

const stores: RedisStore[] = []
function store(extra: Partial<RedisSettings> = {}, logger: Logger = silentLogger): RedisStore {
  const s = new RedisStore(settings(extra), logger)
  stores.push(s)
  return s
}

let raw: Redis
const rawDb = new Map<number, Redis>()
async function rawClient(db = 0): Promise<Redis> {
  let c = rawDb.get(db)
  if (!c) {
    const i = redisInfo()
    c = new Redis({
      port: i.port,
      host: '127.0.0.1',
      username: i.username,
      password: i.password,
      db,
      // INFO is not allowed for the ACL user; skip the check instead of warning on every connect.
      enableReadyCheck: false
    })
    rawDb.set(db, c)
  }
  return c
}

beforeAll(async () => {
  raw = await rawClient(0)
})
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()))
  await Promise.all([...rawDb.values()].map((c) => c.quit()))
})

const newId = (): string => `t-${randomUUID()}`

function doc(id: string, extra: Record<string, unknown> = {}): ContextDocument {
  return {
    channel: 'c1',
    state: { cicdContextDataId: id, cicdContextName: 'stage', ...extra }
  } as ContextDocument
}

function setKey(key: string, value: string): (cur: ContextDocument | undefined) => ContextDocument {
  return (cur) => {
    if (!cur) throw new Error('expected the stored document')
    return { ...cur, state: { ...cur.state, [key]: value } }
  }
}

// Genuine `yaml.dump(doc, default_flow_style=False, sort_keys=False)` output of PyYAML 6, plus a block
// literal as a hand-edited document would have.
const PYYAML_TEXT = `state:
  cicdContextDataId: ID
  cicdContextName: stage
  flag: 'yes'
  answer: 'no'
  onoff: 'on'
  ver: '1.10'
  multi: 'line one

    line two

    '
  n: 3
  f: 1.5
  t: true
  none: null
  d: '2020-01-01'
  list:
  - a
  - b
  nested:
  - x: 1
  empty: ''
  tilde: '~'
  colon: 'a: b'
  unicode: "h\\xE9llo \\u2713"
  script: |-
    echo one
    echo "two"
`

describe('RedisStore', () => {
  it('stores the document as YAML text under the bare id and loads it back', async () => {
    const id = newId()
    const d = doc(id, { msg: 'multi\nline', yes: 'yes', n: 0, ok: false, list: ['a', 'b'] })
    await store().save(id, d)
    const text = await raw.get(id)
    expect(text).toMatch(/^channel: c1\nstate:\n {2}cicdContextDataId: /)
    expect(parseYaml(text as string, 'raw')).toEqual(d)
    await expect(store().load(id)).resolves.toEqual(d)
  })

  it('returns undefined for an id with no document', async () => {
    await expect(store().load(newId())).resolves.toBeUndefined()
  })

  it('reads a document written by the Python tool', async () => {
    const id = newId()
    await raw.set(id, PYYAML_TEXT.replace('ID', id))
    const loaded = await store().load(id)
    expect(loaded?.state).toEqual({
      cicdContextDataId: id,
      cicdContextName: 'stage',
      flag: 'yes',
      answer: 'no',
      onoff: 'on',
      ver: '1.10',
      multi: 'line one\nline two\n',
      n: 3,
      f: 1.5,
      t: true,
      none: null,
      d: '2020-01-01',
      list: ['a', 'b'],
      nested: [{ x: 1 }],
      empty: '',
      tilde: '~',
      colon: 'a: b',
      unicode: 'héllo ✓',
      script: 'echo one\necho "two"'
    })
  })

  it('names the key when the stored value is not a document', async () => {
    const id = newId()
    await raw.set(id, '- just\n- a list\n')
    await expect(store().load(id)).rejects.toThrow(StoreError)
    await expect(store().load(id)).rejects.toThrow(
      `redis key "${id}" does not hold a context document`
    )
    const hash = newId()
    await raw.hset(hash, 'f', 'v')
    await expect(store().load(hash)).rejects.toThrow(`redis GET of key "${hash}"`)
    await expect(store().load(hash)).rejects.toThrow('WRONGTYPE')
  })

  it('update creates the document, then mutates the stored one', async () => {
    const id = newId()
    const s = store()
    await s.update(id, (cur) => cur ?? doc(id, { a: '1' }))
    const after = await s.update(id, setKey('b', '2'))
    expect(after.state).toMatchObject({ a: '1', b: '2' })
    await expect(store().load(id)).resolves.toEqual(after)
  })

  it('retries the mutation on the fresh document when another writer got in first', async () => {
    const id = newId()
    await store().save(id, doc(id))
    const seen: Array<ContextDocument | undefined> = []
    const result = await store().update(id, (cur) => {
      seen.push(cur)
      if (seen.length === 1) {
        // Another job writes between our read and our commit.
        void raw.set(id, PYYAML_TEXT.replace('ID', id))
      }
      return setKey('mine', 'yes')(cur)
    })
    expect(seen).toHaveLength(2)
    expect(result.state).toMatchObject({ flag: 'yes', mine: 'yes' })
    expect((await store().load(id))?.state).toMatchObject({ flag: 'yes', mine: 'yes' })
  })

  it('gives up with a ConflictError after maxAttempts and never overwrites the other writer', async () => {
    const id = newId()
    await store().save(id, doc(id))
    let calls = 0
    const attempt = store({ maxAttempts: 3 }).update(id, (cur) => {
      calls++
      void raw.set(
        id,
        `state: {cicdContextDataId: ${id}, cicdContextName: stage, other: '${calls}'}`
      )
      return setKey('mine', 'yes')(cur)
    })
    await expect(attempt).rejects.toThrow(ConflictError)
    await expect(attempt).rejects.toThrow(`redis update of key "${id}" gave up after 3 attempts`)
    expect(calls).toBe(3)
    expect((await store().load(id))?.state).toEqual({
      cicdContextDataId: id,
      cicdContextName: 'stage',
      other: '3'
    })
  })

  it('a failing mutation leaves the document as it was and the store usable', async () => {
    const id = newId()
    const s = store()
    await s.save(id, doc(id))
    const before = await raw.get(id)
    await expect(
      s.update(id, () => {
        throw new Error('mutation failed')
      })
    ).rejects.toThrow('mutation failed')
    expect(await raw.get(id)).toBe(before)
    await expect(s.update(id, setKey('later', 'ok'))).resolves.toMatchObject({
      state: { later: 'ok' }
    })
  })

  it('loses no update when 50 writers, each with its own connection, update one id at once', async () => {
    const id = newId()
    await store().save(id, doc(id))
    const writers = Array.from({ length: 50 }, (_, i) =>
      store().update(id, setKey(`key${i}`, `v${i}`))
    )
    await Promise.all(writers)
    const final = await store().load(id)
    for (let i = 0; i < 50; i++) expect(final?.state[`key${i}`]).toBe(`v${i}`)
  })

  it('loses no update when 50 concurrent updates share one store instance', async () => {
    const id = newId()
    const s = store()
    await s.save(id, doc(id))
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.update(id, setKey(`key${i}`, `v${i}`)))
    )
    const final = await s.load(id)
    for (let i = 0; i < 50; i++) expect(final?.state[`key${i}`]).toBe(`v${i}`)
  })

  it('sets the TTL on every write, atomically with it', async () => {
    const id = newId()
    const s = store({ ttlSeconds: 100 })
    await s.save(id, doc(id))
    const afterSave = await raw.ttl(id)
    expect(afterSave).toBeGreaterThan(90)
    expect(afterSave).toBeLessThanOrEqual(100)
    await raw.persist(id)
    await s.update(id, setKey('x', '1'))
    expect(await raw.ttl(id)).toBeGreaterThan(90)
    const plain = newId()
    await store().save(plain, doc(plain))
    expect(await raw.ttl(plain)).toBe(-1)
  })

  it('prefixes the key with keyPrefix', async () => {
    const id = newId()
    const s = store({ keyPrefix: 'ci:ctx:' })
    await s.update(id, () => doc(id))
    expect(await raw.exists(`ci:ctx:${id}`)).toBe(1)
    expect(await raw.exists(id)).toBe(0)
    await expect(s.load(id)).resolves.toEqual(doc(id))
  })

  it('selects the configured db, from the field or the URL (fields win)', async () => {
    const id = newId()
    await store({ db: 7 }).save(id, doc(id))
    expect(await (await rawClient(7)).exists(id)).toBe(1)
    expect(await raw.exists(id)).toBe(0)

    const viaUrl = new RedisStore(
      { name: 'redis', type: 'redis', isPrimary: true, url: redisUrl(5) },
      silentLogger
    )
    stores.push(viaUrl)
    await viaUrl.save(id, doc(id))
    expect(await (await rawClient(5)).exists(id)).toBe(1)

    const overridden = new RedisStore(
      { name: 'redis', type: 'redis', isPrimary: true, url: redisUrl(5), db: 6 },
      silentLogger
    )
    stores.push(overridden)
    await overridden.save(id, doc(id))
    expect(await (await rawClient(6)).exists(id)).toBe(1)
  })

  it('fails fast with a clear error when nothing listens on the port', async () => {
    const port = await closedPort()
    const started = Date.now()
    const attempt = store({ port }).load('x')
    await expect(attempt).rejects.toThrow(StoreError)
    await expect(attempt).rejects.toThrow(`cannot connect to redis at 127.0.0.1:${port}: `)
    await expect(attempt).rejects.toThrow('ECONNREFUSED')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('gives up on a server that accepts but never answers, within the command timeout', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => {
      sockets.push(socket)
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const started = Date.now()
      const attempt = store({ port, commandTimeoutMs: 300 }).load('x')
      await expect(attempt).rejects.toThrow(`cannot connect to redis at 127.0.0.1:${port}: `)
      await expect(attempt).rejects.toThrow('timed out')
      expect(Date.now() - started).toBeLessThan(2000)
    } finally {
      sockets.forEach((s) => s.destroy())
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('reports a wrong password in one line that never contains the password', async () => {
    const lines: string[] = []
    const recorder: Logger = {
      debug: (m) => lines.push(m),
      info: (m) => lines.push(m),
      warning: (m) => lines.push(m),
      error: (m) => lines.push(m),
      addSecret: () => {},
      isDebug: true
    }
    const password = 'Wr0ng-S3cret-value'
    const i = redisInfo()
    for (const s of [
      store({ password }, recorder),
      new RedisStore(
        {
          name: 'redis',
          type: 'redis',
          isPrimary: true,
          url: `redis://${i.username}:${password}@127.0.0.1:${i.port}/0`
        },
        recorder
      )
    ]) {
      stores.push(s)
      const err = await s.load('x').catch((e: unknown) => e)
      expect(err).toBeInstanceOf(StoreError)
      const message = (err as Error).message
      expect(message).toMatch(/^cannot connect to redis at 127\.0\.0\.1:\d+: WRONGPASS/)
      expect(message).toContain('(check datasources.redis username/password)')
      expect(message).not.toContain('\n')
      expect(message).not.toContain(password)
    }
    expect(lines.join('\n')).not.toContain(password)
  })

  it('refuses a db the server does not have, in one line naming the setting, and writes nowhere', async () => {
    const id = newId()
    const s = store({ db: 99 })
    for (const attempt of [s.update(id, () => doc(id)), s.load(id), s.save(id, doc(id))]) {
      const err = await attempt.catch((e: unknown) => e)
      expect(err).toBeInstanceOf(StoreError)
      const message = (err as Error).message
      expect(message).toMatch(
        /^cannot connect to redis at 127\.0\.0\.1:\d+: ERR DB index is out of range \(check datasources\.redis db: 99\)$/
      )
    }
    expect(await raw.exists(id)).toBe(0)
    const viaUrl = new RedisStore(
      { name: 'redis', type: 'redis', isPrimary: true, url: redisUrl(99) },
      silentLogger
    )
    stores.push(viaUrl)
    await expect(viaUrl.save(id, doc(id))).rejects.toThrow('(check datasources.redis db: 99)')
    expect(await raw.exists(id)).toBe(0)
  })

  it('refuses an unknown user and a missing password like a wrong password, never echoing it', async () => {
    const password = redisInfo().password
    const unknown = await store({ username: 'no-such-user' })
      .load('x')
      .catch((e: unknown) => e)
    expect(unknown).toBeInstanceOf(StoreError)
    expect((unknown as Error).message).toMatch(
      /^cannot connect to redis at 127\.0\.0\.1:\d+: WRONGPASS .*\(check datasources\.redis username\/password\)$/
    )
    expect((unknown as Error).message).not.toContain(password)
    // No credentials at all: the default user is off, so the first command is refused.
    const anonymous = await store({ username: undefined, password: undefined })
      .load('x')
      .catch((e: unknown) => e)
    expect(anonymous).toBeInstanceOf(StoreError)
    expect((anonymous as Error).message).toMatch(/^redis GET of key "x" at .* failed: NOAUTH/)
  })

  it('fails a stalled server within one command timeout (no QUIT wait) and drops the socket', async () => {
    const timeoutMs = 1000
    const proxy = await stallingProxy(redisInfo().port)
    const id = newId()
    try {
      const s = store({ port: proxy.port, commandTimeoutMs: timeoutMs })
      await s.update(id, () => doc(id)) // the pooled connection is now ready
      proxy.stall()
      for (const op of [() => s.update(id, setKey('k', 'v')), () => s.load(id)]) {
        const started = performance.now()
        const err = await op().catch((e: unknown) => e)
        const elapsed = performance.now() - started
        expect(err).toBeInstanceOf(StoreError)
        expect((err as Error).message).toMatch(/^(redis WATCH|cannot connect).*timed out$/)
        // The old code waited a second commandTimeoutMs for QUIT: 2x. Slack for a loaded machine.
        expect(elapsed).toBeLessThan(timeoutMs * 1.6)
        // The store closed its socket at once (no wait for a FIN the stalled server never sends).
        await proxy.allClosed(200)
      }
      const started = performance.now()
      await s.close()
      expect(performance.now() - started).toBeLessThan(200)
    } finally {
      await proxy.close()
    }
    expect(parseYaml(String(await raw.get(id)), id)).toEqual(doc(id))
  })

  it('rejects use after close', async () => {
    const s = store()
    await s.load(newId())
    await s.close()
    await expect(s.load('x')).rejects.toThrow('redis store is closed')
    await s.close()
  })
})

describe('resolveRedisTarget', () => {
  const base = { name: 'redis', type: 'redis', isPrimary: true } as const

  it('reads host, port, db and credentials from the URL; rediss implies TLS', () => {
    expect(
      resolveRedisTarget({ ...base, url: 'rediss://u%40x:p%2Fw@cache.example:6380/3' })
    ).toEqual({
      host: 'cache.example',
      port: 6380,
      db: 3,
      username: 'u@x',
      password: 'p/w',
      tls: {}
    })
  })

  it('lets the separate fields override the URL and defaults to localhost:6379 db 0', () => {
    expect(
      resolveRedisTarget({ ...base, url: 'redis://h:1/2', port: 7000, password: 'x' })
    ).toMatchObject({ host: 'h', port: 7000, db: 2, password: 'x' })
    expect(resolveRedisTarget(base)).toEqual({
      host: 'localhost',
      port: 6379,
      db: 0,
      username: undefined,
      password: undefined
    })
  })

  it('rejects a bad URL or number without echoing the URL', () => {
    const bad = () => resolveRedisTarget({ ...base, url: 'http://u:secretpw@h' })
    expect(bad).toThrow(ConfigError)
    expect(bad).toThrow('datasources.redis.url must start with redis:// or rediss://')
    expect(bad).not.toThrow('secretpw')
    expect(() => resolveRedisTarget({ ...base, url: 'redis://h/notanumber' })).toThrow(
      'datasources.redis.db must be an integer'
    )
    expect(() => resolveRedisTarget({ ...base, ttlSeconds: 0 })).toThrow(
      'datasources.redis.ttlSeconds must be an integer of at least 1'
    )
  })
})

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/**
 * A TCP proxy to the real server that can be told to stall: from then on it swallows what clients send
 * and answers nothing, like a server under SIGSTOP whose kernel still accepts connections.
 */
async function stallingProxy(targetPort: number): Promise<{
  port: number
  stall(): void
  allClosed(withinMs: number): Promise<void>
  close(): Promise<void>
}> {
  let stalled = false
  const clients = new Set<Socket>() // connected and not hung up by the client
  const all: Socket[] = []
  // allowHalfOpen: a stopped server does not answer the client's FIN either.
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    clients.add(client)
    all.push(client)
    // 'end': the client hung up (its FIN arrived); the half-open socket itself stays until destroyed.
    client.on('end', () => clients.delete(client))
    client.on('close', () => clients.delete(client))
    client.on('error', () => undefined)
    if (stalled) {
      client.resume() // read and discard, so the proxy notices when the client hangs up
      return
    }
    const upstream = connect(targetPort, '127.0.0.1')
    upstream.on('error', () => client.destroy())
    client.on('end', () => upstream.destroy())
    client.on('close', () => upstream.destroy())
    client.on('data', (chunk) => {
      if (!stalled) upstream.write(chunk)
    })
    upstream.on('data', (chunk) => {
      if (!stalled) client.write(chunk)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stall: () => {
      stalled = true
    },
    allClosed: async (withinMs) => {
      const deadline = performance.now() + withinMs
      while (clients.size > 0 && performance.now() < deadline) await sleep(5)
      expect(clients.size).toBe(0)
    },
    close: async () => {
      all.forEach((c) => c.destroy())
      await new Promise((resolve) => server.close(resolve))
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
