"use strict";
exports.id = 743;
exports.ids = [743];
exports.modules = {

/***/ 8077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ sendDispatch),
/* harmony export */   b: () => (/* binding */ runDetailsRefusedBy)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3116);

/**
 * API hosts that refused `return_run_details`: later dispatches in this process go without it straight
 * away.
 */
const noRunDetails = new Set();
function runDetailsRefusedBy(apiUrl) {
    return noRunDetails.has(apiUrl);
}
/** The one dispatch (plus the resend a refused `return_run_details` calls for). */
async function sendDispatch(client, repo, args) {
    const request = (details) => client.dispatchWorkflow(repo, {
        workflow: /^\d+$/.test(args.workflow) ? Number(args.workflow) : args.workflow,
        ref: args.ref,
        ...(Object.keys(args.inputs).length ? { inputs: args.inputs } : {}),
        returnRunDetails: details
    });
    try {
        try {
            const res = await request(args.useDetails);
            return res.details
                ? { status: res.status, details: { ...res.details } }
                : { status: res.status };
        }
        catch (error) {
            if (!(args.useDetails && refusedDetails(error)))
                throw error;
            // Not acted on: GHES ≤ 3.20 rejects the unknown field before dispatching.
            noRunDetails.add(client.apiUrl);
            return { status: (await request(false)).status };
        }
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A && (error.status === 0 || error.status >= 500)) {
            return { status: error.status, error };
        }
        throw withHint(error, repo, args.workflow);
    }
}
/** The usual causes of a 403/404, named (GitHub answers 404 for what the token may not see). */
function withHint(error, repoRef, workflow) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A))
        return error;
    const repo = `${repoRef.owner}/${repoRef.repo}`;
    const hint = error.status === 404
        ? ` — is there a workflow ${workflow} in ${repo}, and can the token see the repository?`
        : error.status === 403 && error.retryAfterMs === undefined
            ? ` — the token needs 'actions: write' on ${repo}`
            : '';
    return hint
        ? new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A(`${error.message}${hint}`, error.status, error.retryAfterMs)
        : error;
}
function refusedDetails(error) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A))
        return false;
    return error.status === 400 || (error.status === 422 && /return_run_details/.test(error.message));
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

/***/ 8743:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_INPUTS: () => (/* binding */ MAX_INPUTS),
/* harmony export */   MAX_INPUTS_CHARS: () => (/* binding */ MAX_INPUTS_CHARS),
/* harmony export */   workflowDispatchHandler: () => (/* binding */ workflowDispatchHandler)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3054);
/* harmony import */ var _github_dispatch_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8077);
/* harmony import */ var _github_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3116);
/* harmony import */ var _github_block_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2038);






/** GitHub's limits on workflow_dispatch inputs (workflow syntax docs; 25 since 2025-12-04). */
const MAX_INPUTS = 25;
const MAX_INPUTS_CHARS = 65_535;
/**
 * `workflow-dispatch`: starts a workflow (`POST …/actions/workflows/{workflow}/dispatches`) and stores the
 * run's id and URLs (default `state.dispatches.<block>`).
 *
 *   workflow-dispatch:
 *     workflow: deploy.yml            # file name or id (templated)
 *     repository: octo-org/app        # default: this repository
 *     ref: main                       # default: this run's ref
 *     inputs: {version: "{{ state.version }}"}
 *     correlation-input: correlation_id   # lets the run be found when the server returns no run id
 *     wait: true                      # default false; then `wait-timeout` (s) and `fail-on-conclusion`
 *
 * The dispatch is sent once per handler run: with `return_run_details: true` (GitHub answers 200 with
 * the run); a 400 (GHES) is resent without the field, which GitHub did not act on; a 204 or an ambiguous
 * failure (5xx, no answer) is never resent — the run is looked up by the correlation id instead.
 */
