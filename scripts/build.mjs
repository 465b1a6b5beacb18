// Builds one ncc bundle per entry point: src/entrypoints/<name>.ts -> dist/<name>/bundle.js, started by
// dist/<name>/index.js, except the Slack bridge's targets: src/entrypoints/bridge-<target>.ts ->
// dist/bridge/<target>/.
//
// The source is ESM, but each bundle is emitted as CommonJS (dist/<name>/package.json says so): Node's
// ESM loader alone adds ~20 ms to every start, which is most of the CLI's start-up budget (see
// bench/README.md). ncc picks the output format from the entry file, so each entry is reached through
// a one-line .cjs wrapper generated here; lazy `import()`s become chunk files next to index.js.
//
// The bundles are independent, so they build in parallel, one ncc process each, at most one per CPU
// (ncc is single-threaded; on 2 cores this halves the build). Afterwards the build writes a stamp — a
// hash of its inputs — that the end-to-end tests check to rebuild only a stale dist/ (scripts/build-stamp.mjs).
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
  renameSync,
  readFileSync,
  existsSync
} from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { bundleWorker } from './bundle-worker.mjs'
import { inputsHash, writeStamp } from './build-stamp.mjs'

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const only = process.argv.slice(2)
const entries = readdirSync(join(root, 'src/entrypoints'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((name) => only.length === 0 || only.includes(name))

const wrapDir = join(root, '.build')
mkdirSync(wrapDir, { recursive: true })
const nccCli = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')

/** Runs ncc as a child process; resolves when it exits 0. */
function ncc(args) {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [nccCli, 'build', ...args, '-m', '-q', '--target', 'es2022'],
      {
        stdio: 'inherit',
        cwd: root
      }
    )
    child.on('error', fail)
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`ncc ${args[0]} exited ${code}`))
    )
  })
}

/** dist/<name>, or dist/bridge/<target> for a `bridge-<target>` entry. */
function outDir(name) {
  return name.startsWith('bridge-')
    ? join(root, 'dist', 'bridge', name.slice('bridge-'.length))
    : join(root, 'dist', name)
}

