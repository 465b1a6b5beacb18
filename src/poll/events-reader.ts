import type { RepoRef } from '../github/env.js'
import type { GithubClient } from '../github/client.js'
import { GithubApiError } from '../github/errors.js'

/** One item of `GET /repos/{o}/{r}/events` (GitHub's `event` schema; the payload is abbreviated). */
export interface ApiEvent {
  id: string
  type: string | null
  actor: { id: number; login: string; display_login?: string; url?: string; avatar_url?: string }
  repo: { id: number; name: string; url: string }
  payload: Record<string, unknown>
  public: boolean
  created_at: string | null
}

/** What one read of the events list gave. */
export interface EventsPage {
  /** Every listed event, oldest first; undefined when GitHub answered 304 (nothing changed). */
  events?: ApiEvent[]
  /** The first page's ETag, to send as If-None-Match next time. */
  etag?: string
  /** `X-Poll-Interval` in seconds: GitHub's minimum wait before the next read. */
  pollIntervalS?: number
}

/** The API serves at most 300 events (3 pages of 100); a Link that goes further is not followed. */
const MAX_PAGES = 10

/**
 * Reads the whole events list (all pages, following `Link: rel="next"`), conditional on `etag` for the
 * first page: a 304 (which does not count against the rate limit) means no new event.
 */
export async function readEvents(
  client: GithubClient,
  repo: RepoRef,
  etag?: string
): Promise<EventsPage> {
  const route = 'GET /repos/{owner}/{repo}/events'
  const events: ApiEvent[] = []
  let first: { etag?: string; pollIntervalS?: number } = {}
  for (let page = 1; page <= MAX_PAGES; page++) {
    let res
    try {
      res = await client.call(route, {
        ...repo,
        per_page: 100,
        page,
        ...(page === 1 && etag ? { headers: { 'if-none-match': etag } } : {})
      })
    } catch (error) {
      if (page === 1 && error instanceof GithubApiError && error.status === 304) {
        return { etag: etag as string }
      }
      throw error
    }
    if (page === 1) first = pageHeaders(res.headers)
    const batch = Array.isArray(res.data) ? (res.data as ApiEvent[]) : []
    events.push(...batch)
    if (!/rel="next"/.test(String(res.headers.link ?? '')) || batch.length === 0) break
  }
  return { events: oldestFirst(dedupe(events)), ...first }
}

function pageHeaders(headers: Record<string, string | number | undefined>): {
  etag?: string
  pollIntervalS?: number
} {
  const interval = Number(headers['x-poll-interval'])
  return {
    ...(headers.etag ? { etag: String(headers.etag) } : {}),
    ...(Number.isFinite(interval) && interval > 0 ? { pollIntervalS: interval } : {})
  }
}

/** New events arriving between page reads shift the pages: the same event can be on two of them. */
function dedupe(events: ApiEvent[]): ApiEvent[] {
  const seen = new Set<string>()
  return events.filter((e) => !seen.has(e.id) && (seen.add(e.id), true))
}

/** By creation time, then by id (numeric strings; compared by length first so no precision is lost). */
export function oldestFirst(events: ApiEvent[]): ApiEvent[] {
  const byId = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
  return [...events].sort(
    (a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || byId(a.id, b.id)
  )
}
