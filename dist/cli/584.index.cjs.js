"use strict";
exports.id = 584;
exports.ids = [584];
exports.modules = {

/***/ 6584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GithubClient: () => (/* binding */ GithubClient),
/* harmony export */   createGithubClient: () => (/* binding */ createGithubClient),
/* harmony export */   realClock: () => (/* binding */ realClock)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3116);
/**
 * The GitHub REST client of the GitHub handlers: a thin layer over Octokit that names the operations the
 * handlers use, turns Octokit's errors into one-line `GithubApiError`s and retries what is safe to retry.
 *
 * Octokit is loaded with a dynamic `import('@actions/github')` on the first call of `createGithubClient`,
 * so a step whose event uses no GitHub handler loads none of it (ncc emits it as a separate chunk).
 * The actions and the CLI use the same client: `getOctokit(token, { baseUrl })` of `@actions/github`
 * (proxy support from `@actions/http-client`, `GITHUB_API_URL` for Enterprise Server).
 *
 * Retries: Octokit's `request` never retries (no plugin-retry here), and that is kept so for POSTs whose
 * effect is not idempotent (dispatches, comments): they are retried only when GitHub said it did not
 * perform them (403/429 secondary rate limit with `Retry-After`). GET/PATCH/DELETE are also retried on
 * 5xx and network errors, with backoff, within a bounded budget. Time is injectable (`clock`) for tests.
 *
 * API shapes: checked against GitHub's OpenAPI description (`@octokit/openapi` 23.0.2, operations
 * extracted into `__fixtures__/github-openapi/operations.json`, which the test stand-in validates every
 * request and response against).
 */

const realClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
/** Octokit is imported once per process, on the first client. */
let octokitModule;
async function createGithubClient(options) {
    octokitModule ??= __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const { getOctokit } = await octokitModule;
    const octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') });
    return new GithubClient((route, params) => octokit.request(route, params), options);
}
class GithubClient {
    send;
    options;
    apiUrl;
    clock;
    maxAttempts;
    maxRetryDelayMs;
    constructor(send, options) {
        this.send = send;
        this.options = options;
        this.apiUrl = options.apiUrl.replace(/\/+$/, '');
        this.clock = options.clock ?? realClock;
        this.maxAttempts = options.maxAttempts ?? 4;
        this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    }
    // ---- actions: dispatches and runs ----
    /**
     * `POST /repos/{o}/{r}/actions/workflows/{id}/dispatches`. With `returnRunDetails`, GitHub answers 200
     * and the run's id and URLs; without it (or on GHES) 204 and nothing. Sent once: retried only when
     * GitHub refused it for a rate limit, never after an ambiguous failure (the caller checks instead).
     */
    async dispatchWorkflow(repo, args) {
        const res = await this.call('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
            ...repo,
            workflow_id: args.workflow,
            ref: args.ref,
            ...(args.inputs ? { inputs: args.inputs } : {}),
            ...(args.returnRunDetails ? { return_run_details: true } : {})
        }, 'once');
        const details = readDetails(res.data);
        return details ? { status: res.status, details } : { status: res.status };
    }
    /** `POST /repos/{o}/{r}/dispatches` → 204. Same once-only rule as `dispatchWorkflow`. */
    async dispatchRepository(repo, args) {
        await this.call('POST /repos/{owner}/{repo}/dispatches', {
            ...repo,
            event_type: args.eventType,
            ...(args.clientPayload ? { client_payload: args.clientPayload } : {})
        }, 'once');
    }
    /**
     * One page of `GET /repos/{o}/{r}/actions/runs` (or `…/workflows/{workflow}/runs` when `workflow` is
     * given), newest first, filtered by `event`, `branch` and `created` (e.g. `>=2026-01-01T00:00:00Z`).
     */
    async listWorkflowRuns(repo, filter = {}) {
        const route = filter.workflow === undefined
            ? 'GET /repos/{owner}/{repo}/actions/runs'
            : 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
        const res = await this.call(route, {
            ...repo,
            ...(filter.workflow === undefined ? {} : { workflow_id: filter.workflow }),
            ...(filter.event ? { event: filter.event } : {}),
            ...(filter.branch ? { branch: filter.branch } : {}),
            ...(filter.created ? { created: filter.created } : {}),
            per_page: filter.perPage ?? 100,
            page: filter.page ?? 1
        });
        const data = (res.data ?? {});
        return {
            runs: data.workflow_runs ?? [],
            totalCount: data.total_count ?? 0,
            hasNext: /rel="next"/.test(String(res.headers.link ?? ''))
        };
    }
    /**
     * `GET /repos/{o}/{r}/actions/runs/{id}`, conditional on `etag` when given: a 304 (free of rate limit)
     * comes back as `notModified`. `retryAfterMs` carries a `Retry-After` the answer had.
     */
    async getWorkflowRun(repo, runId, etag) {
        try {
            const res = await this.call('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
                ...repo,
                run_id: runId,
                ...(etag ? { headers: { 'if-none-match': etag } } : {})
            });
            const newEtag = res.headers.etag;
            const retryAfterMs = retryAfter(res.headers);
            return {
                run: res.data,
                notModified: false,
                ...(newEtag ? { etag: String(newEtag) } : {}),
                ...(retryAfterMs === undefined ? {} : { retryAfterMs })
            };
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A && error.status === 304) {
                return { notModified: true, ...(etag ? { etag } : {}) };
            }
            throw error;
        }
    }
    // ---- issue and pull request comments ----
    /** Every comment of an issue or pull request, oldest first (all pages). */
    listIssueComments(repo, issueNumber) {
        return this.all('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            ...repo,
            issue_number: issueNumber
        });
    }
    async createIssueComment(repo, issueNumber, body) {
        const res = await this.call('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, body }, 'once');
        return res.data;
    }
    async updateIssueComment(repo, commentId, body) {
        const res = await this.call('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            ...repo,
            comment_id: commentId,
            body
        });
        return res.data;
    }
    async deleteIssueComment(repo, commentId) {
        await this.call('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            ...repo,
            comment_id: commentId
        });
    }
    // ---- commit comments ----
    listCommitComments(repo, sha) {
        return this.all('GET /repos/{owner}/{repo}/commits/{commit_sha}/comments', {
            ...repo,
            commit_sha: sha
        });
    }
    async createCommitComment(repo, sha, body) {
        const res = await this.call('POST /repos/{owner}/{repo}/commits/{commit_sha}/comments', { ...repo, commit_sha: sha, body }, 'once');
        return res.data;
    }
    async updateCommitComment(repo, commentId, body) {
        const res = await this.call('PATCH /repos/{owner}/{repo}/comments/{comment_id}', {
            ...repo,
            comment_id: commentId,
            body
        });
        return res.data;
    }
    async deleteCommitComment(repo, commentId) {
        await this.call('DELETE /repos/{owner}/{repo}/comments/{comment_id}', {
            ...repo,
            comment_id: commentId
        });
    }
    // ---- commit statuses ----
    /** `POST /repos/{o}/{r}/statuses/{sha}`: idempotent in effect (the latest per context wins). */
    async createCommitStatus(repo, sha, status) {
        const res = await this.call('POST /repos/{owner}/{repo}/statuses/{sha}', {
            ...repo,
            sha,
            state: status.state,
            ...(status.context ? { context: status.context } : {}),
            ...(status.description ? { description: status.description } : {}),
            ...(status.targetUrl ? { target_url: status.targetUrl } : {})
        }, 'idempotent');
        return res.data;
    }
    listCommitStatuses(repo, ref) {
        return this.all('GET /repos/{owner}/{repo}/commits/{ref}/statuses', {
            ...repo,
            ref
        });
    }
    // ---- pull requests and identity ----
    async getPullRequest(repo, pullNumber) {
        const res = await this.call('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
            ...repo,
            pull_number: pullNumber
        });
        return res.data;
    }
    /**
     * Who this token writes as. `GET /user` answers for user tokens; a workflow's GITHUB_TOKEN (an
     * installation token) gets 403 there and writes as `github-actions[bot]` (type Bot).
     */
    async identity() {
        try {
            const res = await this.call('GET /user', {});
            const user = res.data;
            return { login: user.login, type: user.type };
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A && (error.status === 403 || error.status === 401)) {
                return { login: 'github-actions[bot]', type: 'Bot' };
            }
            throw error;
        }
    }
    // ---- transport ----
    /** All pages of a list endpoint (100 per page, following `Link: rel="next"`). */
    async all(route, params) {
        const items = [];
        for (let page = 1;; page++) {
            const res = await this.call(route, { ...params, per_page: 100, page });
            const batch = Array.isArray(res.data) ? res.data : [];
            items.push(...batch);
            if (!/rel="next"/.test(String(res.headers.link ?? '')) || batch.length === 0)
                return items;
        }
    }
    /**
     * One REST call with this client's retry rule:
     * - `idempotent` (default for GET/PATCH/DELETE): retried on 5xx, network errors and rate limits;
     * - `once` (creating POSTs): retried only on a rate-limit refusal, which GitHub did not perform.
     */
    async call(route, params, mode = 'idempotent') {
        const started = this.clock.now();
        for (let attempt = 1;; attempt++) {
            try {
                const res = await this.send(route, params);
                this.options.debug?.(`${route} -> ${res.status}`);
                return res;
            }
            catch (raw) {
                const error = toApiError(raw, concrete(route, params));
                this.options.debug?.(`${route} -> ${error.status || 'no answer'}`);
                const delay = this.retryDelay(error, mode, attempt);
                if (delay === undefined)
                    throw error;
                this.options.debug?.(`retrying ${route} in ${delay} ms (attempt ${attempt + 1})`);
                await this.clock.sleep(delay);
                if (this.clock.now() - started > 10 * this.maxRetryDelayMs)
                    throw error;
            }
        }
    }
    retryDelay(error, mode, attempt) {
        if (attempt >= this.maxAttempts)
            return undefined;
        const rateLimited = (error.status === 403 || error.status === 429) && error.retryAfterMs !== undefined;
        if (rateLimited) {
            return error.retryAfterMs <= this.maxRetryDelayMs ? error.retryAfterMs : undefined;
        }
        if (mode === 'once')
            return undefined;
        if (error.status === 0 || error.status >= 500) {
            return Math.min(this.maxRetryDelayMs, 1000 * 2 ** (attempt - 1));
        }
        return undefined;
    }
}
/** `POST /repos/{owner}/{repo}/…` with the parameters filled in, for messages. */
function concrete(route, params) {
    return route.replace(/\{(\w+)\}/g, (all, key) => params[key] === undefined ? all : String(params[key]));
}
function readDetails(data) {
    if (typeof data !== 'object' || data === null)
        return undefined;
    const d = data;
    // GitHub's schema says int64; read it defensively (openapi-types of @actions/github predate the field).
    if (typeof d.workflow_run_id !== 'number')
        return undefined;
    return {
        workflow_run_id: d.workflow_run_id,
        run_url: String(d.run_url ?? ''),
        html_url: String(d.html_url ?? '')
    };
}
/** `Retry-After` seconds, or for a primary limit (`x-ratelimit-remaining: 0`) the reset time. */
function retryAfter(headers, now = Date.now()) {
    if (!headers)
        return undefined;
    const after = headers['retry-after'];
    if (after !== undefined && /^\d+$/.test(String(after)))
        return Number(after) * 1000;
    if (String(headers['x-ratelimit-remaining']) === '0' &&
        headers['x-ratelimit-reset'] !== undefined) {
        return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now);
    }
    return undefined;
}
/** Octokit's RequestError (or a network error) as a one-line GithubApiError; never the headers. */
function toApiError(error, route) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A)
        return error;
    const e = error;
    const status = typeof e.status === 'number' ? e.status : 0;
    const data = e.response?.data;
    const detail = typeof data?.message === 'string' ? data.message : (e.message ?? String(error)).split('\n')[0];
    const wait = retryAfter(e.response?.headers);
    const text = `${route}: ${status ? `HTTP ${status}` : 'no answer'}${detail ? ` (${detail})` : ''}`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A(text, status, wait);
}


/***/ }),

/***/ 3116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ GithubApiError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/**
 * A GitHub REST call that failed: the HTTP status (0 when no answer came back), GitHub's one-line message,
 * and, for rate limits, how long GitHub asked us to wait. The message never holds the token.
 */
class GithubApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CicdError */ .SU {
    status;
    retryAfterMs;
    constructor(message, status, 
    /** `Retry-After` (or `x-ratelimit-reset`) in milliseconds, when GitHub sent one. */
    retryAfterMs) {
        super(message);
        this.status = status;
        this.retryAfterMs = retryAfterMs;
    }
}


/***/ })

};
;