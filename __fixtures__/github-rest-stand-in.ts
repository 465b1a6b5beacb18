/**
 * A stateful stand-in for the GitHub REST API operations the GitHub handlers use: a real node:http server on
 * 127.0.0.1 with an ephemeral port, for the real Octokit client (`GITHUB_API_URL` / `baseUrl` pointed at it).
 *
 *   const gh = await startGithubStandIn()
 *   gh.addWorkflow('o/r', { path: 'deploy.yml', runName: 'deploy ${{ inputs.correlation_id }}',
 *     inputs: ['correlation_id', 'version'] })
 *   ... run the handler with GITHUB_API_URL=gh.url, GITHUB_TOKEN=gh.token ...
 *   expect(gh.violations).toEqual([])
 *   await gh.close()
 *
 * Every request and every response is checked against GitHub's OpenAPI description (the operations in
 * `__fixtures__/github-openapi/operations.json`, extracted from `@octokit/openapi` by
 * `scripts/extract-openapi.mjs`): a request that does not match answers 500 and both land in `violations`,
 * which tests assert empty, so this stand-in cannot drift from the real API.
 *
 * Operations: workflow dispatch (200 with `return_run_details`, else 204; GHES 3.19 mode: 400 on that
 * field), repository dispatch, runs list (global and per workflow; `event`, `branch`, `created` filters,
 * `per_page`/`page` with GitHub's `Link` header), run get (ETag / `If-None-Match` → 304), issue comments
 * and commit comments (list/create/update/delete), commit statuses (create/list), pull get, `GET /user`,
 * the repository events feed (github-events-feed.ts: pages, ETag/304, `X-Poll-Interval`).
 * Authorization is required; each token writes as its registered identity (default user `octocat`;
 * `installationToken` writes as `github-actions[bot]` and gets 403 on `GET /user`, like a GITHUB_TOKEN).
 *
 * GitHub Apps (`addApp`): `GET /repos/{o}/{r}/installation` and
 * `POST /app/installations/{id}/access_tokens` accept only an RS256 JWT the app's private key signed
 * (`iss` = app id, `exp` at most 10 minutes ahead); an installation token is limited to the repositories
 * and permissions it was requested for (another repository → 404, no `actions: write` → 403 on a
 * dispatch), like GitHub's.
 */
import { createHash, createPublicKey, randomUUID, verify as verifySignature } from 'node:crypto'
import * as http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { ArtifactBackend, ArtifactInfo, StandInRunInfo } from './cache-service-stand-in.js'
import { EventsFeed, type FeedEventSpec } from './github-events-feed.js'
import { validatorFor, type OperationValidator } from './github-openapi/validate.js'

export interface GithubRecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  json?: unknown
  /** The OpenAPI operation it matched, e.g. `POST /repos/{owner}/{repo}/dispatches`. */
  operation?: string
  status?: number
}

export interface RegisteredWorkflow {
  /** File name under .github/workflows, e.g. `deploy.yml`. */
  path: string
  name?: string
  /** `run-name:` with `${{ inputs.x }}` / `${{ github.event.client_payload.x }}` expressions. */
  runName?: string
  /** Declared workflow_dispatch inputs; anything else → 422 "Unexpected inputs provided". */
  inputs?: string[]
  /** Triggers (default `['workflow_dispatch']`). */
  on?: Array<'workflow_dispatch' | 'repository_dispatch'>
  /** repository_dispatch `types:` (default: any). */
  types?: string[]
}

export interface StandInRun {
  id: number
  repo: string
  workflowId: number
  event: string
  branch: string
  sha: string
  displayTitle: string
  status: string
  conclusion: string | null
  createdAt: string
  updatedAt: string
  runNumber: number
  inputs?: Record<string, string>
  clientPayload?: unknown
}

interface StoredComment {
  id: number
  repo: string
  kind: 'issue' | 'commit'
  issueNumber?: number
  sha?: string
  body: string
  login: string
  type: string
  createdAt: string
  updatedAt: string
}

interface StoredStatus {
  id: number
  repo: string
  sha: string
  state: string
  context: string
  description: string | null
  targetUrl: string | null
  login: string
  type: string
  createdAt: string
}

export interface FailureSpec {
  status: number
  /** Seconds for `Retry-After` (403 secondary rate limit, 429). */
  retryAfter?: number
  message?: string
  /** Only requests whose `METHOD path` matches (default: any). */
  match?: RegExp
  /** Perform the request, then answer the failure (GitHub acted but the answer was lost). */
  afterActing?: boolean
}

export interface StandInApp {
  appId: number
  slug: string
  /** PEM (SPKI or PKCS#1) of the app's key pair. */
  publicKey: string
  /** `owner/repo` → installation id. */
  installations: Record<string, number>
  /** Permissions the installation was granted (default `{ actions: 'write', metadata: 'read' }`). */
  permissions?: Record<string, string>
}

export interface IssuedToken {
  token: string
  installationId: number
  repositories?: string[]
  permissions?: Record<string, string>
}

/** A review recorded through `POST /repos/{o}/{r}/actions/runs/{id}/deployment_protection_rule`. */
export interface StandInReview {
  repo: string
  runId: number
  environment: string
  state?: string
  comment?: string
  /** Who answered (the token's login). */
  by: string
}

