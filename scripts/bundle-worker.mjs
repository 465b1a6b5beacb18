// Bundles a Cloudflare Workers module (ESM, no Node built-ins) with esbuild. ncc targets Node and emits
// CommonJS with Node shims, which workerd cannot load; esbuild emits one plain ES module. Shared by
// scripts/build.mjs (dist/bridge/workers) and the tests that run the Worker in workerd (miniflare).
import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import * as esbuild from 'esbuild'

// Node-only modules the shared code imports lazily on paths a Worker never takes (src/github/client.ts
// loads @actions/github for the actions' Octokit; the bridge sends through @octokit/request instead).
// They become a module that throws if it is ever loaded, instead of failing the bundle.
const NODE_ONLY = /^@actions\/github$/

const nodeOnly = {
  name: 'node-only',
  setup(build) {
    build.onResolve({ filter: NODE_ONLY }, (args) => ({ path: args.path, namespace: 'node-only' }))
    build.onLoad({ filter: /.*/, namespace: 'node-only' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not available on Workers`)})`,
      loader: 'js'
    }))
  }
}

/**
 * Builds `entry` (a path) into one ES module. Writes `outfile` when given; always returns the code and
 * the bundle's size in bytes.
 */
export async function bundleWorker(entry, outfile) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    // workerd first, then browser builds of dependencies (hono, @octokit/*): both use fetch and Web Crypto.
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser', 'import', 'default'],
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: Boolean(outfile),
    ...(outfile ? { outfile } : { outdir: 'out' }),
    plugins: [nodeOnly],
    logLevel: 'silent'
  })
  const code = outfile ? readFileSync(outfile, 'utf8') : result.outputFiles[0].text
  return { code, bytes: Buffer.byteLength(code) }
}
