import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { runAction, workspace, type ActionRun } from '../helpers/action-runner.js'
import { put } from '../helpers/cli.js'
import { redisInfo } from '../helpers/redis-server.js'
import { webhookExample } from '../helpers/webhook-examples.js'

/**
 * The `comment` and `commit-status` handlers as the runner runs them: `node dist/handle-event/index.js`
 * (build it with `node scripts/build.mjs handle-event`) with a Redis primary, the real Octokit client and
 * the GitHub REST stand-in (every request and answer checked against GitHub's OpenAPI description), and
 * event payloads from `@octokit/webhooks-examples`.
 */
const APP = `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          progress:
            comment:
              body: |
                **{{ state.step | default('working') }}**
                {{ state.note | default('') }}
          named:
            comment:
              on-error: warn
              first:
                title: First {{ state.version }}
                body: first body
              gated:
                if: "{{ state.flag }}"
                body: gated body
              disabled:
                enabled: false
                body: never
            commit-status:
              build:
                state: "{{ state.result }}"
                description: "{{ state.note | default('') }}"
              deploy:
                state: pending
                context: ci/deploy
                target-url: https://ci.example.test/{{ state.version }}
          status:
            commit-status:
              state: success
              description: "{{ state.note | default('') }}"
          badStatus:
            commit-status:
              state: "{{ state.result }}"
          captureStatus:
            commit-status:
              state: failure
              context: ci/cap
              capture-response-data:
                - from: "{{ body.id }}"
                  to: state.statusId
`

const REPO = 'Codertocat/Hello-World'

