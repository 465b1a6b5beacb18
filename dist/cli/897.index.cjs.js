"use strict";
exports.id = 897;
exports.ids = [897,865,920];
exports.modules = {

/***/ 6071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YV: () => (/* binding */ authorAssociationOf),
/* harmony export */   aB: () => (/* binding */ entriesFor),
/* harmony export */   s3: () => (/* binding */ entryPath)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_own_property_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2813);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3054);



/** Where an entry is in the app config, for messages. */
function entryPath(entry) {
    return `github-events.${entry.event}[${entry.index}]`;
}
/** The entries listed under `eventName` (merged over the bases), checked; none when the event is not listed. */
function entriesFor(appConfig, eventName) {
    const all = appConfig.merged['github-events'];
    if (all === undefined || all === null)
        return [];
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isJsonObject */ .O)(all))
        throw configError(appConfig, "'github-events' must be a mapping");
    // The event name may come from an event file: only own keys (`__proto__` is no event).
    const list = (0,_core_own_property_js__WEBPACK_IMPORTED_MODULE_2__/* .getOwn */ .N)(all, eventName);
    if (list === undefined || list === null)
        return [];
    if (!Array.isArray(list)) {
        throw configError(appConfig, `github-events.${eventName} must be a list of entries`);
    }
    return list.map((raw, index) => parseEntry(appConfig, eventName, index, raw));
}
function parseEntry(appConfig, event, index, raw) {
    const where = entryPath({ event, index });
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isJsonObject */ .O)(raw))
        throw configError(appConfig, `${where} must be a mapping`);
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isJsonObject */ .O)(raw.handlers)) {
        throw configError(appConfig, `${where}: 'handlers' must be a mapping of handler kinds`);
    }
    const logTo = raw['log-to'];
    if (logTo !== undefined && logTo !== null && logTo !== 'comment' && logTo !== 'none') {
        throw configError(appConfig, `${where}: log-to must be 'comment'`);
    }
    const status = raw.status;
    if (status !== undefined && status !== null && !((0,_core_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isJsonObject */ .O)(status) && status.context)) {
        throw configError(appConfig, `${where}: status needs a 'context'`);
    }
    const association = raw['author-association'];
    return {
        event,
        index,
        name: raw.name === undefined || raw.name === null ? `${event}[${index}]` : String(raw.name),
        ...(raw.if === undefined || raw.if === null ? {} : { if: String(raw.if) }),
        handlers: raw.handlers,
        logToComment: logTo === 'comment',
        ...((0,_core_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isJsonObject */ .O)(status)
            ? {
                status: {
                    context: String(status.context),
                    ...(status.description === undefined || status.description === null
                        ? {}
                        : { description: String(status.description) })
                }
            }
            : {}),
        ...(Array.isArray(association) ? { authorAssociation: association.map(String) } : {})
    };
}
function configError(appConfig, message) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${appConfig.path}: ${message}`, appConfig.path);
}
/**
 * The author_association of whoever wrote the text the event carries: the comment, the review, the pull
 * request or the issue, first found. Undefined for events that carry none (push, workflow_run): an entry
 * that requires an association then never matches (closed by default).
 */
function authorAssociationOf(payload) {
    for (const key of ['comment', 'review', 'pull_request', 'issue']) {
        const node = payload[key];
        if ((0,_core_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isJsonObject */ .O)(node) && typeof node.author_association === 'string')
            return node.author_association;
    }
    return undefined;
}


/***/ }),

/***/ 2865:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  handleGithubEvent: () => (/* binding */ handleGithubEvent),
  matchingEntries: () => (/* binding */ matchingEntries),
  seconds: () => (/* binding */ seconds)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/events.ts
var events = __webpack_require__(7842);
// EXTERNAL MODULE: ./src/core/renderer.ts + 1 modules
var renderer = __webpack_require__(5800);
// EXTERNAL MODULE: ./src/github-events/entries.ts
var github_events_entries = __webpack_require__(6071);
// EXTERNAL MODULE: ./src/handlers/comment.ts + 1 modules
var comment = __webpack_require__(1920);
;// CONCATENATED MODULE: ./src/github-events/progress.ts




const ICONS = {
    ok: '✅',
    failed: '❌',
    skipped: '⏭️',
    'dry-run': '📝'
};
/**
 * `log-to: comment`: the entry's progress as its own section of the context's progress comment (the
 * comment handler's store-then-converge code): started, one line per handler outcome, command output as
 * collapsed folds, finished with the duration. The text is built here from outcomes and output — never
 * rendered as a template — and neutralised by the comment code. A failed write is reported once as a
 * `comment` outcome and stops further writes for the entry.
 */
class ProgressLog {
    entry;
    ctx;
    ref;
    lines = [];
    details = [];
    failures = [];
    /** In a dry run, the last comment it would have written (shown with the other requests). */
    preview;
    constructor(entry, ctx, ref) {
        this.entry = entry;
        this.ctx = ctx;
        this.ref = ref;
    }
    started() {
        this.lines.push(`⏳ \`${this.entry.event}\` · started`, '');
        return this.post();
    }
    record(o) {
        const took = o.durationMs === undefined ? '' : ` (${(o.durationMs / 1000).toFixed(1)} s)`;
        const why = o.reason ? `: ${o.reason.replace(/\s+/g, ' ').slice(0, 300)}` : '';
        this.lines.push(`- ${ICONS[o.status]} ${o.handler} \`${o.block}\` — ${o.status}${took}${why}`);
        if (o.log !== undefined) {
            this.details.push({ summary: `${o.handler} ${o.block}: output (tail)`, text: o.log });
        }
        return this.post();
    }
    finished(state, durationMs) {
        const icon = state === 'success' ? '✅' : '❌';
        this.lines.push('', `${icon} finished: **${state}** in ${(durationMs / 1000).toFixed(1)} s`);
        return this.post();
    }
    async post() {
        if (this.failures.length > 0)
            return;
        const ctx = { ...this.ctx, event: this.ref, render: renderer/* renderOne */.v };
        const name = this.entry.name;
        try {
            const templateContext = await (0,renderer/* createTemplateContext */.s)(ctx.work.doc, ctx.config.config, ctx.tmplCtxVars, ctx.extraContext);
            const outcome = await (0,comment.postSection)(ctx, name, { section: `github-${this.entry.event}` }, templateContext, {
                title: `${name} (${this.entry.event})`,
                body: this.lines.join('\n'),
                details: this.details
            });
            if (outcome.status === 'dry-run')
                this.preview = outcome;
        }
        catch (error) {
            const reason = `progress comment: ${(0,errors/* errorMessage */.gJ)(error)}`;
            ctx.logger.debug(`${(0,github_events_entries/* entryPath */.s3)(this.entry)}: ${reason}`);
            this.failures.push({
                handler: 'comment',
                block: name,
                status: 'failed',
                onError: 'fail',
                reason
            });
        }
    }
}

