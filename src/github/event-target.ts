import { ConfigError } from '../errors.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'

/**
 * Which commit and which pull request an event is about. Pure: the handlers pass the event name and
 * payload (GITHUB_EVENT_NAME / GITHUB_EVENT_PATH), GITHUB_SHA and what the context recorded.
 */
export interface EventFacts {
  eventName: string
  payload: JsonObject
  /** GITHUB_SHA: for pull_request* events the merge commit, for dispatches the branch tip. */
  githubSha?: string
}

export interface ResolvedSha {
  sha: string
  /** Where it came from, for logs and dry runs (`pull_request.head.sha`, `sha`, …). */
  source: string
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i
const ZERO = /^0+$/

/**
 * The commit a status or commit comment belongs to, first match wins:
 * 1. the block's `sha` (explicit, rendered; blank falls through);
 * 2. the commit the event is about: `pull_request.head.sha` for pull_request* events (GITHUB_SHA is the
 *    merge commit there), `after` for push, `workflow_run.head_sha` for workflow_run, `check_suite` /
 *    `check_run` `head_sha`;
 * 3. the SHA the context recorded at build time (`recorded`): events whose payload names no commit —
 *    workflow_dispatch and repository_dispatch, which run on the branch tip rather than what was built;
 * 4. GITHUB_SHA.
 */
export function resolveSha(
  facts: EventFacts,
  explicit: string | undefined,
  recorded: string | undefined,
  where: string
): ResolvedSha {
  const chosen =
    pick(explicit, 'sha') ??
    payloadSha(facts) ??
    pick(recorded, 'recorded-sha') ??
    pick(facts.githubSha, 'GITHUB_SHA')
  if (!chosen) {
    throw new ConfigError(
      `${where}: no commit SHA (set 'sha', record one in the context, or run with GITHUB_SHA set)`
    )
  }
  if (!SHA.test(chosen.sha)) {
    throw new ConfigError(
      `${where}: ${chosen.source} '${chosen.sha.slice(0, 80)}' is not a commit SHA`
    )
  }
  return chosen
}

function pick(value: string | undefined, source: string): ResolvedSha | undefined {
  const sha = value?.trim()
  return sha ? { sha, source } : undefined
}

function payloadSha({ eventName, payload }: EventFacts): ResolvedSha | undefined {
  if (eventName.startsWith('pull_request')) {
    return pick(text(at(payload, 'pull_request', 'head', 'sha')), 'pull_request.head.sha')
  }
  if (eventName === 'push') {
    const after = text(at(payload, 'after'))
    // A deleted branch has after = 000…0: there is no commit to put anything on.
    return after && !ZERO.test(after) ? { sha: after, source: 'after' } : undefined
  }
  if (eventName === 'workflow_run') {
    return pick(text(at(payload, 'workflow_run', 'head_sha')), 'workflow_run.head_sha')
  }
  if (eventName === 'check_suite' || eventName === 'check_run') {
    return pick(text(at(payload, eventName, 'head_sha')), `${eventName}.head_sha`)
  }
  return undefined
}

/** Where a comment goes: a pull request (issue comments) or a commit (commit comments). */
export type CommentTarget =
  | { kind: 'issue'; number: number; source: string }
  | { kind: 'commit'; sha: string; source: string }

/**
 * `pull-request` (explicit) > the event's pull request (pull_request*, an issue_comment on a pull request
 * or issue, a workflow_run's first same-repository pull request) > the commit `resolveSha` picks.
 */
export function resolveCommentTarget(
  facts: EventFacts,
  explicit: { pullRequest?: string; sha?: string; recordedSha?: string },
  where: string
): CommentTarget {
  const pr = explicit.pullRequest?.trim()
  if (pr) {
    if (!/^[1-9]\d{0,9}$/.test(pr)) {
      throw new ConfigError(`${where}: pull-request '${pr.slice(0, 80)}' is not a number`)
    }
    return { kind: 'issue', number: Number(pr), source: 'pull-request' }
  }
  if (!explicit.sha?.trim()) {
    const number = eventNumber(facts)
    if (number) return { kind: 'issue', ...number }
  }
  const { sha, source } = resolveSha(facts, explicit.sha, explicit.recordedSha, where)
  return { kind: 'commit', sha, source }
}

function eventNumber({
  eventName,
  payload
}: EventFacts): { number: number; source: string } | undefined {
  const candidates: Array<[JsonValue | undefined, string]> = [
    [
      eventName.startsWith('pull_request') ? at(payload, 'pull_request', 'number') : undefined,
      'pull_request.number'
    ],
    [
      eventName === 'issue_comment' || eventName === 'issues'
        ? at(payload, 'issue', 'number')
        : undefined,
      'issue.number'
    ],
    [
      eventName === 'workflow_run'
        ? at(payload, 'workflow_run', 'pull_requests', '0', 'number')
        : undefined,
      'workflow_run.pull_requests[0].number'
    ]
  ]
  for (const [value, source] of candidates) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0)
      return { number: value, source }
  }
  return undefined
}

/** A pull request from a fork: its token is read-only, so writes answer 403. */
export function isForkPullRequest({ payload }: EventFacts): boolean {
  const head = text(at(payload, 'pull_request', 'head', 'repo', 'full_name'))
  const base = text(at(payload, 'pull_request', 'base', 'repo', 'full_name'))
  return (
    Boolean(head && base && head !== base) ||
    at(payload, 'pull_request', 'head', 'repo', 'fork') === true
  )
}

function at(node: JsonValue | undefined, ...keys: string[]): JsonValue | undefined {
  for (const key of keys) {
    if (Array.isArray(node)) node = node[Number(key)]
    else node = isJsonObject(node) ? node[key] : undefined
  }
  return node
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}
