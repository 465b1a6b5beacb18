// Issue 4: each action bundle started as the runner starts it (INPUT_* env, GITHUB_* files), on a small
// document in a YAML file primary.
import { mkdtempSync, writeFileSync, statSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { project } from './cli.mjs'

export async function cases(ctx) {
  const dir = project(ctx, 'actions')
  const files = mkdtempSync(join(ctx.work, 'runner-'))
  const runnerEnv = { GITHUB_WORKSPACE: dir, GITHUB_REPOSITORY: 'octo/bench', GITHUB_RUN_ID: '1' }
  for (const f of ['output', 'env', 'summary']) writeFileSync(join(files, f), '')
  Object.assign(runnerEnv, {
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_ENV: join(files, 'env'),
    GITHUB_STEP_SUMMARY: join(files, 'summary')
  })
  const bundle = (name) => join(ctx.root, 'dist', name, 'index.js')
  const inputs = (o) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  const act = (label, name, i) => ({
    name: label,
    args: [bundle(name)],
    cwd: dir,
    env: { ...runnerEnv, ...inputs({ config: 'config.yaml', ...i }) },
    // @actions/core 3 loads its HTTP client (undici) at import: ~+0.35x of `node -e 0` per step, the
    // accepted price of the toolkit's runner protocol (bench/README.md).
    target: 1.7
  })
  const { spawnSync } = await import('node:child_process')
  const r = spawnSync(process.execPath, [bundle('init')], {
    cwd: dir,
    env: {
      ...process.env,
      ...runnerEnv,
      ...inputs({ config: 'config.yaml', 'app-config': 'app.yaml', id: 'bench-a' })
    }
  })
  if (r.status !== 0) throw new Error(`bench setup failed: ${r.stdout}`)
  ctx.report.push(
    ...['cli', 'init', 'get-set', 'handle-event', 'main', 'github-storage'].map((name) => {
      const files = readdirSync(join(ctx.root, 'dist', name))
      const total = files.reduce(
        (sum, f) => sum + statSync(join(ctx.root, 'dist', name, f)).size,
        0
      )
      // The entry bundles start from a small index.js that loads bundle.js (scripts/build.mjs).
      const main = files.includes('bundle.js') ? 'bundle.js' : 'index.js'
      return `dist/${name}: ${main} ${(statSync(join(ctx.root, 'dist', name, main)).size / 1024).toFixed(0)} KiB, all chunks ${(total / 1024).toFixed(0)} KiB`
    })
  )
  return [
    act('action init', 'init', { 'app-config': 'app.yaml', id: 'bench-a' }),
    act('action get-set (get)', 'get-set', { id: 'bench-a', get: 'state.cicdContextName' }),
    act('action handle-event (no handlers)', 'handle-event', {
      id: 'bench-a',
      event: 'build=none'
    }),
    act('action main (command: get-set)', 'main', {
      command: 'get-set',
      id: 'bench-a',
      get: 'state.cicdContextName'
    })
  ]
}