export interface GithubStandIn {
  url: string
  /** A token that writes as user `octocat`. */
  token: string
  /** A token that writes as `github-actions[bot]` (an installation token, like GITHUB_TOKEN). */
  installationToken: string
  requests: GithubRecordedRequest[]
  /** OpenAPI violations of requests and responses; tests assert this is empty. */
  violations: string[]
  runs: StandInRun[]
  /** Answer like GitHub Enterprise Server 3.19: no `return_run_details` (400), dispatch → 204. */
  ghes: boolean
  /** The stand-in's clock (ISO times of created runs, comments); default real time. */
  now: () => number
  addToken(
    token: string,
    identity: { login: string; type: 'User' | 'Bot' },
    canWrite?: boolean
  ): void
  addWorkflow(repo: string, workflow: RegisteredWorkflow): number
  addApp(app: StandInApp): void
  /** Installation tokens issued through `POST /app/installations/{id}/access_tokens`. */
  issuedTokens: IssuedToken[]
  /** Deployment protection rule reviews; a second one for the same run and environment gets 422. */
  reviews: StandInReview[]
  setDefaultBranch(repo: string, branch: string): void
  addPull(
    repo: string,
    pull: { number: number; headSha: string; headRef: string; baseRef?: string; headRepo?: string }
  ): void
  /** Sets a run's status/conclusion (changes its ETag). */
  advanceRun(runId: number, status: string, conclusion?: string | null): void
  /** The next `n` matching requests fail as specified. */
  failNext(n: number, spec: FailureSpec): void
  /** Runs created by dispatches are hidden from lists for the next `n` list calls (GitHub's lag). */
  hideNewRunsFor(n: number): void
  /** Dispatches create no run at all (a workflow that never starts). */
  createRuns: boolean
  comments(repo: string): StoredComment[]
  statuses(repo: string, sha: string): StoredStatus[]
  /** Adds an event to the repository's events feed (built from GitHub's example); returns its id. */
  addEvent(repo: string, spec: FeedEventSpec): string
  /** The events feed (`pollInterval` sets `X-Poll-Interval`). */
  feed: EventsFeed
  close(): Promise<void>
}

interface Route {
  method: string
  pattern: RegExp
  operation: string
  /** Authenticated as a GitHub App (JWT), not with a token. */
  appJwt?: boolean
  handle: (m: RegExpExecArray, req: Incoming) => Reply
}

interface Incoming {
  query: Record<string, string>
  json: unknown
  headers: http.IncomingHttpHeaders
  identity: Identity
  path: string
}

interface Identity {
  login: string
  type: string
  canWrite: boolean
  /** An installation token's repositories (`owner/repo`) and permissions, when it was scoped. */
  repos?: string[]
  permissions?: Record<string, string>
  /** The app a JWT was signed by. */
  app?: StandInApp
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

const error = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: {
    message,
    documentation_url: 'https://docs.github.com/rest',
    status: String(status),
    ...extra
  }
})

