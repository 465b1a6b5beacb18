// Issue 11: the Slack bridge's Node server under load — time from request to acknowledgement for signed
// clicks (default 500 at concurrency 20), median and p99, plus each server command's cold start (spawn to
// "listening") and the bundle's size. Every click carries its own nonce, so every one is verified,
// decoded, authorized, claimed, dispatched (to bench/github-stand-in.mjs) and answered through its
// response_url (bench/slack-stand-in.mjs); both stand-ins run as their own processes.
//
//   npm run build && node bench/bridge.mjs        (CLICKS=500 CONCURRENCY=20 COLD=7 by default)
//
// Not a test: figures only. Button values and Slack signatures are made here with node:crypto in the
// documented formats (src/bridge/README.md), so the bench needs only the bundles.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { POLICY, SIGNING_SECRET, signedClick, standIn } from './bridge-clicks.mjs'

// Node ≥ 20's globals (the lint config lists only the common ones for scripts).
const { fetch } = globalThis

const CLICKS = Number(process.env.CLICKS ?? 500)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20)
const COLD = Number(process.env.COLD ?? 7)
const root = resolve(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'cicd-bench-bridge-'))
/** Starts a server command; resolves with its URL and the ms from spawn to its "listening" line. */
function startServer(args, env) {
  const t0 = process.hrtime.bigint()
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let err = ''
  return new Promise((done, fail) => {
    child.stderr.on('data', (d) => {
      if (child.started) return // one log line per click from here on: not kept
      err += d
      const m = /listening on (http:\/\/\S+)/.exec(err)
      if (m) {
        child.started = true
        done({ child, url: m[1], coldMs: Number(process.hrtime.bigint() - t0) / 1e6 })
      }
    })
    child.once('exit', (code) => child.started || fail(new Error(`server exited ${code}: ${err}`)))
  })
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ 100)
}

const stop = (child) => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')))

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

function dirSize(dir) {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
}

const github = await standIn('github-stand-in.mjs')
const slack = await standIn('slack-stand-in.mjs')
try {
  const config = join(work, 'bridge.yaml')
  writeFileSync(config, POLICY)
  const env = {
    PATH: process.env.PATH,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    GITHUB_TOKEN: 'ghs_benchTokenNotSecret',
    GITHUB_API_URL: github.url,
    BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`
  }
  const serveArgs = ['serve', '--config', config, '--port', '0', '--host', '127.0.0.1']
  const commands = {
    'dist/bridge/node': ['dist/bridge/node/index.js', ...serveArgs],
    'cicdstatemgr bridge serve': ['dist/cli/index.js', 'bridge', ...serveArgs]
  }
  const cold = {}
  for (const [name, args] of Object.entries(commands)) {
    cold[name] = []
    for (let i = 0; i <= COLD; i++) {
      const s = await startServer(args, env)
      if (i > 0) cold[name].push(s.coldMs) // the first start warms the page cache
      await stop(s.child)
    }
  }

  const server = await startServer(commands['dist/bridge/node'], env)
  const clicks = Array.from({ length: CLICKS }, (_, i) => signedClick(slack.url, i))
  const acks = []
  let next = 0
  let failures = 0
  const cpu0 = cpuSeconds(server.child.pid)
  const t0 = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < clicks.length) {
        const c = clicks[next++]
        const start = process.hrtime.bigint()
        const res = await fetch(`${server.url}/slack/interactivity`, { method: 'POST', ...c })
        await res.text()
        acks.push(Number(process.hrtime.bigint() - start) / 1e6)
        if (res.status !== 200) failures++
      }
    })
  )
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6
  // Let the last dispatches and replies finish (SIGTERM would wait for them too), then read the CPU.
  await new Promise((r) => setTimeout(r, 1000))
  const cpu = cpuSeconds(server.child.pid) - cpu0
  await stop(server.child)

  const med = (xs) => pct(xs, 50)
  console.log(`node ${process.version}, ${new Date().toISOString()}`)
  console.log(
    `acks: ${CLICKS} signed clicks at concurrency ${CONCURRENCY}: median ${med(acks).toFixed(1)} ms, p99 ${pct(acks, 99).toFixed(1)} ms, max ${Math.max(...acks).toFixed(1)} ms; ${failures} non-200; ${(CLICKS / (totalMs / 1000)).toFixed(0)} clicks/s`
  )
  console.log(
    `server CPU: ${((cpu * 1000) / CLICKS).toFixed(1)} ms per click (verify, dispatch, reply; user + system)`
  )
  for (const [name, xs] of Object.entries(cold)) {
    console.log(
      `cold start (spawn → listening), ${name}: median ${med(xs).toFixed(0)} ms over ${xs.length}`
    )
  }
  console.log(
    `bundle dist/bridge/node: ${(dirSize(join(root, 'dist/bridge/node')) / 1024).toFixed(0)} KiB`
  )
} finally {
  github.stop()
  slack.stop()
  rmSync(work, { recursive: true, force: true })
}
