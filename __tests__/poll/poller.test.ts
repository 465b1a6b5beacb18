import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../src/core/logger.js'
import type { StateStore } from '../../src/core/store.js'
import { ConfigError } from '../../src/errors.js'
import { createGithubClient, type Clock, type GithubClient } from '../../src/github/client.js'
import { cursorId, readCursor } from '../../src/poll/cursor.js'
import { checkPollable, webhookName } from '../../src/poll/event-names.js'
import { Poller, type PollerOptions } from '../../src/poll/poller.js'
import { FileStore } from '../../src/stores/file-store.js'
import { RedisStore } from '../../src/stores/redis-store.js'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { EXAMPLE_TYPES } from '../../__fixtures__/github-events-feed.js'
import { redisInfo } from '../helpers/redis-server.js'
import { RecordingSink } from './sinks.js'

const REPO = { owner: 'octo-org', repo: 'app' }
const FULL = 'octo-org/app'

describe('event names', () => {
  it('maps the API types to webhook names', () => {
    expect(webhookName('PushEvent')).toBe('push')
    expect(webhookName('PullRequestEvent')).toBe('pull_request')
    expect(webhookName('IssueCommentEvent')).toBe('issue_comment')
    expect(webhookName('ReleaseEvent')).toBe('release')
    expect(webhookName('CreateEvent')).toBe('create')
    expect(webhookName('SomethingNewEvent')).toBeUndefined()
  })

  it.each(['workflow_run', 'check_run', 'check_suite', 'status', 'pull_request_target'])(
    'refuses an entry for %s, naming it, in one line',
    (event) => {
      const run = (): void =>
        checkPollable(
          [
            { event: 'push', label: 'github-events.push[0]' },
            { event, label: `github-events.${event}[0] (deploy)` }
          ],
          'app.yaml'
        )
      expect(run).toThrow(ConfigError)
      expect(run).toThrow(
        new RegExp(
          `^app\\.yaml: github-events\\.${event}\\[0\\] \\(deploy\\): the repository events API never delivers '${event}' events`
        )
      )
      expect(() => run()).not.toThrow(/\n/)
    }
  )
})

