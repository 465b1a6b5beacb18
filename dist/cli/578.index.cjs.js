"use strict";
exports.id = 578;
exports.ids = [578];
exports.modules = {

/***/ 8578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  POLL_HELP: () => (/* binding */ POLL_HELP),
  runPoll: () => (/* binding */ runPoll)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/core/app-config.ts
var app_config = __webpack_require__(7807);
// EXTERNAL MODULE: ./src/core/logger.ts
var logger = __webpack_require__(1227);
// EXTERNAL MODULE: ./src/context-setup.ts + 4 modules
var context_setup = __webpack_require__(6077);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/client.ts
var github_client = __webpack_require__(6584);
// EXTERNAL MODULE: ./src/github/env.ts
var github_env = __webpack_require__(1484);
// EXTERNAL MODULE: ./src/github/errors.ts
var github_errors = __webpack_require__(3116);
// EXTERNAL MODULE: ./src/stores/file-store.ts
var file_store = __webpack_require__(6090);
;// CONCATENATED MODULE: ./src/poll/event-names.ts

/**
 * The event types the repository events API (`GET /repos/{o}/{r}/events`) delivers, by the webhook
 * event name the handler file uses. Everything else GitHub sends as a webhook (workflow_run, check_run,
 * status, deployment, …) never appears there, so an entry for it could never run in poll mode.
 */
const API_TYPES = {
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
};
const POLLABLE = new Set(Object.values(API_TYPES));
/** `PushEvent` → `push`; undefined for a type this version does not know (recorded as seen, never run). */
function webhookName(apiType) {
    return apiType ? API_TYPES[apiType] : undefined;
}
/**
 * Refuses a handler file with an entry the events API can never trigger, instead of silently never
 * running it: the first such entry, named, in a one-line ConfigError.
 */
function checkPollable(entries, file) {
    const bad = entries.find((e) => !POLLABLE.has(e.event));
    if (!bad)
        return;
    throw new errors/* ConfigError */.xL(`${file}: ${bad.label}: the repository events API never delivers '${bad.event}' events, so poll ` +
        `mode cannot run this entry (pollable: ${[...POLLABLE].sort().join(', ')})`, file);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
;// CONCATENATED MODULE: ./src/poll/cursor.ts


const CURSOR_CONTEXT = 'poll';
/** The document id of a repository's cursor; the document records the repository it belongs to. */
function cursorId(repo) {
    return `cicdstatemgr-poll-${repo.owner}-${repo.repo}`;
}
/** The cursor in `doc`, or an empty one; throws when the document under the id is not this repository's cursor. */
function readCursor(doc, repo, id) {
    const full = `${repo.owner}/${repo.repo}`;
    if (!doc)
        return { repository: full, horizon: null, events: {} };
    const poll = doc.poll;
    if (!(0,types/* isJsonObject */.O)(poll) || typeof poll.repository !== 'string' || !(0,types/* isJsonObject */.O)(poll.events)) {
        throw new errors/* StoreError */.AD(`poll cursor '${id}': the stored document is not a poll cursor`);
    }
    if (poll.repository.toLowerCase() !== full.toLowerCase()) {
        throw new errors/* StoreError */.AD(`poll cursor '${id}' belongs to ${poll.repository}, not ${full}: the ids collide`);
    }
    return {
        repository: poll.repository,
        horizon: typeof poll.horizon === 'string' ? poll.horizon : null,
        events: poll.events
    };
}
function writeCursor(id, cursor) {
    return {
        state: { cicdContextDataId: id, cicdContextName: CURSOR_CONTEXT },
        poll: {
            repository: cursor.repository,
            horizon: cursor.horizon,
            events: cursor.events
        }
    };
}
/** Whether an event listed now is new to this cursor (not seen, and not older than the horizon). */
function isNew(cursor, event) {
    if (cursor.events[event.id])
        return false;
    // At the horizon itself is pruned too (the horizon is the newest pruned time).
    return !(cursor.horizon && Date.parse(event.created_at ?? '') <= Date.parse(cursor.horizon));
}
const seen = (event, name, state) => ({
    type: name,
    t: event.created_at ?? '',
    state
});
function mutate(id, repo, change) {
    return (current) => {
        const cursor = readCursor(current, repo, id);
        change(cursor, current !== undefined);
        return writeCursor(id, cursor);
    };
}
/**
 * Records listed events that need no handler run: all of them when the cursor does not exist yet
 * (`baseline`, unless `handleExisting`), else the new ones in `unmatched` as `skipped`.
 */
function recordSeen(id, repo, listed, unmatched, handleExisting) {
    return mutate(id, repo, (cursor, existed) => {
        for (const { event, name } of listed) {
            if (!isNew(cursor, event))
                continue;
            if (!existed && !handleExisting)
                cursor.events[event.id] = seen(event, name, 'baseline');
            else if (unmatched.has(event.id))
                cursor.events[event.id] = seen(event, name, 'skipped');
        }
    });
}
/** Claims a new event for `owner` (no entry yet); the caller owns it when the stored entry names its token. */
function claimEvent(id, repo, event, name, owner, lease) {
    return mutate(id, repo, (cursor) => {
        if (!isNew(cursor, event))
            return;
        cursor.events[event.id] = { ...seen(event, name, 'claimed'), ...claimOf(owner, lease) };
    });
}
/** Claims an interrupted event again (`--retry-interrupted`): once, so an event is run at most twice. */
function reclaimInterrupted(id, repo, eventId, owner, lease) {
    return mutate(id, repo, (cursor) => {
        const entry = cursor.events[eventId];
        if (!entry || entry.state !== 'interrupted' || Number(entry.attempts ?? 1) >= 2)
            return;
        cursor.events[eventId] = {
            ...entry,
            state: 'claimed',
            attempts: Number(entry.attempts ?? 1) + 1,
            ...claimOf(owner, lease)
        };
    });
}
function claimOf(owner, lease) {
    return { owner: owner.token, host: owner.host, pid: owner.pid, lease };
}
function ownedBy(doc, repo, id, eventId, owner) {
    const entry = readCursor(doc, repo, id).events[eventId];
    return entry?.state === 'claimed' && entry.owner === owner.token;
}
/** Extends the lease of the events `owner` still holds. */
function renewLeases(id, repo, eventIds, owner, lease) {
    return mutate(id, repo, (cursor) => {
        for (const eventId of eventIds) {
            const entry = cursor.events[eventId];
            if (entry?.state === 'claimed' && entry.owner === owner.token)
                entry.lease = lease;
        }
    });
}
/**
 * Records the outcome of an event `owner` ran. An entry meanwhile marked interrupted (this poller
 * stalled past its lease) gets the outcome too: the handlers did finish. An entry another poller has
 * re-claimed is left to it.
 */
function finishEvent(id, repo, eventId, owner, outcome) {
    return mutate(id, repo, (cursor) => {
        const entry = cursor.events[eventId];
        if (!entry || entry.owner !== owner.token)
            return;
        if (entry.state !== 'claimed' && entry.state !== 'interrupted')
            return;
        const rest = { ...entry };
        for (const key of ['owner', 'host', 'pid', 'lease'])
            delete rest[key];
        cursor.events[eventId] = {
            ...rest,
            state: outcome.state,
            at: outcome.at,
            by: `${owner.host}:${owner.pid}`,
            ...(outcome.error ? { error: outcome.error } : {})
        };
    });
}
/** Claims whose poller is gone (decided by the caller from a read); each still unchanged is marked interrupted. */
function markInterrupted(id, repo, dead, at) {
    return mutate(id, repo, (cursor) => {
        for (const { eventId, owner } of dead) {
            const entry = cursor.events[eventId];
            if (entry?.state !== 'claimed' || entry.owner !== owner)
                continue;
            entry.state = 'interrupted';
            entry.interruptedAt = at;
        }
    });
}
const settled = (e) => e.state !== 'claimed' && e.state !== 'interrupted';
/** Whether `pruneSeen` would drop anything. */
function prunable(cursor, overlapMs) {
    const entries = Object.values(cursor.events);
    const cut = Math.max(...entries.map((e) => Date.parse(e.t)).filter(Number.isFinite)) - overlapMs;
    return entries.some((e) => settled(e) && Date.parse(e.t) < cut);
}
/**
 * Drops settled entries created more than `overlapMs` before the newest event seen and moves the
 * horizon up to them. Claimed and interrupted entries are kept: they are not settled.
 */
function pruneSeen(id, repo, overlapMs) {
    return mutate(id, repo, (cursor) => {
        const times = Object.values(cursor.events)
            .map((e) => Date.parse(e.t))
            .filter(Number.isFinite);
        if (times.length === 0)
            return;
        const cut = Math.max(...times) - overlapMs;
        let horizon = cursor.horizon ? Date.parse(cursor.horizon) : -Infinity;
        for (const [eventId, entry] of Object.entries(cursor.events)) {
            const t = Date.parse(entry.t);
            if (!settled(entry) || !(t < cut))
                continue;
            delete cursor.events[eventId];
            horizon = Math.max(horizon, t);
        }
        if (Number.isFinite(horizon))
            cursor.horizon = new Date(horizon).toISOString();
    });
}

;// CONCATENATED MODULE: ./src/poll/events-reader.ts

/** The API serves at most 300 events (3 pages of 100); a Link that goes further is not followed. */
const MAX_PAGES = 10;
/**
 * Reads the whole events list (all pages, following `Link: rel="next"`), conditional on `etag` for the
 * first page: a 304 (which does not count against the rate limit) means no new event.
 */
async function readEvents(client, repo, etag) {
    const route = 'GET /repos/{owner}/{repo}/events';
    const events = [];
    let first = {};
    for (let page = 1; page <= MAX_PAGES; page++) {
        let res;
        try {
            res = await client.call(route, {
                ...repo,
                per_page: 100,
                page,
                ...(page === 1 && etag ? { headers: { 'if-none-match': etag } } : {})
            });
        }
        catch (error) {
            if (page === 1 && error instanceof github_errors/* GithubApiError */.A && error.status === 304) {
                return { etag: etag };
            }
            throw error;
        }
        if (page === 1)
            first = pageHeaders(res.headers);
        const batch = Array.isArray(res.data) ? res.data : [];
        events.push(...batch);
        if (!/rel="next"/.test(String(res.headers.link ?? '')) || batch.length === 0)
            break;
    }
    return { events: oldestFirst(dedupe(events)), ...first };
}
function pageHeaders(headers) {
    const interval = Number(headers['x-poll-interval']);
    return {
        ...(headers.etag ? { etag: String(headers.etag) } : {}),
        ...(Number.isFinite(interval) && interval > 0 ? { pollIntervalS: interval } : {})
    };
}
/** New events arriving between page reads shift the pages: the same event can be on two of them. */
function dedupe(events) {
    const seen = new Set();
    return events.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
}
/** By creation time, then by id (numeric strings; compared by length first so no precision is lost). */
function oldestFirst(events) {
    const byId = (a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
    return [...events].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || byId(a.id, b.id));
}

;// CONCATENATED MODULE: ./src/poll/sink.ts
/**
 * The event as the handlers see it (`event` in templates): the API's payload, which is abbreviated
 * compared with a webhook's, plus the webhook fields that can be rebuilt from the event itself
 * (`repository`, `sender`, and for a push `after` = the API's `head`).
 */
function webhookPayload(event) {
    const [owner = '', name = ''] = event.repo.name.split('/');
    const payload = { ...event.payload };
    if (event.type === 'PushEvent' &&
        payload.after === undefined &&
        typeof payload.head === 'string') {
        payload.after = payload.head;
    }
    return {
        ...payload,
        repository: payload.repository ?? {
            id: event.repo.id,
            name,
            full_name: event.repo.name,
            owner: { login: owner },
            url: event.repo.url
        },
        sender: payload.sender ?? { login: event.actor.login, id: event.actor.id }
    };
}

;// CONCATENATED MODULE: ./src/poll/poller.ts
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








class Poller {
    o;
    id;
    owner;
    clock;
    leaseMs;
    overlapMs;
    etag;
    pollIntervalS;
    holding = new Set();
    /** Set by stop(): the pass finishes the event in hand and starts no other. */
    stopping = false;
    constructor(o) {
        this.o = o;
        this.id = cursorId(o.repo);
        this.owner = { token: (0,external_node_crypto_.randomUUID)(), host: o.host ?? (0,external_node_os_.hostname)(), pid: o.pid ?? process.pid };
        this.clock = o.clock ?? github_client.realClock;
        this.leaseMs = o.leaseMs ?? 120_000;
        this.overlapMs = o.overlapMs ?? 24 * 3600_000;
    }
    stop() {
        this.stopping = true;
    }
    /** One pass: list, mark dead claims, record, claim and run. */
    async pass() {
        const page = await readEvents(this.o.client, this.o.repo, this.etag);
        const report = {
            listed: page.events !== undefined,
            handled: [],
            failed: [],
            skipped: 0,
            interrupted: []
        };
        // A 304 comes back as an error without its headers: the interval of the last 200 stands.
        this.pollIntervalS = page.pollIntervalS ?? this.pollIntervalS;
        if (this.pollIntervalS !== undefined)
            report.pollIntervalS = this.pollIntervalS;
        let cursor = await this.sweep();
        if (page.events) {
            const existed = cursor !== undefined;
            cursor ??= readCursor(undefined, this.o.repo, this.id);
            this.warnGap(cursor, page.events);
            await this.runNew(page.events, cursor, existed, report);
        }
        if (this.o.retryInterrupted && !this.stopping)
            await this.retry(report);
        // A write only when something is old enough to prune: an idle loop pass only reads.
        let final = readCursor(await this.o.store.load(this.id), this.o.repo, this.id);
        if (prunable(final, this.overlapMs)) {
            final = readCursor(await this.o.store.update(this.id, pruneSeen(this.id, this.o.repo, this.overlapMs)), this.o.repo, this.id);
        }
        report.interrupted = Object.keys(final.events).filter((k) => final.events[k]?.state === 'interrupted');
        // Only now that every listed event is settled may a 304 to this ETag mean "nothing to do".
        if (page.etag && !this.stopping)
            this.etag = page.etag;
        return report;
    }
    /** Reads the cursor; claims of dead pollers become interrupted (one write, only when there are some). */
    async sweep() {
        const doc = await this.o.store.load(this.id);
        if (!doc)
            return undefined;
        const cursor = readCursor(doc, this.o.repo, this.id);
        const now = this.clock.now();
        const dead = Object.entries(cursor.events)
            .filter(([, e]) => e.state === 'claimed' && this.isDead(e, now))
            .map(([eventId, e]) => ({ eventId, owner: String(e.owner) }));
        if (dead.length === 0)
            return cursor;
        for (const d of dead) {
            const e = cursor.events[d.eventId];
            this.o.logger.warning(`poll: event ${d.eventId} (${e.type}) was interrupted: its poller ${String(e.host)}:${String(e.pid)} died while handling it`);
        }
        const at = new Date(now).toISOString();
        return readCursor(await this.o.store.update(this.id, markInterrupted(this.id, this.o.repo, dead, at)), this.o.repo, this.id);
    }
    isDead(e, now) {
        if (e.owner === this.owner.token)
            return false;
        if (Number(e.lease) < now)
            return true;
        if (e.host !== this.owner.host)
            return false;
        // Same host: a pid that is gone died; our own pid with another token is an earlier run's (a container restart).
        if (Number(e.pid) === this.owner.pid)
            return true;
        return !(this.o.isAlive ?? pidAlive)(Number(e.pid));
    }
    async runNew(events, cursor, existed, report) {
        const listed = events.map((event) => ({
            event,
            name: webhookName(event.type) ?? `unknown:${event.type}`
        }));
        const fresh = listed.filter(({ event }) => isNew(cursor, event));
        const runnable = [];
        const unmatched = new Set();
        for (const item of fresh) {
            const known = webhookName(item.event.type) !== undefined;
            if (known && (await this.o.sink.matches(item.name, webhookPayload(item.event))))
                runnable.push(item);
            else
                unmatched.add(item.event.id);
        }
        const baseline = !existed && !this.o.handleExisting;
        if (unmatched.size > 0 || baseline) {
            await this.o.store.update(this.id, recordSeen(this.id, this.o.repo, listed, unmatched, this.o.handleExisting ?? false));
            report.skipped += baseline ? 0 : unmatched.size;
            if (baseline) {
                this.o.logger.info(`poll: first pass for ${this.o.repo.owner}/${this.o.repo.repo}: ${events.length} listed events recorded as baseline, not run`);
                // Another poller may have created the cursor first: then the claims below settle who runs what.
            }
        }
        for (const item of baseline ? [] : runnable) {
            if (this.stopping)
                return;
            const claimed = await this.o.store.update(this.id, claimEvent(this.id, this.o.repo, item.event, item.name, this.owner, this.clock.now() + this.leaseMs));
            if (!ownedBy(claimed, this.o.repo, this.id, item.event.id, this.owner))
                continue;
            await this.runOne(item.event, item.name, report);
        }
    }
    async retry(report) {
        const cursor = readCursor(await this.o.store.load(this.id), this.o.repo, this.id);
        for (const [eventId, entry] of Object.entries(cursor.events)) {
            if (this.stopping)
                return;
            if (entry.state !== 'interrupted')
                continue;
            if (Number(entry.attempts ?? 1) >= 2) {
                this.o.logger.warning(`poll: event ${eventId} (${entry.type}) was interrupted twice; not retried again`);
                continue;
            }
            const claimed = await this.o.store.update(this.id, reclaimInterrupted(this.id, this.o.repo, eventId, this.owner, this.clock.now() + this.leaseMs));
            if (!ownedBy(claimed, this.o.repo, this.id, eventId, this.owner))
                continue;
            // The stored entry has what the handlers need except the payload: list it again.
            const event = (await readEvents(this.o.client, this.o.repo)).events?.find((e) => e.id === eventId);
            if (!event) {
                await this.finish(eventId, 'failed', 'no longer listed by the events API (older than its 300 events / 90 days)');
                report.failed.push(eventId);
                continue;
            }
            this.o.logger.info(`poll: retrying interrupted event ${eventId} (${entry.type})`);
            await this.runOne(event, entry.type, report);
        }
    }
    /** Runs one claimed event's handlers, renewing the lease meanwhile, and records the outcome. */
    async runOne(event, name, report) {
        this.holding.add(event.id);
        const renew = setInterval(() => {
            this.o.store
                .update(this.id, renewLeases(this.id, this.o.repo, [...this.holding], this.owner, this.clock.now() + this.leaseMs))
                .catch((e) => this.o.logger.warning(`poll: renewing the claim on ${event.id}: ${(0,errors/* errorMessage */.gJ)(e)}`));
        }, Math.max(1000, Math.floor(this.leaseMs / 3)));
        // The handlers keep the process alive while they run; the renewal alone must not.
        renew.unref();
        let failure;
        try {
            await this.o.sink.handle(name, webhookPayload(event), event);
        }
        catch (error) {
            failure = (0,errors/* errorMessage */.gJ)(error);
        }
        finally {
            clearInterval(renew);
            this.holding.delete(event.id);
        }
        if (failure === undefined) {
            this.o.logger.info(`poll: event ${event.id} (${name}) handled`);
            report.handled.push(event.id);
        }
        else {
            this.o.logger.error(`poll: event ${event.id} (${name}) failed: ${failure}`);
            report.failed.push(event.id);
        }
        await this.finish(event.id, failure === undefined ? 'handled' : 'failed', failure);
    }
    async finish(eventId, state, error) {
        const at = new Date(this.clock.now()).toISOString();
        await this.o.store.update(this.id, finishEvent(this.id, this.o.repo, eventId, this.owner, {
            state,
            at,
            ...(error ? { error } : {})
        }));
    }
    /**
     * The API lists the newest 300 events only: when even the oldest listed is newer than everything the
     * cursor knows and the list is full, events in between may have scrolled out unseen. Said, not hidden.
     */
    warnGap(cursor, events) {
        const known = Object.values(cursor.events).map((e) => Date.parse(e.t));
        if (known.length === 0 || events.length < 300)
            return;
        const oldest = Date.parse(events[0]?.created_at ?? '');
        if (oldest > Math.max(...known)) {
            this.o.logger.warning(`poll: the 300 events listed are all newer than the cursor's newest (${new Date(Math.max(...known)).toISOString()}): events in between may have been missed (the API keeps only 300)`);
        }
    }
}
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: it exists but belongs to someone else.
        return error.code === 'EPERM';
    }
}

