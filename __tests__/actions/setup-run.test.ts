import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { parse } from 'yaml'
import {
  startCacheService,
  type CacheServiceStandIn
} from '../../__fixtures__/cache-service-stand-in.js'
import { parseFileCommands, runAction, workspace } from '../helpers/action-runner.js'
import { BUILD_TIMEOUT, bundleNode, ensureBuilt } from '../helpers/built.js'
import { put, writeProject } from '../helpers/cli.js'

/**
 * The `setup` composite run as the runner runs it, then the CLI from a later step; and the `run` node
 * action's script against the cache-service stand-in. Both on the bundles (dist/cli, dist/run).
 */

interface CompositeStep {
  id?: string
  shell: string
  env?: Record<string, string>
  run: string
}

interface Job {
  dir: string
  workspace: string
  files: { env: string; path: string; output: string }
  temp: string
}

function newJob(ws: string): Job {
  const dir = mkdtempSync(join(tmpdir(), 'runner-job-'))
  const files = { env: join(dir, 'env'), path: join(dir, 'path'), output: join(dir, 'output') }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const temp = join(dir, 'temp') // RUNNER_TEMP, which the runner creates for each job
  mkdirSync(temp)
  return { dir, workspace: ws, files, temp }
}

/** What the runner substitutes in a composite step's `env:` values (and nowhere else). */
function substitute(value: string, inputs: Record<string, string>, actionPath: string): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return actionPath
    const m = /^inputs\.([\w-]+)$/.exec(expr)
    if (m) return inputs[m[1] as string] ?? ''
    throw new Error(`the test does not substitute ${expr}`)
  })
}

interface StepRun {
  code: number | null
  stdout: string
  stderr: string
}

function runBash(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<StepRun> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

/** The runner's base environment for any step of the job (PATH without any CLI of ours on it). */
function baseEnv(job: Job): NodeJS.ProcessEnv {
  return {
    PATH: [dirname(bundleNode), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter),
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_ENV: job.files.env,
    GITHUB_PATH: job.files.path,
    GITHUB_OUTPUT: job.files.output,
    RUNNER_TEMP: job.temp
  }
}

/** Runs setup/action.yml's steps as the runner would: `env:` substituted, `run:` text verbatim. */
async function runSetup(job: Job, inputs: Record<string, string>): Promise<StepRun[]> {
  const action = parse(readFileSync('setup/action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string }>
    runs: { using: string; steps: CompositeStep[] }
  }
  const withDefaults = Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? ''])
  )
  const runs: StepRun[] = []
  for (const step of action.runs.steps) {
    expect(step.shell).toBe('bash')
    expect(step.run).not.toMatch(/\$\{\{/) // inputs reach the script only through env
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [
        k,
        substitute(v, withDefaults, resolve('setup'))
      ])
    )
    const r = await runBash(step.run, { ...baseEnv(job), ...env }, job.workspace)
    runs.push(r)
    if (r.code !== 0) break
  }
  return runs
}

/** A later step: GITHUB_ENV applied to its environment, GITHUB_PATH entries in front of its PATH. */
function laterStepEnv(job: Job): NodeJS.ProcessEnv {
  const base = baseEnv(job)
  const paths = readFileSync(job.files.path, 'utf8').split('\n').filter(Boolean).reverse()
  return {
    ...base,
    ...parseFileCommands(readFileSync(job.files.env, 'utf8')),
    PATH: [...paths, base.PATH].join(delimiter)
  }
}

const SECRET = 'xoxb-super-secret-token'

