// Real Redis Cluster and Sentinel setups from redis-server processes on 127.0.0.1, for the
// topology tests. Each helper returns a handle whose stop() kills its processes by pid and removes
// its temp dir.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'

const run = promisify(execFile)

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer()
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })
}

/**
 * `count` consecutive free ports whose cluster bus ports (port + 10000) are free too, from a random
 * base in 30000-44999 (checked here, not reserved: the window to start the servers is short).
 */
export async function freePortRange(count: number): Promise<number[]> {
  for (let tries = 0; tries < 50; tries++) {
    const base = 30000 + Math.floor(Math.random() * 15000)
    const ports = Array.from({ length: count }, (_, i) => base + i)
    const checks = await Promise.all(ports.flatMap((p) => [portFree(p), portFree(p + 10000)]))
    if (checks.every(Boolean)) return ports
  }
  throw new Error('no free port range for the redis topology')
}

/** A raw admin client (not the code under test). */
export function adminClient(port: number, password?: string): Redis {
  return new Redis({ host: '127.0.0.1', port, password, enableReadyCheck: false })
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'not yet'
  for (;;) {
    try {
      if (await check()) return
    } catch (err) {
      last = String(err) // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

export interface Topology {
  dir: string
  ports: number[]
  /** Admin command on one node. */
  admin(port: number): Redis
  stop(): Promise<void>
}

function startTopology(
  dir: string,
  ports: number[],
  passwords: Record<number, string> = {}
): Topology & { spawn(args: string[]): void } {
  const procs: ChildProcess[] = []
  const admins = new Map<number, Redis>()
  return {
    dir,
    ports,
    spawn(args) {
      procs.push(spawn('redis-server', args, { stdio: 'ignore', cwd: dir }))
    },
    admin(port) {
      let c = admins.get(port)
      if (!c) admins.set(port, (c = adminClient(port, passwords[port])))
      return c
    },
    async stop() {
      for (const c of admins.values()) c.disconnect()
      await Promise.all(
        procs.map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.exitCode !== null || p.pid === undefined) return resolve()
              p.once('exit', () => resolve())
              process.kill(p.pid, 'SIGKILL')
            })
        )
      )
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const COMMON = [
  '--bind',
  '127.0.0.1',
  '--save',
  '',
  '--appendonly',
  'no',
  '--repl-diskless-sync-delay',
  '0'
]

/** 3 masters + 3 replicas, created with `redis-cli --cluster create`; resolves at cluster_state:ok. */
export async function startCluster(): Promise<Topology> {
  const ports = await freePortRange(6)
  const t = startTopology(mkdtempSync(join(tmpdir(), 'cicd-cluster-')), ports)
  try {
    for (const p of ports) {
      t.spawn([
        '--port',
        String(p),
        ...COMMON,
        '--dir',
        t.dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(t.dir, `nodes-${p}.conf`),
        '--cluster-node-timeout',
        '3000'
      ])
    }
    for (const p of ports)
      await waitFor(`redis ${p}`, async () => (await t.admin(p).ping()) === 'PONG')
    await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes'
      ],
      { timeout: 60000 }
    )
    for (const p of ports) {
      await waitFor(`cluster_state:ok on ${p}`, async () =>
        ((await t.admin(p).call('CLUSTER', 'INFO')) as string).includes('cluster_state:ok')
      )
    }
    // cluster_state:ok comes with the slots; the replicas may attach a moment later.
    await waitFor('every master with a replica', async () => {
      const nodes = await clusterNodes(t.admin(ports[0] as number))
      const masters = nodes.filter((n) => n.master && n.slots.length > 0)
      return masters.length === 3 && masters.every((m) => nodes.some((n) => n.masterId === m.id))
    })
    return t
  } catch (err) {
    await t.stop()
    throw err
  }
}

export interface ClusterNodeInfo {
  id: string
  port: number
  master: boolean
  masterId: string
  slots: [number, number][]
}

export async function clusterNodes(admin: Redis): Promise<ClusterNodeInfo[]> {
  const text = (await admin.call('CLUSTER', 'NODES')) as string
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, addr, flags, masterId, , , , , ...slots] = line.split(' ')
      return {
        id: id as string,
        port: Number(/:(\d+)@/.exec(addr as string)?.[1]),
        master: (flags as string).includes('master'),
        masterId: masterId as string,
        slots: slots
          .filter((s) => !s.startsWith('['))
          .map((s) => s.split('-').map(Number) as [number, number])
          .map(([a, b]) => [a, b ?? a] as [number, number])
      }
    })
}

export const MASTER_PASSWORD = 'm4ster-pw-topology'
export const SENTINEL_PASSWORD = 's3ntinel-pw-topology'

/**
 * 1 master, 1 replica, 1 sentinel (quorum 1) monitoring `mymaster`; the servers require
 * MASTER_PASSWORD, the sentinel SENTINEL_PASSWORD, as production setups do.
 */
export async function startSentinel(): Promise<
  Topology & { master: number; replica: number; sentinel: number }
> {
  const ports = await freePortRange(3)
  const [master, replica, sentinel] = ports as [number, number, number]
  const t = startTopology(mkdtempSync(join(tmpdir(), 'cicd-sentinel-')), ports, {
    [master]: MASTER_PASSWORD,
    [replica]: MASTER_PASSWORD,
    [sentinel]: SENTINEL_PASSWORD
  })
  try {
    const auth = ['--requirepass', MASTER_PASSWORD, '--masterauth', MASTER_PASSWORD]
    t.spawn(['--port', String(master), ...COMMON, '--dir', t.dir, ...auth])
    t.spawn([
      '--port',
      String(replica),
      ...COMMON,
      '--dir',
      t.dir,
      ...auth,
      '--replicaof',
      '127.0.0.1',
      String(master)
    ])
    const conf = join(t.dir, 'sentinel.conf')
    writeFileSync(
      conf,
      [
        `port ${sentinel}`,
        'bind 127.0.0.1',
        `dir ${t.dir}`,
        `requirepass ${SENTINEL_PASSWORD}`,
        `sentinel monitor mymaster 127.0.0.1 ${master} 1`,
        `sentinel auth-pass mymaster ${MASTER_PASSWORD}`,
        'sentinel down-after-milliseconds mymaster 2000',
        'sentinel failover-timeout mymaster 10000',
        ''
      ].join('\n')
    )
    t.spawn([conf, '--sentinel'])
    await waitFor('replica in sync', async () =>
      (await t.admin(replica).info('replication')).includes('master_link_status:up')
    )
    await waitFor('sentinel sees the replica', async () => {
      const replicas = (await t
        .admin(sentinel)
        .call('SENTINEL', 'REPLICAS', 'mymaster')) as unknown[]
      return replicas.length === 1
    })
    return { ...t, master, replica, sentinel }
  } catch (err) {
    await t.stop()
    throw err
  }
}
