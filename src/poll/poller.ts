/**
 * One poller: reads the repository events, records what needs no handler, and for each event with a
 * matching entry claims it in the cursor, runs the handlers, records the outcome. See cursor.ts for the
 * document and the claim; the README's "Poll mode" for the guarantee:
 *
 * - an event is handled at most once by the pollers together: the claim is written (no lost update)
 *   before the handlers start, and only the poller whose token the stored claim carries runs them;
 * - an event listed by the API is never skipped: it is recorded only by the write that claims it or
 *   that records it as needing nothing, and the ids are compared as a set over an overlap window;
 * - a claim whose poller died (same host and its pid is gone, or its lease ran out without renewal)
 *   becomes `interrupted`: reported on every pass, run again only with `--retry-interrupted`, once.
 */
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import type { Logger } from '../core/logger.js'
import type { StateStore } from '../core/store.js'
import { errorMessage } from '../errors.js'
import { realClock, type Clock, type GithubClient } from '../github/client.js'
import type { RepoRef } from '../github/env.js'
import {
  claimEvent,
  cursorId,
  finishEvent,
  markInterrupted,
  ownedBy,
  prunable,
  pruneSeen,
  readCursor,
  reclaimInterrupted,
  recordSeen,
  renewLeases,
  isNew,
  type Cursor,
  type Owner
} from './cursor.js'
import { webhookName } from './event-names.js'
import { readEvents, type ApiEvent } from './events-reader.js'
import { webhookPayload, type EventSink } from './sink.js'

export interface PollerOptions {
  store: StateStore
  client: GithubClient
  repo: RepoRef
  sink: EventSink
  logger: Logger
  clock?: Clock
  /** How long a claim lives without renewal (default 120 s; renewed every third of it). */
  leaseMs?: number
  /** How far before the newest seen event ids are kept (default 24 h; the API's delay is ≤ 6 h). */
  overlapMs?: number
  /** Run interrupted events once more. */
  retryInterrupted?: boolean
  /** On the first pass (no cursor yet), run the listed events instead of recording them as baseline. */
  handleExisting?: boolean
  /** Liveness of a pid on this host (default: signal 0). */
  isAlive?: (pid: number) => boolean
  host?: string
  pid?: number
}

export interface PassReport {
  /** False when GitHub answered 304 (nothing new). */
  listed: boolean
  handled: string[]
  failed: string[]
  skipped: number
  /** Every event in the cursor now marked interrupted (not only this pass's). */
  interrupted: string[]
  /** X-Poll-Interval of the answer, seconds. */
  pollIntervalS?: number
}

export class Poller {
  readonly id: string
  private readonly owner: Owner
  private readonly clock: Clock
  private readonly leaseMs: number
  private readonly overlapMs: number
  private etag: string | undefined
  private pollIntervalS: number | undefined
  private readonly holding = new Set<string>()
  /** Set by stop(): the pass finishes the event in hand and starts no other. */
  private stopping = false

  constructor(private readonly o: PollerOptions) {
    this.id = cursorId(o.repo)
    this.owner = { token: randomUUID(), host: o.host ?? hostname(), pid: o.pid ?? process.pid }
    this.clock = o.clock ?? realClock
    this.leaseMs = o.leaseMs ?? 120_000
    this.overlapMs = o.overlapMs ?? 24 * 3600_000
  }

  stop(): void {
    this.stopping = true
  }