// EXTERNAL MODULE: ./src/handlers/shell.ts + 1 modules
var shell = __webpack_require__(1900);
;// CONCATENATED MODULE: ./src/github-events/run.ts
/**
 * `github-events:` — handlers keyed on GitHub events (the quickcd model) on the same core as
 * `event-handlers`: every entry listed under the event whose filters match runs, in file order, inside
 * one operation on a context (same document, persistence, `on-error` policy, captures and dry run).
 * The front doors (the handle-event/init actions with `event: github`, the CLI's --handle-github-event)
 * and poll mode (src/poll) all call `handleGithubEvent`.
 */






/**
 * The entries listed under `eventName` whose `author-association` and `if` pass, in file order. Pure
 * apart from rendering (`if` is a template over `event` — the payload —, `eventName` and the context);
 * async because the template engine loads on first use. Poll mode uses it to decide whether an event has
 * anything to run before claiming it.
 */
async function matchingEntries(appConfig, eventName, payload, ctx = {}) {
    const matched = [];
    for (const entry of (0,github_events_entries/* entriesFor */.aB)(appConfig, eventName)) {
        if (await entryMatches(entry, eventName, payload, ctx))
            matched.push(entry);
    }
    return matched;
}
async function entryMatches(entry, eventName, payload, ctx) {
    if (entry.authorAssociation) {
        const association = (0,github_events_entries/* authorAssociationOf */.YV)(payload);
        if (!association || !entry.authorAssociation.includes(association))
            return false;
    }
    if (entry.if === undefined)
        return true;
    const context = await (0,renderer/* createTemplateContext */.s)((ctx.document ?? {}), ctx.configData ?? {}, ctx.tmplCtxVars ?? [], { event: payload, eventName });
    return (await (0,renderer/* renderOne */.v)(entry.if, context, `${(0,github_events_entries/* entryPath */.s3)(entry)}.if`)).trim() !== '';
}
/**
 * Runs every matching entry in file order and persists once. When an entry fails under `on-error: fail`
 * the others still run; what succeeded is persisted, then a HandlerError is thrown whose `result` is the
 * GithubEventResult. An event no entry matches runs nothing and, on an existing context, writes nothing.
 */
async function handleGithubEvent(opts) {
    const entries = [];
    const dispatcher = (ctx, registry) => runEntries(opts, ctx, registry, (r) => entries.push(r));
    const common = {
        id: opts.id,
        event: dispatcher,
        ...(opts.sets ? { sets: opts.sets } : {}),
        ...(opts.tmplCtxVars ? { tmplCtxVars: opts.tmplCtxVars } : {}),
        ...(opts.dryRun ? { dryRun: true } : {})
    };
    try {
        const operation = opts.init
            ? await opts.manager.initNew({
                ...common,
                contextName: opts.init.contextName,
                appConfigPath: opts.appConfig.path,
                cwd: opts.init.cwd,
                ...(opts.init.basesDir ? { basesDir: opts.init.basesDir } : {})
            })
            : await opts.manager.update(common);
        return { operation, entries };
    }
    catch (error) {
        if (error instanceof errors/* HandlerError */.bi && error.result) {
            const operation = error.result;
            throw new errors/* HandlerError */.bi(error.message, error.outcomes, { ...operation, entries });
        }
        throw error;
    }
}
async function runEntries(opts, ctx, registry, report) {
    const { eventName, payload } = opts;
    const entries = await matchingEntries(opts.appConfig, eventName, payload, {
        document: ctx.work.doc,
        configData: ctx.config.config,
        tmplCtxVars: ctx.tmplCtxVars
    });
    const listed = (0,github_events_entries/* entriesFor */.aB)(opts.appConfig, eventName).length;
    ctx.logger.info(`github event '${eventName}': ${entries.length} of ${listed} entr${listed === 1 ? 'y' : 'ies'} match${entries.length ? ` (${entries.map((e) => e.name).join(', ')})` : ''}`);
    // Refused before anything runs: a template marker in a command is a config error, not a failure.
    for (const entry of entries)
        (0,shell.checkLiteralShellBlocks)(entry.handlers, (0,github_events_entries/* entryPath */.s3)(entry));
    const withEvent = {
        ...ctx,
        github: { ...(ctx.github ?? { env: {} }), event: { name: eventName, payload } },
        extraContext: { ...ctx.extraContext, event: payload, eventName }
    };
    const all = [];
    for (const entry of entries) {
        const result = await runEntry(entry, withEvent, registry, opts.now ?? Date.now);
        report(result);
        all.push(...result.outcomes);
    }
    return all;
}
const fatal = (o) => o.status === 'failed' && o.onError === 'fail';
async function runEntry(entry, ctx, registry, now) {
    const started = now();
    const ref = { pipeline: `github-events.${entry.event}`, event: entry.name };
    ctx.logger.info(`${(0,github_events_entries/* entryPath */.s3)(entry)} '${entry.name}': started`);
    const progress = entry.logToComment ? new ProgressLog(entry, ctx, ref) : undefined;
    const outcomes = [];
    if (entry.status)
        outcomes.push(...(await setStatus(entry, 'pending', 0, ctx, registry)));
    if (progress)
        await progress.started();
    const ran = await (0,events/* dispatchHandlers */.sQ)(entry.handlers, ref, ctx, registry, {
        stopOnFailure: true,
        onOutcome: async (o) => {
            ctx.logger.info(`${(0,github_events_entries/* entryPath */.s3)(entry)} ${o.handler} '${o.block}': ${o.status}`);
            if (progress)
                await progress.record(o);
        }
    });
    outcomes.push(...ran);
    const failed = outcomes.some(fatal);
    const durationMs = now() - started;
    const state = failed ? 'failure' : 'success';
    if (entry.status)
        outcomes.push(...(await setStatus(entry, state, durationMs, ctx, registry)));
    if (progress) {
        await progress.finished(state, durationMs);
        outcomes.push(...progress.failures, ...(progress.preview ? [progress.preview] : []));
    }
    ctx.logger.info(`${(0,github_events_entries/* entryPath */.s3)(entry)} '${entry.name}': ${state} in ${seconds(durationMs)} s`);
    return {
        event: entry.event,
        index: entry.index,
        name: entry.name,
        status: outcomes.some(fatal) ? 'failed' : ctx.dryRun ? 'dry-run' : 'ok',
        durationMs,
        outcomes
    };
}
/**
 * The entry's commit status through the `commit-status` handler (SHA from the event: the pull request's
 * head, `after` for push, `workflow_run.head_sha`, …). The default description is passed through the
 * template context, never spliced into a template.
 */