describe('setup (composite) then the CLI in a later run step', () => {
  const cleanup: string[] = []
  beforeAll(async () => {
    // The same stamp and lock as the other end-to-end tests: a build another worker runs is waited for.
    await ensureBuilt()
  }, BUILD_TIMEOUT)
  afterAll(() => cleanup.forEach((d) => rmSync(d, { recursive: true, force: true })))

  const project = (): { ws: string; job: Job; secretsYaml: string } => {
    const ws = writeProject('yamlfile')
    const secretsYaml = readFileSync(join(ws, 'secrets.yaml'), 'utf8')
    rmSync(join(ws, 'secrets.yaml')) // the secrets come inline, as from a GitHub secret
    const job = newJob(ws)
    cleanup.push(ws, job.dir)
    return { ws, job, secretsYaml }
  }

  it('puts cicdstatemgr on the PATH and exports the context env; secrets only as a 0600 file', async () => {
    const { job, secretsYaml } = project()
    const runs = await runSetup(job, {
      config: 'config.yaml',
      secrets: secretsYaml,
      id: 'ctx-setup-1',
      'app-config': 'app.yaml',
      'bases-dir': 'bases'
    })
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([[0, '']])
    const out = runs[0]?.stdout ?? ''
    // The masks come first, before anything else the step prints.
    const lines = out.split('\n').filter(Boolean)
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'))
    expect(lines.slice(0, firstOther)).toContain(`::add-mask::${SECRET}`)
    expect(lines).not.toContain('::add-mask::cicdstatemgr:') // bare keys are no secrets
    expect(lines.slice(firstOther).join('\n')).not.toContain(SECRET)

    const env = parseFileCommands(readFileSync(job.files.env, 'utf8'))
    expect(env).toEqual({
      CICDSTATEMGR_WORKING_DIRECTORY: `${job.workspace}/.`,
      CICDSTATEMGR_CONFIG_PATH: `${job.workspace}/./config.yaml`,
      CICDSTATEMGR_SECRETS_PATH: expect.stringMatching(
        /^.*\/cicdstatemgr-secrets-\w+\/secrets\.yaml$/
      ),
      CICDSTATEMGR_CONTEXT_DATA_ID: 'ctx-setup-1',
      CICDSTATEMGR_INIT_APP_CONFIG_PATH: `${job.workspace}/./app.yaml`,
      CICDSTATEMGR_BASES_DIR_PATH: `${job.workspace}/./bases`
    })
    const secretsFile = env.CICDSTATEMGR_SECRETS_PATH as string
    expect(secretsFile.startsWith(job.temp)).toBe(true)
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(secretsFile)).mode & 0o777).toBe(0o700)
    for (const f of Object.values(job.files)) expect(readFileSync(f, 'utf8')).not.toContain(SECRET)

    // A later step, quickcd style: no flags for config, secrets, id or app config.
    const later = laterStepEnv(job)
    const r = await runBash(
      [
        'cicdstatemgr --init-new "$CICDSTATEMGR_CONTEXT_DATA_ID"',
        'cicdstatemgr --set state.deploy=started --set "state.title=env:TITLE"',
        'cicdstatemgr --get state.deploy',
        'cicdstatemgr --get state.title'
      ].join('\n'),
      { ...later, TITLE: '$(touch pwned) `id`' },
      job.workspace
    )
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout.split('\n')).toEqual(['ctx-setup-1', 'started', '$(touch pwned) `id`', ''])
    expect(existsSync(join(job.workspace, 'pwned'))).toBe(false)
    const stored = parse(
      readFileSync(join(job.workspace, 'localdata/cicdContextData.yaml'), 'utf8')
    ) as { state: Record<string, string> }
    expect(stored.state.deploy).toBe('started')
  }, 60_000)

  it('a multi-line id (untrusted text) fails the step and cannot add variables to GITHUB_ENV', async () => {
    const { job } = project()
    const runs = await runSetup(job, {
      config: 'config.yaml',
      id: 'x\nNODE_OPTIONS=--require=/tmp/evil.js'
    })
    expect(runs[0]?.code).toBe(1)
    expect(runs[0]?.stdout).toContain("::error::setup: input 'id' must be one line")
    expect(readFileSync(job.files.env, 'utf8')).not.toContain('NODE_OPTIONS')
  }, 60_000)

  it('a secrets path is exported as it is, and nothing is written', async () => {
    const { job, secretsYaml } = project()
    put(job.workspace, 'ci/secrets.yaml', secretsYaml)
    const runs = await runSetup(job, { config: 'config.yaml', secrets: 'ci/secrets.yaml' })
    expect(runs[0]?.code).toBe(0)
    const env = parseFileCommands(readFileSync(job.files.env, 'utf8'))
    expect(env.CICDSTATEMGR_SECRETS_PATH).toBe(`${job.workspace}/./ci/secrets.yaml`)
  }, 60_000)
})

