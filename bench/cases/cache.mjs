// Issue 13: the zero-setup `actions-cache` store (the actions' default: no config.yaml) against the
// cache-service stand-in (its own process), beside the same step on a YAML file store. Each bundle is
// started as the runner starts it (INPUT_*, GITHUB_* files, the runner's cache variables).
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { project } from './cli.mjs'

async function startStandIn(ctx) {
  const child = spawn(process.execPath, [join(ctx.root, 'bench/cache-stand-in.mjs'), ctx.work], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const env = await new Promise((resolve, reject) => {
    let text = ''
    child.stdout.on('data', (d) => {
      text += d
      if (text.includes('\n')) resolve(JSON.parse(text))
    })
    child.once('exit', (code) => reject(new Error(`cache stand-in exited ${code}`)))
  })
  return { env, stop: () => child.kill('SIGTERM') }
}

const APP = `cicd-contexts:
  stage:
    pipelines: {build: {event-handlers: {}}}
`

export async function cases(ctx) {
  const stand = await startStandIn(ctx)
  const bundle = (name) => join(ctx.root, 'dist', name, 'index.js')
  const inputs = (o) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  /** One job: its workspace, its RUNNER_TEMP and its runner files. */
  const job = (name, { cache }) => {
    const dir = cache ? join(ctx.work, name) : project(ctx, name, '', APP)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'app.yaml'), APP)
    const files = mkdtempSync(join(ctx.work, `${name}-runner-`))
    for (const f of ['output', 'env', 'summary']) writeFileSync(join(files, f), '')
    return {
      dir,
      env: {
        ...(cache ? stand.env : {}),
        ACTIONS_CACHE_URL: '',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: dir,
        GITHUB_REPOSITORY: 'octo/bench',
        GITHUB_RUN_ID: '1',
        RUNNER_TEMP: files,
        GITHUB_OUTPUT: join(files, 'output'),
        GITHUB_ENV: join(files, 'env'),
        GITHUB_STEP_SUMMARY: join(files, 'summary'),
        ...(cache ? {} : inputs({ config: 'config.yaml' }))
      }
    }
  }
  const step = (label, j, name, i, target) => ({
    name: label,
    args: [bundle(name)],
    cwd: j.dir,
    env: { ...j.env, ...inputs(i) },
    target
  })
  const init = (j, id) => {
    const r = spawnSync(process.execPath, [bundle('init')], {
      cwd: j.dir,
      env: { ...process.env, ...j.env, ...inputs({ 'app-config': 'app.yaml', id }) },
      encoding: 'utf8'
    })
    if (r.status !== 0) throw new Error(`bench setup failed: ${r.stdout}${r.stderr}`)
  }
  const file = job('cache-file', { cache: false })
  const cache = job('cache-held', { cache: true })
  init(file, 'bench-c')
  init(cache, 'bench-c') // saves revision 1 and keeps it as this job's copy
  // A job that never holds the newest entry (its copies directory cannot be created): every read
  // downloads and un-tars, which is what every read did before the job-local copy.
  const cold = { ...job('cache-cold', { cache: true }), dir: cache.dir }
  writeFileSync(join(cold.env.RUNNER_TEMP, 'cicdstatemgr-cache-copies'), 'not a directory')
  const get = { id: 'bench-c', get: 'state.cicdContextName' }
  const set = { id: 'bench-c', set: 'state.n=1' }
  return [
    step('file store: get-set (get)', file, 'get-set', get, 1.3),
    {
      ...step('actions-cache: get-set (get), entry held', cache, 'get-set', get, 1.3 * 1.3),
      versus: { name: 'file store: get-set (get)', target: 1.3 }
    },
    step('actions-cache: get-set (get), download', cold, 'get-set', get, 9),
    step('file store: get-set (set)', file, 'get-set', set, 1.5),
    {
      ...step('actions-cache: get-set (set)', cache, 'get-set', set, 9),
      cleanup: stand.stop
    }
  ]
}
