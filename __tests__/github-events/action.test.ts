import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { runActionInProcess, workspace, type ActionRun } from '../helpers/action-runner.js'
import { put } from '../helpers/cli.js'
import { webhookExample } from '../helpers/webhook-examples.js'

const REPO = 'Codertocat/Hello-World'

const APP = `github-events:
  pull_request:
    - name: check
      if: "{% if event.action == 'opened' %}yes{% endif %}"
      log-to: comment
      status: {context: ci/check}
      handlers:
        shell:
          run: |
            echo "checking $TITLE"
            echo '::set-output name=forged::1'
            echo '::add-mask::nothing'
          env:
            TITLE: "{{ event.pull_request.title }}"
  issue_comment:
    - name: command
      author-association: [OWNER]
      handlers:
        set-values: {set: [{from: "{{ event.comment.body }}", to: state.command}]}
cicd-contexts:
  stage: {}
`

/** The handle-event and init actions with `event: github`, run from the source as the runner would. */
describe("actions with 'event: github' (in process, GitHub REST stand-in)", () => {
  let gh: GithubStandIn
  let events: string
  let n = 0

  beforeAll(async () => {
    gh = await startGithubStandIn()
    events = mkdtempSync(join(tmpdir(), 'gh-action-events-'))
  })
  afterAll(async () => {
    expect(gh.violations).toEqual([])
    await gh.close()
    rmSync(events, { recursive: true, force: true })
  })

  function checkout(): string {
    const ws = workspace()
    put(
      ws,
      '.cicd/config.yaml',
      'cicdstatemgr:\n  datasources:\n    yamlfile: {path: data/ctx.yaml, isPrimary: true}\n'
    )
    put(ws, '.cicd/app.yaml', APP)
    return ws
  }

  function run(
    action: 'init' | 'handle-event',
    eventName: string,
    payload: unknown,
    ws: string,
    env: Record<string, string> = {}
  ): Promise<ActionRun> {
    const file = join(events, `${eventName}-${++n}.json`)
    writeFileSync(file, JSON.stringify(payload))
    return runActionInProcess(
      action,
      {
        config: '.cicd/config.yaml',
        'app-config': '.cicd/app.yaml',
        event: 'github',
        id: `ctx-${n}`,
        'github-token': gh.token
      },
      {
        workspace: ws,
        env: {
          GITHUB_REPOSITORY: REPO,
          GITHUB_EVENT_NAME: eventName,
          GITHUB_EVENT_PATH: file,
          GITHUB_API_URL: gh.url,
          ...env
        }
      }
    )
  }

  it('init runs the matching entry: shell output inert in the log, status and comment on the PR', async () => {
    const payload = webhookExample('pull_request') as {
      number: number
      pull_request: { head: { sha: string }; title: string }
    }
    payload.pull_request.title = '$(touch pwned) `touch pwned`'
    const ws = checkout()
    const r = await run('init', 'pull_request', payload, ws)
    expect(r.code).toBe(0)
    expect(r.outputs.id).toBe(`ctx-${n}`)
    expect(existsSync(join(ws, 'pwned'))).toBe(false)
    // The command's output is in the log, but issues no workflow command.
    expect(r.stdout).toContain('default | ::set-output name=forged::1')
    expect(r.commands.filter((c) => c.command === 'set-output' || c.message === 'nothing')).toEqual(
      []
    )
    expect(r.outputs.forged).toBeUndefined()
    const results = JSON.parse(r.outputs.results as string) as Array<{ handler: string }>
    expect(results.map((o) => o.handler)).toEqual(['commit-status', 'shell', 'commit-status'])
    expect(
      gh.statuses(REPO, payload.pull_request.head.sha).map((s) => [s.context, s.state])
    ).toEqual([
      ['ci/check', 'pending'],
      ['ci/check', 'success']
    ])
    const [comment] = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:ctx-${n}`))
    expect(comment).toMatchObject({ kind: 'issue', issueNumber: payload.number })
    expect(comment?.body).toContain('checking $(touch pwned) `touch pwned`')
    const stored = readFileSync(join(ws, 'data/ctx.yaml'), 'utf8')
    expect(stored).toContain('exitCode: 0')
  })

  it('refuses issue_comment handlers when the run is not on the default branch (nothing stored)', async () => {
    const ws = checkout()
    const r = await run('init', 'issue_comment', webhookExample('issue_comment'), ws, {
      GITHUB_REF: 'refs/pull/1/merge'
    })
    expect(r.code).toBe(1)
    const errors = r.commands.filter((c) => c.command === 'error').map((c) => c.message)
    expect(errors).toEqual([
      "issue_comment: refusing to run handlers: GITHUB_REF 'refs/pull/1/merge' is not the default branch 'master' (the handler file of this event must come from the default branch)"
    ])
    expect(existsSync(join(ws, 'data/ctx.yaml'))).toBe(false)
  })

  it("handle-event needs 'app-config' with 'event: github'", async () => {
    const ws = checkout()
    const file = join(events, 'push.json')
    writeFileSync(file, JSON.stringify(webhookExample('push')))
    const r = await runActionInProcess(
      'handle-event',
      { config: '.cicd/config.yaml', event: 'github', id: 'any' },
      { workspace: ws, env: { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: file } }
    )
    expect(r.code).toBe(1)
    expect(r.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual([
      "input 'app-config' is required with 'event: github'"
    ])
  })
})
