// Builds one ncc bundle per entry point: src/entrypoints/<name>.ts -> dist/<name>/index.js.
//
// The source is ESM, but each bundle is emitted as CommonJS (dist/<name>/package.json says so): Node's
// ESM loader alone adds ~20 ms to every start, which is most of the CLI's start-up budget (see
// bench/README.md). ncc picks the output format from the entry file, so each entry is reached through
// a one-line .cjs wrapper generated here; lazy `import()`s become chunk files next to index.js.
import { execFileSync } from 'node:child_process'
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
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const only = process.argv.slice(2)
const entries = readdirSync(join(root, 'src/entrypoints'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((name) => only.length === 0 || only.includes(name))

const wrapDir = join(root, '.build')
mkdirSync(wrapDir, { recursive: true })
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')

for (const name of entries) {
  const out = join(root, 'dist', name)
  rmSync(out, { recursive: true, force: true })
  const wrapper = join(wrapDir, `${name}.cjs`)
  writeFileSync(wrapper, `require('../src/entrypoints/${name}.ts')\n`)
  execFileSync(
    process.execPath,
    [ncc, 'build', wrapper, '-o', out, '-m', '-q', '--target', 'es2022'],
    {
      stdio: 'inherit',
      cwd: root
    }
  )
  // ncc names a CJS entry's output index.cjs; the bin and action.yml files point at index.js.
  if (existsSync(join(out, 'index.cjs'))) renameSync(join(out, 'index.cjs'), join(out, 'index.js'))
  const main = join(out, 'index.js')
  const code = readFileSync(main, 'utf8')
  writeFileSync(main, code.startsWith('#!') ? code : `#!/usr/bin/env node\n${code}`)
  // writeFileSync's mode applies only to new files, and index.js already exists (renamed above).
  chmodSync(main, 0o755)
  writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n')
  console.log(`built dist/${name}/index.js`)
}
rmSync(wrapDir, { recursive: true, force: true })

// Library bundles that must stay ES modules (see src/stores/github-storage.ts), loaded on demand by the
// entry bundles from dist/<name>/index.js.
const esmBundles = { 'github-storage': 'src/stores/github-storage.ts' }
for (const [name, source] of Object.entries(esmBundles)) {
  if (only.length > 0 && !only.includes(name)) continue
  const out = join(root, 'dist', name)
  rmSync(out, { recursive: true, force: true })
  execFileSync(
    process.execPath,
    [ncc, 'build', join(root, source), '-o', out, '-m', '-q', '--target', 'es2022'],
    {
      stdio: 'inherit',
      cwd: root
    }
  )
  console.log(`built dist/${name}/index.js (ESM)`)
}
