/**
 * The bridge's `dispatch` and `respond` dependencies, on `fetch` only (no `node:` import), so every
 * adapter uses the same code.
 *
 * `dispatch` sends the allowlist's workflow_dispatch with the project's GitHub client and dispatch rule
 * (`src/github/client.ts`, `src/github/dispatch.ts`: sent once, run id captured through
 * `return_run_details`). It authenticates either with a token (a fine-grained token with `actions: write`
 * on the target repositories) or as a GitHub App (`@octokit/auth-app`): per dispatch it asks for an
 * installation token scoped to the ONE target repository with `actions: write` only, so a token the
 * bridge holds can never touch another repository. `@octokit/auth-app` caches those tokens until shortly
 * before they expire; the installation id of each repository is looked up once and kept.
 */
import { createAppAuth } from '@octokit/auth-app'
import { request as octokitRequest } from '@octokit/request'
import { CicdError } from '../errors.js'
import { GithubClient, type Clock } from '../github/client.js'
import { sendDispatch } from '../github/dispatch.js'
import type { RepoRef } from '../github/env.js'
import { GithubApiError } from '../github/errors.js'
import type { DispatchResult, SlackReply } from './interaction.js'
import type { DispatchRequest } from './policy.js'
import { answerProtectionRule } from './protection.js'

export type GithubAuth =
  | { token: string }
  | {
      appId: string | number
      privateKey: string
      /** Skips the `GET /repos/{o}/{r}/installation` lookup when every target is in one installation. */
      installationId?: number
    }

export interface GithubDispatchOptions {
  auth: GithubAuth
  /** Default https://api.github.com (GitHub Enterprise Server: `https://HOST/api/v3`). */
  apiUrl?: string
  fetch?: typeof fetch
  clock?: Clock
  debug?: (line: string) => void
}

type Send = (route: string, params: Record<string, unknown>) => Promise<Answer>
interface Answer {
  status: number
  data: unknown
  headers: Record<string, string | number | undefined>
}

const USER_AGENT = 'cicdstatemgr-bridge'

/** `dispatch(request)` for `InteractionDeps`: one workflow_dispatch, its run id when GitHub gives one. */
export function createGithubDispatch(
  options: GithubDispatchOptions
): (request: DispatchRequest) => Promise<DispatchResult> {
  const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '')
  const base = octokitRequest.defaults({
    baseUrl: apiUrl,
    headers: { 'user-agent': USER_AGENT },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {})
  })
  const tokenFor = tokensFor(options.auth, base, DISPATCH_PERMISSIONS)
  return async (request) => {
    const repo = splitRepository(request.repository)
    const token = await tokenFor(repo)
    const send: Send = (route, params) =>
      base(route, { ...params, headers: { authorization: `token ${token}` } }) as Promise<Answer>
    const client = new GithubClient(send, {
      token,
      apiUrl,
      // The click waits for this: rate-limit retries are bounded well below Slack's patience.
      maxAttempts: 2,
      maxRetryDelayMs: 5000,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.debug ? { debug: options.debug } : {})
    })
    const sent = await sendDispatch(client, repo, {
      workflow: request.workflow,
      ref: request.ref,
      inputs: request.inputs,
      useDetails: true
    })
    // An ambiguous failure: the run may have started; the caller reports the outcome as unknown.
    if (sent.error) throw sent.error
    return sent.details
      ? { runId: sent.details.workflow_run_id, runUrl: sent.details.html_url }
      : {}
  }
}

const DISPATCH_PERMISSIONS = { actions: 'write' }
/** What GitHub requires to review a custom deployment protection rule. */
const REVIEW_PERMISSIONS = { actions: 'read', deployments: 'write' }

function tokensFor(
  auth: GithubAuth,
  base: typeof octokitRequest,
  permissions: Record<string, string>
): (repo: RepoRef) => Promise<string> {
  return 'token' in auth ? staticToken(auth.token) : appTokens(auth, base, permissions)
}

