import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'
import { runCliProcess as runCli } from '../helpers/cli.js'

/** The bundled CLI, as a `run:` step runs it, with the runner's variables pointing at the stand-in. */
describe('workflow-dispatch from the bundled CLI', () => {
  let gh: GithubStandIn
  let dir: string
  let env: NodeJS.ProcessEnv
  beforeAll(async () => {
    await ensureBuilt()
    gh = await startGithubStandIn()
    gh.addWorkflow('octo-org/app', {
      path: 'deploy.yml',
      runName: 'deploy ${{ inputs.cid }}',
      inputs: ['version', 'cid']
    })
    dir = mkdtempSync(join(tmpdir(), 'gh-cli-'))
    writeFileSync(
      join(dir, 'config.yaml'),
      `cicdstatemgr:\n  datasources:\n    yamlfile: {path: localdata/ctx.yaml, isPrimary: true}\n`
    )
    writeFileSync(
      join(dir, 'app.yaml'),
      `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          deploy:
            workflow-dispatch:
              workflow: deploy.yml
              inputs: {version: "{{ state.version }}"}
              correlation-input: cid
          note:
            set-values:
              set: [{from: "x", to: state.noted}]
`
    )
    env = {
      CICDSTATEMGR_CONFIG_PATH: 'config.yaml',
      GITHUB_TOKEN: gh.installationToken,
      GITHUB_REPOSITORY: 'octo-org/app',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_API_URL: gh.url,
      CICDSTATEMGR_CONTEXT_DATA_ID: 'ctx-cli'
    }
    const init = await runCli(
      ['--init-new', 'ctx-cli', '--init-app-config-file', 'app.yaml', '--set', 'state.version=9'],
      { cwd: dir, env }
    )
    expect(init.code).toBe(0)
  }, BUILD_TIMEOUT)
  afterAll(async () => {
    expect(gh.violations).toEqual([])
    await gh.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('dispatches once and stores the run; the token is in no output', async () => {
    const r = await runCli(['--handle-event', 'build=deploy', '--log-level', 'DEBUG'], {
      cwd: dir,
      env
    })
    expect(r.code).toBe(0)
    expect(gh.runs).toHaveLength(1)
    const doc = readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')
    expect(doc).toContain(
      `html_url: https://github.com/octo-org/app/actions/runs/${gh.runs[0]!.id}`
    )
    expect(r.stdout + r.stderr + doc).not.toContain(gh.installationToken)
  })

  it('GHES: falls back and finds the run by correlation, from a separate process', async () => {
    gh.ghes = true
    const r = await runCli(['--handle-event', 'build=deploy'], { cwd: dir, env })
    gh.ghes = false
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(gh.runs).toHaveLength(2)
    expect(readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')).toContain(
      `workflow_run_id: ${gh.runs[1]!.id}`
    )
  })

  it('dry run prints the request with the token masked and sends nothing', async () => {
    const before = gh.requests.length
    const r = await runCli(['--handle-event', 'build=deploy', '--dry-run'], { cwd: dir, env })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('/repos/octo-org/app/actions/workflows/deploy.yml/dispatches')
    expect(r.stdout + r.stderr).not.toContain(gh.installationToken)
    expect(gh.requests.length).toBe(before)
  })

  it('without a token: a one-line error naming the handler and the ways to give one', async () => {
    const r = await runCli(['--handle-event', 'build=deploy'], {
      cwd: dir,
      env: { ...env, GITHUB_TOKEN: '' }
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/workflow-dispatch 'default': no GitHub token/)
  })

  it('an event without GitHub handlers loads no Octokit chunk', async () => {
    // Chunks are required (NODE_DISABLE_COMPILE_CACHE) or read and compiled by dist/cli/index.js's code
    // cache loader: the hook records both.
    const hook = join(dir, 'trace.cjs')
    const trace = join(dir, 'loaded.txt')
    writeFileSync(
      hook,
      `const M = require('module'); const fs = require('fs'); const seen = new Set()
const load = M._load; M._load = function (r, p, m) { const f = (() => { try { return M._resolveFilename(r, p, m) } catch { return r } })(); seen.add(f); return load.apply(this, arguments) }
const read = fs.readFileSync; fs.readFileSync = function (f) { if (typeof f === 'string') seen.add(f); return read.apply(this, arguments) }
process.on('exit', () => fs.writeFileSync(${JSON.stringify(trace)}, [...seen].join('\\n')))`
    )
    const r = await runCli(['--handle-event', 'build=note'], {
      cwd: dir,
      env: { ...env, NODE_OPTIONS: `--require ${hook}` }
    })
    expect(r.code).toBe(0)
    const loaded = readFileSync(trace, 'utf8')
    expect(loaded).toMatch(/index\.js/)
    expect(loaded).toMatch(/bundle\.js/)
    // The chunk holding @actions/github contains this string; a notify-only step never requires it.
    const chunks = loaded.split('\n').filter((f) => /dist\/cli\/\d+\.index\.cjs\.js$/.test(f))
    for (const chunk of chunks) expect(readFileSync(chunk, 'utf8')).not.toContain('octokit')
    const again = await runCli(['--handle-event', 'build=deploy'], {
      cwd: dir,
      env: { ...env, NODE_OPTIONS: `--require ${hook}` }
    })
    expect(again.code).toBe(0)
    const withGithub = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((f) => /dist\/cli\/\d+\.index\.cjs\.js$/.test(f))
    expect(withGithub.some((f) => readFileSync(f, 'utf8').includes('octokit'))).toBe(true)
  })
})