  /** One pass: list, mark dead claims, record, claim and run. */
  async pass(): Promise<PassReport> {
    const page = await readEvents(this.o.client, this.o.repo, this.etag)
    const report: PassReport = {
      listed: page.events !== undefined,
      handled: [],
      failed: [],
      skipped: 0,
      interrupted: []
    }
    // A 304 comes back as an error without its headers: the interval of the last 200 stands.
    this.pollIntervalS = page.pollIntervalS ?? this.pollIntervalS
    if (this.pollIntervalS !== undefined) report.pollIntervalS = this.pollIntervalS
    let cursor = await this.sweep()
    if (page.events) {
      const existed = cursor !== undefined
      cursor ??= readCursor(undefined, this.o.repo, this.id)
      this.warnGap(cursor, page.events)
      await this.runNew(page.events, cursor, existed, report)
    }
    if (this.o.retryInterrupted && !this.stopping) await this.retry(report)
    // A write only when something is old enough to prune: an idle loop pass only reads.
    let final = readCursor(await this.o.store.load(this.id), this.o.repo, this.id)
    if (prunable(final, this.overlapMs)) {
      final = readCursor(
        await this.o.store.update(this.id, pruneSeen(this.id, this.o.repo, this.overlapMs)),
        this.o.repo,
        this.id
      )
    }
    report.interrupted = Object.keys(final.events).filter(
      (k) => final.events[k]?.state === 'interrupted'
    )
    // Only now that every listed event is settled may a 304 to this ETag mean "nothing to do".
    if (page.etag && !this.stopping) this.etag = page.etag
    return report
  }

  /** Reads the cursor; claims of dead pollers become interrupted (one write, only when there are some). */
  private async sweep(): Promise<Cursor | undefined> {
    const doc = await this.o.store.load(this.id)
    if (!doc) return undefined
    const cursor = readCursor(doc, this.o.repo, this.id)
    const now = this.clock.now()
    const dead = Object.entries(cursor.events)
      .filter(([, e]) => e.state === 'claimed' && this.isDead(e, now))
      .map(([eventId, e]) => ({ eventId, owner: String(e.owner) }))
    if (dead.length === 0) return cursor
    for (const d of dead) {
      const e = cursor.events[d.eventId]!
      this.o.logger.warning(
        `poll: event ${d.eventId} (${e.type}) was interrupted: its poller ${String(e.host)}:${String(e.pid)} died while handling it`
      )
    }
    const at = new Date(now).toISOString()
    return readCursor(
      await this.o.store.update(this.id, markInterrupted(this.id, this.o.repo, dead, at)),
      this.o.repo,
      this.id
    )
  }

  private isDead(e: Record<string, unknown>, now: number): boolean {
    if (e.owner === this.owner.token) return false
    if (Number(e.lease) < now) return true
    if (e.host !== this.owner.host) return false
    // Same host: a pid that is gone died; our own pid with another token is an earlier run's (a container restart).
    if (Number(e.pid) === this.owner.pid) return true
    return !(this.o.isAlive ?? pidAlive)(Number(e.pid))
  }

  private async runNew(
    events: ApiEvent[],
    cursor: Cursor,
    existed: boolean,
    report: PassReport
  ): Promise<void> {
    const listed = events.map((event) => ({
      event,
      name: webhookName(event.type) ?? `unknown:${event.type}`
    }))
    const fresh = listed.filter(({ event }) => isNew(cursor, event))
    const runnable: typeof fresh = []
    const unmatched = new Set<string>()
    for (const item of fresh) {
      const known = webhookName(item.event.type) !== undefined
      if (known && (await this.o.sink.matches(item.name, webhookPayload(item.event))))
        runnable.push(item)
      else unmatched.add(item.event.id)
    }
    const baseline = !existed && !this.o.handleExisting
    if (unmatched.size > 0 || baseline) {
      await this.o.store.update(
        this.id,
        recordSeen(this.id, this.o.repo, listed, unmatched, this.o.handleExisting ?? false)
      )
      report.skipped += baseline ? 0 : unmatched.size
      if (baseline) {
        this.o.logger.info(
          `poll: first pass for ${this.o.repo.owner}/${this.o.repo.repo}: ${events.length} listed events recorded as baseline, not run`
        )
        // Another poller may have created the cursor first: then the claims below settle who runs what.
      }
    }
    for (const item of baseline ? [] : runnable) {
      if (this.stopping) return
      const claimed = await this.o.store.update(
        this.id,
        claimEvent(
          this.id,
          this.o.repo,
          item.event,
          item.name,
          this.owner,
          this.clock.now() + this.leaseMs
        )
      )
      if (!ownedBy(claimed, this.o.repo, this.id, item.event.id, this.owner)) continue
      await this.runOne(item.event, item.name, report)
    }
  }