async function buildEntry(name) {
  const out = outDir(name)
  rmSync(out, { recursive: true, force: true })
  const wrapper = join(wrapDir, `${name}.cjs`)
  // Re-exported: the Lambda bundle's `handler` is looked up on index.js's exports.
  writeFileSync(wrapper, `module.exports = require('../src/entrypoints/${name}.ts')\n`)
  await ncc([wrapper, '-o', out])
  // ncc names a CJS entry's output index.cjs; the bin and action.yml files point at index.js.
  if (existsSync(join(out, 'index.cjs'))) renameSync(join(out, 'index.cjs'), join(out, 'index.js'))
  // index.js starts bundle.js from a V8 code cache (scripts/code-cache-loader.cjs); it re-exports the
  // bundle's exports (the Lambda bundle's `handler`).
  const bundle = join(out, 'bundle.js')
  const code = lazyBuiltins(readFileSync(join(out, 'index.js'), 'utf8')).replace(/^#!.*\n/, '')
  writeFileSync(bundle, code)
  for (const chunk of readdirSync(out).filter((f) => f.endsWith('.index.cjs.js'))) {
    const file = join(out, chunk)
    const text = readFileSync(file, 'utf8')
    const patched = lazyDebug(dictionaryCommander(text, chunk))
    if (patched !== text) writeFileSync(file, patched)
  }
  const main = join(out, 'index.js')
  rmSync(main)
  writeFileSync(main, codeCacheLoader(out), { mode: 0o755 })
  chmodSync(main, 0o755)
  writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n')
  console.log(`built ${out.slice(root.length + 1)}/index.js`)
}

/**
 * The loader with the files it may start from the code cache: each file's content hash (the cache's
 * name) and length (checked before a cache is used), so a cache never meets code it was not made from.
 */
function codeCacheLoader(out) {
  const files = {}
  for (const name of readdirSync(out).filter(
    (f) => f === 'bundle.js' || f.endsWith('.index.cjs.js')
  )) {
    const text = readFileSync(join(out, name), 'utf8')
    files[name] = [createHash('sha256').update(text).digest('hex').slice(0, 16), text.length]
  }
  const template = readFileSync(join(root, 'scripts/code-cache-loader.cjs'), 'utf8')
  if (!template.includes('/* FILES */ {}'))
    throw new Error('code-cache-loader.cjs: FILES marker missing')
  return template.replace('/* FILES */ {}', JSON.stringify(files))
}

/**
 * Builtins that bundled CommonJS dependencies require at load but use only later, if at all: ioredis
 * requires `tls` (and with it `crypto`) for TLS connections and `assert` (redis-errors) for parser
 * errors, ~40 M instructions per Redis run on Node 20 (bench/README.md). Each becomes a stand-in that
 * requires the real module on first use (a property read or, for `assert`, a call); our own sources
 * use the `node:` names and are left as they are.
 */
const LAZY_BUILTINS = ['tls', 'crypto', 'assert']

function lazyBuiltins(code) {
  const stub =
    '(n=>{let m;const r=()=>m??=require(n);return new Proxy(function(){},{' +
    'get:(_,k)=>k==="__esModule"?undefined:r()[k],has:(_,k)=>k in r(),apply:(_,t,a)=>Reflect.apply(r(),t,a),' +
    'ownKeys:()=>[...new Set([...Reflect.ownKeys(r()),"prototype"])],' +
    'getOwnPropertyDescriptor:(f,k)=>k==="prototype"?Reflect.getOwnPropertyDescriptor(f,k):' +
    '{...Reflect.getOwnPropertyDescriptor(r(),k),configurable:true}})})'
  const pattern = new RegExp(
    `(\\w+)\\.exports=require\\("((?:node:)?(?:${LAZY_BUILTINS.join('|')}))"\\)`,
    'g'
  )
  return code.replace(pattern, (_, mod, name) => `${mod}.exports=${stub}("${name}")`)
}

/**
 * ioredis' Commander adds two methods per Redis command (~600) to its prototype one by one. V8 keeps a
 * class prototype in fast mode while properties are added, copying its descriptor array each time
 * (quadratic): ~10 ms, ~25 M instructions of every Redis run on Node 20 (bench/README.md). Adding two
 * throw-away properties and deleting them first puts the prototype in dictionary mode, where each
 * addition is a hash insert (~0.3 ms); V8 makes it fast again when a class extends it. The methods and
 * their order are unchanged. The build fails if ioredis changes this code, so the patch cannot go stale.
 */
const COMMANDER_LOOP =
  'commands.forEach(function (commandName) {\n    Commander.prototype[commandName] ='

function dictionaryCommander(code, file) {
  if (!code.includes('Commander.prototype[commandName]')) return code
  if (!code.includes(COMMANDER_LOOP)) {
    throw new Error(
      `${file}: ioredis' Commander loop changed; update dictionaryCommander in scripts/build.mjs`
    )
  }
  const normalize =
    'Commander.prototype.__dict1 = 0; Commander.prototype.__dict2 = 0;\n' +
    'delete Commander.prototype.__dict1; delete Commander.prototype.__dict2;\n'
  return code.replace(COMMANDER_LOOP, normalize + COMMANDER_LOOP)
}

/**
 * `debug` (ioredis' logging) loads `tty`, `util` and supports-color and parses DEBUG when ioredis is
 * evaluated, ~3 ms of every Redis run. With DEBUG unset at start every logger it makes is disabled, so
 * it becomes a stand-in whose loggers are no-ops; anything else asked of it (`enable`, `formatters`...)
 * loads the real module. With DEBUG set the real module is used as before. (Loggers made by the
 * stand-in stay off if a program enables namespaces later with `debug.enable()`; none of ours does.)
 */
const DEBUG_SELECT =
  /(if \(typeof process === 'undefined' \|\| process\.type === 'renderer' \|\| process\.browser === true \|\| process\.__nwjs\) \{\s*module\.exports = __webpack_require__\(\d+\);\s*\} else \{\s*module\.exports = __webpack_require__\(\d+\);\s*\})/

function lazyDebug(code) {
  if (!DEBUG_SELECT.test(code)) return code
  const stub =
    'const load = () => { $1; return module.exports };\n' +
    'let real;\n' +
    'const off = (namespace) => {\n' +
    '  const log = () => {};\n' +
    '  return Object.assign(log, { namespace, enabled: false, useColors: false, color: 0, diff: 0,\n' +
    '    log: undefined, destroy: () => false, extend: (sub, d = ":") => off(namespace + d + sub) });\n' +
    '};\n' +
    'const stand = new Proxy(off, { get: (t, k) => k === "default" || k === "debug" ? stand :\n' +
    '  k === "__esModule" ? undefined : (real ??= load())[k] });\n' +
    'module.exports = stand;\n'
  return code.replace(DEBUG_SELECT, `if (process.env.DEBUG) { $1 } else {\n${stub}}`)
}

// Library bundles that must stay ES modules (see src/stores/github-storage.ts), loaded on demand by the
// entry bundles from dist/<name>/index.js.
const esmBundles = { 'github-storage': 'src/stores/github-storage.ts' }

async function buildEsm(name, source) {
  const out = join(root, 'dist', name)
  rmSync(out, { recursive: true, force: true })
  await ncc([join(root, source), '-o', out])
  console.log(`built dist/${name}/index.js (ESM)`)
}

// Cloudflare Workers bundles: one ES module without Node built-ins, built with esbuild (ncc emits
// CommonJS for Node). Named like the entries they sit beside, for `node scripts/build.mjs bridge-workers`.
const workerBundles = { 'bridge-workers': 'src/bridge/adapters/workers.ts' }

async function buildWorker(name, source) {
  const out = outDir(name)
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  await bundleWorker(join(root, source), join(out, 'index.js'))
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
  console.log(`built ${out.slice(root.length + 1)}/index.js (Workers ESM)`)
}

const jobs = [
  // The largest bundle first, so it does not finish alone at the end.
  ...Object.entries(esmBundles)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(
      ([name, source]) =>
        () =>
          buildEsm(name, source)
    ),
  ...entries.map((name) => () => buildEntry(name)),
  ...Object.entries(workerBundles)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(
      ([name, source]) =>
        () =>
          buildWorker(name, source)
    )
]
const hash = inputsHash(root)
let next = 0
const worker = async () => {
  while (next < jobs.length) await jobs[next++]()
}
try {
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), jobs.length) }, worker))
} finally {
  rmSync(wrapDir, { recursive: true, force: true })
}
// Only a full build vouches for the whole of dist/.
if (only.length === 0) writeStamp(root, hash)