;// CONCATENATED MODULE: ./src/poll/command.ts
/**
 * `cicdstatemgr poll`: loaded only for this command (src/cli/main.ts imports it on demand), so the
 * other commands start as before.
 */












const OPTIONS = {
    repository: { type: 'string' },
    'app-config': { type: 'string' },
    'bases-dir': { type: 'string' },
    id: { type: 'string' },
    'init-cicd-context-name': { type: 'string', default: 'stage' },
    once: { type: 'boolean', default: false },
    interval: { type: 'string' },
    'retry-interrupted': { type: 'boolean', default: false },
    'handle-existing': { type: 'boolean', default: false },
    config: { type: 'string' },
    secrets: { type: 'string' },
    'log-level': { type: 'string', short: 'l' },
    help: { type: 'boolean', short: 'h', default: false }
};
const POLL_HELP = `usage: cicdstatemgr poll --repository OWNER/REPO --app-config FILE [--once] [--interval S]

Reads the repository events API and runs the app config's github-events entries for each new event,
once across all pollers (the cursor and the claims live in the primary datasource of config.yaml).

  --repository OWNER/REPO       the repository (env GITHUB_REPOSITORY)
  --app-config FILE             the handler file (env CICDSTATEMGR_INIT_APP_CONFIG_PATH)
  --bases-dir DIR               its bases directory (env CICDSTATEMGR_BASES_DIR_PATH)
  --id ID                       run every event on this context; default: a new context per event,
                                poll-<event id>, from --init-cicd-context-name (default: stage)
  --once                        one pass, then exit (scheduled workflows); else poll until SIGTERM
  --interval S                  seconds between passes (default 60; never less than X-Poll-Interval)
  --retry-interrupted           run events whose poller died while handling them once more
  --handle-existing             on the first pass, run the listed events instead of recording them
  --config PATH, --secrets PATH, -l/--log-level LEVEL   as for the other commands
  env: GITHUB_TOKEN (required), GITHUB_API_URL (default https://api.github.com)
`;
/** Runs `poll` (argv without the word `poll`); returns the exit code. */
async function runPoll(argv, io, makeSink = defaultSink) {
    const fallback = new logger/* StreamLogger */.rv('warning', io.stderr);
    let opened;
    let cursorStore;
    try {
        const values = parse(argv);
        if (values.help)
            return (io.stdout(POLL_HELP), 0);
        const level = values['log-level'] === undefined ? 'info' : (0,logger/* parseLogLevel */.ML)(values['log-level']);
        if (!level)
            throw new errors/* UsageError */.eb(`--log-level '${values['log-level']}': expected DEBUG, INFO, WARNING or ERROR`);
        const log = new logger/* StreamLogger */.rv(level, io.stderr);
        const args = pollArgs(values, io.env);
        const token = nonEmpty(io.env.GITHUB_TOKEN) ?? fail('poll needs env GITHUB_TOKEN');
        const configPath = values.config ??
            nonEmpty(io.env.CICDSTATEMGR_CONFIG_PATH) ??
            fail('--config PATH is required (or env CICDSTATEMGR_CONFIG_PATH)');
        const secretsPath = values.secrets ?? nonEmpty(io.env.CICDSTATEMGR_SECRETS_PATH);
        opened = await (0,context_setup/* openContext */.e)({ configPath, ...(secretsPath ? { secretsPath } : {}), cwd: io.cwd }, log, [log, fallback], { env: io.env, token });
        const appConfig = (0,app_config/* loadAppConfig */.y)(args.appConfigPath, args.basesDir, io.cwd);
        const sink = await makeSink({ opened, appConfig, args, io });
        checkPollable(sink.entries(), args.appConfigPath);
        cursorStore = await cursorStoreFor(opened, args.repository, log);
        const client = await (0,github_client.createGithubClient)({
            token,
            apiUrl: nonEmpty(io.env.GITHUB_API_URL) ?? 'https://api.github.com',
            debug: (line) => log.debug(line)
        });
        const poller = new Poller({
            store: cursorStore,
            client,
            repo: args.repository,
            sink,
            logger: log,
            retryInterrupted: args.retryInterrupted,
            handleExisting: args.handleExisting
        });
        return await (args.once ? once(poller, args, io) : loop(poller, args, io, log));
    }
    catch (error) {
        fallback.error((0,errors/* errorMessage */.gJ)(error));
        return error instanceof errors/* UsageError */.eb ? 2 : 1;
    }
    finally {
        if (cursorStore && cursorStore !== opened?.stores.primary)
            await cursorStore.close().catch(() => { });
        await opened?.stores
            .close()
            .catch((e) => fallback.warning(`closing datasources: ${(0,errors/* errorMessage */.gJ)(e)}`));
    }
}
async function once(poller, args, io) {
    const report = await poller.pass();
    io.stdout(summary(args.repository, report));
    const problems = [];
    if (report.failed.length)
        problems.push(`handlers failed for event ${report.failed.join(', ')}`);
    if (report.interrupted.length) {
        problems.push(`event ${report.interrupted.join(', ')} interrupted (its poller died while handling it; run with --retry-interrupted to run it once more)`);
    }
    if (problems.length === 0)
        return 0;
    throw new errors/* CicdError */.SU(`poll: ${problems.join('; ')}`);
}
/** Polls until SIGTERM/SIGINT; the event in hand is finished first. A pass that fails on the store or the API is retried next time. */
async function loop(poller, args, io, log) {
    const stop = new AbortController();
    const onSignal = (signal) => {
        log.info(`poll: ${signal}: stopping after the event in hand`);
        poller.stop();
        stop.abort();
    };
    const onTerm = () => onSignal('SIGTERM');
    const onInt = () => onSignal('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    try {
        while (!stop.signal.aborted) {
            let waitS = args.intervalS;
            try {
                const report = await poller.pass();
                if (report.listed)
                    io.stdout(summary(args.repository, report));
                waitS = Math.max(waitS, report.pollIntervalS ?? 0);
            }
            catch (error) {
                if (!(error instanceof errors/* StoreError */.AD || error instanceof github_errors/* GithubApiError */.A))
                    throw error;
                log.warning(`poll: pass failed, retrying in ${waitS} s: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
            await sleep(waitS * 1000, stop.signal);
        }
        return 0;
    }
    finally {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
    }
}
function summary(repo, r) {
    return (`poll ${repo.owner}/${repo.repo}: ${r.listed ? '' : 'no change (304), '}${r.handled.length} handled, ` +
        `${r.failed.length} failed, ${r.skipped} skipped, ${r.interrupted.length} interrupted\n`);
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done);
    });
}
/**
 * The store the cursor lives in: the primary itself, except a file primary, which holds one document
 * (writing the cursor there would replace the context it holds, and the handlers' contexts would
 * replace the cursor): then a file of the same format beside it, `<name>.poll-<owner>-<repo><ext>`,
 * with the same locking.
 */
async function cursorStoreFor(opened, repo, log) {
    const settings = opened.config.datasources.find((s) => s.isPrimary);
    if (settings?.type !== 'yamlfile' && settings?.type !== 'jsonfile')
        return opened.stores.primary;
    const file = settings;
    const ext = (0,external_node_path_.extname)(file.path);
    const path = (0,external_node_path_.join)((0,external_node_path_.dirname)(file.path), `${(0,external_node_path_.basename)(file.path, ext)}.poll-${repo.owner}-${repo.repo}${ext}`);
    log.debug(`poll: cursor in ${path} (a ${file.type} primary holds one document)`);
    return (0,file_store/* createFileStore */.IF)({ ...file, path }, log);
}
function parse(argv) {
    try {
        return (0,external_node_util_.parseArgs)({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false })
            .values;
    }
    catch (error) {
        throw new errors/* UsageError */.eb(`poll: ${error.message.split('\n', 1)[0]}`);
    }
}
function pollArgs(v, env) {
    const repository = v.repository ??
        nonEmpty(env.GITHUB_REPOSITORY) ??
        fail('poll needs --repository OWNER/REPO (or env GITHUB_REPOSITORY)');
    let repo;
    try {
        repo = (0,github_env/* parseRepository */.S)(repository, '--repository');
    }
    catch (error) {
        throw new errors/* UsageError */.eb((0,errors/* errorMessage */.gJ)(error));
    }
    const interval = v.interval ?? '60';
    if (!/^\d+$/.test(interval) || Number(interval) < 1) {
        throw new errors/* UsageError */.eb(`--interval '${interval}': expected a whole number of seconds (at least 1)`);
    }
    const basesDir = v['bases-dir'] ?? nonEmpty(env.CICDSTATEMGR_BASES_DIR_PATH);
    return {
        repository: repo,
        appConfigPath: v['app-config'] ??
            nonEmpty(env.CICDSTATEMGR_INIT_APP_CONFIG_PATH) ??
            fail('poll needs --app-config FILE (or env CICDSTATEMGR_INIT_APP_CONFIG_PATH)'),
        ...(basesDir ? { basesDir } : {}),
        ...(v.id ? { contextId: v.id } : {}),
        contextName: v['init-cicd-context-name'],
        once: v.once,
        intervalS: Number(interval),
        retryInterrupted: v['retry-interrupted'],
        handleExisting: v['handle-existing']
    };
}
const defaultSink = async ({ opened, appConfig, args, io }) => {
    const { handlerSink } = await Promise.all(/* import() */[__webpack_require__.e(39), __webpack_require__.e(897)]).then(__webpack_require__.bind(__webpack_require__, 9897));
    return handlerSink({
        manager: opened.manager,
        primary: opened.stores.primary,
        appConfig,
        ...(args.contextId ? { contextId: args.contextId } : {}),
        init: {
            contextName: args.contextName,
            cwd: io.cwd,
            ...(args.basesDir ? { basesDir: args.basesDir } : {})
        }
    });
};
function fail(message) {
    throw new errors/* UsageError */.eb(message);
}
function nonEmpty(value) {
    return value === undefined || value === '' ? undefined : value;
}


/***/ })

};
;