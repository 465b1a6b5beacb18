// Redis Cluster and Sentinel through the `redis` datasource, against real redis-server processes.
// One file so the two setups run one after the other, never side by side.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { silentLogger, type Logger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { parseYaml } from '../../src/core/yaml.js'
import { ConfigError } from '../../src/errors.js'
import { RedisClusterStore } from '../../src/stores/redis-cluster-store.js'
import { createRedisStore, resolveRedisTarget } from '../../src/stores/redis-store.js'
import type { RedisSettings } from '../../src/stores/settings.js'
import type { StateStore } from '../../src/stores/state-store.js'
import { projectEnv, runCli, writeProject } from '../helpers/cli.js'
import {
  MASTER_PASSWORD,
  SENTINEL_PASSWORD,
  clusterNodes,
  startCluster,
  startSentinel,
  waitFor,
  type Topology
} from '../helpers/redis-topology.js'

/**
 * The bundled CLI (dist/cli, built by `npm test`) with a redis primary given as config.yaml and
 * secrets.yaml snippets: --init-new, --set, --get round trip.
 */
async function cliRoundTrip(redisYaml: string, secretsYaml: string): Promise<void> {
  const dir = writeProject('yamlfile')
  try {
    const edit = (name: string, fn: (text: string) => string): void =>
      writeFileSync(join(dir, name), fn(readFileSync(join(dir, name), 'utf8')))
    edit('config.yaml', (t) =>
      t
        .replace('\n      isPrimary: true', '')
        .replace('  datasources:\n', `  datasources:\n${redisYaml}`)
    )
    edit('secrets.yaml', (t) => t.replace('cicdstatemgr:\n', `cicdstatemgr:\n${secretsYaml}`))
    const id = `ctx-${randomUUID()}`
    const env = projectEnv(id)
    const init = await runCli(['--init-new', id], { cwd: dir, env })
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
    expect((await runCli(['--set', 'state.topology=ok'], { cwd: dir, env })).code).toBe(0)
    expect(await runCli(['--get', 'state.topology'], { cwd: dir, env })).toEqual({
      code: 0,
      stdout: 'ok\n',
      stderr: ''
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const base: RedisSettings = { name: 'redis', type: 'redis', isPrimary: true }

/** Adds `field: value` to the document: replayable, as the Mutation contract requires. (Test
 * documents are bare mappings; the store only needs a mapping.) */
function setField(field: string, value: number) {
  return (cur: ContextDocument | undefined): ContextDocument =>
    ({ ...(cur ?? {}), [field]: value }) as ContextDocument
}

describe('redis topology settings', () => {
  const bad: [Partial<RedisSettings>, string][] = [
    [
      { sentinels: [{ host: 'h', port: 1 }] },
      'datasources.redis.sentinelName is required with sentinels'
    ],
    [
      { sentinels: [{ host: 'h', port: 1 }], sentinelName: 'm', cluster: [{ host: 'h', port: 1 }] },
      'datasources.redis: set either sentinels or cluster, not both'
    ],
    [{ cluster: [{ host: 'h', port: 1 }], db: 2 }, 'datasources.redis.db must be 0 with cluster'],
    [
      { sentinelPassword: 'hunter2-secret' },
      'datasources.redis.sentinelPassword is only used with sentinels'
    ],
    [{ cluster: [{ host: 'h', port: 70000 }] }, 'datasources.redis.cluster[0].port must be'],
    [{ cluster: [] }, 'datasources.redis.cluster must not be empty']
  ]
  it.each(bad)('rejects %j with a one-line error naming the key', (extra, message) => {
    let error: unknown
    try {
      resolveRedisTarget({ ...base, ...extra })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const text = (error as Error).message
    expect(text).toContain(message)
    expect(text).not.toContain('\n')
    expect(text).not.toContain('hunter2-secret')
  })
})

describe('redis cluster (3 masters, 3 replicas)', () => {
  let cluster: Topology
  const stores: StateStore[] = []
  let startMs = 0

  const debugLines: string[] = []
  const logger: Logger = { ...silentLogger, debug: (line) => debugLines.push(line) }

  async function store(extra: Partial<RedisSettings> = {}): Promise<StateStore> {
    const s = await createRedisStore(
      {
        ...base,
        cluster: cluster.ports.slice(0, 2).map((port) => ({ host: '127.0.0.1', port })),
        ...extra
      },
      logger
    )
    stores.push(s)
    return s
  }

  beforeAll(async () => {
    const t0 = performance.now()
    cluster = await startCluster()
    startMs = performance.now() - t0
  }, 90000)
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
    await cluster?.stop()
    console.log(`redis cluster: started in ${Math.round(startMs)} ms`)
  })

  it('creates a cluster store and keeps the document under keyPrefix + id, in one slot', async () => {
    const s = await store({ keyPrefix: 'ctx:', ttlSeconds: 600 })
    expect(s).toBeInstanceOf(RedisClusterStore)
    const id = randomUUID()
    expect(await s.load(id)).toBeUndefined()
    await s.update(id, setField('a', 1))
    await s.update(id, setField('b', 2))
    expect(await s.load(id)).toEqual({ a: 1, b: 2 })
    // Read back with a plain client on the key's master: the same YAML the single-server store writes.
    const slot = (await cluster
      .admin(cluster.ports[0] as number)
      .call('CLUSTER', 'KEYSLOT', `ctx:${id}`)) as number
    const nodes = await clusterNodes(cluster.admin(cluster.ports[0] as number))
    const owner = nodes.find((n) => n.master && n.slots.some(([a, b]) => slot >= a && slot <= b))
    const text = (await cluster.admin(owner?.port as number).get(`ctx:${id}`)) as string
    expect(parseYaml(text, 'stored')).toEqual({ a: 1, b: 2 })
    const ttl = await cluster.admin(owner?.port as number).ttl(`ctx:${id}`)
    expect(ttl).toBeGreaterThan(500)
    await s.save(id, { c: 3 } as unknown as ContextDocument)
    expect(await s.load(id)).toEqual({ c: 3 })
  })

  it('keeps all 50 updates of 50 concurrent writers (separate store instances)', async () => {
    const id = randomUUID()
    const writers = await Promise.all(Array.from({ length: 50 }, () => store()))
    const t0 = performance.now()
    await Promise.all(writers.map((w, i) => w.update(id, setField(`w${i}`, i))))
    const ms = performance.now() - t0
    const doc = await writers[0]?.load(id)
    expect(Object.keys(doc ?? {})).toHaveLength(50)
    console.log(`redis cluster: 50 concurrent updates in ${Math.round(ms)} ms`)
  })

  it("keeps every update across a graceful CLUSTER FAILOVER of the key's master", async () => {
    const id = randomUUID()
    const admin = cluster.admin(cluster.ports[0] as number)
    const slot = (await admin.call('CLUSTER', 'KEYSLOT', id)) as number
    const nodes = await clusterNodes(admin)
    const master = nodes.find((n) => n.master && n.slots.some(([a, b]) => slot >= a && slot <= b))
    const replica = nodes.find((n) => !n.master && n.masterId === master?.id)
    expect(replica).toBeDefined()
    const replicaPort = replica?.port as number

    const writers = await Promise.all(Array.from({ length: 50 }, () => store()))
    const done = writers.map(() => 0)
    let failedOver = false
    const write = async (w: StateStore, i: number): Promise<void> => {
      // Each writer keeps writing until the failover is over and it has written at least 3 times.
      while (!failedOver || done[i]! < 3) {
        await w.update(id, setField(`w${i}-${done[i]}`, i))
        done[i]!++
      }
    }
    const running = Promise.all(writers.map((w, i) => write(w, i)))
    await waitFor('first updates', async () => done.reduce((a, b) => a + b, 0) >= 25)
    expect(await cluster.admin(replicaPort).call('CLUSTER', 'FAILOVER')).toBe('OK')
    await waitFor('replica promoted', async () =>
      (await cluster.admin(replicaPort).info('replication')).includes('role:master')
    )
    failedOver = true
    await running
    const total = done.reduce((a, b) => a + b, 0)
    const doc = await writers[0]?.load(id)
    expect(Object.keys(doc ?? {})).toHaveLength(total)
    // The key is now served by the promoted replica.
    const text = await cluster.admin(replicaPort).get(id)
    expect(Object.keys(parseYaml(text as string, 'stored') as object)).toHaveLength(total)
    const errors = debugLines.filter((l) => l.includes(id) && !l.includes('changed by another'))
    console.log(
      `redis cluster: ${total} updates kept across CLUSTER FAILOVER; ` +
        `${errors.length} retried errors: ${[...new Set(errors.map((l) => l.split(': ')[1]?.slice(0, 40)))].join(' | ')}`
    )
  }, 60000)

  it('retries a write that times out on a paused master, bounded by maxAttempts', async () => {
    const id = randomUUID()
    const admin = cluster.admin(cluster.ports[0] as number)
    const slot = (await admin.call('CLUSTER', 'KEYSLOT', id)) as number
    const master = (await clusterNodes(admin)).find(
      (n) => n.master && n.slots.some(([a, b]) => slot >= a && slot <= b)
    )
    const owner = cluster.admin(master?.port as number)
    const patient = await store({ commandTimeoutMs: 200 })
    await patient.update(id, setField('a', 1))
    // Writes (the EVAL) block for 1 s: several attempts time out, one after the pause succeeds. A
    // timed-out EVAL may still run when the pause ends; the replayed mutation then applies on top.
    await owner.call('CLIENT', 'PAUSE', '1000', 'WRITE')
    await patient.update(id, setField('b', 2))
    expect(await patient.load(id)).toEqual({ a: 1, b: 2 })

    const hasty = await store({ commandTimeoutMs: 200, maxAttempts: 2 })
    await owner.call('CLIENT', 'PAUSE', '3000', 'WRITE')
    try {
      await expect(hasty.update(id, setField('c', 3))).rejects.toThrow(
        new RegExp(`^redis update of key "${id}" at cluster [^ ]+ failed: Command timed out$`)
      )
    } finally {
      await owner.call('CLIENT', 'UNPAUSE')
    }
  })

  it('the bundled CLI reads and writes through the cluster', async () => {
    const nodes = cluster.ports
      .slice(0, 2)
      .map((port) => `        - { host: 127.0.0.1, port: ${port} }`)
    await cliRoundTrip(
      ['    redis:', '      isPrimary: true', '      cluster:', ...nodes, ''].join('\n'),
      ''
    )
  })

  it('a cluster nobody answers is a one-line StoreError naming the seeds', async () => {
    const s = await store({ cluster: [{ host: '127.0.0.1', port: 1 }], connectTimeoutMs: 500 })
    await expect(s.load('x')).rejects.toThrow(
      /^cannot connect to redis at cluster 127\.0\.0\.1:1: /
    )
  })
})

describe('redis sentinel (1 master, 1 replica, 1 sentinel)', () => {
  let setup: Awaited<ReturnType<typeof startSentinel>>
  const stores: StateStore[] = []
  let startMs = 0

  async function store(extra: Partial<RedisSettings> = {}): Promise<StateStore> {
    const s = await createRedisStore(
      {
        ...base,
        // host/port point nowhere: only the sentinels may lead the store to the master.
        host: '127.0.0.1',
        port: 1,
        sentinels: [{ host: '127.0.0.1', port: setup.sentinel }],
        sentinelName: 'mymaster',
        password: MASTER_PASSWORD,
        sentinelPassword: SENTINEL_PASSWORD,
        ...extra
      },
      silentLogger
    )
    stores.push(s)
    return s
  }

  beforeAll(async () => {
    const t0 = performance.now()
    setup = await startSentinel()
    startMs = performance.now() - t0
  }, 60000)
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
    await setup?.stop()
    console.log(`redis sentinel: started in ${Math.round(startMs)} ms`)
  })

  it('finds the master through the sentinels and writes there', async () => {
    const s = await store({ keyPrefix: 'ctx:' })
    const id = randomUUID()
    await s.update(id, setField('a', 1))
    expect(await s.load(id)).toEqual({ a: 1 })
    const text = await setup.admin(setup.master).get(`ctx:${id}`)
    expect(parseYaml(text as string, 'stored')).toEqual({ a: 1 })
  })

  it('keeps all 50 updates of 50 concurrent writers', async () => {
    const id = randomUUID()
    const writers = await Promise.all(Array.from({ length: 50 }, () => store()))
    const t0 = performance.now()
    await Promise.all(writers.map((w, i) => w.update(id, setField(`w${i}`, i))))
    const ms = performance.now() - t0
    expect(Object.keys((await writers[0]?.load(id)) ?? {})).toHaveLength(50)
    console.log(`redis sentinel: 50 concurrent updates in ${Math.round(ms)} ms`)
  })

  it('a wrong sentinelPassword or master password is a one-line error that echoes neither', async () => {
    const wrongSentinel = await store({ sentinelPassword: 'not-the-sentinel-pw' })
    const e1 = await wrongSentinel.load('x').then(
      () => undefined,
      (err: unknown) => err as Error
    )
    expect(e1?.message).toMatch(
      /^cannot connect to redis at sentinel master "mymaster" via [^\n]*WRONGPASS[^\n]*\(check datasources\.redis sentinelUsername\/sentinelPassword\)$/
    )
    const wrongMaster = await store({ password: 'not-the-master-pw' })
    const e2 = await wrongMaster.load('x').then(
      () => undefined,
      (err: unknown) => err as Error
    )
    expect(e2?.message).toMatch(
      /^cannot connect to redis at sentinel master "mymaster" via [^\n]*\(check datasources\.redis password\)$/
    )
    for (const text of [e1?.message, e2?.message]) {
      for (const pw of [
        'not-the-sentinel-pw',
        'not-the-master-pw',
        MASTER_PASSWORD,
        SENTINEL_PASSWORD
      ]) {
        expect(text).not.toContain(pw)
      }
    }
  })

  it('the bundled CLI reads and writes through the sentinels', async () => {
    await cliRoundTrip(
      [
        '    redis:',
        '      isPrimary: true',
        '      sentinelName: mymaster',
        `      sentinels: [{ host: 127.0.0.1, port: ${setup.sentinel} }]`,
        ''
      ].join('\n'),
      `  datasources:\n    redis:\n      password: ${MASTER_PASSWORD}\n      sentinelPassword: ${SENTINEL_PASSWORD}\n`
    )
  })

  it('an unknown master name is a one-line StoreError', async () => {
    const s = await store({ sentinelName: 'nosuchmaster' })
    await expect(s.load('x')).rejects.toThrow(
      /^cannot connect to redis at sentinel master "nosuchmaster" via 127\.0\.0\.1:\d+: [^\n]*$/
    )
  })

  it('after a sentinel failover, a store writes to the new master', async () => {
    const s = await store()
    const id = randomUUID()
    await s.update(id, setField('before', 1))
    // Replication is asynchronous: a failover before the replica has the write would lose it (the
    // documented window), which is not what this test is about.
    await waitFor(
      'write replicated',
      async () => (await setup.admin(setup.replica).get(id)) !== null
    )
    expect(await setup.admin(setup.sentinel).call('SENTINEL', 'FAILOVER', 'mymaster')).toBe('OK')
    await waitFor('replica promoted', async () => {
      const addr = (await setup
        .admin(setup.sentinel)
        .call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as string[]
      return addr[1] === String(setup.replica)
    })
    await waitFor('new master writable', async () =>
      (await setup.admin(setup.replica).info('replication')).includes('role:master')
    )
    const after = await store()
    await after.update(id, setField('after', 2))
    expect(await setup.admin(setup.replica).get(id)).toContain('after: 2')
    expect(await after.load(id)).toEqual({ before: 1, after: 2 })
  }, 40000)
})
