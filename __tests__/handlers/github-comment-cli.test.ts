import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { put, runCli } from '../helpers/cli.js'
import { webhookExample } from '../helpers/webhook-examples.js'

const APP = `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          progress:
            comment:
              body: "**{{ state.step }}**"
`

/**
 * The CLI in a `run:` step (bundle `dist/cli`, GITHUB_* variables set): the comment handler's fork
 * fallback goes to GITHUB_STEP_SUMMARY as in the actions, and the token appears nowhere.
 */
describe('comment from the CLI', () => {
  let gh: GithubStandIn
  let dir: string
  const FORK_TOKEN = 'ghs_cliForkReadOnlyToken0123456789abcd'

  beforeAll(async () => {
    gh = await startGithubStandIn()
    gh.addToken(FORK_TOKEN, { login: 'github-actions[bot]', type: 'Bot' }, false)
    dir = mkdtempSync(join(tmpdir(), 'comment-cli-'))
    put(
      dir,
      'config.yaml',
      'cicdstatemgr:\n  datasources:\n    yamlfile: {path: ctx.yaml, isPrimary: true}\n'
    )
    put(dir, 'app.yaml', APP)
  })
  afterAll(async () => {
    expect(gh.violations).toEqual([])
    await gh.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a fork pull request: warning on stderr, the section in the job summary, exit 0', async () => {
    const payload = webhookExample('pull_request') as {
      pull_request: { head: { repo: { full_name: string } } }
    }
    payload.pull_request.head.repo.full_name = 'contributor/Hello-World'
    writeFileSync(join(dir, 'event.json'), JSON.stringify(payload))
    writeFileSync(join(dir, 'summary.md'), '')
    const env = {
      CICDSTATEMGR_CONFIG_PATH: 'config.yaml',
      CICDSTATEMGR_INIT_APP_CONFIG_PATH: 'app.yaml',
      GITHUB_TOKEN: FORK_TOKEN,
      GITHUB_API_URL: gh.url,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_JOB: 'cli',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md')
    }
    const init = await runCli(['--init-new', 'cli-1', '--set', 'state.step=from-cli'], {
      cwd: dir,
      env
    })
    expect(init.code).toBe(0)
    const r = await runCli(['--id', 'cli-1', '--handle-event', 'build=progress'], { cwd: dir, env })
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/WARNING comment 'default': the token cannot write to pull request #2/)
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8')
    expect(summary).toContain('#### cli')
    expect(summary).toContain('**from-cli**')
    expect(gh.comments('Codertocat/Hello-World')).toHaveLength(0)
    for (const text of [r.stdout, r.stderr, summary]) expect(text).not.toContain(FORK_TOKEN)
  })
})
