// Start-up benchmark: wall time of the bundled CLI (and later the actions) for each operation, against
// bare `node -e 0` measured in the same run. Rounds interleave the baseline with every case so machine
// drift hits all of them alike; we report medians and the ratio to the baseline median.
//
//   npm run bench            (RUNS=15 by default; RUNS=7 is the minimum the issue asks for)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { cases as cliCases } from './cases/cli.mjs'
import { cases as handlerCases } from './cases/handlers.mjs'
import { cases as actionCases } from './cases/actions.mjs'
import { cases as githubCases } from './cases/github.mjs'
import { cases as cacheCases } from './cases/cache.mjs'
import { cases as redisCases } from './cases/redis.mjs'
import { cases as artifactCases } from './cases/artifact.mjs'
import { cases as largeCases } from './cases/large.mjs'

const RUNS = Math.max(7, Number(process.env.RUNS ?? 15))
const root = resolve(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'cicd-bench-'))

// The processes' environment. NODE_EXTRA_CA_CERTS (set on some machines, this VM among them, not on
// GitHub's runners) makes every Node 20 start load and parse a CA bundle: ~35 ms and ~400 M instructions
// on both sides of every ratio, which hides what our own code costs. BENCH_KEEP_ENV=1 keeps it.
// The bundles' code cache (scripts/code-cache-loader.cjs) lives in the bench's own directory, warmed by
// the first round; BENCH_CODE_CACHE=off measures every start without it (a runner job's first step).
const benchEnv = { ...process.env, NODE_COMPILE_CACHE: join(work, 'code-cache') }
if (!process.env.BENCH_KEEP_ENV) delete benchEnv.NODE_EXTRA_CA_CERTS
if (process.env.BENCH_CODE_CACHE === 'off') benchEnv.NODE_DISABLE_COMPILE_CACHE = '1'

function time(cmd, args, opts) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const report = []
const ctx = {
  root,
  work,
  report,
  mkdir: (p) => mkdirSync(p, { recursive: true }),
  write: writeFileSync
}
// `node bench/run.mjs cli handlers actions` runs the named groups only.
const only = process.argv.slice(2)
const groups = {
  cli: cliCases,
  handlers: handlerCases,
  actions: actionCases,
  github: githubCases,
  cache: cacheCases,
  redis: redisCases,
  artifact: artifactCases,
  large: largeCases
}
const cases = []
try {
  for (const [name, group] of Object.entries(groups)) {
    if (only.length === 0 || only.includes(name)) cases.push(...(await group(ctx)))
  }
} catch (err) {
  for (const c of cases) await c.cleanup?.()
  throw err
}

// BENCH_MODE=instructions: one run per case under callgrind, counting the instructions the process
// executes (all its threads). Deterministic whatever else the machine does, so it settles questions the
// wall-clock medians are too noisy for; the stand-in servers run outside valgrind and are not counted.
const instructions = process.env.BENCH_MODE === 'instructions'

function count(cmd, args, opts) {
  // valgrind drops variables whose names are not shell identifiers (the runner's INPUT_APP-CONFIG):
  // those go through `env` inside it, and the instructions of every process image are added up.
  const odd = Object.entries(opts.env ?? {}).filter(([k]) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
  const command = odd.length
    ? ['env', ...odd.map(([k, v]) => `${k}=${v}`), cmd, ...args]
    : [cmd, ...args]
  const r = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--trace-children=yes', '--callgrind-out-file=/dev/null', ...command],
    {
      ...opts,
      encoding: 'utf8'
    }
  )
  const counts = [...r.stderr.matchAll(/Collected : (\d+)/g)].map((m) => Number(m[1]))
  if (r.status !== 0 || counts.length === 0) {
    throw new Error(
      `${[cmd, ...args].join(' ')} under valgrind failed: ${r.stdout.slice(-300)} ${r.stderr.slice(-300)}`
    )
  }
  return counts.reduce((a, b) => a + b, 0) / 1e6
}