async function setStatus(entry, state, durationMs, ctx, registry) {
    const status = entry.status;
    const summary = state === 'pending'
        ? `${entry.name}: started`
        : `${entry.name}: ${state === 'success' ? 'succeeded' : 'failed'} in ${seconds(durationMs)} s`;
    const block = {
        state,
        context: status.context,
        description: status.description ?? '{{ entry.summary }}'
    };
    return (0,events/* dispatchHandlers */.sQ)({ 'commit-status': { status: block } }, { pipeline: `github-events.${entry.event}`, event: entry.name }, {
        ...ctx,
        extraContext: {
            ...ctx.extraContext,
            entry: { name: entry.name, state, durationSeconds: Number(seconds(durationMs)), summary }
        }
    }, registry);
}
function seconds(ms) {
    return (Math.max(0, ms) / 1000).toFixed(1);
}


/***/ }),

/***/ 1920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentHandler: () => (/* binding */ commentHandler),
  postSection: () => (/* binding */ postSection),
  sectionsOf: () => (/* binding */ sectionsOf),
  valueAt: () => (/* binding */ valueAt)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
// EXTERNAL MODULE: ./src/github/errors.ts
var github_errors = __webpack_require__(3116);
// EXTERNAL MODULE: ./src/github/event-target.ts
var event_target = __webpack_require__(3405);
;// CONCATENATED MODULE: ./src/github/progress-comment.ts
/**
 * The progress comment as a pure rendering of the sections kept in the context document. Nothing here
 * talks to GitHub: the `comment` handler commits its section, renders with `renderComment`, writes, and
 * renders again when the document moved on. Rendering depends only on the sections (no clock), so two
 * writers holding the same document produce byte-identical bodies and a writer can tell "already done".
 */
/** GitHub rejects comment bodies over 65,536 characters (422). JS length counts UTF-16 units, ≥ GitHub's. */
const MAX_COMMENT_CHARS = 65_536;
/** Where the sections live in the context document: `<SECTIONS_PATH>.<section>.<block>`. */
const SECTIONS_PATH = 'state.progressComment.sections';
/** A stored section never holds more than a comment could show (the tail is kept). */
const MAX_SECTION_CHARS = 60_000;
/** The hidden first line that identifies the context's comment. Only our rendering starts with it. */
function commentMarker(contextId) {
    return `<!-- cicdstatemgr:${safeKey(contextId)} -->`;
}
/** True when `body` is the progress comment of `contextId` (the marker must be its very first line). */
function isProgressComment(body, contextId) {
    return typeof body === 'string' && body.startsWith(`${commentMarker(contextId)}\n`);
}
/** Keys inside markers: anything that could close a comment or break a path becomes `_`. */
function safeKey(text) {
    return text.replace(/[^A-Za-z0-9._:/-]/g, '_').slice(0, 200) || '_';
}
const ZWSP = '\u200b';
/**
 * Makes outside text (payload fields, command output, rendered templates) unable to open or close an
 * HTML comment — so it cannot forge the marker or a section delimiter — or to open or close our
 * `<details>` folds. A zero-width space keeps the text readable, in code blocks too.
 */
function neutralise(text) {
    return text
        .replace(/<!/g, `<${ZWSP}!`)
        .replace(/--(!?)>/g, `--${ZWSP}$1>`)
        .replace(/<(\/?)(details|summary)/gi, `<${ZWSP}$1$2`);
}
/**
 * Keeps the end of `text` within `max` characters, with a note of what was cut. Whole lines are kept
 * where possible, and a code fence cut in half is reopened so the tail still renders as code.
 */