  private async retry(report: PassReport): Promise<void> {
    const cursor = readCursor(await this.o.store.load(this.id), this.o.repo, this.id)
    for (const [eventId, entry] of Object.entries(cursor.events)) {
      if (this.stopping) return
      if (entry.state !== 'interrupted') continue
      if (Number(entry.attempts ?? 1) >= 2) {
        this.o.logger.warning(
          `poll: event ${eventId} (${entry.type}) was interrupted twice; not retried again`
        )
        continue
      }
      const claimed = await this.o.store.update(
        this.id,
        reclaimInterrupted(
          this.id,
          this.o.repo,
          eventId,
          this.owner,
          this.clock.now() + this.leaseMs
        )
      )
      if (!ownedBy(claimed, this.o.repo, this.id, eventId, this.owner)) continue
      // The stored entry has what the handlers need except the payload: list it again.
      const event = (await readEvents(this.o.client, this.o.repo)).events?.find(
        (e) => e.id === eventId
      )
      if (!event) {
        await this.finish(
          eventId,
          'failed',
          'no longer listed by the events API (older than its 300 events / 90 days)'
        )
        report.failed.push(eventId)
        continue
      }
      this.o.logger.info(`poll: retrying interrupted event ${eventId} (${entry.type})`)
      await this.runOne(event, entry.type, report)
    }
  }

  /** Runs one claimed event's handlers, renewing the lease meanwhile, and records the outcome. */
  private async runOne(event: ApiEvent, name: string, report: PassReport): Promise<void> {
    this.holding.add(event.id)
    const renew = setInterval(
      () => {
        this.o.store
          .update(
            this.id,
            renewLeases(
              this.id,
              this.o.repo,
              [...this.holding],
              this.owner,
              this.clock.now() + this.leaseMs
            )
          )
          .catch((e: unknown) =>
            this.o.logger.warning(`poll: renewing the claim on ${event.id}: ${errorMessage(e)}`)
          )
      },
      Math.max(1000, Math.floor(this.leaseMs / 3))
    )
    // The handlers keep the process alive while they run; the renewal alone must not.
    renew.unref()
    let failure: string | undefined
    try {
      await this.o.sink.handle(name, webhookPayload(event), event)
    } catch (error) {
      failure = errorMessage(error)
    } finally {
      clearInterval(renew)
      this.holding.delete(event.id)
    }
    if (failure === undefined) {
      this.o.logger.info(`poll: event ${event.id} (${name}) handled`)
      report.handled.push(event.id)
    } else {
      this.o.logger.error(`poll: event ${event.id} (${name}) failed: ${failure}`)
      report.failed.push(event.id)
    }
    await this.finish(event.id, failure === undefined ? 'handled' : 'failed', failure)
  }

  private async finish(
    eventId: string,
    state: 'handled' | 'failed',
    error?: string
  ): Promise<void> {
    const at = new Date(this.clock.now()).toISOString()
    await this.o.store.update(
      this.id,
      finishEvent(this.id, this.o.repo, eventId, this.owner, {
        state,
        at,
        ...(error ? { error } : {})
      })
    )
  }

  /**
   * The API lists the newest 300 events only: when even the oldest listed is newer than everything the
   * cursor knows and the list is full, events in between may have scrolled out unseen. Said, not hidden.
   */
  private warnGap(cursor: Cursor, events: ApiEvent[]): void {
    const known = Object.values(cursor.events).map((e) => Date.parse(e.t))
    if (known.length === 0 || events.length < 300) return
    const oldest = Date.parse(events[0]?.created_at ?? '')
    if (oldest > Math.max(...known)) {
      this.o.logger.warning(
        `poll: the 300 events listed are all newer than the cursor's newest (${new Date(Math.max(...known)).toISOString()}): events in between may have been missed (the API keeps only 300)`
      )
    }
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
