"use strict";
exports.id = 920;
exports.ids = [920];
exports.modules = {

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


/***/ })

};
;