function keepTail(text, max) {
    if (text.length <= max)
        return text;
    const omittedNote = (n) => `… (${n} earlier characters omitted)\n`;
    let room = Math.max(0, max - omittedNote(text.length).length - 4);
    let tail = text.slice(text.length - room);
    const newline = tail.indexOf('\n');
    if (newline !== -1 && newline < 200 && newline < tail.length - 1)
        tail = tail.slice(newline + 1);
    // A lone low surrogate at the start would render as a replacement character.
    if (/^[\udc00-\udfff]/.test(tail))
        tail = tail.slice(1);
    room = tail.length;
    const fences = tail.split('\n').filter((line) => /^\s*(```|~~~)/.test(line)).length;
    const reopen = fences % 2 === 1 ? '```\n' : '';
    return `${omittedNote(text.length - room)}${reopen}${tail}`;
}
/**
 * The comment body: marker, heading, then every section in creation order. When the whole does not fit,
 * every section but the most recently updated folds into `<details>`, and the bodies share what room is
 * left equally (water-filling: a short body keeps all of its text, long ones keep their tails); when
 * even the section frames do not fit, the oldest sections are left out with a note.
 */
function renderComment(contextId, sections, opts = {}) {
    const limit = opts.limit ?? MAX_COMMENT_CHARS;
    const ordered = [...sections].sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.key, b.key));
    const full = compose(contextId, ordered, new Set(), new Map(), 0);
    if (full.length <= limit)
        return full;
    const byRecency = [...ordered].sort((a, b) => cmp(b.updatedAt, a.updatedAt) || cmp(a.key, b.key));
    const newest = byRecency[0]?.key;
    const folded = new Set(ordered.filter((s) => s.key !== newest).map((s) => s.key));
    const kept = [...ordered];
    let omitted = 0;
    for (;;) {
        const empty = new Map(kept.map((s) => [s.key, '']));
        const frame = compose(contextId, kept, folded, empty, omitted).length;
        const room = limit - frame;
        if (room >= MIN_BODY * kept.length || kept.length <= 1) {
            // keepTail(text, cap) is at most cap long once cap exceeds its note, so the total is within limit.
            const body = compose(contextId, kept, folded, fitBodies(kept, Math.max(0, room)), omitted);
            return body.length <= limit ? body : body.slice(0, limit);
        }
        // Drop the least recently updated section that is not the newest.
        const oldest = [...byRecency].reverse().find((s) => kept.includes(s) && s.key !== newest);
        if (!oldest)
            break;
        kept.splice(kept.indexOf(oldest), 1);
        omitted++;
    }
    return compose(contextId, kept, folded, new Map(kept.map((s) => [s.key, ''])), omitted).slice(0, limit);
}
/** Below this a section's text is not worth showing; older sections are left out instead. */
const MIN_BODY = 120;
function fitBodies(sections, room) {
    const cap = waterLevel(sections.map((s) => s.body.length), room);
    return new Map(sections.map((s) => [s.key, keepTail(s.body, cap)]));
}
/** The largest cap c with Σ min(len, c) ≤ room. */
function waterLevel(lengths, room) {
    const sorted = [...lengths].sort((a, b) => a - b);
    let left = room;
    for (let i = 0; i < sorted.length; i++) {
        const share = Math.floor(left / (sorted.length - i));
        const len = sorted[i];
        if (len > share)
            return share;
        left -= len;
    }
    return Number.MAX_SAFE_INTEGER;
}
function compose(contextId, sections, folded, bodies, omitted) {
    const parts = [commentMarker(contextId), `### cicdstatemgr · \`${safeKey(contextId)}\``, ''];
    if (omitted > 0) {
        parts.push(`_${omitted} older section(s) left out to stay under GitHub's size limit; they are kept in the context at \`${SECTIONS_PATH}\`._`, '');
    }
    for (const s of sections) {
        const key = safeKey(s.key);
        // Stored text is neutralised by the handler; again here for values set by other means (--set).
        const body = neutralise(bodies.get(s.key) ?? s.body);
        parts.push(`<!-- cicdstatemgr-section:${key} -->`);
        if (folded.has(s.key)) {
            parts.push(`<details><summary>${neutralise(oneLine(s.title))}</summary>`, '', body, '', '</details>');
        }
        else {
            parts.push(`#### ${neutralise(oneLine(s.title))}`, '', body);
        }
        for (const d of s.details ?? [])
            parts.push('', ...fold(d.summary, d.text));
        parts.push(`<!-- /cicdstatemgr-section:${key} -->`, '');
    }
    return parts.join('\n');
}
/** A collapsed code block; the fence is longer than any backtick run in the text, so it cannot close early. */
function fold(summary, text) {
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    return [
        `<details><summary>${neutralise(oneLine(summary))}</summary>`,
        '',
        fence,
        neutralise(text),
        fence,
        '',
        '</details>'
    ];
}
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

// EXTERNAL MODULE: ./src/handlers/capture.ts
var capture = __webpack_require__(3927);
// EXTERNAL MODULE: ./src/handlers/github-block.ts
var github_block = __webpack_require__(2038);
// EXTERNAL MODULE: ./src/handlers/commit-status.ts
var commit_status = __webpack_require__(7039);
;// CONCATENATED MODULE: ./src/handlers/comment.ts








/** A section's folds (command output) keep their tails: the end of a log says what failed. */
const MAX_DETAIL_CHARS = 12_000;
/** Rounds of render → write → re-read before giving up on a comment that keeps moving. */
const MAX_ROUNDS = 8;
/**
 * `comment`: one progress comment per context, on the pull request (or the commit for push events).
 * Each job/block owns a section stored in the context at `state.progressComment.sections.<job>.<block>`;
 * the comment is a rendering of all sections. GitHub comments have no compare-and-swap, but the context
 * store never loses an update, so a writer commits its section first, then writes the comment rendered
 * from the committed document, re-reads both, and writes again until the comment matches the document
 * (parallel jobs converge on the rendering that holds every section). Duplicates from two writers that
 * both created the comment are deleted, the lowest id is kept.
 */
