"use strict";
exports.id = 36;
exports.ids = [36];
exports.modules = {

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


/***/ }),

/***/ 6036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_EVENT_TYPE: () => (/* binding */ MAX_EVENT_TYPE),
/* harmony export */   MAX_PAYLOAD_BYTES: () => (/* binding */ MAX_PAYLOAD_BYTES),
/* harmony export */   MAX_PAYLOAD_KEYS: () => (/* binding */ MAX_PAYLOAD_KEYS),
/* harmony export */   repositoryDispatchHandler: () => (/* binding */ repositoryDispatchHandler)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3054);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3116);
/* harmony import */ var _github_block_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2038);





/** GitHub's limits on repository_dispatch (REST docs for `POST /repos/{o}/{r}/dispatches`). */
const MAX_EVENT_TYPE = 100;
const MAX_PAYLOAD_KEYS = 10;
const MAX_PAYLOAD_BYTES = 64 * 1024;
/**
 * `repository-dispatch`: sends a `repository_dispatch` event (`POST /repos/{o}/{r}/dispatches`, 204), which
 * starts every workflow on the default branch that listens for its type.
 *
 *   repository-dispatch:
 *     event-type: deploy               # ≤ 100 characters (templated)
 *     repository: octo-org/app         # default: this repository
 *     client-payload: {version: "{{ state.version }}", meta: {by: "{{ state.user }}"}}   # ≤ 10 keys
 *     correlation-key: correlation_id  # put a generated id here; workflows show it in their run-name
 *     workflow: deploy.yml             # optional: look only at this workflow's runs
 *     wait: deploy.yml                 # wait for that workflow's run (true: the only run found)
 *
 * GitHub answers with no run, so runs are found only through `correlation-key`: every run whose
 * display_title holds the id is captured in `runs` (id, workflow path, URL).
 */