/** A clock the test moves: leases expire when the test says so, not when the machine is slow. */
class TestClock implements Clock {
  t = Date.parse('2026-12-01T12:00:00Z')
  now(): number {
    return this.t
  }
  sleep(ms: number): Promise<void> {
    this.t += ms
    return Promise.resolve()
  }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poller-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PRIMARIES: Array<['redis' | 'yamlfile', () => StateStore]> = [
  [
    'redis',
    () => {
      const i = redisInfo()
      return new RedisStore(
        {
          name: 'redis',
          type: 'redis',
          isPrimary: true,
          host: '127.0.0.1',
          port: i.port,
          username: i.username,
          password: i.password,
          keyPrefix: `poll-${randomUUID().slice(0, 8)}:`
        },
        silentLogger
      )
    }
  ],
  [
    'yamlfile',
    () =>
      new FileStore(
        {
          name: 'yamlfile',
          type: 'yamlfile',
          isPrimary: true,
          path: join(dir, `${randomUUID()}.yaml`)
        },
        silentLogger,
        { timeoutMs: 10_000 }
      )
  ]
]

describe.each(PRIMARIES)('poller with a %s primary', (_kind, makeStore) => {
  let gh: GithubStandIn
  let store: StateStore
  let client: GithubClient
  let clock: TestClock

  beforeEach(async () => {
    gh = await startGithubStandIn()
    store = makeStore()
    clock = new TestClock()
    gh.now = () => clock.now()
    client = await createGithubClient({ token: gh.token, apiUrl: gh.url, clock })
  })
  /** Handlers of "dead" pollers, released (failing) after each test so no pass outlives its store. */
  let hung: Array<() => void> = []
  const hang = (): Promise<void> =>
    new Promise((_resolve, reject) => hung.push(() => reject(new Error('released'))))
  const background = (pass: Promise<unknown>): void => void pass.catch(() => {})

  afterEach(async () => {
    for (const release of hung) release()
    hung = []
    await new Promise((r) => setImmediate(r))
    expect(gh.violations).toEqual([])
    await store.close()
    await gh.close()
  })

  const poller = (sink: RecordingSink, extra: Partial<PollerOptions> = {}): Poller =>
    new Poller({ store, client, repo: REPO, sink, logger: silentLogger, clock, ...extra })

  const push = (n: number, createdAt?: string): string =>
    gh.addEvent(FULL, {
      type: 'PushEvent',
      payload: { ref: 'refs/heads/main', head: `${n}`.padStart(40, 'a') },
      ...(createdAt ? { createdAt } : {})
    })

  const states = async (): Promise<Record<string, string>> => {
    const cursor = readCursor(await store.load(cursorId(REPO)), REPO, cursorId(REPO))
    return Object.fromEntries(Object.entries(cursor.events).map(([id, e]) => [id, e.state]))
  }

  it("the stand-in serves GitHub's own example items (only id, time and repository changed)", async () => {
    const example = EXAMPLE_TYPES.get('PushEvent')!
    const id = gh.addEvent(FULL, { type: 'PushEvent' })
    const res = await client.call('GET /repos/{owner}/{repo}/events', { ...REPO })
    expect(res.data).toEqual([
      {
        ...example,
        id,
        created_at: expect.any(String),
        repo: { id: 1296269, name: FULL, url: `https://api.github.com/repos/${FULL}` }
      }
    ])
  })

  it('first pass records the listed history as baseline and runs none of it', async () => {
    const old = [push(1), push(2)]
    const sink = new RecordingSink()
    const report = await poller(sink).pass()
    expect(sink.handled).toEqual([])
    expect(report.handled).toEqual([])
    expect(await states()).toEqual({ [old[0]!]: 'baseline', [old[1]!]: 'baseline' })
  })

  it('with handleExisting the first pass runs the listed events', async () => {
    const ids = [push(1), push(2)]
    const sink = new RecordingSink()
    await poller(sink, { handleExisting: true }).pass()
    expect(sink.handled.map((h) => h.id)).toEqual(ids)
  })

  it('pagination: 250 new events over three pages are each handled once, oldest first', async () => {
    const sink = new RecordingSink()
    const p = poller(sink)
    await p.pass()
    const ids: string[] = []
    for (let n = 0; n < 250; n++) {
      clock.t += 1000
      ids.push(push(n))
    }
    const report = await p.pass()
    expect(sink.handled.map((h) => h.id)).toEqual(ids)
    expect(report.handled).toHaveLength(250)
    const pages = gh.requests.filter((r) => r.operation === 'GET /repos/{owner}/{repo}/events')
    expect(pages.map((r) => r.query.page)).toEqual(['1', '1', '2', '3'])
    expect(Object.values(await states()).every((s) => s === 'handled')).toBe(true)
    // The handlers see a webhook-shaped payload rebuilt from the abbreviated one.
    expect(sink.handled[0]!.name).toBe('push')
    expect(sink.handled[0]!.payload).toMatchObject({
      ref: 'refs/heads/main',
      after: '0'.padStart(40, 'a'),
      repository: { full_name: FULL },
      sender: { login: 'octocat' }
    })
  })

  it('ETag: an unchanged feed answers 304 and nothing runs; X-Poll-Interval is reported', async () => {
    gh.feed.pollInterval = 90
    const sink = new RecordingSink()
    const p = poller(sink)
    await p.pass()
    push(1)
    await p.pass()
    const again = await p.pass()
    expect(again.listed).toBe(false)
    expect(again.pollIntervalS).toBe(90)
    const statuses = gh.requests
      .filter((r) => r.operation === 'GET /repos/{owner}/{repo}/events')
      .map((r) => r.status)
    expect(statuses).toEqual([200, 200, 304])
    expect(gh.requests.at(-1)!.headers['if-none-match']).toMatch(/^W\/"/)
    expect(sink.handled).toHaveLength(1)
  })

  it('events arriving between polls, one of them late and older than events already seen, are each handled once', async () => {
    const sink = new RecordingSink()
    const p = poller(sink)
    await p.pass()
    clock.t += 60_000
    const first = push(1)
    await p.pass()
    clock.t += 60_000
    const second = push(2)
    // Shown by the API only now, but created before `first` (GitHub's delay): a highest-id cursor would lose it.
    const late = push(3, new Date(clock.t - 3 * 3600_000).toISOString())
    await p.pass()
    await p.pass()
    expect(sink.handled.map((h) => h.id).sort()).toEqual([first, second, late].sort())
  })

  it('events no entry matches are recorded as seen (skipped), not handled', async () => {
    const sink = new RecordingSink({ events: ['push'] })
    const p = poller(sink)
    await p.pass()
    const watch = gh.addEvent(FULL, { type: 'WatchEvent' })
    const create = gh.addEvent(FULL, { type: 'CreateEvent' })
    const pushed = push(1)
    const report = await p.pass()
    expect(report.skipped).toBe(2)
    expect(sink.handled.map((h) => h.id)).toEqual([pushed])
    expect(await states()).toMatchObject({
      [watch]: 'skipped',
      [create]: 'skipped',
      [pushed]: 'handled'
    })
  })

  it('a failing handler is recorded as failed with its message and not run again', async () => {
    const p1 = push(0)
    const sink = new RecordingSink({ failIds: new Set([p1]) })
    const p = poller(sink, { handleExisting: true })
    const report = await p.pass()
    expect(report.failed).toEqual([p1])
    await poller(sink).pass()
    const cursor = readCursor(await store.load(cursorId(REPO)), REPO, cursorId(REPO))
    expect(cursor.events[p1]).toMatchObject({ state: 'failed', error: `handler failed for ${p1}` })
  })

  it('two pollers at once: every event handled by exactly one of them', async () => {
    const a = new RecordingSink()
    const b = new RecordingSink()
    await poller(a).pass()
    const ids = Array.from({ length: 40 }, (_, n) => push(n))
    await Promise.all([poller(a).pass(), poller(b).pass()])
    const all = [...a.handled, ...b.handled].map((h) => h.id)
    expect(all.sort()).toEqual([...ids].sort())
  })

  it('a claim whose lease ran out (its poller on another host stopped) is marked interrupted, reported, retried once on request', async () => {
    const ids = [push(1), push(2)]
    let victim: string | undefined
    // The first poller "dies" inside the handler of the first event: its pass never finishes.
    const dying = new RecordingSink({
      during: (id) => {
        victim = id
        return hang()
      }
    })
    background(poller(dying, { handleExisting: true, host: 'other-host', leaseMs: 60_000 }).pass())
    while (!victim) await new Promise((r) => setImmediate(r))
    expect((await states())[victim]).toBe('claimed')
    // Within the lease: a live claim elsewhere is left alone, the other event is handled.
    const survivor = new RecordingSink()
    let report = await poller(survivor, { handleExisting: true }).pass()
    expect(report.interrupted).toEqual([])
    expect(survivor.handled.map((h) => h.id)).toEqual(ids.filter((i) => i !== victim))
    clock.t += 61_000
    report = await poller(survivor).pass()
    expect(report.interrupted).toEqual([victim])
    expect(survivor.handled.map((h) => h.id)).not.toContain(victim)
    // Reported again on the next pass: never silently dropped.
    expect((await poller(survivor).pass()).interrupted).toEqual([victim])
    report = await poller(survivor, { retryInterrupted: true }).pass()
    expect(report.handled).toEqual([victim])
    expect(report.interrupted).toEqual([])
    expect((await states())[victim]).toBe('handled')
    expect(survivor.handled.filter((h) => h.id === victim)).toHaveLength(1)
  })

  it('an event interrupted twice is not retried a third time', async () => {
    const id = push(1)
    let entered = 0
    const dies = (): RecordingSink => new RecordingSink({ during: () => ((entered += 1), hang()) })
    background(poller(dies(), { handleExisting: true, host: 'h1', leaseMs: 1000 }).pass())
    while (entered < 1) await new Promise((r) => setImmediate(r))
    clock.t += 2000
    background(poller(dies(), { retryInterrupted: true, host: 'h2', leaseMs: 1000 }).pass())
    while (entered < 2) await new Promise((r) => setImmediate(r))
    clock.t += 2000
    const last = new RecordingSink()
    const report = await poller(last, { retryInterrupted: true }).pass()
    expect(report.interrupted).toEqual([id])
    expect(last.handled).toEqual([])
    const cursor = readCursor(await store.load(cursorId(REPO)), REPO, cursorId(REPO))
    expect(cursor.events[id]).toMatchObject({ state: 'interrupted', attempts: 2 })
  })

  it('prunes settled ids beyond the overlap window and never runs a pruned event again', async () => {
    const sink = new RecordingSink()
    const p = poller(sink, { overlapMs: 3600_000 })
    await p.pass()
    const early = push(1)
    await p.pass()
    clock.t += 2 * 3600_000
    const later = push(2)
    await poller(sink, { overlapMs: 3600_000 }).pass()
    const cursor = readCursor(await store.load(cursorId(REPO)), REPO, cursorId(REPO))
    expect(Object.keys(cursor.events)).toEqual([later])
    expect(cursor.horizon).not.toBeNull()
    // The API still lists `early`: a fresh poller (no ETag) does not run it again.
    await poller(sink, { overlapMs: 3600_000 }).pass()
    expect(sink.handled.map((h) => h.id)).toEqual([early, later])
  })
})