const commentHandler = {
    kind: 'comment',
    singleBlockKey: 'body',
    contextKey: 'comment',
    async run(block, name, templateContext, ctx) {
        const where = `comment '${name}'`;
        if (block.body === undefined || block.body === null) {
            throw new errors/* ConfigError */.xL(`${where}: 'body' is required`);
        }
        const body = await ctx.render(String(block.body), templateContext, `${where}.body`);
        const title = await (0,github_block/* renderOptional */.RC)(ctx, block.title, templateContext, `${where}.title`);
        return postSection(ctx, name, block, templateContext, { body, ...(title ? { title } : {}) });
    }
};
/**
 * Stores the section in the context and converges the progress comment on it: the comment handler's
 * work after rendering, shared with the `github-events` progress sections (src/github-events), whose
 * text is built in code and must not be rendered as a template.
 */
async function postSection(ctx, name, block, templateContext, texts) {
    const where = `comment '${name}'`;
    const access = await (0,github_block/* githubBlock */.Dm)(ctx, 'comment', name, block, templateContext);
    const facts = {
        eventName: access.env.eventName ?? '',
        payload: access.env.payload(),
        ...(access.env.sha ? { githubSha: access.env.sha } : {})
    };
    const explicitPr = await (0,github_block/* renderOptional */.RC)(ctx, block['pull-request'], templateContext, `${where}.pull-request`);
    const explicitSha = await (0,github_block/* renderOptional */.RC)(ctx, block.sha, templateContext, `${where}.sha`);
    const recorded = (0,commit_status.recordedSha)(ctx.work.doc, block);
    const target = (0,event_target/* resolveCommentTarget */.z1)(facts, {
        ...(explicitPr ? { pullRequest: explicitPr } : {}),
        ...(explicitSha ? { sha: explicitSha } : {}),
        ...(recorded ? { recordedSha: recorded } : {})
    }, where);
    const job = safePart((await (0,github_block/* renderOptional */.RC)(ctx, block.section, templateContext, `${where}.section`)) ??
        access.env.job ??
        'local');
    const section = buildSection(ctx, texts, name, job);
    ctx.work.set(sectionPath(job, name), section);
    const base = { handler: 'comment', block: name, onError: 'fail' };
    const id = contextId(ctx.work.doc);
    if (ctx.dryRun) {
        return {
            ...base,
            status: 'dry-run',
            request: (0,github_block/* shownRequest */.d1)(ctx, access, 'POST', targetPath(access, target), {
                body: renderComment(id, sectionsOf(ctx.work.doc))
            })
        };
    }
    const committed = await ctx.commit();
    try {
        const written = await converge(ctx, access, target, id, committed);
        const captured = await comment_capture(ctx, block, name, written, target);
        return { ...base, status: 'ok', captured };
    }
    catch (error) {
        if (isForkRefusal(error, target, facts))
            return forkFallback(ctx, base, target, section);
        throw permissionHint(error, target);
    }
}
function buildSection(ctx, texts, name, job) {
    const title = texts.title ?? (name === 'default' ? job : `${job} · ${name}`);
    const previous = valueAt(ctx.work.doc, sectionPath(job, name));
    const now = new Date().toISOString();
    const createdAt = (0,types/* isJsonObject */.O)(previous) && typeof previous.createdAt === 'string' ? previous.createdAt : now;
    // Neutralised once here, so the stored text is what the comment shows; the tail is what matters.
    return {
        title: neutralise(title).slice(0, 200),
        body: keepTail(neutralise(texts.body.trim()), MAX_SECTION_CHARS),
        ...(texts.details?.length
            ? {
                details: texts.details.map((d) => ({
                    summary: neutralise(d.summary).slice(0, 200),
                    text: keepTail(neutralise(d.text), MAX_DETAIL_CHARS)
                }))
            }
            : {}),
        createdAt,
        updatedAt: now
    };
}
/**
 * Writes the comment until it matches the freshest document: list our comments (marker + our identity),
 * create one when there is none, delete duplicates keeping the lowest id, update when the text differs,
 * then reload the document and check again. Returns the comment as last written or confirmed.
 */
