/**
 * The poll cursor: one document in the primary store per repository, changed only through the store's
 * `update` (read-modify-write with no lost update), so every mutation here is a pure function of the
 * document it is given (the store may call it again on a fresh read).
 *
 * It holds every recently listed event id with its state — not just the highest id, because the events
 * API shows an event up to hours after it happened, older than ids already seen — and a `horizon`: ids
 * of events created before it were pruned from the set (they are more than the overlap window older
 * than the newest event seen, far beyond the API's delay) and are not looked at again.
 *
 * Claims live in the same document: a poller claims an event by writing its owner (token, host, pid)
 * and a lease into the event's entry through `update`; the mutation claims only an id that has no entry,
 * so of two pollers exactly one sees its own token in the stored result. This needs nothing beyond
 * `update` (every primary store has it; `create` is optional), and the claim, the seen set and the
 * outcome change together in one write, so no claim document is ever left orphaned.
 */
import type { ContextDocument, JsonObject } from '../core/types.js'
import { isJsonObject } from '../core/types.js'
import type { RepoRef } from '../github/env.js'
import { StoreError } from '../errors.js'
import type { ApiEvent } from './events-reader.js'

export type EventState =
  /** Listed when the cursor was created; not run (a first poll does not replay history). */
  | 'baseline'
  /** No entry of the handler file matched it: recorded as seen, not handled. */
  | 'skipped'
  /** A poller is running its handlers (owner and lease say which, until when). */
  | 'claimed'
  | 'handled'
  /** Its handlers ran and failed (under the handler file's `on-error`); not retried. */
  | 'failed'
  /** Its poller died while handling it: reported until retried (`--retry-interrupted`) or pruned by hand. */
  | 'interrupted'

export interface SeenEvent extends JsonObject {
  type: string
  /** The event's created_at. */
  t: string
  state: EventState
}

/** Who claimed an event: a random token per poller process, plus where it runs (for the liveness check). */
export interface Owner {
  token: string
  host: string
  pid: number
}

export interface Claim {
  owner: string
  host: string
  pid: number
  /** Lease end, ms since the epoch; renewed while the handlers run. */
  lease: number
}

export interface Cursor {
  repository: string
  horizon: string | null
  events: Record<string, SeenEvent>
}

export const CURSOR_CONTEXT = 'poll'

/** The document id of a repository's cursor; the document records the repository it belongs to. */
export function cursorId(repo: RepoRef): string {
  return `cicdstatemgr-poll-${repo.owner}-${repo.repo}`
}

/** The cursor in `doc`, or an empty one; throws when the document under the id is not this repository's cursor. */
export function readCursor(doc: ContextDocument | undefined, repo: RepoRef, id: string): Cursor {
  const full = `${repo.owner}/${repo.repo}`
  if (!doc) return { repository: full, horizon: null, events: {} }
  const poll = doc.poll
  if (!isJsonObject(poll) || typeof poll.repository !== 'string' || !isJsonObject(poll.events)) {
    throw new StoreError(`poll cursor '${id}': the stored document is not a poll cursor`)
  }
  if (poll.repository.toLowerCase() !== full.toLowerCase()) {
    throw new StoreError(
      `poll cursor '${id}' belongs to ${poll.repository}, not ${full}: the ids collide`
    )
  }
  return {
    repository: poll.repository,
    horizon: typeof poll.horizon === 'string' ? poll.horizon : null,
    events: poll.events as Record<string, SeenEvent>
  }
}

function writeCursor(id: string, cursor: Cursor): ContextDocument {
  return {
    state: { cicdContextDataId: id, cicdContextName: CURSOR_CONTEXT },
    poll: {
      repository: cursor.repository,
      horizon: cursor.horizon,
      events: cursor.events
    }
  }
}

/** Whether an event listed now is new to this cursor (not seen, and not older than the horizon). */
export function isNew(cursor: Cursor, event: ApiEvent): boolean {
  if (cursor.events[event.id]) return false
  // At the horizon itself is pruned too (the horizon is the newest pruned time).
  return !(cursor.horizon && Date.parse(event.created_at ?? '') <= Date.parse(cursor.horizon))
}

const seen = (event: ApiEvent, name: string, state: EventState): SeenEvent => ({
  type: name,
  t: event.created_at ?? '',
  state
})

/** A mutation over the cursor document of `repo` under `id`. */
export type CursorMutation = (current: ContextDocument | undefined) => ContextDocument

function mutate(
  id: string,
  repo: RepoRef,
  change: (c: Cursor, existed: boolean) => void
): CursorMutation {
  return (current) => {
    const cursor = readCursor(current, repo, id)
    change(cursor, current !== undefined)
    return writeCursor(id, cursor)
  }
}

/**
 * Records listed events that need no handler run: all of them when the cursor does not exist yet
 * (`baseline`, unless `handleExisting`), else the new ones in `unmatched` as `skipped`.
 */
export function recordSeen(
  id: string,
  repo: RepoRef,
  listed: ReadonlyArray<{ event: ApiEvent; name: string }>,
  unmatched: ReadonlySet<string>,
  handleExisting: boolean
): CursorMutation {
  return mutate(id, repo, (cursor, existed) => {
    for (const { event, name } of listed) {
      if (!isNew(cursor, event)) continue
      if (!existed && !handleExisting) cursor.events[event.id] = seen(event, name, 'baseline')
      else if (unmatched.has(event.id)) cursor.events[event.id] = seen(event, name, 'skipped')
    }
  })
}

