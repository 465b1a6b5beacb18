import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { runAction } from '../helpers/action-runner.js'
import { runCli } from '../helpers/cli.js'

/** The handle-event bundle as the runner runs it: github-token input, GITHUB_API_URL at the stand-in. */
let gh: GithubStandIn
let workspace: string
beforeAll(async () => {
  await ensureBuilt()
  gh = await startGithubStandIn()
  gh.addWorkflow('octo/app', { path: 'deploy.yml', inputs: ['version'] })
  workspace = mkdtempSync(join(tmpdir(), 'gh-action-'))
  writeFileSync(
    join(workspace, 'config.yaml'),
    `cicdstatemgr:\n  datasources:\n    yamlfile: {path: localdata/ctx.yaml, isPrimary: true}\n`
  )
  writeFileSync(
    join(workspace, 'app.yaml'),
    `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          deploy:
            workflow-dispatch:
              workflow: deploy.yml
              inputs: {version: "{{ state.version }}"}
`
  )
  const init = await runCli(
    ['--init-new', 'ctx-a', '--init-app-config-file', 'app.yaml', '--set', 'state.version=3'],
    { cwd: workspace, env: { CICDSTATEMGR_CONFIG_PATH: 'config.yaml' } }
  )
  expect(init.code).toBe(0)
}, BUILD_TIMEOUT)
afterAll(async () => {
  expect(gh.violations).toEqual([])
  await gh.close()
  rmSync(workspace, { recursive: true, force: true })
})

it('handle-event dispatches with the github-token input, which appears in no log, output or summary', async () => {
  const r = await runAction(
    'handle-event',
    {
      id: 'ctx-a',
      event: 'build=deploy',
      config: 'config.yaml',
      'github-token': gh.installationToken
    },
    { workspace, env: { GITHUB_API_URL: gh.url, GITHUB_REF: 'refs/heads/main', RUNNER_DEBUG: '1' } }
  )
  expect([r.code, r.commands.filter((c) => c.command === 'error')]).toEqual([0, []])
  expect(gh.runs).toHaveLength(1)
  expect(String(gh.requests[0]!.headers.authorization)).toBe(`token ${gh.installationToken}`)
  // The runner masks what the action registers with ::add-mask::; everything else must not hold it.
  expect(
    r.commands.some((c) => c.command === 'add-mask' && c.message === gh.installationToken)
  ).toBe(true)
  const rest = r.stdout.replace(`::add-mask::${gh.installationToken}`, '')
  const doc = readFileSync(join(workspace, 'localdata/ctx.yaml'), 'utf8')
  for (const text of [rest, r.stderr, r.summary, JSON.stringify(r.outputs), doc]) {
    expect(text).not.toContain(gh.installationToken)
  }
  expect(r.summary).toContain('workflow-dispatch')
  expect(doc).toContain(`workflow_run_id: ${gh.runs[0]!.id}`)
})