async function converge(ctx, access, target, id, committed) {
    const client = await (0,github_block/* githubClient */.$f)(ctx, access);
    const me = (await client.identity()).login;
    const api = commentApi(client, access.repo, target);
    let doc = committed;
    let last;
    for (let round = 1; round <= MAX_ROUNDS; round++) {
        if (round > 1)
            doc = await ctx.reload();
        const body = renderComment(id, sectionsOf(doc));
        const mine = (await api.list())
            .filter((c) => c.user?.login === me && isProgressComment(c.body, id))
            .sort((a, b) => a.id - b.id);
        const [keep, ...duplicates] = mine;
        if (!keep) {
            last = await api.create(body);
            continue;
        }
        for (const dup of duplicates)
            await api.remove(dup.id);
        if (same(keep.body, body))
            return keep;
        // Another writer may have deleted it as a duplicate it saw next to an older one: list again.
        last = (await api.update(keep.id, body).catch(gone)) ?? last;
    }
    ctx.logger.warning(`comment: the comment kept changing under parallel writers; left it after ${MAX_ROUNDS} rounds (the next writer completes it)`);
    if (!last)
        throw new errors/* ConfigError */.xL('comment: nothing was written');
    return last;
}
/** A 404 as undefined (the comment is gone); anything else is rethrown. */
function gone(error) {
    if (error instanceof github_errors/* GithubApiError */.A && error.status === 404)
        return undefined;
    throw error;
}
function commentApi(client, repo, target) {
    // Two writers deleting the same duplicate: the second one finds it gone.
    const ignoreGone = async (p) => {
        await p.catch(gone);
    };
    if (target.kind === 'issue') {
        return {
            list: () => client.listIssueComments(repo, target.number),
            create: (body) => client.createIssueComment(repo, target.number, body),
            update: (id, body) => client.updateIssueComment(repo, id, body),
            remove: (id) => ignoreGone(client.deleteIssueComment(repo, id))
        };
    }
    return {
        list: () => client.listCommitComments(repo, target.sha),
        create: (body) => client.createCommitComment(repo, target.sha, body),
        update: (id, body) => client.updateCommitComment(repo, id, body),
        remove: (id) => ignoreGone(client.deleteCommitComment(repo, id))
    };
}
/** GitHub may store line ends as CRLF and trims the end: compare what a reader sees. */
function same(stored, body) {
    const norm = (s) => s.replace(/\r\n/g, '\n').trimEnd();
    return typeof stored === 'string' && norm(stored) === norm(body);
}
/** `state.comments.<block>.{id,url}` by default, then the config's and block's capture rules. */
async function comment_capture(ctx, block, name, comment, target) {
    const captured = {
        [`state.comments.${safePart(name)}.id`]: comment.id,
        [`state.comments.${safePart(name)}.url`]: comment.html_url
    };
    for (const [path, value] of Object.entries(captured))
        ctx.work.set(path, value);
    const body = {
        id: comment.id,
        html_url: comment.html_url,
        ...(target.kind === 'issue' ? { issue_number: target.number } : { commit_sha: target.sha })
    };
    return { ...captured, ...(await (0,capture/* captureResponse */.i)(ctx, 'comment', block, body)) };
}
/** A fork's token is read-only: GitHub answers 403 on write. Not a rate limit (those carry a wait). */
function isForkRefusal(error, target, facts) {
    return (error instanceof github_errors/* GithubApiError */.A &&
        error.status === 403 &&
        error.retryAfterMs === undefined &&
        target.kind === 'issue' &&
        (0,event_target/* isForkPullRequest */.B7)(facts));
}
/**
 * The section goes to the job summary instead (HandlerOutcome.summary: the actions append it to
 * GITHUB_STEP_SUMMARY, the CLI logs it), with a warning; the step does not fail.
 */
function forkFallback(ctx, base, target, section) {
    const where = target.kind === 'issue' ? `pull request #${target.number}` : 'the commit';
    const reason = `the token cannot write to ${where} (a fork's read-only token): the section is in the job summary`;
    ctx.logger.warning(`comment '${base.block}': ${reason}`);
    return {
        ...base,
        status: 'ok',
        reason,
        summary: `#### ${String(section.title)}\n\n${String(section.body)}\n`
    };
}
function permissionHint(error, target) {
    if (!(error instanceof github_errors/* GithubApiError */.A) ||
        error.status !== 403 ||
        error.retryAfterMs !== undefined) {
        return error;
    }
    const needs = target.kind === 'issue' ? 'pull-requests: write (or issues: write)' : 'contents: write';
    return new github_errors/* GithubApiError */.A(`${error.message}; the token needs ${needs}`, error.status);
}
function targetPath(access, target) {
    const repo = `/repos/${access.repo.owner}/${access.repo.repo}`;
    return target.kind === 'issue'
        ? `${repo}/issues/${target.number}/comments`
        : `${repo}/commits/${target.sha}/comments`;
}
function sectionPath(job, block) {
    return `${SECTIONS_PATH}.${job}.${safePart(block)}`;
}
/** Every stored section, flattened to `<job>/<block>` keys; malformed entries are skipped. */
function sectionsOf(doc) {
    const all = valueAt(doc, SECTIONS_PATH);
    if (!(0,types/* isJsonObject */.O)(all))
        return [];
    const out = [];
    for (const [job, blocks] of Object.entries(all)) {
        if (!(0,types/* isJsonObject */.O)(blocks))
            continue;
        for (const [block, s] of Object.entries(blocks)) {
            if (!(0,types/* isJsonObject */.O)(s) || typeof s.body !== 'string')
                continue;
            out.push({
                key: `${job}/${block}`,
                title: typeof s.title === 'string' ? s.title : `${job} · ${block}`,
                body: s.body,
                ...detailsOf(s.details),
                createdAt: typeof s.createdAt === 'string' ? s.createdAt : '',
                updatedAt: typeof s.updatedAt === 'string' ? s.updatedAt : ''
            });
        }
    }
    return out;
}
function detailsOf(value) {
    if (!Array.isArray(value))
        return {};
    const details = value.filter((d) => (0,types/* isJsonObject */.O)(d) && typeof d.summary === 'string' && typeof d.text === 'string');
    return details.length ? { details } : {};
}
function contextId(doc) {
    const state = (0,types/* isJsonObject */.O)(doc.state) ? doc.state : {};
    return typeof state.cicdContextDataId === 'string' ? state.cicdContextDataId : 'context';
}
/** A key that is one path segment: job ids and block names keep letters, digits, `-` and `_`. */
function safePart(text) {
    return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_';
}
function valueAt(doc, path) {
    let node = doc;
    for (const key of path.split('.'))
        node = (0,types/* isJsonObject */.O)(node) ? node[key] : undefined;
    return node;
}


/***/ }),

/***/ 1900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TAIL_CHARS: () => (/* binding */ TAIL_CHARS),
  checkLiteralShellBlocks: () => (/* binding */ checkLiteralShellBlocks),
  shellHandler: () => (/* binding */ shellHandler)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/config.ts + 1 modules
var config = __webpack_require__(7027);
// EXTERNAL MODULE: ./src/core/logger.ts
var logger = __webpack_require__(1227);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
// EXTERNAL MODULE: ./src/handlers/capture.ts
var capture = __webpack_require__(3927);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/handlers/shell-process.ts