export async function startGithubStandIn(
  options: {
    validator?: OperationValidator | null
    /**
     * The cache/artifact stand-in's artifacts (`cacheService.artifactBackend`): artifact list, download
     * and delete operations then serve what runs uploaded through Twirp. All belong to every repo.
     */
    artifacts?: ArtifactBackend
  } = {}
): Promise<GithubStandIn> {
  const validator = options.validator === undefined ? await validatorFor() : options.validator
  // In GHES mode, the operations GHES 3.19 describes differently are checked against its description.
  const ghesValidator =
    options.validator === undefined ? await validatorFor('ghes-3.19') : options.validator
  const tokens = new Map<string, Identity>()
  const workflows = new Map<string, Array<RegisteredWorkflow & { id: number }>>()
  const defaultBranch = new Map<string, string>()
  const pulls = new Map<
    string,
    { number: number; headSha: string; headRef: string; baseRef: string; headRepo: string }
  >()
  const comments: StoredComment[] = []
  const statuses: StoredStatus[] = []
  const failures: Array<FailureSpec & { left: number }> = []
  const apps = new Map<string, StandInApp>()
  let hideLists = 0
  let hiddenFrom = Infinity
  let nextId = 1000
  const sockets = new Set<Socket>()

  const iso = (): string => new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const branchOf = (repo: string): string => defaultBranch.get(repo) ?? 'main'
  const sha = (seed: string): string => createHash('sha1').update(seed).digest('hex')

  const state: GithubStandIn = {
    url: '',
    token: 'ghp_standInUserToken0123456789abcdefABCD',
    installationToken: 'ghs_standInInstallationToken0123456789ab',
    requests: [],
    violations: [],
    runs: [],
    ghes: false,
    createRuns: true,
    now: () => Date.now(),
    addToken(token, identity, canWrite = true) {
      tokens.set(token, { ...identity, canWrite })
    },
    issuedTokens: [],
    reviews: [],
    addApp(app) {
      apps.set(String(app.appId), app)
    },
    addWorkflow(repo, workflow) {
      const list = workflows.get(repo) ?? []
      const id = nextId++
      list.push({ ...workflow, id })
      workflows.set(repo, list)
      return id
    },
    setDefaultBranch(repo, branch) {
      defaultBranch.set(repo, branch)
    },
    addPull(repo, pull) {
      pulls.set(`${repo}#${pull.number}`, {
        baseRef: 'main',
        headRepo: repo,
        ...pull
      })
    },
    advanceRun(runId, status, conclusion = null) {
      const run = state.runs.find((r) => r.id === runId)
      if (!run) throw new Error(`stand-in: no run ${runId}`)
      run.status = status
      run.conclusion = conclusion
      run.updatedAt = iso()
    },
    failNext(n, spec) {
      failures.push({ ...spec, left: n })
    },
    hideNewRunsFor(n) {
      hideLists = n
      hiddenFrom = state.runs.length
    },
    comments: (repo) => comments.filter((c) => c.repo === repo),
    statuses: (repo, s) => statuses.filter((c) => c.repo === repo && c.sha === s),
    addEvent: (repo, spec) => state.feed.add(repo, spec),
    feed: new EventsFeed(() => iso()),
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
  state.addToken(state.token, { login: 'octocat', type: 'User' })
  state.addToken(state.installationToken, { login: 'github-actions[bot]', type: 'Bot' })

  const repoUrl = (repo: string): string => `${state.url}/repos/${repo}`
  const htmlRepo = (repo: string): string => `https://github.com/${repo}`

  function findWorkflow(
    repo: string,
    id: string
  ): (RegisteredWorkflow & { id: number }) | undefined {
    return (workflows.get(repo) ?? []).find(
      (w) => String(w.id) === id || w.path === id || w.path === `.github/workflows/${id}`
    )
  }

  function startRun(
    repo: string,
    wf: RegisteredWorkflow & { id: number },
    event: string,
    branch: string,
    context: { inputs?: Record<string, string>; clientPayload?: unknown }
  ): StandInRun | undefined {
    if (!state.createRuns) return undefined
    const title = renderRunName(wf, context)
    const run: StandInRun = {
      id: nextId++,
      repo,
      workflowId: wf.id,
      event,
      branch,
      sha: sha(`${repo}@${branch}`),
      displayTitle: title,
      status: 'queued',
      conclusion: null,
      createdAt: iso(),
      updatedAt: iso(),
      runNumber: state.runs.filter((r) => r.workflowId === wf.id).length + 1,
      ...(context.inputs ? { inputs: context.inputs } : {}),
      ...(context.clientPayload === undefined ? {} : { clientPayload: context.clientPayload })
    }
    state.runs.push(run)
    return run
  }

  function runJson(run: StandInRun): Record<string, unknown> {
    const wf = (workflows.get(run.repo) ?? []).find((w) => w.id === run.workflowId)
    const base = `${repoUrl(run.repo)}/actions/runs/${run.id}`
    const [owner = '', name = ''] = run.repo.split('/')
    return {
      id: run.id,
      name: wf?.name ?? wf?.path ?? null,
      node_id: `WFR_${run.id}`,
      check_suite_id: run.id + 1,
      check_suite_node_id: `CS_${run.id}`,
      head_branch: run.branch,
      head_sha: run.sha,
      path: `.github/workflows/${wf?.path ?? 'unknown.yml'}`,
      run_number: run.runNumber,
      run_attempt: 1,
      event: run.event,
      display_title: run.displayTitle,
      status: run.status,
      conclusion: run.conclusion,
      workflow_id: run.workflowId,
      url: base,
      html_url: `${htmlRepo(run.repo)}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: run.createdAt,
      updated_at: run.updatedAt,
      run_started_at: run.createdAt,
      jobs_url: `${base}/jobs`,
      logs_url: `${base}/logs`,
      check_suite_url: `${repoUrl(run.repo)}/check-suites/${run.id + 1}`,
      artifacts_url: `${base}/artifacts`,
      cancel_url: `${base}/cancel`,
      rerun_url: `${base}/rerun`,
      previous_attempt_url: null,
      workflow_url: `${repoUrl(run.repo)}/actions/workflows/${run.workflowId}`,
      head_commit: {
        id: run.sha,
        tree_id: sha(`tree ${run.sha}`),
        message: 'stand-in commit',
        timestamp: run.createdAt,
        author: { name: 'Octo Cat', email: 'octocat@example.com' },
        committer: { name: 'Octo Cat', email: 'octocat@example.com' }
      },
      repository: minimalRepository(run.repo, owner, name),
      head_repository: minimalRepository(run.repo, owner, name)
    }
  }

  function minimalRepository(full: string, owner: string, name: string): Record<string, unknown> {
    const api = repoUrl(full)
    const ownerUser = simpleUser(owner, 'Organization')
    const urls = Object.fromEntries(
      [
        'archive',
        'assignees',
        'blobs',
        'branches',
        'collaborators',
        'comments',
        'commits',
        'compare',
        'contents',
        'contributors',
        'deployments',
        'downloads',
        'events',
        'forks',
        'git_commits',
        'git_refs',
        'git_tags',
        'hooks',
        'issue_comment',
        'issue_events',
        'issues',
        'keys',
        'labels',
        'languages',
        'merges',
        'milestones',
        'notifications',
        'pulls',
        'releases',
        'stargazers',
        'statuses',
        'subscribers',
        'subscription',
        'tags',
        'teams',
        'trees'
      ].map((k) => [`${k}_url`, `${api}/${k}`])
    )
    return {
      id: 1296269,
      node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
      name,
      full_name: full,
      owner: ownerUser,
      private: false,
      html_url: htmlRepo(full),
      description: null,
      fork: false,
      url: api,
      ...urls,
      git_url: `git://github.com/${full}.git`,
      ssh_url: `git@github.com:${full}.git`,
      clone_url: `${htmlRepo(full)}.git`,
      hooks_url: `${api}/hooks`
    }
  }

  function simpleUser(login: string, type: string): Record<string, unknown> {
    const api = `${state.url}/users/${encodeURIComponent(login)}`
    // An app's bot (`github-actions[bot]`) has its page under /apps/ (brackets are not valid in a URI).
    const bot = /^(.+)\[bot\]$/.exec(login)?.[1]
    return {
      login,
      id: Math.abs(hashInt(login)),
      node_id: `U_${login}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${Math.abs(hashInt(login))}`,
      gravatar_id: '',
      url: api,
      html_url: bot ? `https://github.com/apps/${bot}` : `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      site_admin: false
    }
  }

  function commentJson(c: StoredComment): Record<string, unknown> {
    const common = {
      id: c.id,
      node_id: `IC_${c.id}`,
      body: c.body,
      user: simpleUser(c.login, c.type),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: 'OWNER'
    }
    if (c.kind === 'issue') {
      return {
        ...common,
        url: `${repoUrl(c.repo)}/issues/comments/${c.id}`,
        html_url: `${htmlRepo(c.repo)}/issues/${c.issueNumber}#issuecomment-${c.id}`,
        issue_url: `${repoUrl(c.repo)}/issues/${c.issueNumber}`
      }
    }
    return {
      ...common,
      url: `${repoUrl(c.repo)}/comments/${c.id}`,
      html_url: `${htmlRepo(c.repo)}/commit/${c.sha}#commitcomment-${c.id}`,
      path: null,
      position: null,
      line: null,
      commit_id: c.sha
    }
  }

  function statusJson(s: StoredStatus): Record<string, unknown> {
    return {
      url: `${repoUrl(s.repo)}/statuses/${s.sha}`,
      avatar_url: null,
      id: s.id,
      node_id: `SC_${s.id}`,
      state: s.state,
      description: s.description,
      target_url: s.targetUrl,
      context: s.context,
      created_at: s.createdAt,
      updated_at: s.createdAt,
      creator: simpleUser(s.login, s.type)
    }
  }

  /** A page of `items` with GitHub's `Link` header. */
  function paginate<T>(items: T[], req: Incoming): { page: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(req.query.per_page ?? 30) || 30))
    const page = Math.max(1, Number(req.query.page ?? 1) || 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (p: number, rel: string): string => {
      const q = new URLSearchParams({ ...req.query, per_page: String(perPage), page: String(p) })
      return `<${state.url}${req.path}?${q.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'))
    return {
      page: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : {}
    }
  }

  function listRuns(repo: string, req: Incoming, workflowId?: number): Reply {
    if (hideLists > 0) hideLists--
    const visible =
      hideLists > 0 || hiddenFrom !== Infinity
        ? state.runs.slice(0, hideLists > 0 ? hiddenFrom : undefined)
        : state.runs
    if (hideLists === 0) hiddenFrom = Infinity
    const matching = visible
      .filter((r) => r.repo === repo)
      .filter((r) => workflowId === undefined || r.workflowId === workflowId)
      .filter((r) => !req.query.event || r.event === req.query.event)
      .filter((r) => !req.query.branch || r.branch === req.query.branch)
      .filter(
        (r) =>
          !req.query.status || r.status === req.query.status || r.conclusion === req.query.status
      )
      .filter((r) => !req.query.created || createdMatches(r.createdAt, req.query.created))
      .sort((a, b) => b.id - a.id)
    const { page, headers } = paginate(matching, req)
    return {
      status: 200,
      headers,
      body: { total_count: matching.length, workflow_runs: page.map(runJson) }
    }
  }

  function artifactJson(
    repo: string,
    a: ArtifactInfo & { run: StandInRunInfo | undefined }
  ): Record<string, unknown> {
    const api = `${repoUrl(repo)}/actions/artifacts/${a.id}`
    return {
      id: a.id,
      node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
      name: a.name,
      size_in_bytes: a.size,
      url: api,
      archive_download_url: `${api}/zip`,
      expired: a.expired,
      created_at: a.createdAt.replace(/\.\d{3}Z$/, 'Z'),
      expires_at: (a.expiresAt ?? '2099-01-01T00:00:00Z').replace(/\.\d{3}Z$/, 'Z'),
      updated_at: a.createdAt.replace(/\.\d{3}Z$/, 'Z'),
      ...(a.digest ? { digest: a.digest } : {}),
      workflow_run: a.run
        ? {
            id: a.run.id,
            repository_id: 1296269,
            head_repository_id: a.run.headRepositoryId,
            head_branch: a.run.headBranch,
            head_sha: a.run.headSha
          }
        : null
    }
  }

  /** Artifacts newest first (GitHub's order), optionally of one run and one exact name. */
  function listArtifacts(repo: string, req: Incoming, runId?: number): Reply {
    const backend = options.artifacts
    if (!backend) return error(404, 'Not Found')
    const matching = backend
      .list()
      .filter((a) => runId === undefined || a.run?.id === runId)
      .filter((a) => req.query.name === undefined || a.name === req.query.name)
      .sort((a, b) => b.id - a.id)
    const { page, headers } = paginate(matching, req)
    return {
      status: 200,
      headers,
      body: { total_count: matching.length, artifacts: page.map((a) => artifactJson(repo, a)) }
    }
  }

  const artifactRoutes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts$/,
      operation: 'GET /repos/{owner}/{repo}/actions/artifacts',
      handle: (m, req) => listArtifacts(m[1]!, req)
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/artifacts$/,
      operation: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
      handle: (m, req) => listArtifacts(m[1]!, req, Number(m[2]))
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts\/(\d+)\/([^/]+)$/,
      operation: 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
      handle: (m) => {
        const found = options.artifacts?.list().find((a) => a.id === Number(m[2]))
        if (!found || m[3] !== 'zip') return error(404, 'Not Found')
        if (found.expired) return error(410, 'Artifact has expired')
        return { status: 302, headers: { location: options.artifacts!.downloadUrl(found.id) } }
      }
    },
    {
      method: 'DELETE',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts\/(\d+)$/,
      operation: 'DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
      handle: (m, req) => {
        if (!req.identity.canWrite) return error(403, 'Resource not accessible by integration')
        return options.artifacts?.remove(Number(m[2])) ? { status: 204 } : error(404, 'Not Found')
      }
    }
  ]

  const inScope = (id: Identity, repo: string): boolean => !id.repos || id.repos.includes(repo)
  const mayDispatch = (id: Identity): boolean =>
    !id.permissions || id.permissions.actions === 'write'

  const appRoutes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/installation$/,
      operation: 'GET /repos/{owner}/{repo}/installation',
      appJwt: true,
      handle: (m, req) => {
        const app = req.identity.app!
        const id = app.installations[m[1]!]
        return id === undefined
          ? error(404, 'Not Found')
          : { status: 200, body: installationJson(app, id, m[1]!.split('/')[0]!) }
      }
    },
    {
      method: 'POST',
      pattern: /^\/app\/installations\/(\d+)\/access_tokens$/,
      operation: 'POST /app/installations/{installation_id}/access_tokens',
      appJwt: true,
      handle: (m, req) => issueToken(req.identity.app!, Number(m[1]), req.json)
    }
  ]

  function installationJson(app: StandInApp, id: number, owner: string): Record<string, unknown> {
    const api = state.url
    return {
      id,
      account: simpleUser(owner, 'Organization'),
      repository_selection: 'selected',
      access_tokens_url: `${api}/app/installations/${id}/access_tokens`,
      repositories_url: `${api}/installation/repositories`,
      html_url: `https://github.com/organizations/${owner}/settings/installations/${id}`,
      app_id: app.appId,
      app_slug: app.slug,
      target_id: Math.abs(hashInt(owner)),
      target_type: 'Organization',
      permissions: app.permissions ?? { actions: 'write', metadata: 'read' },
      events: [],
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      single_file_name: null,
      suspended_by: null,
      suspended_at: null
    }
  }

  function issueToken(app: StandInApp, installationId: number, json: unknown): Reply {
    const owned = Object.entries(app.installations).filter(([, id]) => id === installationId)
    if (owned.length === 0) return error(404, 'Not Found')
    const body = (json ?? {}) as { repositories?: string[]; permissions?: Record<string, string> }
    const granted = app.permissions ?? { actions: 'write', metadata: 'read' }
    const owner = owned[0]![0].split('/')[0]!
    const repos = body.repositories?.map((r) => `${owner}/${r}`)
    if (repos?.some((r) => !owned.some(([full]) => full === r))) {
      return error(
        422,
        'There is at least one repository that does not exist or is not accessible to the parent installation.'
      )
    }
    const rank = { read: 1, write: 2, admin: 3 } as Record<string, number>
    for (const [k, v] of Object.entries(body.permissions ?? {})) {
      if ((rank[granted[k] ?? ''] ?? 0) < (rank[v] ?? 9)) {
        return error(422, `The permissions requested are not granted to this installation.`)
      }
    }
    const token = `ghs_${randomUUID().replace(/-/g, '')}`
    const permissions = body.permissions ?? granted
    tokens.set(token, {
      login: `${app.slug}[bot]`,
      type: 'Bot',
      canWrite: true,
      ...(repos ? { repos } : {}),
      permissions
    })
    state.issuedTokens.push({
      token,
      installationId,
      ...(body.repositories ? { repositories: body.repositories } : {}),
      ...(body.permissions ? { permissions: body.permissions } : {})
    })
    const expires = new Date(state.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    return {
      status: 201,
      body: {
        token,
        expires_at: expires,
        permissions,
        repository_selection: 'selected',
        ...(repos
          ? {
              repositories: repos.map((full) => {
                const [o = '', n = ''] = full.split('/')
                return { ...minimalRepository(full, o, n), ...fullRepoExtras() }
              })
            }
          : {})
      }
    }
  }

  /** The app whose key signed `jwt` (RS256, `iss` = app id, not expired, at most 10 minutes long). */
  function appFromJwt(jwt: string): StandInApp | undefined {
    const [head, payload, sig] = jwt.split('.')
    if (!head || !payload || !sig) return undefined
    let claims: { iss?: unknown; exp?: unknown; iat?: unknown }
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims
    } catch {
      return undefined
    }
    const app = apps.get(String(claims.iss))
    if (!app) return undefined
    const ok = verifySignature(
      'RSA-SHA256',
      Buffer.from(`${head}.${payload}`),
      createPublicKey(app.publicKey),
      Buffer.from(sig, 'base64url')
    )
    const now = state.now() / 1000
    const exp = Number(claims.exp)
    return ok && exp > now && exp - now <= 600 + 60 ? app : undefined
  }

  const reviewRoutes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule$/,
      operation: 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule',
      handle: (m, req) => {
        const repo = m[1]!
        const runId = Number(m[2])
        if (!inScope(req.identity, repo)) return error(404, 'Not Found')
        const perms = req.identity.permissions
        if (!req.identity.canWrite || (perms && perms.deployments !== 'write')) {
          return error(403, 'Resource not accessible by integration')
        }
        const body = req.json as { environment_name: string; state?: string; comment?: string }
        if (
          state.reviews.some(
            (r) => r.repo === repo && r.runId === runId && r.environment === body.environment_name
          )
        ) {
          return error(422, 'No pending deployment requests to approve or reject')
        }
        state.reviews.push({
          repo,
          runId,
          environment: body.environment_name,
          ...(body.state ? { state: body.state } : {}),
          ...(body.comment ? { comment: body.comment } : {}),
          by: req.identity.login
        })
        return { status: 204 }
      }
    }
  ]

  const routes: Route[] = [
    ...artifactRoutes,
    ...appRoutes,
    ...reviewRoutes,
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/,
      operation: 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      handle: (m, req) => {
        const repo = m[1]!
        const wf = findWorkflow(repo, decodeURIComponent(m[2]!))
        const body = (req.json ?? {}) as {
          ref?: string
          inputs?: Record<string, string>
          return_run_details?: boolean
        }
        if (state.ghes && 'return_run_details' in body) {
          // GHES ≤ 3.20 rejects the field (cli/cli #12672); its schema alone would not (no additionalProperties).
          return error(400, 'Invalid request.\n\n"return_run_details" is not a permitted key.')
        }
        if (!wf || !inScope(req.identity, repo)) return error(404, 'Not Found')
        if (!req.identity.canWrite || !mayDispatch(req.identity)) {
          return error(403, 'Resource not accessible by integration')
        }
        if (!(wf.on ?? ['workflow_dispatch']).includes('workflow_dispatch')) {
          return error(422, "Workflow does not have 'workflow_dispatch' trigger")
        }
        const unexpected = Object.keys(body.inputs ?? {}).filter(
          (k) => !(wf.inputs ?? []).includes(k)
        )
        if (unexpected.length) {
          return error(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`)
        }
        const branch = String(body.ref ?? '').replace(/^refs\/heads\//, '')
        const run = startRun(repo, wf, 'workflow_dispatch', branch, { inputs: body.inputs ?? {} })
        if (body.return_run_details === true && run) {
          return {
            status: 200,
            body: {
              workflow_run_id: run.id,
              run_url: `${repoUrl(repo)}/actions/runs/${run.id}`,
              html_url: `${htmlRepo(repo)}/actions/runs/${run.id}`
            }
          }
        }
        return { status: 204 }
      }
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/dispatches$/,
      operation: 'POST /repos/{owner}/{repo}/dispatches',
      handle: (m, req) => {
        const repo = m[1]!
        if (!req.identity.canWrite) return error(403, 'Resource not accessible by integration')
        const body = (req.json ?? {}) as {
          event_type?: string
          client_payload?: Record<string, unknown>
        }
        if (Object.keys(body.client_payload ?? {}).length > 10) {
          return error(422, 'No more than 10 properties are allowed; 11 were supplied.')
        }
        for (const wf of workflows.get(repo) ?? []) {
          if (!(wf.on ?? []).includes('repository_dispatch')) continue
          if (wf.types && !wf.types.includes(String(body.event_type))) continue
          startRun(repo, wf, 'repository_dispatch', branchOf(repo), {
            clientPayload: body.client_payload ?? {}
          })
        }
        return { status: 204 }
      }
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/runs$/,
      operation: 'GET /repos/{owner}/{repo}/actions/runs',
      handle: (m, req) => listRuns(m[1]!, req)
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/workflows\/([^/]+)\/runs$/,
      operation: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      handle: (m, req) => {
        const wf = findWorkflow(m[1]!, decodeURIComponent(m[2]!))
        return wf ? listRuns(m[1]!, req, wf.id) : error(404, 'Not Found')
      }
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)$/,
      operation: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      handle: (m, req) => {
        const run = state.runs.find((r) => r.repo === m[1] && r.id === Number(m[2]))
        if (!run) return error(404, 'Not Found')
        const body = runJson(run)
        const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`
        if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag } }
        return { status: 200, body, headers: { etag } }
      }
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/,
      operation: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      handle: (m, req) => {
        const list = comments.filter(
          (c) => c.repo === m[1] && c.kind === 'issue' && c.issueNumber === Number(m[2])
        )
        const { page, headers } = paginate(list, req)
        return { status: 200, headers, body: page.map(commentJson) }
      }
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/,
      operation: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      handle: (m, req) => {
        const body = (req.json ?? {}) as { body?: string }
        const invalid = writeCheck(req, body.body)
        if (invalid) return invalid
        const c = newComment(m[1]!, 'issue', req, String(body.body), { issueNumber: Number(m[2]) })
        return {
          status: 201,
          body: commentJson(c),
          headers: { location: String(commentJson(c).url) }
        }
      }
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/,
      operation: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      handle: (m, req) => updateComment(m[1]!, 'issue', Number(m[2]), req)
    },
    {
      method: 'DELETE',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/,
      operation: 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
      handle: (m, req) => deleteComment(m[1]!, 'issue', Number(m[2]), req)
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)\/comments$/,
      operation: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/comments',
      handle: (m, req) => {
        const list = comments.filter(
          (c) => c.repo === m[1] && c.kind === 'commit' && c.sha === m[2]
        )
        const { page, headers } = paginate(list, req)
        return { status: 200, headers, body: page.map(commentJson) }
      }
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)\/comments$/,
      operation: 'POST /repos/{owner}/{repo}/commits/{commit_sha}/comments',
      handle: (m, req) => {
        const body = (req.json ?? {}) as { body?: string }
        const invalid = writeCheck(req, body.body)
        if (invalid) return invalid
        const c = newComment(m[1]!, 'commit', req, String(body.body), { sha: m[2]! })
        return {
          status: 201,
          body: commentJson(c),
          headers: { location: String(commentJson(c).url) }
        }
      }
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/comments\/(\d+)$/,
      operation: 'PATCH /repos/{owner}/{repo}/comments/{comment_id}',
      handle: (m, req) => updateComment(m[1]!, 'commit', Number(m[2]), req)
    },
    {
      method: 'DELETE',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/comments\/(\d+)$/,
      operation: 'DELETE /repos/{owner}/{repo}/comments/{comment_id}',
      handle: (m, req) => deleteComment(m[1]!, 'commit', Number(m[2]), req)
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/statuses\/([^/]+)$/,
      operation: 'POST /repos/{owner}/{repo}/statuses/{sha}',
      handle: (m, req) => {
        if (!req.identity.canWrite) return error(403, 'Resource not accessible by integration')
        const body = (req.json ?? {}) as {
          state?: string
          context?: string
          description?: string
          target_url?: string
        }
        if ((body.description ?? '').length > 140) {
          return error(422, 'Validation Failed', {
            errors: [
              {
                resource: 'Status',
                code: 'custom',
                field: 'description',
                message: 'description is too long (maximum is 140 characters)'
              }
            ]
          })
        }
        const s: StoredStatus = {
          id: nextId++,
          repo: m[1]!,
          sha: m[2]!,
          state: String(body.state),
          context: body.context ?? 'default',
          description: body.description ?? null,
          targetUrl: body.target_url ?? null,
          login: req.identity.login,
          type: req.identity.type,
          createdAt: iso()
        }
        statuses.push(s)
        return {
          status: 201,
          body: statusJson(s),
          headers: { location: String(statusJson(s).url) }
        }
      }
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)\/statuses$/,
      operation: 'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
      handle: (m, req) => {
        const list = statuses.filter((s) => s.repo === m[1] && s.sha === m[2]).reverse()
        const { page, headers } = paginate(list, req)
        return { status: 200, headers, body: page.map(statusJson) }
      }
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/,
      operation: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      handle: (m) => {
        const pull = pulls.get(`${m[1]}#${m[2]}`)
        return pull ? { status: 200, body: pullJson(m[1]!, pull) } : error(404, 'Not Found')
      }
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+\/[^/]+)\/events$/,
      operation: 'GET /repos/{owner}/{repo}/events',
      handle: (m, req) => {
        const { page, headers } = paginate(state.feed.listed(m[1]!), req)
        const inm = req.headers['if-none-match']
        return state.feed.page(page, typeof inm === 'string' ? inm : undefined, headers)
      }
    },
    {
      method: 'GET',
      pattern: /^\/user$/,
      operation: 'GET /user',
      handle: (_m, req) =>
        req.identity.type === 'Bot'
          ? error(403, 'Resource not accessible by integration')
          : { status: 200, body: privateUser(req.identity.login) }
    }
  ]

  function writeCheck(req: Incoming, body: string | undefined): Reply | undefined {
    if (!req.identity.canWrite) return error(403, 'Resource not accessible by integration')
    if ((body ?? '').length > 65536) {
      return error(422, 'Validation Failed', {
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)'
          }
        ]
      })
    }
    return undefined
  }

  function newComment(
    repo: string,
    kind: 'issue' | 'commit',
    req: Incoming,
    body: string,
    where: { issueNumber?: number; sha?: string }
  ): StoredComment {
    const c: StoredComment = {
      id: nextId++,
      repo,
      kind,
      ...where,
      body,
      login: req.identity.login,
      type: req.identity.type,
      createdAt: iso(),
      updatedAt: iso()
    }
    comments.push(c)
    return c
  }

  function updateComment(repo: string, kind: 'issue' | 'commit', id: number, req: Incoming): Reply {
    const c = comments.find((x) => x.repo === repo && x.kind === kind && x.id === id)
    if (!c) return error(404, 'Not Found')
    const body = (req.json ?? {}) as { body?: string }
    const invalid = writeCheck(req, body.body)
    if (invalid) return invalid
    if (c.login !== req.identity.login) return error(403, 'Resource not accessible by integration')
    c.body = String(body.body)
    c.updatedAt = iso()
    return { status: 200, body: commentJson(c) }
  }

  function deleteComment(repo: string, kind: 'issue' | 'commit', id: number, req: Incoming): Reply {
    const i = comments.findIndex((x) => x.repo === repo && x.kind === kind && x.id === id)
    if (i < 0) return error(404, 'Not Found')
    if (!req.identity.canWrite || comments[i]!.login !== req.identity.login) {
      return error(403, 'Resource not accessible by integration')
    }
    comments.splice(i, 1)
    return { status: 204 }
  }

  function privateUser(login: string): Record<string, unknown> {
    return {
      ...simpleUser(login, 'User'),
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2011-01-25T18:44:36Z',
      updated_at: '2011-01-25T18:44:36Z',
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
      plan: { collaborators: 0, name: 'free', space: 976562499, private_repos: 10000 }
    }
  }

  function pullJson(
    repo: string,
    pull: { number: number; headSha: string; headRef: string; baseRef: string; headRepo: string }
  ): Record<string, unknown> {
    return pullRequestJson(state.url, repo, pull, simpleUser, minimalRepository, iso())
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const raw = await readBody(req)
    const query = Object.fromEntries(url.searchParams.entries())
    let json: unknown
    if (raw.length) {
      try {
        json = JSON.parse(raw.toString('utf8'))
      } catch {
        json = undefined
      }
    }
    const recorded: GithubRecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers: req.headers,
      ...(json === undefined ? {} : { json })
    }
    state.requests.push(recorded)
    const reply = answer(recorded, raw)
    recorded.status = reply.status
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body)
    res.writeHead(reply.status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      ...reply.headers
    })
    res.end(text)
  }

  function answer(recorded: GithubRecordedRequest, raw: Buffer): Reply {
    const key = `${recorded.method} ${recorded.path}`
    const route = routes.find((r) => r.method === recorded.method && r.pattern.test(recorded.path))
    if (route) recorded.operation = route.operation
    const auth = String(recorded.headers.authorization ?? '')
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1]
    if (!token) return error(401, 'Requires authentication')
    const app = route?.appJwt ? appFromJwt(token) : undefined
    if (route?.appJwt && !app) {
      return error(401, 'A JSON web token could not be decoded')
    }
    const identity: Identity | undefined = app
      ? { login: `${app.slug}[bot]`, type: 'Bot', canWrite: false, app }
      : tokens.get(token)
    if (!identity) return error(401, 'Bad credentials')
    const failure = failures.find((f) => f.left > 0 && (!f.match || f.match.test(key)))
    if (failure && !failure.afterActing) {
      failure.left--
      return failureReply(failure)
    }
    if (!route) return error(404, 'Not Found')
    if (raw.length && recorded.json === undefined) return error(400, 'Problems parsing JSON')
    const m = route.pattern.exec(recorded.path)!
    const check = state.ghes ? ghesValidator : validator
    const problems = check?.request(route.operation, m, recorded.query, recorded.json) ?? []
    if (problems.length) {
      state.violations.push(...problems.map((p) => `request ${route.operation}: ${p}`))
      return error(
        500,
        `stand-in: request violates the OpenAPI description: ${problems.join('; ')}`
      )
    }
    const reply = route.handle(m, {
      ...recorded,
      json: recorded.json,
      identity,
      path: recorded.path
    })
    const wrong = check?.response(route.operation, reply.status, reply.body) ?? []
    if (wrong.length) {
      state.violations.push(
        ...wrong.map((p) => `response ${route.operation} ${reply.status}: ${p}`)
      )
      return error(500, `stand-in: response violates the OpenAPI description: ${wrong.join('; ')}`)
    }
    if (failure?.afterActing) {
      failure.left--
      return failureReply(failure)
    }
    return reply
  }

  function failureReply(f: FailureSpec): Reply {
    if (f.status === 403 && f.retryAfter !== undefined) {
      return {
        ...error(
          403,
          f.message ??
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
        ),
        headers: { 'retry-after': String(f.retryAfter) }
      }
    }
    const reply = error(f.status, f.message ?? http.STATUS_CODES[f.status] ?? 'Error')
    return f.retryAfter === undefined
      ? reply
      : { ...reply, headers: { 'retry-after': String(f.retryAfter) } }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      state.violations.push(`stand-in crashed: ${e instanceof Error ? e.stack : String(e)}`)
      res.writeHead(500).end()
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function hashInt(text: string): number {
  return createHash('sha1').update(text).digest().readInt32BE(0) || 1
}

/** `${{ inputs.x }}` and `${{ github.event.client_payload.x }}` in a run-name; else the workflow's name. */
function renderRunName(
  wf: RegisteredWorkflow,
  context: { inputs?: Record<string, string>; clientPayload?: unknown }
): string {
  if (!wf.runName) return wf.name ?? wf.path
  return wf.runName.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_all, expr: string) => {
    const parts = expr.split('.')
    let node: unknown =
      parts[0] === 'inputs'
        ? context.inputs
        : parts[0] === 'github' && parts[1] === 'event'
          ? { client_payload: context.clientPayload, inputs: context.inputs }
          : undefined
    for (const key of parts.slice(parts[0] === 'inputs' ? 1 : 2)) {
      node =
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined
    }
    return node === undefined || node === null ? '' : String(node)
  })
}

