"use strict";
exports.id = 39;
exports.ids = [39];
exports.modules = {

/***/ 3405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B7: () => (/* binding */ isForkPullRequest),
/* harmony export */   vc: () => (/* binding */ resolveSha),
/* harmony export */   z1: () => (/* binding */ resolveCommentTarget)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3054);


const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
const ZERO = /^0+$/;
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
function resolveSha(facts, explicit, recorded, where) {
    const chosen = pick(explicit, 'sha') ??
        payloadSha(facts) ??
        pick(recorded, 'recorded-sha') ??
        pick(facts.githubSha, 'GITHUB_SHA');
    if (!chosen) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: no commit SHA (set 'sha', record one in the context, or run with GITHUB_SHA set)`);
    }
    if (!SHA.test(chosen.sha)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: ${chosen.source} '${chosen.sha.slice(0, 80)}' is not a commit SHA`);
    }
    return chosen;
}
function pick(value, source) {
    const sha = value?.trim();
    return sha ? { sha, source } : undefined;
}
function payloadSha({ eventName, payload }) {
    if (eventName.startsWith('pull_request')) {
        return pick(text(at(payload, 'pull_request', 'head', 'sha')), 'pull_request.head.sha');
    }
    if (eventName === 'push') {
        const after = text(at(payload, 'after'));
        // A deleted branch has after = 000…0: there is no commit to put anything on.
        return after && !ZERO.test(after) ? { sha: after, source: 'after' } : undefined;
    }
    if (eventName === 'workflow_run') {
        return pick(text(at(payload, 'workflow_run', 'head_sha')), 'workflow_run.head_sha');
    }
    if (eventName === 'check_suite' || eventName === 'check_run') {
        return pick(text(at(payload, eventName, 'head_sha')), `${eventName}.head_sha`);
    }
    return undefined;
}
/**
 * `pull-request` (explicit) > the event's pull request (pull_request*, an issue_comment on a pull request
 * or issue, a workflow_run's first same-repository pull request) > the commit `resolveSha` picks.
 */