const workflowDispatchHandler = {
    kind: 'workflow-dispatch',
    singleBlockKey: 'workflow',
    contextKey: 'workflowDispatch',
    async run(block, name, templateContext, ctx) {
        const gb = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .githubBlock */ .Dm)(ctx, 'workflow-dispatch', name, block, templateContext);
        const where = gb.where;
        const workflow = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .renderOptional */ .RC)(ctx, block.workflow, templateContext, `${where} workflow`);
        if (!workflow)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: 'workflow' (file name or id) is required`);
        const ref = (await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .renderOptional */ .RC)(ctx, block.ref, templateContext, `${where} ref`)) ?? gb.env.ref;
        if (!ref)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: no 'ref' and GITHUB_REF is not set`);
        const correlationInput = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .renderOptional */ .RC)(ctx, block['correlation-input'], templateContext, `${where} correlation-input`);
        const inputs = await renderInputs(ctx, block.inputs, templateContext, where);
        const correlationId = correlationInput ? (inputs[correlationInput] ||= (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()) : undefined;
        checkInputs(inputs, where);
        const settings = (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .waitSettings */ .hW)(block, where);
        if (settings.wait !== false && settings.wait !== true) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: 'wait' must be true or false`);
        }
        const path = `/repos/${gb.repo.owner}/${gb.repo.repo}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`;
        const useDetails = block['return-run-details'] !== false && !(0,_github_dispatch_js__WEBPACK_IMPORTED_MODULE_2__/* .runDetailsRefusedBy */ .b)(gb.env.apiUrl);
        const body = {
            ref,
            ...(Object.keys(inputs).length ? { inputs } : {}),
            ...(useDetails ? { return_run_details: true } : {})
        };
        const base = {
            handler: 'workflow-dispatch',
            block: name,
            onError: 'fail',
            request: (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .shownRequest */ .d1)(ctx, gb, 'POST', path, body)
        };
        if (ctx.dryRun)
            return { ...base, status: 'dry-run' };
        const client = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .githubClient */ .$f)(ctx, gb);
        const since = gb.clock.now();
        const sent = await (0,_github_dispatch_js__WEBPACK_IMPORTED_MODULE_2__/* .sendDispatch */ .L)(client, gb.repo, { workflow, ref, inputs, useDetails });
        let results;
        if (sent.details) {
            results = { ...sent.details };
        }
        else {
            const failure = sent.error
                ? `the dispatch answered ${sent.error.message}; not resent (it may have started)`
                : undefined;
            if (!correlationId) {
                if (failure)
                    throw new _github_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GithubApiError */ .A(`${where}: ${failure}`, sent.error.status);
                if (settings.wait) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: ${gb.env.apiUrl} returned no run id; set 'correlation-input' so the run can be found and waited for`);
                }
                ctx.logger.warning(`${where}: ${gb.env.apiUrl} returned no run id and no 'correlation-input' is set; the run is not recorded`);
                return { ...base, status: 'ok', httpStatus: sent.status, captured: {} };
            }
            const run = await findDispatchedRun(ctx, client, gb, block, {
                workflow,
                branch: (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .shortRef */ .m3)(ref),
                correlationId,
                since
            });
            if (!run) {
                throw new _github_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GithubApiError */ .A(`${where}: ${failure ? `${failure}, and ` : ''}no run of ${workflow} on ${(0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .shortRef */ .m3)(ref)} with '${correlationId}' in its run-name was found — does the workflow put \${{ inputs.${correlationInput} }} in its run-name?`, sent.error?.status ?? 0);
            }
            results = { workflow_run_id: run.id, run_url: run.url, html_url: run.html_url };
        }
        if (correlationId)
            results.correlation_id = correlationId;
        return (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .concludeDispatch */ .Wn)(ctx, gb, {
            base,
            block,
            templateContext,
            settings,
            results,
            ...(settings.wait ? { waitRunId: Number(results.workflow_run_id) } : {}),
            httpStatus: sent.status
        });
    }
};
/** Each input rendered to a string: strings as templates, mappings/lists as JSON after rendering. */
async function renderInputs(ctx, value, context, where) {
    if (value === undefined || value === null)
        return {};
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_5__/* .isJsonObject */ .O)(value))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: 'inputs' must be a mapping`);
    const out = {};
    for (const [key, v] of Object.entries(value)) {
        const rendered = await (0,_github_block_js__WEBPACK_IMPORTED_MODULE_4__/* .renderStructure */ .qx)(ctx, v, context, `${where} inputs.${key}`);
        out[key] =
            typeof rendered === 'string'
                ? rendered
                : rendered === null
                    ? ''
                    : typeof rendered === 'object'
                        ? JSON.stringify(rendered)
                        : String(rendered);
    }
    return out;
}
/** GitHub's limits, checked before anything is sent. */
function checkInputs(inputs, where) {
    const count = Object.keys(inputs).length;
    if (count > MAX_INPUTS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: ${count} inputs; GitHub accepts at most ${MAX_INPUTS} (nothing was sent)`);
    }
    const size = JSON.stringify(inputs).length;
    if (size > MAX_INPUTS_CHARS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`${where}: the inputs are ${size} characters as JSON; GitHub accepts at most ${MAX_INPUTS_CHARS} (nothing was sent)`);
    }
}
async function findDispatchedRun(ctx, client, gb, block, args) {
    const { findRuns } = await __webpack_require__.e(/* import() */ 281).then(__webpack_require__.bind(__webpack_require__, 1281));
    const seconds = typeof block['find-timeout'] === 'number' ? block['find-timeout'] : 120;
    const { runs, attempts } = await findRuns(client, gb.clock, gb.repo, {
        workflow: args.workflow,
        event: 'workflow_dispatch',
        branch: args.branch,
        correlationId: args.correlationId,
        since: args.since,
        timeoutMs: seconds * 1000
    });
    ctx.logger.debug(`${gb.where}: ${runs.length} run(s) found after ${attempts} list call(s)`);
    return runs[0];
}


/***/ })

};
;