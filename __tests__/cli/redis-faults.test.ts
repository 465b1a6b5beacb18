import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Redis } from 'ioredis'
import { CLI, projectEnv, runCli, writeProject } from '../helpers/cli.js'
import { redisInfo } from '../helpers/redis-server.js'

/** Rewrites the redis datasource of a project's config.yaml. */
function editConfig(dir: string, edit: (text: string) => string): void {
  const file = join(dir, 'config.yaml')
  writeFileSync(file, edit(readFileSync(file, 'utf8')))
}

describe('CLI with a redis primary it cannot use: one line, non-zero exit, nothing written', () => {
  const clients: Redis[] = []
  const rawDb = (db: number): Redis => {
    const i = redisInfo()
    const c = new Redis({
      host: '127.0.0.1',
      port: i.port,
      username: i.username,
      password: i.password,
      db,
      enableReadyCheck: false
    })
    clients.push(c)
    return c
  }
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()))
  })

  it('a db the server does not have (db: 99 of 16)', async () => {
    const dir = writeProject('redis')
    editConfig(dir, (t) => t.replace('db: 3', 'db: 99'))
    const id = `ctx-db99-${Date.now()}`
    const r = await runCli(['--init-new', id], { cwd: dir, env: projectEnv() })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr.trim()).toMatch(
      /^ERROR cannot connect to redis at 127\.0\.0\.1:\d+: ERR DB index is out of range \(check datasources\.redis db: 99\)$/
    )
    expect(r.stderr).not.toContain(redisInfo().password)
    expect(await rawDb(0).exists(id)).toBe(0)
    expect(await rawDb(3).exists(id)).toBe(0)
    expect(existsSync(join(dir, 'localdata/cicdContextData.yaml'))).toBe(false)
  })

  it.each([
    ['a wrong password', `password: wrong-${Date.now()}`],
    ['an unknown user', 'username: nobody-here']
  ])('%s', async (_name, replacement) => {
    const dir = writeProject('redis')
    const secrets = join(dir, 'secrets.yaml')
    const key = replacement.split(':')[0] as string
    const text = readFileSync(secrets, 'utf8').replace(new RegExp(`${key}: .*`), replacement)
    writeFileSync(secrets, text)
    const r = await runCli(['--init-new', `ctx-auth-${Date.now()}`], {
      cwd: dir,
      env: projectEnv()
    })
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr.trim()).toMatch(
      /^ERROR cannot connect to redis at 127\.0\.0\.1:\d+: WRONGPASS .*\(check datasources\.redis username\/password\)$/
    )
    expect(r.stderr).not.toContain(redisInfo().password)
    expect(r.stderr).not.toContain(replacement.split(': ')[1])
  })
})

describe('CLI with a stalled redis (accepts connections, never answers)', () => {
  let server: Server
  let port = 0
  const sockets: Socket[] = []
  let firstConnection = 0
  beforeAll(async () => {
    // allowHalfOpen: the client's FIN is never answered either, as with a stopped process.
    server = createServer({ allowHalfOpen: true }, (socket) => {
      firstConnection ||= performance.now()
      sockets.push(socket)
      socket.resume() // read and never answer, like a redis-server under SIGSTOP
      socket.on('error', () => undefined)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    port = typeof address === 'object' && address ? address.port : 0
  })
  afterAll(async () => {
    sockets.forEach((s) => s.destroy())
    await new Promise((resolve) => server.close(resolve))
  })

  it('fails within one commandTimeoutMs and exits at once', async () => {
    const timeoutMs = 600
    const dir = writeProject('redis')
    editConfig(dir, (t) =>
      t.replace(/port: \d+/, `port: ${port}`).replace('db: 3', `commandTimeoutMs: ${timeoutMs}`)
    )
    const env = { PATH: process.env.PATH, ...projectEnv('ctx-stalled') }
    // Timed from the first byte of the connection to the exit, so process start-up does not count.
    const { code, stderr, exitedAt } = await new Promise<{
      code: number | null
      stderr: string
      exitedAt: number
    }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, '--set', 'state.x=1'], { cwd: dir, env })
      let err = ''
      child.stderr.on('data', (d: Buffer) => (err += d.toString()))
      child.on('error', reject)
      child.on('exit', (c) => resolve({ code: c, stderr: err, exitedAt: performance.now() }))
    })
    expect(code).toBe(1)
    // The AUTH of the handshake is the first command that waits.
    expect(stderr.trim()).toBe(
      `ERROR cannot connect to redis at 127.0.0.1:${port}: Command timed out`
    )
    expect(firstConnection).toBeGreaterThan(0)
    // Before: the command timeout, then up to another wait for the socket to close (QUIT, or the FIN a
    // stalled server never sends) before the process could exit. Generous slack for a loaded machine.
    expect(exitedAt - firstConnection).toBeLessThan(timeoutMs * 1.6)
  })
})
