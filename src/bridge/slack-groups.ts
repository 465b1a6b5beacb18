/**
 * `groupMembers` for `InteractionDeps`: members of a Slack user group through `usergroups.users.list`
 * (bot scope `usergroups:read`), cached per group for a few minutes so a burst of clicks costs one call.
 * On `fetch` only (no `node:` import). A failed lookup throws, and the core then refuses the click
 * ("could not check your user groups"): membership is never assumed.
 */
import { CicdError } from '../errors.js'
import type { GroupLookup } from './policy.js'

export interface SlackGroupOptions {
  /** A bot token (`xoxb-…`) with `usergroups:read`. */
  token: string
  /** Default https://slack.com/api (tests: a loopback stand-in). */
  apiUrl?: string
  /** How long a group's member list is trusted (default 5 minutes). */
  ttlMs?: number
  clock?: () => number
  fetch?: typeof fetch
}

export function createSlackGroupLookup(options: SlackGroupOptions): GroupLookup {
  const apiUrl = (options.apiUrl ?? 'https://slack.com/api').replace(/\/+$/, '')
  const ttl = options.ttlMs ?? 5 * 60_000
  const clock = options.clock ?? Date.now
  const doFetch = options.fetch ?? fetch
  const cache = new Map<string, { until: number; members: Promise<readonly string[]> }>()
  const load = async (group: string): Promise<readonly string[]> => {
    const res = await doFetch(
      `${apiUrl}/usergroups.users.list?usergroup=${encodeURIComponent(group)}`,
      {
        headers: { authorization: `Bearer ${options.token}` },
        signal: AbortSignal.timeout(2000)
      }
    )
    const body = (await res.json().catch(() => ({}))) as {
      ok?: boolean
      users?: unknown
      error?: string
    }
    if (!res.ok || body.ok !== true || !Array.isArray(body.users)) {
      throw new CicdError(`usergroups.users.list ${group}: ${body.error ?? `HTTP ${res.status}`}`)
    }
    return body.users.filter((u): u is string => typeof u === 'string')
  }
  return (group) => {
    const now = clock()
    const hit = cache.get(group)
    if (hit && hit.until > now) return hit.members
    const members = load(group)
    cache.set(group, { until: now + ttl, members })
    // A failure is not cached: the next click asks again.
    members.catch(() => cache.delete(group))
    return members
  }
}
