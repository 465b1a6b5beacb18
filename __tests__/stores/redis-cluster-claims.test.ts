// create / delete / list on a real 3-master cluster (redis-server processes on loopback).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { silentLogger } from '../../src/core/logger.js'
import type { StateStore } from '../../src/core/store.js'
import type { ContextDocument } from '../../src/core/types.js'
import { RedisClusterStore } from '../../src/stores/redis-cluster-store.js'
import { createRedisStore } from '../../src/stores/redis-store.js'
import { clusterNodes, startCluster, type Topology } from '../helpers/redis-topology.js'

function doc(id: string, n = '0'): ContextDocument {
  return { state: { cicdContextDataId: id, cicdContextName: 'stage', n } }
}

describe('redis cluster: create (SET NX), delete, list (SCAN on every master)', () => {
  let cluster: Topology
  let store: StateStore

  beforeAll(async () => {
    cluster = await startCluster()
    store = await createRedisStore(
      {
        name: 'redis',
        type: 'redis',
        isPrimary: true,
        keyPrefix: 'claims:',
        ttlSeconds: 600,
        cluster: cluster.ports.slice(0, 2).map((port) => ({ host: '127.0.0.1', port }))
      },
      silentLogger
    )
  }, 90000)
  afterAll(async () => {
    await store?.close()
    await cluster?.stop()
  })

  it('creates only when absent; of 10 concurrent claims one wins', async () => {
    expect(store).toBeInstanceOf(RedisClusterStore)
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, n) => store.create?.('claim', doc('claim', `${n}`)))
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    expect(await store.load('claim')).toEqual(doc('claim', `${claims.indexOf(true)}`))
    expect(await store.create?.('claim', doc('claim'))).toBe(false)
  })

  it('lists ids whose keys live on different masters, and deletes', async () => {
    const ids = Array.from({ length: 20 }, (_, n) => `id-${n}`)
    for (const id of ids) await store.save(id, doc(id))
    // The ids spread over the masters: a scan of one node would miss some.
    const admin = cluster.admin(cluster.ports[0] as number)
    const owners = new Set<string>()
    for (const id of ids) {
      const slot = (await admin.call('CLUSTER', 'KEYSLOT', `claims:${id}`)) as number
      const owner = (await clusterNodes(admin)).find(
        (n) => n.master && n.slots.some(([a, b]) => slot >= a && slot <= b)
      )
      owners.add(String(owner?.port))
    }
    expect(owners.size).toBeGreaterThan(1)
    expect(await store.list?.()).toEqual([...ids, 'claim'].sort())
    expect(await store.delete?.('id-0')).toBe(true)
    expect(await store.delete?.('id-0')).toBe(false)
    expect(await store.list?.()).not.toContain('id-0')
  })
})