/** Claims a new event for `owner` (no entry yet); the caller owns it when the stored entry names its token. */
export function claimEvent(
  id: string,
  repo: RepoRef,
  event: ApiEvent,
  name: string,
  owner: Owner,
  lease: number
): CursorMutation {
  return mutate(id, repo, (cursor) => {
    if (!isNew(cursor, event)) return
    cursor.events[event.id] = { ...seen(event, name, 'claimed'), ...claimOf(owner, lease) }
  })
}

/** Claims an interrupted event again (`--retry-interrupted`): once, so an event is run at most twice. */
export function reclaimInterrupted(
  id: string,
  repo: RepoRef,
  eventId: string,
  owner: Owner,
  lease: number
): CursorMutation {
  return mutate(id, repo, (cursor) => {
    const entry = cursor.events[eventId]
    if (!entry || entry.state !== 'interrupted' || Number(entry.attempts ?? 1) >= 2) return
    cursor.events[eventId] = {
      ...entry,
      state: 'claimed',
      attempts: Number(entry.attempts ?? 1) + 1,
      ...claimOf(owner, lease)
    }
  })
}

function claimOf(owner: Owner, lease: number): Claim {
  return { owner: owner.token, host: owner.host, pid: owner.pid, lease }
}

export function ownedBy(
  doc: ContextDocument,
  repo: RepoRef,
  id: string,
  eventId: string,
  owner: Owner
): boolean {
  const entry = readCursor(doc, repo, id).events[eventId]
  return entry?.state === 'claimed' && entry.owner === owner.token
}

/** Extends the lease of the events `owner` still holds. */
export function renewLeases(
  id: string,
  repo: RepoRef,
  eventIds: readonly string[],
  owner: Owner,
  lease: number
): CursorMutation {
  return mutate(id, repo, (cursor) => {
    for (const eventId of eventIds) {
      const entry = cursor.events[eventId]
      if (entry?.state === 'claimed' && entry.owner === owner.token) entry.lease = lease
    }
  })
}

/**
 * Records the outcome of an event `owner` ran. An entry meanwhile marked interrupted (this poller
 * stalled past its lease) gets the outcome too: the handlers did finish. An entry another poller has
 * re-claimed is left to it.
 */
export function finishEvent(
  id: string,
  repo: RepoRef,
  eventId: string,
  owner: Owner,
  outcome: { state: 'handled' | 'failed'; at: string; error?: string }
): CursorMutation {
  return mutate(id, repo, (cursor) => {
    const entry = cursor.events[eventId]
    if (!entry || entry.owner !== owner.token) return
    if (entry.state !== 'claimed' && entry.state !== 'interrupted') return
    const rest: SeenEvent = { ...entry }
    for (const key of ['owner', 'host', 'pid', 'lease']) delete rest[key]
    cursor.events[eventId] = {
      ...rest,
      state: outcome.state,
      at: outcome.at,
      by: `${owner.host}:${owner.pid}`,
      ...(outcome.error ? { error: outcome.error } : {})
    }
  })
}

/** Claims whose poller is gone (decided by the caller from a read); each still unchanged is marked interrupted. */
export function markInterrupted(
  id: string,
  repo: RepoRef,
  dead: ReadonlyArray<{ eventId: string; owner: string }>,
  at: string
): CursorMutation {
  return mutate(id, repo, (cursor) => {
    for (const { eventId, owner } of dead) {
      const entry = cursor.events[eventId]
      if (entry?.state !== 'claimed' || entry.owner !== owner) continue
      entry.state = 'interrupted'
      entry.interruptedAt = at
    }
  })
}

const settled = (e: SeenEvent): boolean => e.state !== 'claimed' && e.state !== 'interrupted'

/** Whether `pruneSeen` would drop anything. */
export function prunable(cursor: Cursor, overlapMs: number): boolean {
  const entries = Object.values(cursor.events)
  const cut = Math.max(...entries.map((e) => Date.parse(e.t)).filter(Number.isFinite)) - overlapMs
  return entries.some((e) => settled(e) && Date.parse(e.t) < cut)
}

/**
 * Drops settled entries created more than `overlapMs` before the newest event seen and moves the
 * horizon up to them. Claimed and interrupted entries are kept: they are not settled.
 */
export function pruneSeen(id: string, repo: RepoRef, overlapMs: number): CursorMutation {
  return mutate(id, repo, (cursor) => {
    const times = Object.values(cursor.events)
      .map((e) => Date.parse(e.t))
      .filter(Number.isFinite)
    if (times.length === 0) return
    const cut = Math.max(...times) - overlapMs
    let horizon = cursor.horizon ? Date.parse(cursor.horizon) : -Infinity
    for (const [eventId, entry] of Object.entries(cursor.events)) {
      const t = Date.parse(entry.t)
      if (!settled(entry) || !(t < cut)) continue
      delete cursor.events[eventId]
      horizon = Math.max(horizon, t)
    }
    if (Number.isFinite(horizon)) cursor.horizon = new Date(horizon).toISOString()
  })
}
