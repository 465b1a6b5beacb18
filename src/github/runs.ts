/**
 * Finding a dispatched run and waiting for it. Both are bounded and run on an injectable clock.
 *
 * Finding: GitHub's dispatch endpoints answered 204 with nothing until 2026 (and still do on GHES ≤ 3.20
 * and for repository_dispatch), so the caller puts a generated correlation id into the dispatch (an input
 * or a client_payload key) and the target workflow puts it into its `run-name:`; the run then shows it as
 * `display_title` in the runs list, which is filtered by event, branch and creation time.
 *
 * Waiting: `GET …/actions/runs/{id}` with `If-None-Match` (a 304 costs no rate limit), backing off from
 * 5 s by ×1.5 up to 60 s, never sooner than a `Retry-After` asks, until `completed` or the time budget.
 */
import { GithubApiError } from './errors.js'
import type { Clock, GithubClient, WorkflowRun } from './client.js'
import type { RepoRef } from './env.js'

export interface FindOptions {
  /** Workflow file name or id to list the runs of; all runs of the repository when absent. */
  workflow?: string | number
  event: 'workflow_dispatch' | 'repository_dispatch'
  branch?: string
  /** The correlation id the run's display_title must contain. */
  correlationId: string
  /** Runs created before this (ms since epoch) are ignored. */
  since: number
  /** Total time allowed (ms). */
  timeoutMs: number
  /** First delay between list calls (ms); grows ×1.5 up to 15 s. */
  firstDelayMs?: number
  /** Stop when this returns true for the runs found so far (default: at least one). */
  enough?: (runs: WorkflowRun[]) => boolean
}

/** Margin for clock skew between this machine and GitHub when filtering runs by creation time. */
const SKEW_MS = 2 * 60_000

export async function findRuns(
  client: GithubClient,
  clock: Clock,
  repo: RepoRef,
  options: FindOptions
): Promise<{ runs: WorkflowRun[]; attempts: number }> {
  const created = `>=${new Date(options.since - SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')}`
  const deadline = clock.now() + options.timeoutMs
  const enough = options.enough ?? ((runs) => runs.length > 0)
  let delay = options.firstDelayMs ?? 2000
  let found: WorkflowRun[] = []
  for (let attempt = 1; ; attempt++) {
    found = await listMatching(client, repo, options, created)
    if (enough(found)) return { runs: found, attempts: attempt }
    if (clock.now() + delay > deadline) return { runs: found, attempts: attempt }
    await clock.sleep(delay)
    delay = Math.min(15_000, Math.round(delay * 1.5))
  }
}

async function listMatching(
  client: GithubClient,
  repo: RepoRef,
  options: FindOptions,
  created: string
): Promise<WorkflowRun[]> {
  const matches: WorkflowRun[] = []
  // Runs come newest first; ten pages of 100 is far more than one creation-time window holds.
  for (let page = 1; page <= 10; page++) {
    const res = await client.listWorkflowRuns(repo, {
      ...(options.workflow === undefined ? {} : { workflow: options.workflow }),
      event: options.event,
      ...(options.branch ? { branch: options.branch } : {}),
      created,
      perPage: 100,
      page
    })
    matches.push(...res.runs.filter((r) => r.display_title.includes(options.correlationId)))
    if (!res.hasNext) break
  }
  return matches.sort((a, b) => a.id - b.id)
}

export interface WaitOptions {
  timeoutMs: number
  /** First delay (ms), default 5 s; grows ×1.5 up to `maxDelayMs` (default 60 s). */
  firstDelayMs?: number
  maxDelayMs?: number
  /** Called on every status change (for logs). */
  onStatus?: (run: WorkflowRun) => void
}

export type WaitResult =
  { done: true; run: WorkflowRun; polls: number } | { done: false; run: WorkflowRun; polls: number }

/** Polls a run until `completed` or the time budget runs out (then `done: false` with the last state). */
export async function waitForRun(
  client: GithubClient,
  clock: Clock,
  repo: RepoRef,
  runId: number,
  options: WaitOptions
): Promise<WaitResult> {
  const deadline = clock.now() + options.timeoutMs
  const maxDelay = options.maxDelayMs ?? 60_000
  let delay = options.firstDelayMs ?? 5000
  let etag: string | undefined
  let last: WorkflowRun | undefined
  for (let polls = 1; ; polls++) {
    let retryAfterMs: number | undefined
    try {
      const res = await client.getWorkflowRun(repo, runId, etag)
      retryAfterMs = res.retryAfterMs
      if (res.run) {
        if (!last || res.run.status !== last.status) options.onStatus?.(res.run)
        last = res.run
        etag = res.etag
      }
    } catch (error) {
      // A rate limit the client could not absorb: wait as asked, within the budget.
      if (!(error instanceof GithubApiError) || error.retryAfterMs === undefined) throw error
      retryAfterMs = error.retryAfterMs
    }
    if (last?.status === 'completed') return { done: true, run: last, polls }
    const wait = Math.max(delay, retryAfterMs ?? 0)
    if (clock.now() + wait > deadline) {
      if (!last) throw new GithubApiError(`run ${runId}: no answer within the wait budget`, 0)
      return { done: false, run: last, polls }
    }
    await clock.sleep(wait)
    delay = Math.min(maxDelay, Math.round(delay * 1.5))
  }
}
