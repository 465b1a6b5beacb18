import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { createGithubClient, type GithubClient } from '../../src/github/client.js'
import { GithubApiError } from '../../src/github/errors.js'

const repo = { owner: 'octo-org', repo: 'app' }

describe('GitHub client against the REST stand-in (validated against the OpenAPI description)', () => {
  let gh: GithubStandIn
  let client: GithubClient
  const slept: number[] = []
  beforeEach(async () => {
    gh = await startGithubStandIn()
    slept.length = 0
    client = await createGithubClient({
      token: gh.token,
      apiUrl: gh.url,
      clock: { now: () => Date.now(), sleep: (ms) => (slept.push(ms), Promise.resolve()) }
    })
  })
  afterEach(async () => {
    expect(gh.violations).toEqual([])
    await gh.close()
  })

  it('dispatches with run details, lists and gets runs with ETag / 304', async () => {
    gh.addWorkflow('octo-org/app', {
      path: 'deploy.yml',
      runName: 'deploy ${{ inputs.correlation_id }}',
      inputs: ['correlation_id', 'version']
    })
    const res = await client.dispatchWorkflow(repo, {
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: { correlation_id: 'abc', version: '1.2' },
      returnRunDetails: true
    })
    expect(res.status).toBe(200)
    const id = res.details!.workflow_run_id
    expect(res.details!.html_url).toBe(`https://github.com/octo-org/app/actions/runs/${id}`)
    const page = await client.listWorkflowRuns(repo, {
      workflow: 'deploy.yml',
      event: 'workflow_dispatch',
      branch: 'main',
      created: `>=${new Date(Date.now() - 60_000).toISOString()}`
    })
    expect(page.runs.map((r) => r.display_title)).toEqual(['deploy abc'])
    const first = await client.getWorkflowRun(repo, id)
    expect(first.run!.status).toBe('queued')
    const again = await client.getWorkflowRun(repo, id, first.etag)
    expect(again.notModified).toBe(true)
    gh.advanceRun(id, 'completed', 'success')
    const done = await client.getWorkflowRun(repo, id, first.etag)
    expect(done.run!.conclusion).toBe('success')
  })

  it('answers 204 without run details, and 400 to the field in GHES mode', async () => {
    gh.addWorkflow('octo-org/app', { path: 'ci.yml' })
    expect((await client.dispatchWorkflow(repo, { workflow: 'ci.yml', ref: 'main' })).status).toBe(
      204
    )
    gh.ghes = true
    await expect(
      client.dispatchWorkflow(repo, { workflow: 'ci.yml', ref: 'main', returnRunDetails: true })
    ).rejects.toMatchObject({ status: 400 })
  })

  it('rejects undeclared inputs with 422 and paginates runs with Link headers', async () => {
    gh.addWorkflow('octo-org/app', { path: 'ci.yml' })
    await expect(
      client.dispatchWorkflow(repo, { workflow: 'ci.yml', ref: 'main', inputs: { x: '1' } })
    ).rejects.toThrow(/422.*Unexpected inputs/)
    for (let i = 0; i < 5; i++)
      await client.dispatchWorkflow(repo, { workflow: 'ci.yml', ref: 'main' })
    const p1 = await client.listWorkflowRuns(repo, { perPage: 2 })
    const p3 = await client.listWorkflowRuns(repo, { perPage: 2, page: 3 })
    expect([p1.runs.length, p1.hasNext, p1.totalCount, p3.runs.length, p3.hasNext]).toEqual([
      2,
      true,
      5,
      1,
      false
    ])
  })

  it('starts repository_dispatch workflows of matching types on the default branch', async () => {
    gh.addWorkflow('octo-org/app', {
      path: 'a.yml',
      on: ['repository_dispatch'],
      types: ['deploy'],
      runName: 'a ${{ github.event.client_payload.cid }}'
    })
    gh.addWorkflow('octo-org/app', { path: 'b.yml', on: ['repository_dispatch'], types: ['other'] })
    await client.dispatchRepository(repo, {
      eventType: 'deploy',
      clientPayload: { cid: 'x1', n: { a: 1 } }
    })
    expect(gh.runs.map((r) => [r.displayTitle, r.event, r.branch])).toEqual([
      ['a x1', 'repository_dispatch', 'main']
    ])
  })

  it('keeps issue and commit comments per author, statuses, pulls and identity', async () => {
    const bot = await createGithubClient({ token: gh.installationToken, apiUrl: gh.url })
    const c = await bot.createIssueComment(repo, 7, 'hello')
    expect(c.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' })
    await bot.updateIssueComment(repo, c.id, 'hello again')
    for (let i = 0; i < 120; i++) await client.createIssueComment(repo, 7, `n${i}`)
    const all = await client.listIssueComments(repo, 7)
    expect(all).toHaveLength(121)
    expect(all[0]!.body).toBe('hello again')
    await expect(client.updateIssueComment(repo, c.id, 'x')).rejects.toMatchObject({ status: 403 })
    await bot.deleteIssueComment(repo, c.id)
    expect(await client.listIssueComments(repo, 7)).toHaveLength(120)

    const cc = await bot.createCommitComment(repo, 'a'.repeat(40), 'on commit')
    await bot.updateCommitComment(repo, cc.id, 'edited')
    expect((await bot.listCommitComments(repo, 'a'.repeat(40)))[0]!.body).toBe('edited')
    await bot.deleteCommitComment(repo, cc.id)

    await client.createCommitStatus(repo, 'b'.repeat(40), {
      state: 'success',
      context: 'ci/deploy',
      description: 'ok',
      targetUrl: 'https://github.com/octo-org/app/actions/runs/1'
    })
    expect((await client.listCommitStatuses(repo, 'b'.repeat(40)))[0]).toMatchObject({
      state: 'success',
      context: 'ci/deploy'
    })
    gh.addPull('octo-org/app', { number: 7, headSha: 'c'.repeat(40), headRef: 'feature' })
    expect((await client.getPullRequest(repo, 7)).head.sha).toBe('c'.repeat(40))
    expect(await client.identity()).toEqual({ login: 'octocat', type: 'User' })
    expect(await bot.identity()).toEqual({ login: 'github-actions[bot]', type: 'Bot' })
  })

  it('retries a secondary rate limit after Retry-After, never a 5xx POST, and requires a token', async () => {
    gh.addWorkflow('octo-org/app', { path: 'ci.yml' })
    gh.failNext(1, { status: 403, retryAfter: 7, match: /dispatches/ })
    await client.dispatchWorkflow(repo, { workflow: 'ci.yml', ref: 'main' })
    expect(slept).toEqual([7000])
    expect(gh.runs).toHaveLength(1)
    gh.failNext(1, { status: 502, match: /dispatches/ })
    await expect(
      client.dispatchWorkflow(repo, { workflow: 'ci.yml', ref: 'main' })
    ).rejects.toThrow(GithubApiError)
    expect(gh.requests.filter((r) => r.method === 'POST')).toHaveLength(3)
    gh.failNext(2, { status: 503, match: /GET/ })
    expect((await client.listWorkflowRuns(repo)).totalCount).toBe(1)
    const anon = await createGithubClient({ token: 'nope', apiUrl: gh.url })
    await expect(anon.listWorkflowRuns(repo)).rejects.toMatchObject({ status: 401 })
  })
})