function resolveCommentTarget(facts, explicit, where) {
    const pr = explicit.pullRequest?.trim();
    if (pr) {
        if (!/^[1-9]\d{0,9}$/.test(pr)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: pull-request '${pr.slice(0, 80)}' is not a number`);
        }
        return { kind: 'issue', number: Number(pr), source: 'pull-request' };
    }
    if (!explicit.sha?.trim()) {
        const number = eventNumber(facts);
        if (number)
            return { kind: 'issue', ...number };
    }
    const { sha, source } = resolveSha(facts, explicit.sha, explicit.recordedSha, where);
    return { kind: 'commit', sha, source };
}
function eventNumber({ eventName, payload }) {
    const candidates = [
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
    ];
    for (const [value, source] of candidates) {
        if (typeof value === 'number' && Number.isInteger(value) && value > 0)
            return { number: value, source };
    }
    return undefined;
}
/** A pull request from a fork: its token is read-only, so writes answer 403. */
function isForkPullRequest({ payload }) {
    const head = text(at(payload, 'pull_request', 'head', 'repo', 'full_name'));
    const base = text(at(payload, 'pull_request', 'base', 'repo', 'full_name'));
    return (Boolean(head && base && head !== base) ||
        at(payload, 'pull_request', 'head', 'repo', 'fork') === true);
}
function at(node, ...keys) {
    for (const key of keys) {
        if (Array.isArray(node))
            node = node[Number(key)];
        else
            node = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isJsonObject */ .O)(node) ? node[key] : undefined;
    }
    return node;
}
function text(value) {
    return typeof value === 'string' ? value : undefined;
}


/***/ }),

/***/ 3927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ captureResponse)
/* harmony export */ });
/* harmony import */ var _core_clone_json_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3453);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_credentials_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2633);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3054);




/**
 * Stores values from a 2xx response body: first the config's `<kind>.auto-capture-response-data`, then
 * the block's `capture-response-data`. Each `from` is rendered with the document, `configData` and
 * `body`, stripped, and when non-blank stored at the rendered `to` path. Every credential (`post()` passes
 * them: credentials.ts has the rule) is replaced by `***` in what is stored — the body arrives scrubbed,
 * and the rendered value is scrubbed again, since a template may join parts of it back together.
 */
async function captureResponse(ctx, kind, block, body, credentials = []) {
    const config = ctx.config.config[kind];
    const auto = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(config) ? config['auto-capture-response-data'] : undefined;
    const rules = [
        ...asRules(auto, `config.yaml ${kind}.auto-capture-response-data`),
        ...asRules(block['capture-response-data'], `${kind} capture-response-data`)
    ];
    if (rules.length === 0)
        return {};
    const context = { ...(0,_core_clone_json_js__WEBPACK_IMPORTED_MODULE_3__/* .cloneJson */ .Y)(ctx.work.doc), configData: ctx.config.config, body };
    const captured = {};
    for (const { from, to, where } of rules) {
        const value = (0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_1__/* .scrubText */ .Ho)((await ctx.render(from, context, `${where}.from`)).trim(), credentials);
        if (!value)
            continue;
        const path = (await ctx.render(to, context, `${where}.to`)).trim();
        ctx.work.set(path, value);
        captured[path] = value;
    }
    return captured;
}
function asRules(value, where) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where} must be a list of {from, to}`);
    return value.map((rule, i) => {
        if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(rule) ||
            rule.from === undefined ||
            rule.from === null ||
            typeof rule.to !== 'string') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}[${i}] needs 'from' and 'to'`);
        }
        return { from: String(rule.from), to: rule.to, where: `${where}[${i}]` };
    });
}


/***/ }),

/***/ 7039:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_RECORDED_SHA: () => (/* binding */ DEFAULT_RECORDED_SHA),
/* harmony export */   MAX_DESCRIPTION: () => (/* binding */ MAX_DESCRIPTION),
/* harmony export */   commitStatusHandler: () => (/* binding */ commitStatusHandler),
/* harmony export */   recordedSha: () => (/* binding */ recordedSha),
/* harmony export */   shorten: () => (/* binding */ shorten)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3054);
/* harmony import */ var _github_event_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3405);
/* harmony import */ var _capture_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3927);
/* harmony import */ var _github_block_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2038);





const STATES = ['pending', 'success', 'failure', 'error'];
/** GitHub refuses longer descriptions (422). */
const MAX_DESCRIPTION = 140;
/** Where a build records the commit it built, unless the block names another path. */
const DEFAULT_RECORDED_SHA = 'state.build.sha';
/**
 * `commit-status`: `POST /repos/{o}/{r}/statuses/{sha}` (`statuses: write`). The SHA is the commit the
 * event is about (see `resolveSha`): the pull request's head (not the merge commit GITHUB_SHA), `after`
 * for push, `workflow_run.head_sha`; in a dispatched run the SHA recorded in the context at
 * `recorded-sha` (default `state.build.sha`); a rendered `sha` overrides all of them.
 */
const commitStatusHandler = {
    kind: 'commit-status',
    singleBlockKey: 'state',
    contextKey: 'commitStatus',
    async run(block, name, templateContext, ctx) {
        const where = `commit-status '${name}'`;
        const text = (key) => (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .renderOptional */ .RC)(ctx, block[key], templateContext, `${where}.${key}`);
        const state = parseState(await text('state'), where);
        const access = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .githubBlock */ .Dm)(ctx, 'commit-status', name, block, templateContext);
        const facts = {
            eventName: access.env.eventName ?? '',
            payload: access.env.payload(),
            ...(access.env.sha ? { githubSha: access.env.sha } : {})
        };
        const { sha, source } = (0,_github_event_target_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveSha */ .vc)(facts, await text('sha'), recordedSha(ctx.work.doc, block), where);
        const context = (await text('context')) ?? (name === 'default' ? 'cicdstatemgr' : `cicdstatemgr/${name}`);
        const description = shorten(await text('description'), ctx.logger.info.bind(ctx.logger), where);
        const targetUrl = (await text('target-url')) ?? access.env.runUrl;
        if (targetUrl && !/^https?:\/\/\S+$/.test(targetUrl)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: target-url '${targetUrl.slice(0, 80)}' is not an http(s) URL`);
        }
        const payload = {
            state,
            context,
            ...(description ? { description } : {}),
            ...(targetUrl ? { target_url: targetUrl } : {})
        };
        const base = {
            handler: 'commit-status',
            block: name,
            onError: 'fail',
            request: (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .shownRequest */ .d1)(ctx, access, 'POST', `/repos/${access.repo.owner}/${access.repo.repo}/statuses/${sha}`, payload)
        };
        ctx.logger.debug(`${where}: ${state} on ${sha} (${source})`);
        if (ctx.dryRun)
            return { ...base, status: 'dry-run' };
        const client = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .githubClient */ .$f)(ctx, access);
        const created = await client.createCommitStatus(access.repo, sha, {
            state,
            context,
            ...(description ? { description } : {}),
            ...(targetUrl ? { targetUrl } : {})
        });
        const body = { ...created, sha, sha_source: source };
        return {
            ...base,
            status: 'ok',
            captured: await (0,_capture_js__WEBPACK_IMPORTED_MODULE_2__/* .captureResponse */ .i)(ctx, 'commit-status', block, body)
        };
    }
};
function parseState(value, where) {
    const state = value?.toLowerCase();
    if (!state || !STATES.includes(state)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: state '${value ?? ''}' must be one of ${STATES.join(', ')}`);
    }
    return state;
}
/**
 * Descriptions are truncated to 140 characters (with `…`), not refused: they are notes, often rendered
 * from text the author does not control (a commit title), and a status that is not set at all because
 * its note was long would hide the outcome it reports.
 */
function shorten(text, log, where) {
    if (!text)
        return undefined;
    const oneLine = text.replace(/\s+/g, ' ');
    const chars = [...oneLine];
    if (chars.length <= MAX_DESCRIPTION)
        return oneLine;
    log(`${where}: description shortened to ${MAX_DESCRIPTION} characters`);
    return `${chars.slice(0, MAX_DESCRIPTION - 1).join('')}…`;
}
/**
 * The SHA the context recorded at build time: the value at the block's `recorded-sha` path (default
 * `state.build.sha`; `recorded-sha: ''` turns it off), when it is a non-blank string.
 */
function recordedSha(doc, block) {
    const path = block['recorded-sha'] === undefined ? DEFAULT_RECORDED_SHA : block['recorded-sha'];
    if (typeof path !== 'string' || !path.trim())
        return undefined;
    let node = doc;
    for (const key of path.trim().split('.'))
        node = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(node) ? node[key] : undefined;
    return typeof node === 'string' && node.trim() ? node.trim() : undefined;
}


/***/ }),

/***/ 2038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ githubClient),
/* harmony export */   Dm: () => (/* binding */ githubBlock),
/* harmony export */   RC: () => (/* binding */ renderOptional),
/* harmony export */   Wn: () => (/* binding */ concludeDispatch),
/* harmony export */   d1: () => (/* binding */ shownRequest),
/* harmony export */   hW: () => (/* binding */ waitSettings),
/* harmony export */   m3: () => (/* binding */ shortRef),
/* harmony export */   qx: () => (/* binding */ renderStructure)
/* harmony export */ });
/* unused harmony exports storeResults, failsOn, runFields, waitAndConclude */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1227);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3054);
/* harmony import */ var _github_env_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1484);
/* harmony import */ var _capture_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3927);
/**
 * What the GitHub handlers (workflow-dispatch, repository-dispatch, and those built on them) share: the
 * repository and token of a block, the lazily created client, structural rendering, masking, captures and
 * the `wait` / `fail-on-conclusion` settings.
 *
 * Token order: the block's `token` (rendered with `secretData`, for cross-repository work), else the
 * front door's (`github-token` input / `GITHUB_TOKEN`). Every token is registered with the logger as a
 * secret before any call, and requests are shown (dry run, summaries) with `Authorization: token ***`.
 */





const realClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
/** The block's repository, token and the runner's variables; a ConfigError when something is missing. */
async function githubBlock(ctx, kind, name, block, templateContext) {
    const where = `${kind} '${name}'`;
    const env = withEvent((0,_github_env_js__WEBPACK_IMPORTED_MODULE_2__/* .readGithubEnv */ .V)(ctx.github?.env ?? {}), ctx.github?.event);
    const repoText = await renderOptional(ctx, block.repository, templateContext, `${where} repository`);
    const repo = repoText ? (0,_github_env_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRepository */ .S)(repoText, `${where} repository`) : env.repository;
    if (!repo) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: no 'repository' and GITHUB_REPOSITORY is not set`);
    }
    const withSecrets = { ...templateContext, secretData: ctx.config.secrets };
    const own = await renderOptional(ctx, block.token, withSecrets, `${where} token`);
    if (own)
        ctx.logger.addSecret(own);
    const token = own || ctx.github?.token;
    if (!token && !ctx.dryRun) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: no GitHub token (set the input 'github-token', GITHUB_TOKEN for the CLI, or the block's 'token')`);
    }
    return {
        env,
        repo,
        ...(token ? { token } : {}),
        clock: ctx.github?.clock ?? realClock,
        where
    };
}
/** A `github-events` event from a file or poll mode replaces the run's own event name and payload. */
function withEvent(env, event) {
    if (!event)
        return env;
    const repository = event.payload.repository;
    const fullName = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(repository) ? repository.full_name : undefined;
    return {
        ...env,
        // An event file or poll mode outside its repository's run: the repository the event is about.
        ...(!env.repository && typeof fullName === 'string'
            ? { repository: (0,_github_env_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRepository */ .S)(fullName, 'the event payload repository.full_name') }
            : {}),
        eventName: event.name,
        payload: () => event.payload
    };
}
/**
 * One client per run (per loaded config, like the HTTP client of http-post.ts), token and API URL; Octokit
 * is imported on the first.
 */