/** GitHub's `created` qualifier: `>=T`, `>T`, `<=T`, `<T`, `A..B`, or a date/time prefix. */
function createdMatches(createdAt: string, filter: string): boolean {
  const t = Date.parse(createdAt)
  const at = (s: string): number => Date.parse(s)
  const range = /^(.+)\.\.(.+)$/.exec(filter)
  if (range) return t >= at(range[1]!) && t <= at(range[2]!)
  const m = /^(>=|<=|>|<)(.+)$/.exec(filter)
  if (!m) return createdAt.startsWith(filter)
  const v = at(m[2]!)
  return m[1] === '>=' ? t >= v : m[1] === '>' ? t > v : m[1] === '<=' ? t <= v : t < v
}

/** A `pull-request` object (GET /pulls/{n}); fields beyond the head/base the handlers read are fillers. */
function pullRequestJson(
  apiUrl: string,
  repo: string,
  pull: { number: number; headSha: string; headRef: string; baseRef: string; headRepo: string },
  user: (login: string, type: string) => Record<string, unknown>,
  repository: (full: string, owner: string, name: string) => Record<string, unknown>,
  now: string
): Record<string, unknown> {
  const api = `${apiUrl}/repos/${repo}`
  const html = `https://github.com/${repo}`
  const side = (full: string, ref: string, sha: string): Record<string, unknown> => {
    const [owner = '', name = ''] = full.split('/')
    return {
      label: `${owner}:${ref}`,
      ref,
      sha,
      user: user(owner, 'User'),
      repo: { ...repository(full, owner, name), ...fullRepoExtras() }
    }
  }
  const author = user('octocat', 'User')
  return {
    url: `${api}/pulls/${pull.number}`,
    id: 1000000 + pull.number,
    node_id: `PR_${pull.number}`,
    html_url: `${html}/pull/${pull.number}`,
    diff_url: `${html}/pull/${pull.number}.diff`,
    patch_url: `${html}/pull/${pull.number}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: pull.number,
    state: 'open',
    locked: false,
    title: 'Stand-in pull request',
    user: author,
    body: null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: now,
    updated_at: now,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: createHash('sha1').update(`merge ${pull.headSha}`).digest('hex'),
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.headRepo, pull.headRef, pull.headSha),
    base: side(repo, pull.baseRef, createHash('sha1').update(`base ${repo}`).digest('hex')),
    _links: Object.fromEntries(
      [
        'self',
        'html',
        'issue',
        'comments',
        'review_comments',
        'review_comment',
        'commits',
        'statuses'
      ].map((k) => [k, { href: `${api}/pulls/${pull.number}/${k}` }])
    ),
    author_association: 'OWNER',
    auto_merge: null,
    draft: false,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1
  }
}

/** Fields a `repository` has beyond a minimal one (pull head/base repos); filled in by validation feedback. */
function fullRepoExtras(): Record<string, unknown> {
  return {
    default_branch: 'main',
    forks: 0,
    forks_count: 0,
    has_downloads: true,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    homepage: null,
    language: null,
    archived: false,
    disabled: false,
    mirror_url: null,
    open_issues: 0,
    open_issues_count: 0,
    license: null,
    pushed_at: '2026-01-01T00:00:00Z',
    size: 1,
    stargazers_count: 0,
    svn_url: 'https://github.com/octo-org/app',
    watchers: 0,
    watchers_count: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z'
  }
}

export { randomUUID as standInId }
