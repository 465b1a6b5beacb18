import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

type GithubStorage = typeof import('./github-storage.js')

let loaded: Promise<GithubStorage> | undefined

/**
 * dist/<name>/index.js compiles the bundle itself to start it from a code cache
 * (scripts/code-cache-loader.cjs), and a dynamic import() in code compiled that way fails; it lends its
 * own import() under this name instead.
 */
const HOST_IMPORT = Symbol.for('cicdstatemgr.import')

function importUrl(url: string): Promise<unknown> {
  const host = (globalThis as Record<symbol, unknown>)[HOST_IMPORT]
  return typeof host === 'function'
    ? (host as (url: string) => Promise<unknown>)(url)
    : import(/* webpackIgnore: true */ url)
}

/**
 * Loads the GitHub-storage module (@actions/artifact). Inside the bundles it is the separate ESM bundle
 * next to ours (dist/github-storage/index.js, see scripts/build.mjs), imported at run time; from source
 * (tests, library use) it is the TypeScript module itself. `webpackIgnore` keeps ncc from pulling either
 * into the bundle.
 */
export function loadGithubStorage(): Promise<GithubStorage> {
  loaded ??= (async () => {
    const dir = typeof __dirname === 'string' ? __dirname : undefined
    const bundled = dir ? join(dir, '..', 'github-storage', 'index.js') : undefined
    if (bundled && existsSync(bundled)) {
      return (await importUrl(pathToFileURL(bundled).href)) as GithubStorage
    }
    return import(/* webpackIgnore: true */ './github-storage.js')
  })()
  return loaded
}
