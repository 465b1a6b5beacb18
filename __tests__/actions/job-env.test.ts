import { describe, expect, it } from '@jest/globals'
import { cpSync, existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { runActionInProcess, workspace, type ActionRun } from '../helpers/action-runner.js'

const SLACK_TOKEN = 'xoxb-job-env-secret-5150'
const TRIGGER_TOKEN = 'ghp_job-env-secret-6160'
const SECRETS = `cicdstatemgr:\n  slack:\n    token: ${SLACK_TOKEN}\n  trigger:\n    token: ${TRIGGER_TOKEN}\n`

/** The example project checked out into a fresh workspace (files datasource, no Redis). */
function checkout(): string {
  const ws = workspace()
  cpSync('examples/basic', join(ws, 'project'), {
    recursive: true,
    filter: (src) => !src.includes('localdata')
  })
  return ws
}

/** Everything a step leaves where the runner could show or pass it on. */
const published = (r: ActionRun): string =>
  [
    JSON.stringify(r.outputs),
    JSON.stringify(r.env),
    r.summary,
    r.stdout.replace(/^::add-mask::.*$/gm, '')
  ].join('\n')

describe('later steps of a job find what init used (config, secrets, working directory)', () => {
  it('init with config and inline secrets; handle-event and get-set with neither find the context', async () => {
    const ws = checkout()
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
    const job: Record<string, string> = { RUNNER_TEMP: runnerTemp }

    const init = await runActionInProcess(
      'init',
      {
        'working-directory': 'project',
        config: 'config.yaml',
        secrets: SECRETS,
        'app-config': 'app.yaml',
        'bases-dir': 'bases',
        set: 'state.appVersion=2.0.0'
      },
      { workspace: ws, env: job }
    )
    expect(init.commands.filter((c) => c.command === 'error')).toEqual([])
    expect(init.code).toBe(0)
    const masks = init.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)
    expect(masks).toEqual(expect.arrayContaining([SLACK_TOKEN, TRIGGER_TOKEN]))
    expect(init.env).toMatchObject({
      CICDSTATEMGR_CONTEXT_DATA_ID: init.outputs.id,
      CICDSTATEMGR_CONFIG_PATH: join(ws, 'project/config.yaml'),
      CICDSTATEMGR_WORKING_DIRECTORY: join(ws, 'project')
    })
    // The inline secrets: a 0600 file under RUNNER_TEMP; only its path is in the job environment.
    const secretsFile = init.env.CICDSTATEMGR_SECRETS_PATH as string
    expect(secretsFile.startsWith(runnerTemp)).toBe(true)
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(secretsFile, 'utf8')).toBe(SECRETS)
    for (const secret of [SLACK_TOKEN, TRIGGER_TOKEN]) expect(published(init)).not.toContain(secret)

    // The runner gives each later step of the job what earlier steps wrote to GITHUB_ENV.
    Object.assign(job, init.env)
    const event = await runActionInProcess(
      'handle-event',
      { event: 'build=success' },
      { workspace: ws, env: job }
    )
    expect(event.commands.filter((c) => c.command === 'error')).toEqual([])
    expect(event.code).toBe(0)
    // Secrets from the file are masked in this step too.
    expect(event.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toEqual(
      expect.arrayContaining([SLACK_TOKEN, TRIGGER_TOKEN])
    )

    const got = await runActionInProcess(
      'get-set',
      { get: 'state.build.artifactName' },
      { workspace: ws, env: job }
    )
    expect(got.code).toBe(0)
    expect(got.outputs.value).toBe('example-app-2.0.0')
    // Stored where init stored it (the project's yamlfile), not in the default GitHub cache store.
    expect(readFileSync(join(ws, 'project/localdata/cicdContextData.yaml'), 'utf8')).toContain(
      'artifactName: example-app-2.0.0'
    )
    for (const r of [event, got])
      for (const secret of [SLACK_TOKEN, TRIGGER_TOKEN]) expect(published(r)).not.toContain(secret)
  })

  it("a later step's own inputs win over what init exported", async () => {
    const ws = checkout()
    const job: Record<string, string> = { RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-temp-')) }
    const init = await runActionInProcess(
      'init',
      {
        'working-directory': 'project',
        config: 'config.yaml',
        'app-config': 'app.yaml',
        'bases-dir': 'bases'
      },
      { workspace: ws, env: job }
    )
    expect(init.code).toBe(0)
    Object.assign(job, init.env)
    cpSync(join(ws, 'project'), join(ws, 'other'), {
      recursive: true,
      filter: (src) => !src.includes('localdata')
    })
    const other = await runActionInProcess(
      'get-set',
      { 'working-directory': 'other', config: 'config.yaml', get: 'state.cicdContextDataId' },
      { workspace: ws, env: job }
    )
    // The other project's store has no such context: the step looked there, as its inputs say.
    expect(other.code).toBe(1)
    expect(other.commands.find((c) => c.command === 'error')?.message).toMatch(/no context data/)
    expect(existsSync(join(ws, 'project/localdata/cicdContextData.yaml'))).toBe(true)
  })

  it('a dry-run init exports nothing', async () => {
    const ws = checkout()
    const r = await runActionInProcess(
      'init',
      {
        'working-directory': 'project',
        config: 'config.yaml',
        'app-config': 'app.yaml',
        'bases-dir': 'bases',
        'dry-run': 'true'
      },
      { workspace: ws }
    )
    expect(r.code).toBe(0)
    expect(r.env).toEqual({})
  })
})