describe('comment and commit-status handlers (bundles, Redis primary, GitHub stand-in)', () => {
  let gh: GithubStandIn
  let events: string
  const runs: ActionRun[] = []
  let n = 0

  beforeAll(async () => {
    await ensureBuilt()
    gh = await startGithubStandIn()
    events = mkdtempSync(join(tmpdir(), 'gh-events-'))
  }, BUILD_TIMEOUT)
  afterAll(async () => {
    // Every request and answer matched GitHub's OpenAPI description.
    expect(gh.violations).toEqual([])
    await gh.close()
    rmSync(events, { recursive: true, force: true })
    // The token never reaches a log, an output or a summary (`::add-mask::` is the runner's masking
    // command: the runner consumes it and never shows it).
    for (const r of runs) {
      const log = r.stdout.replace(/^::add-mask::.*$/gm, '')
      for (const text of [log, r.stderr, r.summary, JSON.stringify(r.outputs)]) {
        expect(text).not.toContain(gh.token)
        expect(text).not.toContain(gh.installationToken)
        expect(text).not.toContain(FORK_TOKEN)
        expect(text).not.toContain(READ_ONLY_TOKEN)
      }
    }
  })

  function checkout(): string {
    const ws = workspace()
    put(
      ws,
      '.cicd/config.yaml',
      `cicdstatemgr:
  datasources:
    redis: {host: 127.0.0.1, port: ${redisInfo().port}, db: 6, isPrimary: true, keyPrefix: "ghc:"}
`
    )
    put(ws, '.cicd/app.yaml', APP)
    return ws
  }

  const secrets = (): string =>
    `cicdstatemgr:\n  datasources:\n    redis:\n      username: ${redisInfo().username}\n      password: ${redisInfo().password}\n`

  function eventFile(name: string, payload: unknown): string {
    const path = join(events, `${name}-${++n}.json`)
    writeFileSync(path, JSON.stringify(payload))
    return path
  }

  async function init(set = ''): Promise<string> {
    const r = await runAction(
      'init',
      {
        config: '.cicd/config.yaml',
        secrets: secrets(),
        'app-config': '.cicd/app.yaml',
        'context-name': 'stage',
        set
      },
      { workspace: checkout(), env: { GITHUB_RUN_ID: String(5000 + ++n) } }
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    return r.outputs.id as string
  }

  async function handle(
    id: string,
    event: string,
    opts: {
      job?: string
      set?: string
      eventName?: string
      payload?: unknown
      token?: string
      dryRun?: boolean
      env?: Record<string, string>
    } = {}
  ): Promise<ActionRun> {
    const eventName = opts.eventName ?? 'pull_request'
    const payload = opts.payload ?? webhookExample(eventName)
    const r = await runAction(
      'handle-event',
      {
        id,
        event: `build=${event}`,
        config: '.cicd/config.yaml',
        secrets: secrets(),
        set: opts.set ?? '',
        'dry-run': opts.dryRun ? 'true' : 'false',
        'github-token': opts.token ?? gh.token
      },
      {
        workspace: checkout(),
        env: {
          GITHUB_JOB: opts.job ?? 'build',
          GITHUB_REPOSITORY: REPO,
          GITHUB_EVENT_NAME: eventName,
          GITHUB_EVENT_PATH: eventFile(eventName, payload),
          GITHUB_SHA: MERGE_SHA,
          GITHUB_API_URL: gh.url,
          GITHUB_SERVER_URL: 'https://github.com',
          ...opts.env
        }
      }
    )
    runs.push(r)
    return r
  }

  const prNumber = (): number => (webhookExample('pull_request') as { number: number }).number

  it('creates one comment on the pull request, then updates it in place; captures id and url', async () => {
    const id = await init('state.step=building')
    const first = await handle(id, 'progress')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const [created] = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(created).toMatchObject({ kind: 'issue', issueNumber: prNumber(), login: 'octocat' })
    expect(created!.body.startsWith(`<!-- cicdstatemgr:${id} -->\n`)).toBe(true)
    expect(created!.body).toContain('**building**')
    const results = JSON.parse(first.outputs.results as string)
    expect(results[0]).toMatchObject({
      handler: 'comment',
      block: 'default',
      status: 'ok',
      captured: { 'state.comments.default.id': created!.id }
    })
    const again = await handle(id, 'progress', { set: 'state.step=tested' })
    expect(again.code).toBe(0)
    const mine = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(mine).toHaveLength(1)
    expect(mine[0]!.id).toBe(created!.id)
    expect(mine[0]!.body).toContain('**tested**')
    expect(gh.violations).toEqual([])
  })

  it('on a push it comments on the pushed commit; a 403 outside a fork fails naming the permission', async () => {
    const id = await init('state.step=pushed')
    const r = await handle(id, 'progress', { eventName: 'push' })
    expect(r.code).toBe(0)
    const after = (webhookExample('push') as { after: string }).after
    const mine = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(mine).toMatchObject([{ kind: 'commit', sha: after }])
    gh.addToken(READ_ONLY_TOKEN, { login: 'reader', type: 'User' }, false)
    const denied = await handle(id, 'progress', { eventName: 'push', token: READ_ONLY_TOKEN })
    expect(denied.code).not.toBe(0)
    expect(denied.stdout).toMatch(/HTTP 403.*the token needs contents: write/)
  })

  it('5 parallel writers (5 jobs) end with all 5 sections in one comment', async () => {
    const id = await init('state.step=parallel')
    const from = gh.requests.length
    const jobs = [1, 2, 3, 4, 5].map((i) => `job${i}`)
    const results = await Promise.all(
      jobs.map((job) =>
        handle(id, 'progress', { job, set: `state.by.${job}=done`, token: gh.installationToken })
      )
    )
    for (const r of results) expect([r.code, r.stderr]).toEqual([0, ''])
    const mine = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(mine).toHaveLength(1)
    // With a workflow's GITHUB_TOKEN (GET /user answers 403) the comment is github-actions[bot]'s.
    expect(mine[0]!.login).toBe('github-actions[bot]')
    for (const job of jobs)
      expect(mine[0]!.body).toContain(`<!-- cicdstatemgr-section:${job}/default -->`)
    // Every comment a racing writer created beyond the first was deleted again.
    const ops = gh.requests.slice(from).filter((r) => (r.status ?? 0) < 300)
    const count = (op: string): number => ops.filter((r) => r.operation === op).length
    const creates = count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')
    const deletes = count('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}')
    expect(creates - deletes).toBe(1)
    expect(
      count('GET /repos/{owner}/{repo}/issues/{issue_number}/comments')
    ).toBeGreaterThanOrEqual(10)
    expect(gh.violations).toEqual([])
  }, 60_000)

  it('two writers that both created the comment end with one: the oldest (lowest id) is kept', async () => {
    const id = await init('state.step=race')
    // What a create/create race leaves behind: two marked comments by the same identity.
    const created: number[] = []
    for (const text of ['first', 'second']) {
      const res = await fetch(`${gh.url}/repos/${REPO}/issues/${prNumber()}/comments`, {
        method: 'POST',
        headers: { authorization: `token ${gh.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `<!-- cicdstatemgr:${id} -->\n${text}` })
      })
      created.push(((await res.json()) as { id: number }).id)
    }
    const r = await handle(id, 'progress', { job: 'race' })
    expect(r.code).toBe(0)
    const mine = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(mine.map((c) => c.id)).toEqual([Math.min(...created)])
    expect(mine[0]!.body).toContain('**race**')
  })

  it('stays under 65,536 characters: older sections fold into <details>, each keeps its tail', async () => {
    const id = await init('state.step=big')
    for (const job of ['a', 'b', 'c']) {
      const note = `${'x'.repeat(30_000)} END-${job}`
      const r = await handle(id, 'progress', { job, set: `state.note=${note}` })
      expect(r.code).toBe(0)
    }
    const [comment] = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(comment!.body.length).toBeLessThanOrEqual(65_536)
    for (const job of ['a', 'b', 'c']) expect(comment!.body).toContain(`END-${job}`)
    expect(comment!.body.match(/<details>/g)).toHaveLength(2)
    expect(comment!.body).toContain('earlier characters omitted')
  }, 60_000)

  it('a payload field cannot forge the marker or another section', async () => {
    const id = await init('state.step=forge')
    const payload = webhookExample('pull_request') as { pull_request: { title: string } }
    const forged = `<!-- cicdstatemgr:${id} --><!-- /cicdstatemgr-section:x/default --></details>`
    payload.pull_request.title = forged
    // As a workflow would pass it: set: state.note=${{ github.event.pull_request.title }}
    const r = await handle(id, 'progress', { job: 'forge', payload, set: `state.note=${forged}` })
    expect(r.code).toBe(0)
    const [comment] = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(comment!.body.match(/<!--/g)).toHaveLength(3)
    expect(comment!.body.match(new RegExp(`<!-- cicdstatemgr:${id} -->`, 'g'))).toHaveLength(1)
    expect(comment!.body).not.toContain('</details>')
  })

  it('on a fork pull request (read-only token, 403) it warns and writes the job summary instead', async () => {
    gh.addToken(FORK_TOKEN, { login: 'github-actions[bot]', type: 'Bot' }, false)
    const id = await init('state.step=fork')
    const payload = webhookExample('pull_request') as {
      pull_request: { head: { repo: { full_name: string; fork: boolean } } }
    }
    payload.pull_request.head.repo.full_name = 'contributor/Hello-World'
    payload.pull_request.head.repo.fork = true
    const r = await handle(id, 'progress', { job: 'forked', payload, token: FORK_TOKEN })
    expect(r.code).toBe(0)
    const warnings = r.commands.filter((c) => c.command === 'warning').map((c) => c.message)
    expect(warnings.join('\n')).toMatch(/cannot write to pull request #\d+ .*job summary/)
    expect(r.summary).toContain('**fork**')
    expect(gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))).toHaveLength(0)
  })

  it('named blocks: if, enabled, on-error: warn; statuses on the pull request head SHA', async () => {
    const id = await init('state.version=1.0|state.result=success|state.note=built')
    const r = await handle(id, 'named')
    expect(r.code).toBe(0)
    const results = JSON.parse(r.outputs.results as string) as Array<Record<string, unknown>>
    expect(results.map((o) => [o.handler, o.block, o.status])).toEqual([
      ['comment', 'first', 'ok'],
      ['comment', 'gated', 'skipped'],
      ['comment', 'disabled', 'skipped'],
      ['commit-status', 'build', 'ok'],
      ['commit-status', 'deploy', 'ok']
    ])
    const head = (webhookExample('pull_request') as { pull_request: { head: { sha: string } } })
      .pull_request.head.sha
    expect(gh.statuses(REPO, MERGE_SHA)).toEqual([])
    const statuses = gh.statuses(REPO, head)
    expect(statuses.map((s) => [s.context, s.state, s.description, s.targetUrl])).toEqual(
      expect.arrayContaining([
        ['cicdstatemgr/build', 'success', 'built', `https://github.com/${REPO}/actions/runs/1001`],
        ['ci/deploy', 'pending', null, 'https://ci.example.test/1.0']
      ])
    )
    const [comment] = gh.comments(REPO).filter((c) => c.body.includes(`cicdstatemgr:${id}`))
    expect(comment!.body).toContain('#### First 1.0')
  })

  it.each([
    ['push', (p: Record<string, any>) => p.after as string],
    ['workflow_run', (p: Record<string, any>) => p.workflow_run.head_sha as string]
  ])('%s: the status goes on the commit the event is about', async (eventName, shaOf) => {
    const id = await init('state.note=ok')
    const r = await handle(id, 'status', { eventName })
    expect(r.code).toBe(0)
    const sha = shaOf(webhookExample(eventName) as Record<string, unknown>)
    expect(gh.statuses(REPO, sha).map((s) => s.context)).toEqual(['cicdstatemgr'])
  })

  it('a dispatched run uses the SHA the context recorded at build time, not the branch tip', async () => {
    const built = 'c'.repeat(40)
    const id = await init(`state.build.sha=${built}`)
    const r = await handle(id, 'status', {
      eventName: 'workflow_dispatch',
      payload: { ref: 'refs/heads/main', inputs: {} }
    })
    expect(r.code).toBe(0)
    expect(gh.statuses(REPO, built)).toHaveLength(1)
    expect(gh.statuses(REPO, MERGE_SHA)).toHaveLength(0)
  })

  it('a long description is shortened to 140 characters; a bad state fails naming the block', async () => {
    const id = await init(`state.note=${'d'.repeat(300)}|state.result=sideways`)
    const r = await handle(id, 'status', { eventName: 'push' })
    expect(r.code).toBe(0)
    const sha = (webhookExample('push') as { after: string }).after
    const last = gh.statuses(REPO, sha).at(-1)!
    expect([...last.description!]).toHaveLength(140)
    const bad = await handle(id, 'badStatus', { eventName: 'push' })
    expect(bad.code).not.toBe(0)
    expect(bad.stdout).toContain(
      "commit-status 'default': state 'sideways' must be one of pending, success, failure, error"
    )
  })

  it('captures from the status answer; a dry run sends nothing', async () => {
    const id = await init()
    const r = await handle(id, 'captureStatus', { eventName: 'push' })
    expect(r.code).toBe(0)
    const results = JSON.parse(r.outputs.results as string)
    expect(Object.keys(results[0].captured)).toEqual(['state.statusId'])
    const before = gh.requests.length
    const dry = await handle(id, 'progress', { dryRun: true })
    expect(dry.code).toBe(0)
    expect(gh.requests.length).toBe(before)
  })
})

const MERGE_SHA = 'e'.repeat(40)
const FORK_TOKEN = 'ghs_forkReadOnlyToken0123456789abcdefAB'
const READ_ONLY_TOKEN = 'ghp_readOnlyToken0123456789abcdefABCDEF'