const measure = instructions ? count : time
const rounds = instructions ? 2 : RUNS + 1
const baseline = []
const samples = cases.map(() => [])
let rssBase
let rss
// The stand-ins and redis-server the cases started are stopped whatever happens, a failed run included.
try {
  for (let round = 0; round < rounds; round++) {
    // The warm-up round (page cache, code cache, first-run effects) is timed but not counted.
    const m = round === 0 ? time : measure
    const b = m(process.execPath, ['-e', '0'], { env: benchEnv })
    const got = cases.map((c) =>
      m(c.cmd ?? process.execPath, c.args, { cwd: c.cwd, env: { ...benchEnv, ...c.env } })
    )
    if (round === 0) continue
    baseline.push(b)
    got.forEach((ms, i) => samples[i].push(ms))
  }
  // Peak RSS (the kernel's maxrss of the process, as GNU time reports it): a few plain runs of each case
  // after the measured rounds, median, against `node -e 0`'s. Under valgrind it would be valgrind's.
  const RSS_RUNS = 3
  function peakRssKb(cmd, args, opts) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { ...opts, encoding: 'utf8' })
    const kb = Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1])
    if (r.status !== 0 || !kb)
      throw new Error(`${cmd} ${args.join(' ')} (RSS run) failed: ${r.stderr}`)
    return kb
  }
  rssBase = median(
    Array.from({ length: RSS_RUNS }, () =>
      peakRssKb(process.execPath, ['-e', '0'], { env: benchEnv })
    )
  )
  rss = cases.map((c) =>
    median(
      Array.from({ length: RSS_RUNS }, () =>
        peakRssKb(c.cmd ?? process.execPath, c.args, {
          cwd: c.cwd,
          env: { ...benchEnv, ...c.env }
        })
      )
    )
  )
} finally {
  for (const c of cases) await c.cleanup?.()
}

const base = median(baseline)
const unit = instructions ? 'M instructions' : 'median ms'
const mb = (kb) => (kb / 1024).toFixed(1)
const rows = [
  ['case', unit, 'ratio', 'target', '', 'peak RSS MB', 'RSS ratio'],
  ['node -e 0 (baseline)', base.toFixed(1), '1.00', '', '', mb(rssBase), '1.00']
]
let failed = 0
cases.forEach((c, i) => {
  const m = median(samples[i])
  const ratio = m / base
  const ok = ratio <= c.target
  if (!ok) failed++
  rows.push([
    c.name,
    m.toFixed(1),
    ratio.toFixed(2),
    Number.isFinite(c.target) ? `≤ ${c.target.toFixed(1)}×` : '',
    ok ? 'ok' : 'OVER',
    mb(rss[i]),
    (rss[i] / rssBase).toFixed(2)
  ])
})
const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)))
const line = (r) => `| ${r.map((cell, col) => cell.padEnd(widths[col])).join(' | ')} |`
const setting = [
  benchEnv.NODE_EXTRA_CA_CERTS ? 'NODE_EXTRA_CA_CERTS kept' : 'without NODE_EXTRA_CA_CERTS',
  benchEnv.NODE_DISABLE_COMPILE_CACHE ? 'code cache off' : 'code cache warm'
].join(', ')
console.log(
  instructions
    ? `node ${process.version}, instructions executed (callgrind, one run per case after a warm-up), ${setting}, ${new Date().toISOString()}`
    : `node ${process.version}, ${RUNS} runs per case (medians), ${setting}, ${new Date().toISOString()}`
)
console.log(line(rows[0]))
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
rows.slice(1).forEach((r) => console.log(line(r)))
// A case with `versus: {name, target}` is also reported as a ratio to that case's median.
const medians = new Map(cases.map((c, i) => [c.name, median(samples[i])]))
for (const c of cases.filter((c) => c.versus && medians.has(c.versus.name))) {
  const ratio = medians.get(c.name) / medians.get(c.versus.name)
  const ok = ratio <= c.versus.target
  if (!ok) failed++
  report.push(
    `${c.name} / ${c.versus.name}: ${ratio.toFixed(2)} (target ≤ ${c.versus.target}×) ${ok ? 'ok' : 'OVER'}`
  )
}
// Cases with `keys` (cases/large.mjs) form a curve: the cost of each further 1,000 keys between
// consecutive sizes of the same operation. Equal slopes mean cost linear in the document's size.
const curves = new Map()
cases.forEach((c, i) => {
  if (c.keys === undefined) return
  const op = c.name.replace(/\d+ keys$/, 'N keys')
  curves.set(op, [...(curves.get(op) ?? []), { keys: c.keys, m: median(samples[i]), kb: rss[i] }])
})
for (const [op, points] of curves) {
  const slopes = points.slice(1).map((p, i) => {
    const q = points[i]
    const per = (p.m - q.m) / ((p.keys - q.keys) / 1000)
    const rssPer = (p.kb - q.kb) / 1024 / ((p.keys - q.keys) / 1000)
    return `${q.keys}→${p.keys}: ${per.toFixed(1)} per 1,000 keys (RSS +${rssPer.toFixed(2)} MB)`
  })
  report.push(
    `${op}, ${unit} ${points.map((p) => p.m.toFixed(0)).join(' / ')}; ${slopes.join('; ')}`
  )
}
if (report.length) console.log(`\n${report.join('\n')}`)
rmSync(work, { recursive: true, force: true })
if (failed) console.log(`\n${failed} case(s) over target`)
