/**
 * One `workflow_dispatch`, sent the way every caller must send it: once, with `return_run_details` (GitHub
 * answers 200 with the run), resent without that field only when the server refused it (GHES ≤ 3.20
 * answers 400 before dispatching), never resent after an ambiguous failure (5xx, no answer: the run may
 * have started). Shared by the `workflow-dispatch` handler and the Slack bridge; runtime-neutral (no
 * `node:` import), so the bridge's Workers and Lambda bundles can use it.
 */
import type { GithubClient, DispatchDetails } from './client.js'
import type { RepoRef } from './env.js'
import { GithubApiError } from './errors.js'

/**
 * API hosts that refused `return_run_details`: later dispatches in this process go without it straight
 * away.
 */
const noRunDetails = new Set<string>()

export function runDetailsRefusedBy(apiUrl: string): boolean {
  return noRunDetails.has(apiUrl)
}

export interface DispatchArgs {
  /** File name or numeric id (as text). */
  workflow: string
  ref: string
  inputs: Record<string, string>
  useDetails: boolean
}

export interface Sent {
  status: number
  details?: DispatchDetails
  /** An ambiguous failure (5xx, no answer): the dispatch may have happened. */
  error?: GithubApiError
}

/** The one dispatch (plus the resend a refused `return_run_details` calls for). */
export async function sendDispatch(
  client: GithubClient,
  repo: RepoRef,
  args: DispatchArgs
): Promise<Sent> {
  const request = (details: boolean): ReturnType<GithubClient['dispatchWorkflow']> =>
    client.dispatchWorkflow(repo, {
      workflow: /^\d+$/.test(args.workflow) ? Number(args.workflow) : args.workflow,
      ref: args.ref,
      ...(Object.keys(args.inputs).length ? { inputs: args.inputs } : {}),
      returnRunDetails: details
    })
  try {
    try {
      const res = await request(args.useDetails)
      return res.details
        ? { status: res.status, details: { ...res.details } }
        : { status: res.status }
    } catch (error) {
      if (!(args.useDetails && refusedDetails(error))) throw error
      // Not acted on: GHES ≤ 3.20 rejects the unknown field before dispatching.
      noRunDetails.add(client.apiUrl)
      return { status: (await request(false)).status }
    }
  } catch (error) {
    if (error instanceof GithubApiError && (error.status === 0 || error.status >= 500)) {
      return { status: error.status, error }
    }
    throw withHint(error, repo, args.workflow)
  }
}

/** The usual causes of a 403/404, named (GitHub answers 404 for what the token may not see). */
function withHint(error: unknown, repoRef: RepoRef, workflow: string): unknown {
  if (!(error instanceof GithubApiError)) return error
  const repo = `${repoRef.owner}/${repoRef.repo}`
  const hint =
    error.status === 404
      ? ` — is there a workflow ${workflow} in ${repo}, and can the token see the repository?`
      : error.status === 403 && error.retryAfterMs === undefined
        ? ` — the token needs 'actions: write' on ${repo}`
        : ''
  return hint
    ? new GithubApiError(`${error.message}${hint}`, error.status, error.retryAfterMs)
    : error
}

function refusedDetails(error: unknown): boolean {
  if (!(error instanceof GithubApiError)) return false
  return error.status === 400 || (error.status === 422 && /return_run_details/.test(error.message))
}