describe('run (node action) on GitHub cache storage', () => {
  let cache: CacheServiceStandIn
  const cleanup: string[] = []
  beforeAll(async () => {
    // The same stamp and lock as the other end-to-end tests: a build another worker runs is waited for.
    await ensureBuilt()
    cache = await startCacheService()
  }, BUILD_TIMEOUT)
  afterAll(async () => {
    cleanup.forEach((d) => rmSync(d, { recursive: true, force: true }))
    await cache.close()
  })

  const job = (): { workspace: string; env: Record<string, string> } => {
    const ws = workspace()
    cleanup.push(ws)
    put(ws, 'app.yaml', 'cicd-contexts:\n  stage: {}\n')
    return { workspace: ws, env: { ...cache.env, GITHUB_WORKSPACE: ws } }
  }

  it("the script's cicdstatemgr calls use the actions-cache store; the token stays in the child", async () => {
    const script = [
      'cicdstatemgr --init-new ctx-run-1 --init-app-config-file app.yaml',
      'cicdstatemgr --set state.version=7',
      'echo "version=$(cicdstatemgr --get state.version)"',
      'echo "token: $ACTIONS_RUNTIME_TOKEN"',
      'echo "secret: $(grep token "$CICDSTATEMGR_SECRETS_PATH")"',
      'echo "::warning::from the script"',
      'echo "inputs: $(env | grep -c ^INPUT_ || true)"'
    ].join('\n')
    const r = await runAction(
      'run',
      { run: script, id: 'ctx-run-1', secrets: `cicdstatemgr:\n  slack:\n    token: ${SECRET}\n` },
      job()
    )
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout).toContain('version=7')
    // Two revisions in the cache service: the init and the set (keys encode the id).
    expect(cache.entries().map((e) => e.key)).toEqual([
      expect.stringMatching(/^cicdstatemgr-ctx-.*-r0+1$/),
      expect.stringMatching(/^cicdstatemgr-ctx-.*-r0+2$/)
    ])
    // Nothing for later steps: no token, no CICDSTATEMGR_* in GITHUB_ENV.
    expect(r.env).toEqual({})
    // Masked in the log (the runner masks its registered values too).
    const token = cache.env.ACTIONS_RUNTIME_TOKEN as string
    const log = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
    expect(log).toContain('token: ***')
    expect(log.find((l) => l.startsWith('secret:'))).toMatch(/^secret: .*\*\*\*$/)
    expect(log.filter((l) => l.startsWith('::debug::'))).toEqual([])
    expect(log.join('\n')).not.toContain(token)
    expect(log.join('\n')).not.toContain(SECRET)
    expect(log).toContain('inputs: 0')
    // The script's output is inside ::stop-commands::, so its ::warning:: line is plain text.
    const stop = log.findIndex((l) => l.startsWith('::stop-commands::'))
    const resume = log.indexOf(`::${log[stop]?.slice('::stop-commands::'.length)}::`)
    const warning = log.indexOf('::warning::from the script')
    expect(stop).toBeGreaterThanOrEqual(0)
    expect(warning).toBeGreaterThan(stop)
    expect(resume).toBeGreaterThan(warning)
  }, 60_000)

  it('a later run step reads the context again (config and id from an earlier export)', async () => {
    const j = job()
    const r = await runAction(
      'run',
      { run: 'cicdstatemgr --get state.version' },
      { ...j, env: { ...j.env, CICDSTATEMGR_CONTEXT_DATA_ID: 'ctx-run-1' } }
    )
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout).toContain('\n7\n')
  }, 60_000)

  it("a failing script fails the step with one line and the script's exit code", async () => {
    const r = await runAction('run', { run: 'echo before\nexit 3\necho after' }, job())
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('before')
    expect(r.stdout).not.toContain('after')
    expect(r.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual([
      'run: the script exited with code 3'
    ])
  }, 60_000)

  it('an unknown shell is a one-line usage error', async () => {
    const r = await runAction('run', { run: 'true', shell: 'fish' }, job())
    expect(r.code).toBe(1)
    expect(r.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual([
      "input 'shell' must be bash, sh, python or a command with {0} for the script file, got 'fish'"
    ])
  }, 60_000)
})