/** Characters of one output line held before it is logged anyway. */
const MAX_LINE = 16_384;
/** After SIGTERM, how long the group has before SIGKILL. */
const KILL_GRACE_MS = 3000;
/** After the command exits, how long leftover processes holding its output may keep it open. */
const CLOSE_GRACE_MS = 1000;
/**
 * Runs a command in its own process group (detached), so a timeout — and the end of the command — can
 * signal everything it started (`kill(-pid)`): a grandchild that outlives the timeout would keep running
 * with the job's secrets and hold the output pipes open. No shell parses anything here: `args` go to
 * the program as they are.
 */
function runProcess(spec) {
    const keep = spec.keep ?? 65_536;
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(spec.command, spec.args, {
            cwd: spec.cwd,
            env: spec.env,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let tail = '';
        let timedOut = false;
        const partial = { stdout: '', stderr: '' };
        const take = (stream, chunk) => {
            tail = (tail + chunk).slice(-keep);
            const lines = (partial[stream] + chunk).split('\n');
            partial[stream] = lines.pop() ?? '';
            for (const line of lines)
                spec.onLine(line.replace(/\r$/, ''));
            // Output without line ends (progress bars) is logged in pieces rather than held in memory.
            if (partial[stream].length > MAX_LINE) {
                spec.onLine(partial[stream]);
                partial[stream] = '';
            }
        };
        child.stdout.setEncoding('utf8').on('data', (c) => take('stdout', c));
        child.stderr.setEncoding('utf8').on('data', (c) => take('stderr', c));
        const group = (signal) => {
            try {
                if (child.pid)
                    process.kill(-child.pid, signal);
            }
            catch {
                // The group is already gone.
            }
        };
        let killTimer;
        const timer = setTimeout(() => {
            timedOut = true;
            group('SIGTERM');
            killTimer = setTimeout(() => group('SIGKILL'), KILL_GRACE_MS);
        }, spec.timeoutMs);
        let closeTimer;
        let exit;
        let settled = false;
        const finish = () => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(killTimer);
            clearTimeout(closeTimer);
            // Whatever the command left running in its group does not outlive the handler.
            group('SIGKILL');
            for (const stream of ['stdout', 'stderr']) {
                if (partial[stream])
                    spec.onLine(partial[stream]);
                partial[stream] = '';
            }
            child.stdout.destroy();
            child.stderr.destroy();
            resolve({
                exitCode: exit?.code ?? null,
                signal: exit?.signal ?? null,
                timedOut,
                tail,
                ...(child.pid ? { pid: child.pid } : {})
            });
        };
        child.on('error', (error) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            reject(error);
        });
        child.on('exit', (code, signal) => {
            exit = { code, signal };
            closeTimer = setTimeout(finish, CLOSE_GRACE_MS);
        });
        child.on('close', (code, signal) => {
            exit ??= { code, signal };
            finish();
        });
    });
}

;// CONCATENATED MODULE: ./src/handlers/shell.ts







