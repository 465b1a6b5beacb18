// Issue 13: the zero-setup `actions-cache` store (the actions' default: no config.yaml) against the
// cache-service stand-in (its own process), beside the same step on a YAML file store. Each bundle is
// started as the runner starts it (INPUT_*, GITHUB_* files, the runner's cache variables).
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { project } from './cli.mjs'
import { startSlackStandIn } from './handlers.mjs'

/** bench/slack-step.mjs bundled by ncc, as slackapi/slack-github-action ships its step. */
function buildSlackStep(ctx) {
  const out = join(ctx.work, 'slack-step')
  const ncc = join(ctx.root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
  const args = [ncc, 'build', join(ctx.root, 'bench/slack-step.mjs'), '-o', out, '-m', '-q']
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`bench setup: ncc slack-step failed: ${r.stderr}`)
  return join(out, 'index.mjs')
}

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

const NOTIFY_APP = `cicd-contexts:
  stage:
    channel: bench
    pipelines:
      build:
        event-handlers:
          one:
            notify:
              message: "build {{ state.cicdContextDataId }} passed"
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
  const init = (j, id, more = {}) => {
    const r = spawnSync(process.execPath, [bundle('init')], {
      cwd: j.dir,
      env: { ...process.env, ...j.env, ...inputs({ 'app-config': 'app.yaml', id, ...more }) },
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
  // A notify step with the same store, and the slackapi-like step posting the same message.
  const slack = await startSlackStandIn(ctx.root)
  const api = `http://127.0.0.1:${slack.port}/api/`
  const notify = job('cache-notify', { cache: true })
  // As in cases/handlers.mjs: the message template, and the reply's ts captured (so the step writes).
  writeFileSync(
    join(notify.dir, 'config.yaml'),
    `cicdstatemgr:
  slack: {url: "${api}chat.postMessage"}
  notify:
    auto-capture-response-data:
      - {from: "{{ body.ts }}", to: state.lastTs}
  templates:
    notify: '{"channel": "{{ channel }}", "text": "{{ notify.message | json_dumps(stripLeadingTrailingQuotes=True) }}"}'
`
  )
  writeFileSync(join(notify.dir, 'secrets.yaml'), 'cicdstatemgr:\n  slack: {token: xoxb-bench}\n')
  writeFileSync(join(notify.dir, 'app.yaml'), NOTIFY_APP)
  init(notify, 'bench-n', { config: 'config.yaml', secrets: 'secrets.yaml' })
  const slackStep = {
    name: 'slackapi-like step: chat.postMessage',
    args: [buildSlackStep(ctx)],
    cwd: notify.dir,
    env: {
      ...notify.env,
      ...inputs({
        method: 'chat.postMessage',
        token: 'xoxb-bench',
        api,
        payload: '{"channel": "bench", "text": "build bench-n passed"}'
      })
    },
    target: 9
  }
  const versusSlack = { name: slackStep.name, target: 1.0 }
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
    { ...step('actions-cache: get-set (set)', cache, 'get-set', set, 9), versus: versusSlack },
    slackStep,
    {
      ...step(
        'actions-cache: handle-event (1 notify)',
        notify,
        'handle-event',
        { id: 'bench-n', event: 'build=one', config: 'config.yaml', secrets: 'secrets.yaml' },
        9
      ),
      versus: versusSlack,
      cleanup: () => (stand.stop(), slack.stop())
    }
  ]
}
