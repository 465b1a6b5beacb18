// Issue 10: workflow artifacts as state, against the linked artifact stand-ins (their own process, see
// artifact-stand-in.mjs). Each bundle is started as the runner starts it. Cases: the get-set action with
// `load-from-run` (list the run's artifacts, download, write into a file primary, then get) beside the
// same get on the file store; a get and a set with the `actions-artifact` datasource as the primary.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

async function startStandIn(ctx) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ctx.root, 'bench/artifact-stand-in.mjs')],
    { cwd: ctx.root, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const runs = await new Promise((resolve, reject) => {
    let text = ''
    child.stdout.on('data', (d) => {
      text += d
      if (text.includes('\n')) resolve(JSON.parse(text))
    })
    child.once('exit', (code) => reject(new Error(`artifact stand-in exited ${code}`)))
  })
  return { runs, stop: () => child.kill('SIGTERM') }
}

const APP = `cicd-contexts:
  stage:
    pipelines: {build: {event-handlers: {}}}
`
const FILE_CONFIG = `cicdstatemgr:
  datasources:
    yamlfile: {path: state.yaml, isPrimary: true}
`
const ARTIFACT_CONFIG = `cicdstatemgr:
  datasources:
    actions-artifact: {isPrimary: true}
`

export async function cases(ctx) {
  const stand = await startStandIn(ctx)
  const bundle = (name) => join(ctx.root, 'dist', name, 'index.js')
  const inputs = (o) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  /** One job of `run`: its workspace (config.yaml, app.yaml), RUNNER_TEMP and runner files. */
  const job = (name, run, config) => {
    const dir = join(ctx.work, name)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'app.yaml'), APP)
    writeFileSync(join(dir, 'config.yaml'), config)
    const files = mkdtempSync(join(ctx.work, `${name}-runner-`))
    for (const f of ['output', 'env', 'summary']) writeFileSync(join(files, f), '')
    return {
      dir,
      env: {
        ...run,
        ACTIONS_CACHE_URL: '',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: dir,
        GITHUB_JOB: 'bench',
        GITHUB_ACTION: 'step',
        RUNNER_TEMP: files,
        GITHUB_OUTPUT: join(files, 'output'),
        GITHUB_ENV: join(files, 'env'),
        GITHUB_STEP_SUMMARY: join(files, 'summary'),
        ...inputs({ config: 'config.yaml' })
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
  const setup = (j, name, i) => {
    const r = spawnSync(process.execPath, [bundle(name)], {
      cwd: j.dir,
      env: { ...process.env, ...j.env, ...inputs(i) },
      encoding: 'utf8'
    })
    if (r.status !== 0 || /::error/.test(r.stdout)) {
      throw new Error(`bench setup failed: ${r.stdout.slice(-500)}${r.stderr}`)
    }
  }
  // Run 1 keeps the context in the artifact primary and uploads a snapshot (upload-artifact).
  const writer = job('artifact-writer', stand.runs.writer, ARTIFACT_CONFIG)
  setup(writer, 'init', { 'app-config': 'app.yaml', id: 'bench-a', 'upload-artifact': 'true' })
  // Run 2 (main): a file primary that loads run 1's snapshot, and the artifact primary itself.
  const file = job('artifact-file', stand.runs.reader, FILE_CONFIG)
  setup(file, 'init', { 'app-config': 'app.yaml', id: 'bench-a' })
  const reader = job('artifact-reader', stand.runs.reader, ARTIFACT_CONFIG)
  const get = { id: 'bench-a', get: 'state.cicdContextName' }
  return [
    step('file store: get-set (get)', file, 'get-set', get, 1.3),
    {
      ...step(
        'file store: get-set load-from-run 1 (get)',
        file,
        'get-set',
        {
          ...get,
          'load-from-run': '1'
        },
        9
      ),
      versus: { name: 'file store: get-set (get)', target: 6 }
    },
    step('actions-artifact: get-set (get)', reader, 'get-set', get, 9),
    {
      ...step(
        'actions-artifact: get-set (set)',
        reader,
        'get-set',
        { id: 'bench-a', set: 'state.n=1' },
        12
      ),
      cleanup: stand.stop
    }
  ]
}
