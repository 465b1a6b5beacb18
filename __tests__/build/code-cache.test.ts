import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI, projectEnv, writeProject } from '../helpers/cli.js'
import { BUILD_TIMEOUT, bundleNode, ensureBuilt } from '../helpers/built.js'

// dist/<name>/index.js starts its bundle from a V8 code cache written at the first run's exit
// (scripts/code-cache-loader.cjs). What a user relies on: the same answers with or without it, a cache
// only in a directory closed to others, a damaged cache replaced rather than fatal, and a way to turn it off.

let project: string
let cacheBase: string

beforeAll(async () => {
  await ensureBuilt()
  project = writeProject('yamlfile')
  const init = cli(['--init-new', 'cc-1', '--set', 'state.greeting=hello'])
  expect(init.status).toBe(0)
}, BUILD_TIMEOUT)

beforeEach(() => {
  cacheBase = mkdtempSync(join(tmpdir(), 'code-cache-'))
})

afterEach(() => rmSync(cacheBase, { recursive: true, force: true }))
afterAll(() => rmSync(project, { recursive: true, force: true }))

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(bundleNode, [CLI, ...args], {
    cwd: project,
    env: { PATH: process.env.PATH, ...projectEnv('cc-1'), NODE_COMPILE_CACHE: cacheBase, ...env },
    encoding: 'utf8'
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const cacheDir = (): string => join(cacheBase, `cicdstatemgr-code-cache-${process.getuid?.()}`)
const cacheFiles = (): string[] => readdirSync(cacheDir()).filter((f) => f.endsWith('.v8cache'))

test('the first run writes the cache privately, later runs read it and answer the same', () => {
  expect(cli(['--get', 'state.greeting']).stdout).toBe('hello\n')
  const files = cacheFiles()
  expect(files.some((f) => f.startsWith('bundle.js.'))).toBe(true)
  expect(statSync(cacheDir()).mode & 0o777).toBe(0o700)
  for (const f of files) expect(statSync(join(cacheDir(), f)).mode & 0o777).toBe(0o600)
  const written = files.map((f) => statSync(join(cacheDir(), f)).mtimeMs)

  expect(cli(['--get', 'state.greeting']).stdout).toBe('hello\n')
  expect(cacheFiles()).toEqual(files)
  expect(files.map((f) => statSync(join(cacheDir(), f)).mtimeMs)).toEqual(written)
})

test('a damaged cache is rejected by V8 and replaced; the run is unaffected', () => {
  cli(['--get', 'state.greeting'])
  const bundle = join(cacheDir(), cacheFiles().find((f) => f.startsWith('bundle.js.')) as string)
  const size = statSync(bundle).size
  writeFileSync(bundle, Buffer.alloc(size, 7))

  const r = cli(['--set', 'state.after=damage'])
  expect(r.status).toBe(0)
  expect(cli(['--get', 'state.after']).stdout).toBe('damage\n')
  expect(statSync(bundle).size).not.toBe(0)
  // No leftovers of the write aside.
  expect(readdirSync(cacheDir()).filter((f) => f.endsWith('.tmp'))).toEqual([])
})

test('a cache directory others may write to is neither read nor written', () => {
  cli(['--get', 'state.greeting'])
  const bundle = join(cacheDir(), cacheFiles().find((f) => f.startsWith('bundle.js.')) as string)
  // Planted code must not run: with the directory open to others the file is not even read, so the
  // garbage below cannot be rejected and rewritten either.
  writeFileSync(bundle, Buffer.alloc(statSync(bundle).size, 7))
  chmodSync(cacheDir(), 0o777)
  const before = statSync(bundle).mtimeMs

  expect(cli(['--get', 'state.greeting']).stdout).toBe('hello\n')
  expect(statSync(bundle).mtimeMs).toBe(before)
})

test('NODE_DISABLE_COMPILE_CACHE turns it off; a failed run leaves no cache', () => {
  expect(cli(['--get', 'state.greeting'], { NODE_DISABLE_COMPILE_CACHE: '1' }).stdout).toBe(
    'hello\n'
  )
  // (Node >= 22 keeps its own compile cache beside ours when NODE_COMPILE_CACHE is set.)
  expect(existsSync(cacheDir())).toBe(false)

  const bad = cli(['--get', 'state.greeting'], { CICDSTATEMGR_CONFIG_PATH: 'missing.yaml' })
  expect(bad.status).not.toBe(0)
  expect(bad.stderr).toMatch(/missing\.yaml/)
  expect(existsSync(cacheDir())).toBe(false)
})

test('a lazily loaded chunk is cached too, and its exports still reach the caller', () => {
  // --help loads nothing lazily; the bridge subcommand is a lazy chunk of the CLI.
  const r = cli(['bridge', '--help'])
  expect(r.status).toBe(0)
  expect(r.stdout).toMatch(/bridge/)
  expect(cacheFiles().some((f) => /^\d+\.index\.cjs\.js\./.test(f))).toBe(true)
})