/**
 * `review` for `ProtectionDeps`: answers a waiting run (`answerProtectionRule`) with a token scoped to
 * the ONE repository with `actions: read` and `deployments: write` (as a GitHub App), or the given token.
 */
export function createProtectionReview(
  options: GithubDispatchOptions
): (review: Parameters<typeof answerProtectionRule>[0]) => Promise<number> {
  const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '')
  const base = octokitRequest.defaults({
    baseUrl: apiUrl,
    headers: { 'user-agent': USER_AGENT },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {})
  })
  const tokenFor = tokensFor(options.auth, base, REVIEW_PERMISSIONS)
  return async (review) => {
    const token = await tokenFor(splitRepository(review.repository))
    return answerProtectionRule(review, {
      token,
      fetch: options.fetch ?? fetch,
      apiBase: apiUrl,
      signal: AbortSignal.timeout(10_000)
    })
  }
}

function staticToken(token: string): (repo: RepoRef) => Promise<string> {
  return () => Promise.resolve(token)
}

/** Installation tokens for one repository with just `permissions`, through `@octokit/auth-app`. */
function appTokens(
  auth: Extract<GithubAuth, { appId: string | number }>,
  base: typeof octokitRequest,
  permissions: Record<string, string>
): (repo: RepoRef) => Promise<string> {
  const appAuth = createAppAuth({ appId: auth.appId, privateKey: auth.privateKey, request: base })
  const installations = new Map<string, number>()
  const installationOf = async (repo: RepoRef): Promise<number> => {
    if (auth.installationId !== undefined) return auth.installationId
    const key = `${repo.owner}/${repo.repo}`
    const known = installations.get(key)
    if (known !== undefined) return known
    const { token: jwt } = await appAuth({ type: 'app' })
    const res = await base('GET /repos/{owner}/{repo}/installation', {
      ...repo,
      headers: { authorization: `bearer ${jwt}` }
    }).catch((error: unknown) => {
      throw asApiError(error, `the GitHub App is not installed on ${key} (or cannot see it)`)
    })
    installations.set(key, res.data.id)
    return res.data.id
  }
  return async (repo) => {
    const installationId = await installationOf(repo)
    try {
      const { token } = await appAuth({
        type: 'installation',
        installationId,
        repositoryNames: [repo.repo],
        permissions
      })
      return token
    } catch (error) {
      const wanted = Object.entries(permissions)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')
      throw asApiError(
        error,
        `no installation token for ${repo.owner}/${repo.repo} with ${wanted} — does the App have that permission there?`
      )
    }
  }
}

/** Octokit's RequestError as a one-line GithubApiError (never its headers, which hold the JWT). */
function asApiError(error: unknown, what: string): GithubApiError {
  const status = (error as { status?: unknown }).status
  const code = typeof status === 'number' ? status : 0
  return new GithubApiError(`${what} (${code ? `HTTP ${code}` : 'no answer'})`, code)
}

function splitRepository(repository: string): RepoRef {
  const [owner, repo, ...rest] = repository.split('/')
  if (!owner || !repo || rest.length) {
    throw new GithubApiError(`repository '${repository}' is not owner/name`, 0)
  }
  return { owner, repo }
}

/** `respond` for `InteractionDeps`: POSTs Slack's JSON message to the click's `response_url`. */
export function createSlackResponder(
  options: { fetch?: typeof fetch; timeoutMs?: number } = {}
): (responseUrl: string, reply: SlackReply) => Promise<void> {
  const doFetch = options.fetch ?? fetch
  return async (responseUrl, reply) => {
    const res = await doFetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(reply),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000)
    })
    // Slack answers 200 "ok"; the body is read so the connection is released.
    await res.text()
    if (!res.ok) throw new CicdError(`response_url answered HTTP ${res.status}`)
  }
}
