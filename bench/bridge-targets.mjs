// Issue 11: the Slack bridge's serverless targets. In workerd (miniflare, dist/bridge/workers with its
// Durable Object claims): time from request to acknowledgement over loopback HTTP for signed clicks
// (default 500 at concurrency 20), median and p99, and the time until every click's work — claim,
// dispatch, response_url reply, run under ctx.waitUntil — has reached the stand-ins. Cold starts: workerd
// (new Miniflare → first answer) and Lambda (a fresh Node process loading dist/bridge/lambda and
// answering its first function URL event). And each bridge bundle's size.
//
//   npm run build && node bench/bridge-targets.mjs     (CLICKS=500 CONCURRENCY=20 COLD=5 by default)
//
// Not a test: figures only. The Node server's figures are bench/bridge.mjs's. Values and signatures are
// made with node:crypto in the documented formats (src/bridge/README.md), as bench/bridge.mjs does.
import { spawnSync } from 'node:child_process'
import { request } from 'node:http'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { Miniflare } from 'miniflare'
import { POLICY, SIGNING_SECRET, signedClick, standIn } from './bridge-clicks.mjs'

const { fetch } = globalThis

const CLICKS = Number(process.env.CLICKS ?? 500)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20)
const COLD = Number(process.env.COLD ?? 5)
const root = resolve(import.meta.dirname, '..')
/**
 * One POST on a fresh connection, as Slack's clicks arrive (fetch's pooled keep-alive connections met
 * ECONNRESET from workerd's listener under load: a client-side reuse race, not the Worker's answer).
 */
function post(url, { body, headers }) {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
      res.resume()
      res.on('end', () => done(res.statusCode))
    })
    req.on('error', fail)
    req.end(body)
  })
}

/** Polls `predicate` every 20 ms until it holds. */
async function until(predicate, timeoutMs) {
  const end = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`

function dirSize(dir) {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
}

function miniflare(script, github, slack) {
  return new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2025-09-01',
    cf: false,
    durableObjects: { CLAIMS: 'ClaimDurableObject' },
    bindings: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      BRIDGE_POLICY: POLICY,
      GITHUB_TOKEN: 'ghs_benchTokenNotSecret',
      GITHUB_API_URL: github.url,
      BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`
    },
    // Counts finished clicks: each logs one "dispatched" line after its reply was sent.
    handleStructuredLogs: ({ message }) => {
      if (message.startsWith('bridge: dispatched')) dispatched++
      else if (message.startsWith('bridge: dispatch outcome unknown')) unknown++
      else other.set(message.slice(0, 80), (other.get(message.slice(0, 80)) ?? 0) + 1)
    }
  })
}

let dispatched = 0
let unknown = 0
/** Any other Worker log line, counted (a failed dispatch or reply shows here). */
const other = new Map()
const github = await standIn('github-stand-in.mjs')
const slack = await standIn('slack-stand-in.mjs')
try {
  const workerCode = readFileSync(join(root, 'dist/bridge/workers/index.js'), 'utf8')

  const workerdCold = []
  for (let i = 0; i <= COLD; i++) {
    const t0 = process.hrtime.bigint()
    const mf = miniflare(workerCode, github, slack)
    const url = await mf.ready
    await (await fetch(new URL('/healthz', url))).text()
    if (i > 0) workerdCold.push(ms(t0)) // the first start warms the page cache
    await mf.dispose()
  }

  const mf = miniflare(workerCode, github, slack)
  const url = new URL('/slack/interactivity', await mf.ready)
  const clicks = Array.from({ length: CLICKS }, (_, i) => signedClick(slack.url, i))
  const acks = []
  let next = 0
  let failures = 0
  const t0 = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < clicks.length) {
        const c = clicks[next++]
        const start = process.hrtime.bigint()
        const status = await post(url, c)
        acks.push(ms(start))
        if (status !== 200) failures++
      }
    })
  )
  const ackedMs = ms(t0)
  await until(() => dispatched + unknown >= CLICKS - failures, 120_000).catch((error) => {
    throw new Error(
      `${error.message}: ${dispatched} dispatched; other lines: ${JSON.stringify([...other])}`
    )
  })
  const doneMs = ms(t0)
  await mf.dispose()

  // Lambda: a fresh process per cold start, loading the bundle and answering one function URL event.
  const lambdaCold = []
  const probe = `
    const t0 = process.hrtime.bigint()
    const { handler } = require(${JSON.stringify(join(root, 'dist/bridge/lambda/index.js'))})
    handler({ version: '2.0', rawPath: '/healthz', rawQueryString: '', headers: { host: 'x.lambda-url.eu-west-1.on.aws' },
      requestContext: { http: { method: 'GET', path: '/healthz' }, domainName: 'x.lambda-url.eu-west-1.on.aws' }, isBase64Encoded: false })
      .then((r) => { process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6) + ' ' + r.statusCode); process.exit(0) })`
  const lambdaEnv = {
    PATH: process.env.PATH,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    BRIDGE_POLICY: POLICY,
    GITHUB_TOKEN: 'ghs_benchTokenNotSecret',
    // ioredis connects lazily; a health check never sends a command.
    REDIS_URL: 'redis://127.0.0.1:1'
  }
  for (let i = 0; i <= COLD; i++) {
    const start = process.hrtime.bigint()
    const r = spawnSync(process.execPath, ['-e', probe], { env: lambdaEnv, encoding: 'utf8' })
    if (r.status !== 0 || !r.stdout.endsWith(' 200')) throw new Error(`lambda probe: ${r.stderr}`)
    if (i > 0) lambdaCold.push({ wall: ms(start), inProcess: Number(r.stdout.split(' ')[0]) })
  }

  const med = (xs) => pct(xs, 50)
  console.log(
    `node ${process.version}, workerd via miniflare, ${new Date().toISOString()}, load average ${loadavg()[0].toFixed(1)}`
  )
  console.log(
    `workerd acks: ${CLICKS} signed clicks at concurrency ${CONCURRENCY}: median ${med(acks).toFixed(1)} ms, p99 ${pct(acks, 99).toFixed(1)} ms, max ${Math.max(...acks).toFixed(1)} ms; ${failures} non-200; all acked in ${ackedMs.toFixed(0)} ms, every click's work (waitUntil) done in ${doneMs.toFixed(0)} ms: ${dispatched} dispatched, ${unknown} outcome unknown; other Worker lines: ${JSON.stringify([...other])}`
  )
  console.log(
    `cold start, workerd (new Miniflare → first answer): median ${med(workerdCold).toFixed(0)} ms over ${workerdCold.length}`
  )
  console.log(
    `cold start, Lambda bundle (spawn → first answer): median ${med(lambdaCold.map((c) => c.wall)).toFixed(0)} ms; in-process (require → answer) ${med(lambdaCold.map((c) => c.inProcess)).toFixed(0)} ms, over ${lambdaCold.length}`
  )
  for (const target of ['workers', 'lambda', 'socket', 'node']) {
    const dir = join(root, 'dist/bridge', target)
    try {
      // Node targets start from a 3-line index.js that loads bundle.js (scripts/build.mjs).
      const name = existsSync(join(dir, 'bundle.js')) ? 'bundle.js' : 'index.js'
      const entry = statSync(join(dir, name)).size
      console.log(
        `bundle dist/bridge/${target}: ${name} ${kib(entry)}, directory ${kib(dirSize(dir))}`
      )
    } catch {
      console.log(`bundle dist/bridge/${target}: not built`)
    }
  }
} finally {
  github.stop()
  slack.stop()
}
