import { ConfigError } from '../errors.js'

/**
 * The event types the repository events API (`GET /repos/{o}/{r}/events`) delivers, by the webhook
 * event name the handler file uses. Everything else GitHub sends as a webhook (workflow_run, check_run,
 * status, deployment, …) never appears there, so an entry for it could never run in poll mode.
 */
const API_TYPES: Record<string, string> = {
  CommitCommentEvent: 'commit_comment',
  CreateEvent: 'create',
  DeleteEvent: 'delete',
  DiscussionEvent: 'discussion',
  ForkEvent: 'fork',
  GollumEvent: 'gollum',
  IssueCommentEvent: 'issue_comment',
  IssuesEvent: 'issues',
  MemberEvent: 'member',
  PublicEvent: 'public',
  PullRequestEvent: 'pull_request',
  PullRequestReviewEvent: 'pull_request_review',
  PullRequestReviewCommentEvent: 'pull_request_review_comment',
  PullRequestReviewThreadEvent: 'pull_request_review_thread',
  PushEvent: 'push',
  ReleaseEvent: 'release',
  SponsorshipEvent: 'sponsorship',
  WatchEvent: 'watch'
}

const POLLABLE = new Set(Object.values(API_TYPES))

/** `PushEvent` → `push`; undefined for a type this version does not know (recorded as seen, never run). */
export function webhookName(apiType: string | null | undefined): string | undefined {
  return apiType ? API_TYPES[apiType] : undefined
}

/** An entry of the handler file, as the poller sees it: its event name and a label for messages. */
export interface EntryRef {
  event: string
  /** e.g. `github-events.workflow_run[0] (deploy)`. */
  label: string
}

/**
 * Refuses a handler file with an entry the events API can never trigger, instead of silently never
 * running it: the first such entry, named, in a one-line ConfigError.
 */
export function checkPollable(entries: readonly EntryRef[], file: string): void {
  const bad = entries.find((e) => !POLLABLE.has(e.event))
  if (!bad) return
  throw new ConfigError(
    `${file}: ${bad.label}: the repository events API never delivers '${bad.event}' events, so poll ` +
      `mode cannot run this entry (pollable: ${[...POLLABLE].sort().join(', ')})`,
    file
  )
}