const clients = new WeakMap();
function githubClient(ctx, gb) {
    let perRun = clients.get(ctx.config);
    if (!perRun)
        clients.set(ctx.config, (perRun = new Map()));
    const key = `${gb.env.apiUrl}\n${gb.token}`;
    let client = perRun.get(key);
    if (!client) {
        client = Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6584)).then(({ createGithubClient }) => createGithubClient({
            token: gb.token ?? '',
            apiUrl: gb.env.apiUrl,
            clock: gb.clock,
            debug: (line) => ctx.logger.debug(line)
        }));
        perRun.set(key, client);
    }
    return client;
}
async function renderOptional(ctx, value, context, where) {
    if (value === undefined || value === null)
        return undefined;
    if (typeof value === 'object')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where} must be a string`);
    const text = (await ctx.render(String(value), context, where)).trim();
    return text || undefined;
}
/** Renders every string leaf of a value (keys stay as written); numbers, booleans and null stay. */
async function renderStructure(ctx, value, context, where) {
    if (typeof value === 'string')
        return ctx.render(value, context, where);
    if (Array.isArray(value)) {
        const out = [];
        for (const [i, v] of value.entries())
            out.push(await renderStructure(ctx, v, context, `${where}[${i}]`));
        return out;
    }
    if ((0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(value)) {
        const out = {};
        for (const [k, v] of Object.entries(value))
            out[k] = await renderStructure(ctx, v, context, `${where}.${k}`);
        return out;
    }
    return value;
}
/** The request as it may be shown: the token and every configured secret replaced by `***`. */
function shownRequest(ctx, gb, method, path, body) {
    const masker = new _core_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .SecretMasker */ .M2();
    for (const s of ctx.config.secretValues)
        masker.add(s);
    if (gb.token)
        masker.add(gb.token);
    return {
        method,
        url: masker.mask(`${gb.env.apiUrl}${path}`),
        headers: {
            Accept: 'application/vnd.github+json',
            Authorization: 'token ***',
            'Content-Type': 'application/json; charset=utf-8'
        },
        body: masker.mask(JSON.stringify(body))
    };
}
/**
 * Stores a dispatch's results: under `capture-to` (default `state.dispatches.<block>`; `false` or '' for
 * none), then the config's and block's `capture-response-data` rules with `body` = the results.
 */
async function storeResults(ctx, kind, name, block, templateContext, results) {
    const captured = {};
    const base = block['capture-to'] === false
        ? undefined
        : block['capture-to'] === undefined
            ? `state.dispatches.${name}`
            : await renderOptional(ctx, block['capture-to'], templateContext, `${kind} '${name}' capture-to`);
    if (base) {
        for (const [key, value] of Object.entries(results)) {
            ctx.work.set(`${base}.${key}`, value);
            captured[`${base}.${key}`] = value;
        }
    }
    return { ...captured, ...(await (0,_capture_js__WEBPACK_IMPORTED_MODULE_3__/* .captureResponse */ .i)(ctx, kind, block, results)) };
}
const CONCLUSIONS = [
    'success',
    'failure',
    'neutral',
    'cancelled',
    'skipped',
    'timed_out',
    'action_required',
    'stale',
    'startup_failure'
];
function waitSettings(block, where) {
    const raw = block.wait;
    const wait = raw === undefined || raw === null || raw === false || raw === 'false'
        ? false
        : raw === true || raw === 'true'
            ? true
            : typeof raw === 'string' && raw.trim()
                ? raw.trim()
                : undefined;
    if (wait === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: 'wait' must be true, false or a workflow`);
    const seconds = block['wait-timeout'] ?? 1800;
    if (typeof seconds !== 'number' || !(seconds > 0)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: 'wait-timeout' must be a number of seconds`);
    }
    const failRaw = block['fail-on-conclusion'];
    let failOn;
    if (failRaw !== undefined && failRaw !== null) {
        failOn = (Array.isArray(failRaw) ? failRaw.map(String) : String(failRaw).split(','))
            .map((s) => s.trim())
            .filter(Boolean);
        const unknown = failOn.filter((c) => !CONCLUSIONS.includes(c));
        if (unknown.length) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: unknown conclusion(s) in 'fail-on-conclusion': ${unknown.join(', ')} (known: ${CONCLUSIONS.join(', ')})`);
        }
    }
    return { wait, timeoutMs: seconds * 1000, ...(failOn ? { failOn } : {}) };
}
/** Whether a completed run's conclusion fails the block. */
function failsOn(settings, conclusion) {
    return settings.failOn ? settings.failOn.includes(String(conclusion)) : conclusion !== 'success';
}
/** The fields of a run the handlers capture. */
function runFields(run) {
    return {
        workflow_run_id: run.id,
        html_url: run.html_url,
        run_url: run.url,
        status: run.status,
        conclusion: run.conclusion
    };
}
/** `refs/heads/x` → `x` (the runs list's `branch` filter and `head_branch` use the short name). */
function shortRef(ref) {
    return ref.replace(/^refs\/(heads|tags)\//, '');
}
/**
 * `wait`: polls the run to completion within `wait-timeout`, returns the run fields to capture and, when
 * the block fails (conclusion in `fail-on-conclusion`, or still running at the deadline), the reason.
 */
async function waitAndConclude(ctx, gb, settings, runId) {
    const { waitForRun } = await __webpack_require__.e(/* import() */ 281).then(__webpack_require__.bind(__webpack_require__, 1281));
    const client = await githubClient(ctx, gb);
    const res = await waitForRun(client, gb.clock, gb.repo, runId, {
        timeoutMs: settings.timeoutMs,
        onStatus: (run) => ctx.logger.info(`${gb.where}: run ${run.id} is ${run.status}`)
    });
    const fields = runFields(res.run);
    if (!res.done) {
        return {
            fields,
            failure: `${gb.where}: run ${runId} still ${res.run.status} after ${settings.timeoutMs / 1000} s (wait-timeout); ${res.run.html_url}`
        };
    }
    if (failsOn(settings, res.run.conclusion)) {
        return {
            fields,
            failure: `${gb.where}: run ${runId} concluded ${res.run.conclusion}; ${res.run.html_url}`
        };
    }
    return { fields };
}
/**
 * The end of a dispatch, for both dispatch handlers: waits for `waitRunId` when given, stores the results
 * (`capture-to`, `capture-response-data`) and gives the block's outcome (failed when the run's conclusion
 * is one that fails it).
 */
async function concludeDispatch(ctx, gb, o) {
    let results = o.results;
    let failure;
    if (o.waitRunId !== undefined) {
        const waited = await waitAndConclude(ctx, gb, o.settings, o.waitRunId);
        results = { ...results, ...waited.fields };
        failure = waited.failure;
    }
    const captured = await storeResults(ctx, o.base.handler, o.base.block, o.block, o.templateContext, results);
    return {
        ...o.base,
        status: failure ? 'failed' : 'ok',
        ...(failure ? { reason: failure } : {}),
        httpStatus: o.httpStatus,
        captured
    };
}


/***/ })

};
;