// The build's stamp: a hash of everything that goes into dist/ (src/, the build script, the lockfile) and
// of dist/ as built, written after a full build to node_modules/.cache (never committed). The end-to-end
// tests compare it with the tree and rebuild only when either differs (an edit under src/, a
// `git checkout -- dist`), so the in-process tests never wait for a build.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const INPUTS = [
  'src',
  'scripts/build.mjs',
  'scripts/code-cache-loader.cjs',
  'scripts/bundle-worker.mjs',
  'package-lock.json'
]

export function stampPath(root) {
  return join(root, 'node_modules/.cache/cicdstatemgr/build-stamp')
}

/** Hash of the build's inputs: paths and contents, in a stable order. */
export function inputsHash(root) {
  return hashFiles(root, INPUTS)
}

/** The stamp a build of the current tree leaves: its inputs' hash and its output's. */
export function currentStamp(root, inputs = inputsHash(root)) {
  return `${inputs} ${hashFiles(root, ['dist'])}`
}

function hashFiles(root, paths) {
  const hash = createHash('sha256')
  const files = paths.flatMap((p) => listFiles(join(root, p))).sort()
  for (const file of files)
    hash.update(relative(root, file)).update('\0').update(readFileSync(file))
  return hash.digest('hex')
}

function listFiles(path) {
  try {
    return readdirSync(path, { withFileTypes: true }).flatMap((e) => listFiles(join(path, e.name)))
  } catch (error) {
    if (error.code === 'ENOTDIR') return [path]
    if (error.code === 'ENOENT') return []
    throw error
  }
}

export function readStamp(root) {
  try {
    return readFileSync(stampPath(root), 'utf8').trim()
  } catch {
    return undefined
  }
}

/** After a full build: `inputs` is the hash taken before it started (an edit during the build shows). */
export function writeStamp(root, inputs) {
  mkdirSync(join(root, 'node_modules/.cache/cicdstatemgr'), { recursive: true })
  writeFileSync(stampPath(root), `${currentStamp(root, inputs)}\n`)
}