/** Without `timeout`, a command is stopped after an hour: every step of the project is bounded. */
const DEFAULT_TIMEOUT_SECONDS = 3600;
/** Characters of output stored in the context (`state.shell.<block>.outputTail`) and shown in comments. */
const TAIL_CHARS = 4000;
const SHELLS = {
    // GitHub's own `shell: bash` and `shell: sh` command lines.
    bash: (script) => ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script]],
    sh: (script) => ['sh', ['-e', '-c', script]]
};
const LITERAL_KEYS = ['run', 'shell', 'working-directory'];
const TEMPLATE_MARKER = /\{\{|\{%|\{#/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * `shell`: runs `run` with bash (default) or sh. `run`, `shell` and `working-directory` are literal: the
 * command text is never rendered, so nothing from an event payload or the context can become shell
 * syntax; templated values reach the command only as environment variables (`env`, each value rendered),
 * which the shell expands as data. Output is streamed to the log line by line, each line prefixed (so a
 * line of output can never start with `::` or `##[` and issue a workflow command), secrets masked.
 * Captures `state.shell.<block>` (exitCode, durationMs, timedOut, outputTail) and the block's
 * `capture-response-data` over that body. A non-zero exit or a timeout is a failed outcome.
 */
const shellHandler = {
    kind: 'shell',
    singleBlockKey: 'run',
    contextKey: 'shell',
    async run(block, name, templateContext, ctx) {
        const where = `shell '${name}'`;
        checkLiteral(block, where);
        const spec = readSpec(block, where, ctx.config.cwd ?? process.cwd());
        const env = await renderEnv(block, templateContext, ctx, where);
        const base = { handler: 'shell', block: name, onError: 'fail' };
        if (ctx.dryRun) {
            return {
                ...base,
                status: 'dry-run',
                request: { method: 'RUN', url: spec.shell, headers: {}, body: spec.run }
            };
        }
        const mask = masker(ctx);
        const prefix = `${name} | `;
        const started = Date.now();
        const [command, args] = SHELLS[spec.shell](spec.run);
        const result = await runProcess({
            command,
            args,
            cwd: spec.cwd,
            env: childEnv(env),
            timeoutMs: spec.timeoutSeconds * 1000,
            onLine: (line) => ctx.logger.info(prefix + mask(line))
        }).catch((error) => {
            throw new errors/* ConfigError */.xL(`${where}: cannot start ${spec.shell}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        });
        const durationMs = Date.now() - started;
        const outputTail = mask(result.tail).slice(-TAIL_CHARS);
        const body = {
            exitCode: result.exitCode,
            durationMs,
            timedOut: result.timedOut,
            outputTail
        };
        ctx.work.set(`state.shell.${safePart(name)}`, body);
        const captured = {
            [`state.shell.${safePart(name)}`]: body,
            ...(await (0,capture/* captureResponse */.i)(ctx, 'shell', block, body))
        };
        const outcome = { ...base, captured, log: outputTail, durationMs };
        if (result.exitCode === 0 && !result.timedOut)
            return { ...outcome, status: 'ok' };
        const reason = result.timedOut
            ? `timed out after ${spec.timeoutSeconds} s (process group killed)`
            : result.exitCode === null
                ? `killed by ${result.signal ?? 'a signal'}`
                : `exit code ${result.exitCode}`;
        return { ...outcome, status: 'failed', reason };
    }
};
/** `base`: the run's working directory (the actions' `working-directory` input, the CLI's cwd). */
function readSpec(block, where, base) {
    if (typeof block.run !== 'string' || !block.run.trim()) {
        throw new errors/* ConfigError */.xL(`${where}: 'run' must be a non-empty string`);
    }
    const shell = block.shell === undefined || block.shell === null ? 'bash' : String(block.shell);
    if (!Object.hasOwn(SHELLS, shell)) {
        throw new errors/* ConfigError */.xL(`${where}: shell '${shell}' is not supported (bash, sh)`);
    }
    const timeout = block.timeout ?? DEFAULT_TIMEOUT_SECONDS;
    const timeoutSeconds = Number(timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
        throw new errors/* ConfigError */.xL(`${where}: timeout must be a positive number of seconds`);
    }
    const dir = block['working-directory'];
    return {
        run: block.run,
        shell,
        cwd: dir === undefined || dir === null ? base : (0,external_node_path_.resolve)(base, String(dir)),
        timeoutSeconds
    };
}
function checkLiteral(block, where) {
    for (const key of LITERAL_KEYS) {
        const value = block[key];
        if (typeof value === 'string' && TEMPLATE_MARKER.test(value)) {
            throw new errors/* ConfigError */.xL(`${where}: '${key}' must be literal text (it holds a template marker); pass templated values through 'env' and use "$NAME" in the command`);
        }
    }
}
/** Every `shell` block of a handlers mapping checked before anything runs (a github-events entry). */
function checkLiteralShellBlocks(handlers, where) {
    const config = handlers.shell;
    if (!(0,types/* isJsonObject */.O)(config))
        return;
    if (Object.hasOwn(config, 'run'))
        return checkLiteral(config, `${where} shell 'default'`);
    for (const [name, block] of Object.entries(config)) {
        if ((0,types/* isJsonObject */.O)(block))
            checkLiteral(block, `${where} shell '${name}'`);
    }
}
async function renderEnv(block, templateContext, ctx, where) {
    const env = block.env;
    if (env === undefined || env === null)
        return {};
    if (!(0,types/* isJsonObject */.O)(env))
        throw new errors/* ConfigError */.xL(`${where}: 'env' must be a mapping`);
    const out = {};
    for (const [key, value] of Object.entries(env)) {
        if (!ENV_NAME.test(key))
            throw new errors/* ConfigError */.xL(`${where}: env name '${key}' is not valid`);
        out[key] = await ctx.render(shell_text(value), templateContext, `${where}.env.${key}`);
    }
    return out;
}
function shell_text(value) {
    if (value === null)
        return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
/**
 * The runner's environment without the action's own inputs (INPUT_SECRETS may hold the secrets YAML,
 * INPUT_GITHUB-TOKEN the token: a `run:` step does not see them either), plus the block's env.
 */
function childEnv(env) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_')));
    return { ...inherited, ...env };
}
/** The logger's registered secrets plus every secrets.yaml value and the token, for stored text. */
function masker(ctx) {
    const own = new logger/* SecretMasker */.M2();
    (0,config/* collectStrings */.D)(ctx.config.secrets).forEach((s) => own.add(s));
    if (ctx.github?.token)
        own.add(ctx.github.token);
    return (text) => {
        const masked = own.mask(text);
        return ctx.logger.mask ? ctx.logger.mask(masked) : masked;
    };
}
function safePart(text) {
    return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_';
}


/***/ }),

/***/ 9897:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   handlerSink: () => (/* binding */ handlerSink)
/* harmony export */ });
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3054);
/* harmony import */ var _github_events_entries_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6071);
/* harmony import */ var _github_events_run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2865);



/**
 * The handler file's `github-events:` entries as the poller's sink: the same `handleGithubEvent` the
 * workflow step and `--handle-github-event` run. Each event works on `--id` when given, else on a
 * context of its own, `poll-<event id>`, initialised from the app config (event ids are unique).
 */
function handlerSink(o) {
    return {
        entries() {
            const section = o.appConfig.merged['github-events'];
            const names = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(section) ? Object.keys(section) : [];
            return names.flatMap((name) => (0,_github_events_entries_js__WEBPACK_IMPORTED_MODULE_0__/* .entriesFor */ .aB)(o.appConfig, name).map((e) => ({
                event: e.event,
                label: `${(0,_github_events_entries_js__WEBPACK_IMPORTED_MODULE_0__/* .entryPath */ .s3)(e)} (${e.name})`
            })));
        },
        async matches(name, payload) {
            const document = o.contextId ? await o.primary.load(o.contextId) : undefined;
            const matched = await (0,_github_events_run_js__WEBPACK_IMPORTED_MODULE_1__.matchingEntries)(o.appConfig, name, payload, {
                ...(document ? { document } : {})
            });
            return matched.length > 0;
        },
        async handle(name, payload, event) {
            await (0,_github_events_run_js__WEBPACK_IMPORTED_MODULE_1__.handleGithubEvent)({
                manager: o.manager,
                appConfig: o.appConfig,
                id: o.contextId ?? `poll-${event.id}`,
                ...(o.contextId ? {} : { init: o.init }),
                eventName: name,
                payload
            });
        }
    };
}


/***/ })

};
;