const repositoryDispatchHandler = {
    kind: 'repository-dispatch',
    singleBlockKey: 'event-type',
    contextKey: 'repositoryDispatch',
    async run(block, name, templateContext, ctx) {
        const gb = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .githubBlock */ .Dm)(ctx, 'repository-dispatch', name, block, templateContext);
        const where = gb.where;
        const eventType = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .renderOptional */ .RC)(ctx, block['event-type'], templateContext, `${where} event-type`);
        if (!eventType)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: 'event-type' is required`);
        if (eventType.length > MAX_EVENT_TYPE) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: event-type is ${eventType.length} characters; GitHub accepts at most ${MAX_EVENT_TYPE} (nothing was sent)`);
        }
        const payload = await renderPayload(block['client-payload'], where, (v, w) => (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .renderStructure */ .qx)(ctx, v, templateContext, w));
        const key = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .renderOptional */ .RC)(ctx, block['correlation-key'], templateContext, `${where} correlation-key`);
        const correlationId = key ? String((payload[key] ||= (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)())) : undefined;
        checkPayload(payload, where);
        const workflow = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .renderOptional */ .RC)(ctx, block.workflow, templateContext, `${where} workflow`);
        const settings = (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .waitSettings */ .hW)(block, where);
        if (settings.wait !== false && !correlationId) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: 'wait' needs 'correlation-key' to find the run`);
        }
        const path = `/repos/${gb.repo.owner}/${gb.repo.repo}/dispatches`;
        const body = {
            event_type: eventType,
            ...(Object.keys(payload).length ? { client_payload: payload } : {})
        };
        const base = {
            handler: 'repository-dispatch',
            block: name,
            onError: 'fail',
            request: (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .shownRequest */ .d1)(ctx, gb, 'POST', path, body)
        };
        if (ctx.dryRun)
            return { ...base, status: 'dry-run' };
        const client = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .githubClient */ .$f)(ctx, gb);
        const since = gb.clock.now();
        let ambiguous;
        try {
            await client.dispatchRepository(gb.repo, {
                eventType,
                ...(Object.keys(payload).length ? { clientPayload: payload } : {})
            });
        }
        catch (error) {
            // A 5xx or no answer may still have dispatched: never resend; look for the runs if we can.
            if (!(error instanceof _github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GithubApiError */ .A && (error.status === 0 || error.status >= 500)) ||
                !correlationId) {
                if (error instanceof _github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GithubApiError */ .A &&
                    error.status === 403 &&
                    error.retryAfterMs === undefined) {
                    throw new _github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GithubApiError */ .A(`${error.message} — the token needs 'contents: write' on ${gb.repo.owner}/${gb.repo.repo}`, 403);
                }
                throw error;
            }
            ambiguous = error;
        }
        const conclude = { base, block, templateContext, settings };
        if (!correlationId) {
            return (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .concludeDispatch */ .Wn)(ctx, gb, {
                ...conclude,
                results: { event_type: eventType },
                httpStatus: 204
            });
        }
        const waitFor = typeof settings.wait === 'string' ? settings.wait : workflow;
        const { findRuns } = await __webpack_require__.e(/* import() */ 281).then(__webpack_require__.bind(__webpack_require__, 1281));
        const seconds = typeof block['find-timeout'] === 'number' ? block['find-timeout'] : 120;
        const { runs } = await findRuns(client, gb.clock, gb.repo, {
            ...(workflow ? { workflow } : {}),
            event: 'repository_dispatch',
            correlationId,
            since,
            timeoutMs: seconds * 1000,
            ...(waitFor
                ? { enough: (found) => found.some((r) => isWorkflow(r, waitFor)) }
                : {})
        });
        if (runs.length === 0 || (waitFor && !runs.some((r) => isWorkflow(r, waitFor)))) {
            throw new _github_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GithubApiError */ .A(`${where}: ${ambiguous ? `the dispatch answered ${ambiguous.message}; not resent, and ` : ''}no run${waitFor ? ` of ${waitFor}` : ''} with '${correlationId}' in its run-name was found — does the workflow put \${{ github.event.client_payload.${key} }} in its run-name?`, ambiguous?.status ?? 0);
        }
        const results = {
            event_type: eventType,
            correlation_id: correlationId,
            runs: runs.map((r) => ({
                workflow_run_id: r.id,
                workflow: r.path ?? '',
                name: r.name ?? '',
                html_url: r.html_url
            }))
        };
        let waitRunId;
        if (settings.wait !== false) {
            const target = waitFor
                ? runs.find((r) => isWorkflow(r, waitFor))
                : runs.length === 1
                    ? runs[0]
                    : undefined;
            if (!target) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: ${runs.length} runs started (${runs.map((r) => r.path).join(', ')}); name the one to wait for: 'wait: <workflow file>'`);
            }
            waitRunId = target.id;
        }
        return (0,_github_block_js__WEBPACK_IMPORTED_MODULE_3__/* .concludeDispatch */ .Wn)(ctx, gb, {
            ...conclude,
            results,
            ...(waitRunId !== undefined ? { waitRunId } : {}),
            httpStatus: ambiguous?.status ?? 204
        });
    }
};
/** A run belongs to `workflow` (file name, path, or the workflow's name). */
function isWorkflow(run, workflow) {
    const path = run.path ?? '';
    return (path === workflow ||
        path.endsWith(`/${workflow}`) ||
        run.name === workflow ||
        String(run.workflow_id) === workflow);
}
async function renderPayload(value, where, render) {
    if (value === undefined || value === null)
        return {};
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(value))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: 'client-payload' must be a mapping`);
    const rendered = await render(value, `${where} client-payload`);
    return (0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(rendered) ? rendered : {};
}
function checkPayload(payload, where) {
    const keys = Object.keys(payload).length;
    if (keys > MAX_PAYLOAD_KEYS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: client-payload has ${keys} top-level keys; GitHub accepts at most ${MAX_PAYLOAD_KEYS} (nothing was sent)`);
    }
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    if (bytes >= MAX_PAYLOAD_BYTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: client-payload is ${bytes} bytes as JSON; GitHub accepts less than ${MAX_PAYLOAD_BYTES} (nothing was sent)`);
    }
}


/***/ })

};
;