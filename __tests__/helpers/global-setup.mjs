// Jest globalSetup: one real redis-server for the whole run, with an ACL user as real deployments use.
// Plain JS because jest loads globalSetup outside its module mapper. Workers inherit the details
// through the CICD_TEST_REDIS environment variable (read by redis-server.ts).
//
// Every temporary file of the run (tests, the code under test, child processes) goes under one directory:
// TMPDIR is pointed at it here, the workers inherit it, and global-teardown.mjs removes it.
import { spawn, spawnSync } from 'node:child_process'
import { createConnection, createServer } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function rawCommand(port, command) {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ port, host: '127.0.0.1' })
    let buf = ''
    sock.setTimeout(2000, () => sock.destroy(new Error('redis setup command timed out')))
    sock.on('error', reject)
    sock.on('data', (d) => {
      buf += d.toString()
      if (buf.endsWith('\r\n')) {
        sock.end()
        resolve(buf.trim())
      }
    })
    sock.on('connect', () => sock.write(command + '\r\n'))
  })
}

/** The suite needs a real redis-server: without one, say what to install in one line, not a stack trace. */
function requireRedisServer() {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' })
  if (probe.error || probe.status !== 0) {
    const message =
      'redis-server not found on PATH: the tests start a real one. Install it (Debian/Ubuntu: ' +
      'apt-get install redis-server; macOS: brew install redis) and run the tests again.'
    const error = new Error(message)
    error.stack = message
    throw error
  }
}

export default async function globalSetup() {
  requireRedisServer()
  const runTmp = mkdtempSync(join(tmpdir(), 'cicd-tests-'))
  process.env.TMPDIR = runTmp
  process.env.CICD_TEST_TMPDIR = runTmp
  const port = await freePort()
  const dir = mkdtempSync(join(runTmp, 'redis-'))
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir
    ],
    { stdio: 'ignore' }
  )
  child.unref()
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      if ((await rawCommand(port, 'PING')) === '+PONG') break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const username = 'cicd'
  const password = 'test-pass-7f3a'
  const reply = await rawCommand(
    port,
    `ACL SETUSER ${username} on >${password} ~* &* +@all -@admin -@dangerous`
  )
  if (reply !== '+OK') throw new Error(`ACL SETUSER failed: ${reply}`)
  // Only the ACL user may work: the default user is switched off, as in a locked-down deployment.
  const off = await rawCommand(port, 'ACL SETUSER default off')
  if (off !== '+OK') throw new Error(`ACL SETUSER default off failed: ${off}`)
  process.env.CICD_TEST_REDIS = JSON.stringify({ port, pid: child.pid, username, password, dir })
}
