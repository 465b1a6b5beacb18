"use strict";
exports.id = 446;
exports.ids = [446];
exports.modules = {

/***/ 446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createActionsArtifactStore: () => (/* binding */ createActionsArtifactStore)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/stores/github-storage-loader.ts



let loaded;
/**
 * dist/<name>/index.js compiles the bundle itself to start it from a code cache
 * (scripts/code-cache-loader.cjs), and a dynamic import() in code compiled that way fails; it lends its
 * own import() under this name instead.
 */
const HOST_IMPORT = Symbol.for('cicdstatemgr.import');
function importUrl(url) {
    const host = globalThis[HOST_IMPORT];
    return typeof host === 'function'
        ? host(url)
        : import(/* webpackIgnore: true */ url);
}
/**
 * Loads the GitHub-storage module (@actions/artifact). Inside the bundles it is the separate ESM bundle
 * next to ours (dist/github-storage/index.js, see scripts/build.mjs), imported at run time; from source
 * (tests, library use) it is the TypeScript module itself. `webpackIgnore` keeps ncc from pulling either
 * into the bundle.
 */
function loadGithubStorage() {
    loaded ??= (async () => {
        const dir = typeof __dirname === 'string' ? __dirname : undefined;
        const bundled = dir ? (0,external_node_path_.join)(dir, '..', 'github-storage', 'index.js') : undefined;
        if (bundled && (0,external_node_fs_.existsSync)(bundled)) {
            return (await importUrl((0,external_node_url_.pathToFileURL)(bundled).href));
        }
        return import(/* webpackIgnore: true */ './github-storage.js');
    })();
    return loaded;
}

;// CONCATENATED MODULE: ./src/github/artifacts.ts



/** Newest first: GitHub's ids grow with creation. */
const newestFirst = (a, b) => b.id - a.id;
class ArtifactFinder {
    client;
    repo;
    token;
    logger;
    constructor(client, repo, token, logger) {
        this.client = client;
        this.repo = repo;
        this.token = token;
        this.logger = logger;
    }
    /** Every artifact of the repository with exactly this name (all pages). */
    async named(name) {
        return this.pages('GET /repos/{owner}/{repo}/actions/artifacts', { name });
    }
    /** Every artifact a run uploaded. */
    async ofRun(runId) {
        return this.pages('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
            run_id: runId
        });
    }
    /**
     * The repository's artifacts whose name `match`es, newest first, page by page until a page holds one
     * that may be read (of this repository, not expired); GitHub lists newest first, so later pages hold
     * only older ones. Returns every match seen (forks and expired ones too, for `usable` to report).
     */
    async newestMatching(match) {
        const seen = [];
        for (let page = 1;; page++) {
            const { items, more } = await this.page('GET /repos/{owner}/{repo}/actions/artifacts', {}, page);
            const hits = items.filter((a) => match(a.name));
            seen.push(...hits);
            if (hits.some((a) => a.fromThisRepository && !a.expired) || !more)
                return seen;
        }
    }
    /** Every artifact of the repository whose name `match`es (all pages: for deleting and listing ids). */
    async all(match) {
        const listed = await this.pages('GET /repos/{owner}/{repo}/actions/artifacts', {});
        return listed.filter((a) => match(a.name));
    }
    /**
     * The artifacts that may be read, newest first: fork pull requests' artifacts are dropped with a
     * warning naming them, expired ones with a message.
     */
    usable(list) {
        const kept = [];
        for (const a of list) {
            const where = `artifact '${a.name}' (id ${a.id}, run ${a.runId ?? 'unknown'})`;
            if (!a.fromThisRepository) {
                this.logger.warning(`ignoring ${where}: its run's head repository is not ${this.repo.owner}/${this.repo.repo} ` +
                    '(a pull request from a fork can upload artifacts here; they are never trusted)');
            }
            else if (a.expired) {
                this.logger.info(`skipping ${where}: it has expired (past its retention period)`);
            }
            else {
                kept.push(a);
            }
        }
        return kept.sort(newestFirst);
    }
    /** Downloads and unzips an artifact into `dir` (@actions/artifact, REST download redirect). */
    async download(artifact, dir) {
        if (artifact.runId === undefined) {
            throw new errors/* StoreError */.AD(`artifact ${artifact.id}: GitHub did not name the run that uploaded it`);
        }
        const { downloadInto } = await loadGithubStorage();
        await downloadInto(artifact.id, dir, {
            token: this.token,
            workflowRunId: artifact.runId,
            repositoryOwner: this.repo.owner,
            repositoryName: this.repo.repo
        });
    }
    /** Deletes an artifact (a token with `actions: write`); false when it was already gone. */
    async remove(id) {
        try {
            await this.client.call('DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}', {
                ...this.repo,
                artifact_id: id
            });
            return true;
        }
        catch (err) {
            if (err.status === 404)
                return false;
            throw new errors/* StoreError */.AD(`deleting artifact ${id} failed: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
        }
    }
    async pages(route, params) {
        const all = [];
        for (let page = 1;; page++) {
            const { items, more } = await this.page(route, params, page);
            all.push(...items);
            if (!more)
                return all;
        }
    }
    async page(route, params, page) {
        let res;
        try {
            res = await this.client.call(route, { ...this.repo, ...params, per_page: 100, page });
        }
        catch (err) {
            throw new errors/* StoreError */.AD(`listing workflow artifacts failed: ${(0,errors/* errorMessage */.gJ)(err)}`, {
                cause: err
            });
        }
        const data = res.data;
        const raw = Array.isArray(data?.artifacts) ? data.artifacts : [];
        const items = raw.filter(types/* isJsonObject */.O).map(readArtifact);
        return { items, more: /rel="next"/.test(String(res.headers.link ?? '')) && items.length > 0 };
    }
}
function readArtifact(raw) {
    const run = (0,types/* isJsonObject */.O)(raw.workflow_run) ? raw.workflow_run : undefined;
    const num = (v) => (typeof v === 'number' ? v : undefined);
    const repositoryId = num(run?.repository_id);
    const headRepositoryId = num(run?.head_repository_id);
    return {
        id: Number(raw.id),
        name: String(raw.name ?? ''),
        sizeInBytes: Number(raw.size_in_bytes ?? 0),
        expired: raw.expired === true,
        createdAt: typeof raw.created_at === 'string' ? raw.created_at : '',
        runId: num(run?.id),
        headBranch: typeof run?.head_branch === 'string' ? run.head_branch : undefined,
        fromThisRepository: repositoryId !== undefined && repositoryId === headRepositoryId
    };
}

;// CONCATENATED MODULE: ./src/github/errors.ts

/**
 * A GitHub REST call that failed: the HTTP status (0 when no answer came back), GitHub's one-line message,
 * and, for rate limits, how long GitHub asked us to wait. The message never holds the token.
 */
class GithubApiError extends errors/* CicdError */.SU {
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

;// CONCATENATED MODULE: ./src/github/client.ts
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
            if (error instanceof GithubApiError && error.status === 304) {
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
            if (error instanceof GithubApiError && (error.status === 403 || error.status === 401)) {
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
    if (error instanceof GithubApiError)
        return error;
    const e = error;
    const status = typeof e.status === 'number' ? e.status : 0;
    const data = e.response?.data;
    const detail = typeof data?.message === 'string' ? data.message : (e.message ?? String(error)).split('\n')[0];
    const wait = retryAfter(e.response?.headers);
    const text = `${route}: ${status ? `HTTP ${status}` : 'no answer'}${detail ? ` (${detail})` : ''}`;
    return new GithubApiError(text, status, wait);
}

;// CONCATENATED MODULE: ./src/github/env.ts



function readGithubEnv(env) {
    const get = (name) => env[name]?.trim() || undefined;
    const repository = get('GITHUB_REPOSITORY');
    const serverUrl = (get('GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, '');
    const apiUrl = (get('GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/+$/, '');
    const runId = get('GITHUB_RUN_ID');
    const eventPath = get('GITHUB_EVENT_PATH');
    let payload;
    return {
        ...(repository ? { repository: parseRepository(repository, 'GITHUB_REPOSITORY') } : {}),
        ...optional('ref', get('GITHUB_REF')),
        ...optional('refName', get('GITHUB_REF_NAME')),
        ...optional('sha', get('GITHUB_SHA')),
        ...optional('runId', runId),
        ...optional('runAttempt', get('GITHUB_RUN_ATTEMPT')),
        ...optional('job', get('GITHUB_JOB')),
        ...optional('workflow', get('GITHUB_WORKFLOW')),
        ...optional('eventName', get('GITHUB_EVENT_NAME')),
        ...optional('eventPath', eventPath),
        serverUrl,
        apiUrl,
        ...(repository && runId ? { runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}),
        payload() {
            payload ??= readPayload(eventPath);
            return payload;
        }
    };
}
function optional(key, value) {
    return value === undefined ? {} : { [key]: value };
}
/** `owner/repo`, or a ConfigError naming where it came from. */
function parseRepository(text, where) {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text.trim());
    if (!m?.[1] || !m[2])
        throw new errors/* ConfigError */.xL(`${where}: '${text}' is not owner/repo`);
    return { owner: m[1], repo: m[2] };
}
function readPayload(path) {
    if (!path)
        return {};
    let parsed;
    try {
        parsed = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* ConfigError */.xL(`GITHUB_EVENT_PATH ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return (0,types/* isJsonObject */.O)(parsed) ? parsed : {};
}

;// CONCATENATED MODULE: ./src/stores/artifact-archive.ts
/**
 * What the `actions-artifact` datasource stores in each revision artifact, how it is named, and the
 * optional encryption; also how a downloaded artifact is read back (a revision, or an `upload-artifact`
 * snapshot: `<id>.json` holding the bare document).
 *
 * Names: revision n of id X is `cicdstatemgr-state-<escaped X>.r<n, 10 digits>`. The escape is one-to-one
 * (`%XX` for `%` and every character GitHub forbids in artifact names), so two ids never share a name.
 *
 * Encryption (optional, `encryptionKey` from secrets): AES-256-GCM with a key derived by HKDF-SHA256
 * from the secret, a random 96-bit IV per write, and the id and revision as associated data (a revision
 * cannot be replayed under another id or number). Artifacts of public repositories are readable by
 * anyone signed in to GitHub, hence the option.
 */





const FORMAT = 1;
const ARCHIVE_FILE = 'cicdstatemgr-revision.json';
const NAME_PREFIX = 'cicdstatemgr-state-';
// Control characters included: GitHub rejects line breaks, and none belongs in a name.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[%":<>|*?\\/\u0000-\u001f]/g;
function revisionPrefix(id) {
    const escaped = id.replace(FORBIDDEN, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `${NAME_PREFIX}${escaped}.r`;
}
function revisionName(id, revision) {
    return `${revisionPrefix(id)}${String(revision).padStart(10, '0')}`;
}
/** The revision number of an artifact name of `id`, undefined when it is not one. */
function revisionOf(id, name) {
    const prefix = revisionPrefix(id);
    if (!name.startsWith(prefix))
        return undefined;
    const digits = name.slice(prefix.length);
    return /^\d{10}$/.test(digits) ? Number(digits) : undefined;
}
/** The key for AES-256-GCM from the configured secret (any length; use 32+ random bytes). */
function deriveKey(secret) {
    return Buffer.from((0,external_node_crypto_.hkdfSync)('sha256', secret, 'cicdstatemgr-artifact', 'v1', 32));
}
/** Writes the archive file into `dir` (sealed when a key is given); its path. */
async function writeArchive(dir, archive, key) {
    const path = (0,external_node_path_.join)(dir, ARCHIVE_FILE);
    const body = key ? { ...archive, document: undefined, sealed: seal(archive, key) } : archive;
    await (0,promises_.writeFile)(path, JSON.stringify(body), 'utf8');
    return path;
}
function associated(id, revision) {
    return Buffer.from(JSON.stringify([id, revision]), 'utf8');
}
function seal(archive, key) {
    const iv = (0,external_node_crypto_.randomBytes)(12);
    const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-gcm', key, iv);
    cipher.setAAD(associated(archive.id, archive.revision));
    const data = Buffer.concat([
        cipher.update(JSON.stringify(archive.document), 'utf8'),
        cipher.final()
    ]);
    return {
        alg: 'aes-256-gcm',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64')
    };
}
function artifact_archive_open(sealed, id, revision, key) {
    const decipher = (0,external_node_crypto_.createDecipheriv)('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(associated(id, revision));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([
        decipher.update(Buffer.from(sealed.data, 'base64')),
        decipher.final()
    ]).toString('utf8');
    return JSON.parse(text);
}
/**
 * The document of `id` in a downloaded artifact directory: a revision archive, or a snapshot's
 * `<stem>.json`. Undefined when the artifact holds another id; StoreError when it cannot be read.
 */
async function readDownloaded(dir, id, key, what) {
    const names = (await (0,promises_.readdir)(dir)).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
        const value = await readJson((0,external_node_path_.join)(dir, name), what);
        if (!(0,types/* isJsonObject */.O)(value))
            continue;
        if (name === ARCHIVE_FILE)
            return fromArchive(value, id, key, what);
        if (isDocumentOf(value, id))
            return { document: value };
    }
    return undefined;
}
function fromArchive(value, id, key, what) {
    if (value.format !== FORMAT || typeof value.revision !== 'number') {
        throw new errors/* StoreError */.AD(`${what}: not a cicdstatemgr revision archive of format ${FORMAT}`);
    }
    if (value.id !== id)
        return undefined;
    let document = value.document;
    if ((0,types/* isJsonObject */.O)(value.sealed)) {
        if (!key) {
            throw new errors/* StoreError */.AD(`${what} is encrypted: set datasources.actions-artifact.encryptionKey (in secrets) to read it`);
        }
        try {
            document = artifact_archive_open(value.sealed, id, value.revision, key);
        }
        catch {
            throw new errors/* StoreError */.AD(`${what}: decryption failed (wrong encryptionKey, or the artifact was altered)`);
        }
    }
    if (!isDocumentOf(document, id)) {
        throw new errors/* StoreError */.AD(`${what} does not hold a context document of '${id}'`);
    }
    return {
        document: document,
        revision: value.revision,
        writer: String(value.writer ?? ''),
        ...(Array.isArray(value.forks) ? { forks: value.forks } : {})
    };
}
function isDocumentOf(value, id) {
    return (0,types/* isJsonObject */.O)(value) && (0,types/* isJsonObject */.O)(value.state) && value.state.cicdContextDataId === id;
}
async function readJson(path, what) {
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (err) {
        throw new errors/* StoreError */.AD(`${what}: unreadable JSON: ${(0,errors/* firstLine */.TM)(err)}`);
    }
}

;// CONCATENATED MODULE: ./src/stores/artifact-merge.ts
/**
 * Three-way merge of JSON documents, for recovering a forked revision of the `actions-artifact` store:
 * every change `fork` made relative to `base` (the revision both writers started from) is applied to
 * `current`; what `fork` did not touch stays as `current` has it. Lists and scalars are replaced whole.
 */

function mergeChanges(base, fork, current) {
    if ((0,types/* isJsonObject */.O)(base) && (0,types/* isJsonObject */.O)(fork) && (0,types/* isJsonObject */.O)(current)) {
        const out = { ...current };
        for (const key of new Set([...Object.keys(base), ...Object.keys(fork)])) {
            if (!(key in fork))
                delete out[key];
            else if (!(key in base))
                out[key] = fork[key];
            else
                out[key] = mergeChanges(base[key], fork[key], current[key]);
        }
        return out;
    }
    return sameJson(base, fork) ? current : fork;
}
function sameJson(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}

;// CONCATENATED MODULE: ./src/stores/actions-artifact-store.ts
/**
 * The `actions-artifact` datasource: context documents as workflow artifacts, readable from any later
 * run on any branch of the repository (the cache store is branch-scoped). For pipelines whose steps
 * write one after another across runs (build → deploy → promote).
 *
 * Every write uploads a new revision: revision n of id X is the artifact `cicdstatemgr-state-<X>.r<n>`
 * (artifact-archive.ts). A read takes the newest revision.
 *
 * Concurrency (what is guaranteed, and where it stops):
 * - Writers in one run: artifact names are unique per run, so of two writers creating revision n+1 the
 *   service refuses the second (409); it reloads, re-applies its change and retries (bounded).
 * - Writers in different runs: both uploads succeed. After uploading, a writer re-lists revision n+1 and
 *   the lowest artifact id wins; a loser deletes its upload and retries on the winner.
 * - GitHub's listing can lag, so two writers can still both see themselves alone and both win. Readers
 *   then take the lowest artifact id (deterministic), warn naming both runs, and the other revision is
 *   kept: it stays listed in the archive's `forks` until merged (`--artifact-revisions ID`,
 *   `--merge-revision ARTIFACT_ID`), so no update vanishes without a trace, but it is not applied
 *   automatically.
 * - Artifacts expire (retention): a context not written for longer than the retention is gone.
 *
 * Trust: only artifacts of runs whose head repository is this repository are read (see
 * src/github/artifacts.ts). Uploads use the runtime token (JavaScript action steps only); listing,
 * downloading and deleting use a REST token (`actions: read`, deleting `actions: write`).
 */











const DEFAULT_TUNING = {
    conflictBackoffMs: 500,
    clock: realClock,
    restAttempts: 4
};
const DEFAULT_MAX_ATTEMPTS = 10;
const actions_artifact_store_NAME_PREFIX = 'cicdstatemgr-state-';
async function createActionsArtifactStore(settings, logger, tuning = {}) {
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_REPOSITORY'].filter((n) => !process.env[n]);
    if (missing.length > 0) {
        throw new errors/* StoreError */.AD('the actions-artifact datasource only works inside GitHub Actions, in a JavaScript action step: ' +
            `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`);
    }
    const token = settings.token ?? process.env.GITHUB_TOKEN;
    if (!token) {
        throw new errors/* ConfigError */.xL('actions-artifact: no token to list artifacts with: set datasources.actions-artifact.token ' +
            '(in secrets.yaml) or GITHUB_TOKEN (the actions pass their github-token input)');
    }
    logger.addSecret(token);
    if (settings.encryptionKey)
        logger.addSecret(settings.encryptionKey);
    checkSettings(settings);
    const t = { ...DEFAULT_TUNING, ...tuning };
    const gh = readGithubEnv(process.env);
    const client = await createGithubClient({
        token,
        apiUrl: gh.apiUrl,
        clock: t.clock,
        maxAttempts: t.restAttempts,
        debug: (line) => logger.debug(line)
    });
    const finder = new ArtifactFinder(client, gh.repository, token, logger);
    return new ActionsArtifactStore(settings, finder, t, logger);
}
function checkSettings(s) {
    const days = s.retentionDays;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 90)) {
        throw new errors/* ConfigError */.xL(`actions-artifact: retentionDays must be a whole number from 1 to 90, got ${days}`);
    }
    if (s.maxAttempts !== undefined && !(Number.isInteger(s.maxAttempts) && s.maxAttempts >= 1)) {
        throw new errors/* ConfigError */.xL(`actions-artifact: maxAttempts must be a whole number >= 1, got ${s.maxAttempts}`);
    }
    if (s.encryptionKey !== undefined && s.encryptionKey.length < 16) {
        throw new errors/* ConfigError */.xL('actions-artifact: encryptionKey must be at least 16 characters (use 32 random bytes)');
    }
}
class ActionsArtifactStore {
    settings;
    finder;
    tuning;
    logger;
    name = 'actions-artifact';
    loadable = true;
    key;
    /** Newest revision seen per id: later reads probe upward from it instead of listing the repository. */
    known = new Map();
    /** Downloaded archives by artifact id (artifacts are immutable). */
    downloaded = new Map();
    /** Ids whose unmerged forks were already reported by this process. */
    warned = new Set();
    constructor(settings, finder, tuning, logger) {
        this.settings = settings;
        this.finder = finder;
        this.tuning = tuning;
        this.logger = logger;
        this.key = settings.encryptionKey ? deriveKey(settings.encryptionKey) : undefined;
    }
    async load(id) {
        return (await this.newest(id))?.archive.document;
    }
    async update(id, mutate) {
        return this.updateDropping(id, mutate, undefined);
    }
    /** `update`, also dropping fork `merged` from the recorded forks (it is being merged). */
    async updateDropping(id, mutate, merged) {
        const max = this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
        for (let attempt = 1; attempt <= max; attempt++) {
            const current = await this.newest(id);
            const forks = (current?.archive.forks ?? []).filter((f) => f.artifactId !== merged);
            const archive = {
                format: FORMAT,
                id,
                revision: (current?.archive.revision ?? 0) + 1,
                writer: (0,external_node_crypto_.randomUUID)(),
                runId: process.env.GITHUB_RUN_ID ?? '',
                document: mutate(current?.archive.document),
                ...(forks.length ? { forks } : {})
            };
            if (await this.write(archive))
                return archive.document;
            if (attempt < max) {
                this.logger.info(`actions-artifact: another writer stored revision ${archive.revision} of context '${id}' ` +
                    `first; reloading and re-applying the change (attempt ${attempt + 1} of ${max})`);
                await this.tuning.clock.sleep(jitter(this.tuning.conflictBackoffMs, attempt));
            }
        }
        throw new errors/* ConflictError */.fK(`actions-artifact: gave up updating context '${id}' after ${max} attempts: other jobs kept ` +
            'writing it at the same time (raise maxAttempts or use redis)');
    }
    async save(id, doc) {
        await this.update(id, () => doc);
    }
    async delete(id) {
        const all = await this.finder.all((name) => revisionOf(id, name) !== undefined);
        let deleted = false;
        for (const a of all.filter((x) => x.fromThisRepository)) {
            deleted = (await this.finder.remove(a.id)) || deleted;
        }
        this.known.delete(id);
        return deleted;
    }
    async list() {
        const all = await this.finder.all((name) => name.startsWith(actions_artifact_store_NAME_PREFIX));
        const ids = all
            .filter((a) => a.fromThisRepository && !a.expired)
            .map((a) => idOfName(a.name))
            .filter((x) => x !== undefined);
        return [...new Set(ids)].sort();
    }
    async writtenAt(id) {
        const newest = await this.newest(id);
        const at = newest ? Date.parse(newest.artifact.createdAt) : NaN;
        return Number.isNaN(at) ? undefined : at;
    }
    async close() { }
    async revisions(id) {
        const all = this.finder.usable(await this.finder.all((n) => revisionOf(id, n) !== undefined));
        const top = Math.max(0, ...all.map((a) => revisionOf(id, a.name) ?? 0));
        const current = await this.newest(id);
        const forks = new Set((current?.archive.forks ?? []).map((f) => f.artifactId));
        return all
            .map((a) => ({
            revision: revisionOf(id, a.name) ?? 0,
            artifactId: a.id,
            runId: a.runId,
            branch: a.headBranch,
            createdAt: a.createdAt,
            status: a.id === current?.artifact.id
                ? 'current'
                : forks.has(a.id) || revisionOf(id, a.name) === top
                    ? 'fork'
                    : 'older'
        }))
            .sort((x, y) => y.revision - x.revision || x.artifactId - y.artifactId);
    }
    /**
     * Applies what the forked revision `artifactId` changed (relative to the revision it started from)
     * to the newest document, as a normal update, and drops it from the recorded forks.
     */
    async mergeRevision(id, artifactId) {
        const all = this.finder.usable(await this.finder.all((n) => revisionOf(id, n) !== undefined));
        const forked = all.find((a) => a.id === artifactId);
        if (!forked) {
            throw new errors/* NotFoundError */.m_(`actions-artifact: context '${id}' has no usable revision artifact with id ${artifactId}`);
        }
        const fork = await this.fetch(id, forked);
        const baseRevision = fork.revision - 1;
        const baseArtifact = all
            .filter((a) => revisionOf(id, a.name) === baseRevision)
            .sort((a, b) => a.id - b.id)[0];
        const base = baseArtifact ? (await this.fetch(id, baseArtifact)).document : undefined;
        const merged = await this.updateDropping(id, (current) => mergeChanges(base ?? {}, fork.document, current ?? base ?? {}), artifactId);
        this.logger.info(`actions-artifact: merged revision ${fork.revision} (artifact ${artifactId}, run ` +
            `${forked.runId ?? '?'}) into context '${id}'`);
        return merged;
    }
    // ---- reading ----
    /** The newest revision (lowest artifact id of it), undefined when the id has none. */
    async newest(id) {
        let top = this.known.get(id) ?? (await this.discover(id));
        if (top === undefined)
            return undefined;
        for (;;) {
            const next = this.finder.usable(await this.finder.named(revisionName(id, top + 1)));
            if (next.length === 0)
                break;
            top += 1;
        }
        const candidates = this.finder.usable(await this.finder.named(revisionName(id, top)));
        if (candidates.length === 0) {
            // The known revision was deleted or expired: look again from scratch.
            this.known.delete(id);
            const again = await this.discover(id);
            if (again === undefined || again === top)
                return undefined;
            return this.newest(id);
        }
        candidates.sort((a, b) => a.id - b.id);
        const winner = candidates[0];
        this.known.set(id, top);
        const archive = await this.fetch(id, winner);
        const others = candidates.slice(1);
        if (others.length > 0)
            this.reportFork(id, top, winner, others, archive);
        else if (archive.forks?.length && !this.warned.has(id)) {
            this.warned.add(id);
            const list = archive.forks.map((f) => `revision ${f.revision} of run ${f.runId ?? '?'} (artifact ${f.artifactId})`);
            this.logger.warning(`actions-artifact: context '${id}' has unmerged concurrent changes: ${list.join(', ')}; ` +
                `merge with \`cicdstatemgr --id ${id} --merge-revision ARTIFACT_ID\``);
        }
        return { archive, artifact: winner };
    }
    /** The newest revision number found by listing the repository (newest artifacts first). */
    async discover(id) {
        const hits = this.finder.usable(await this.finder.newestMatching((name) => revisionOf(id, name) !== undefined));
        if (hits.length === 0)
            return undefined;
        return Math.max(...hits.map((a) => revisionOf(id, a.name) ?? 0));
    }
    /**
     * Two writers both won revision n (GitHub's list lagged): the lowest id is read; the others are
     * recorded as forks in what this reader writes next, and named here.
     */
    reportFork(id, revision, winner, others, archive) {
        const named = others.map((a) => `run ${a.runId ?? '?'} (artifact ${a.id})`).join(', ');
        this.logger.warning(`actions-artifact: revision ${revision} of context '${id}' was written twice at the same time: ` +
            `reading run ${winner.runId ?? '?'} (artifact ${winner.id}); the change of ${named} is NOT ` +
            `applied but kept: inspect with \`cicdstatemgr --artifact-revisions ${id}\`, merge with ` +
            `\`cicdstatemgr --id ${id} --merge-revision ${others[0]?.id}\``);
        const forks = archive.forks ?? [];
        for (const a of others) {
            if (!forks.some((f) => f.artifactId === a.id)) {
                forks.push({ revision, artifactId: a.id, runId: a.runId });
            }
        }
        archive.forks = forks;
    }
    async fetch(id, artifact) {
        const held = this.downloaded.get(artifact.id);
        if (held)
            return structuredClone(held);
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'cicdstatemgr-revision-'));
        try {
            await this.finder.download(artifact, dir);
            const what = `actions-artifact: artifact '${artifact.name}' (id ${artifact.id})`;
            const found = await readDownloaded(dir, id, this.key, what);
            if (!found || found.revision === undefined) {
                throw new errors/* StoreError */.AD(`${what} does not hold a revision of context '${id}'`);
            }
            const archive = {
                format: FORMAT,
                id,
                revision: found.revision,
                writer: found.writer ?? '',
                runId: String(artifact.runId ?? ''),
                document: found.document,
                ...(found.forks ? { forks: found.forks } : {})
            };
            this.downloaded.set(artifact.id, archive);
            return structuredClone(archive);
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    }
    // ---- writing ----
    /** True when `archive` is now revision n of its id; false when another writer holds it. */
    async write(archive) {
        const name = revisionName(archive.id, archive.revision);
        const storage = await loadGithubStorage();
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'cicdstatemgr-write-'));
        let uploaded;
        try {
            const file = await writeArchive(dir, archive, this.key);
            uploaded = await storage.uploadFiles(name, [file], dir, this.settings.retentionDays);
        }
        catch (err) {
            if (err.name === 'ArtifactNameTakenError')
                return false;
            // Not "not stored": a reply lost after the upload finished leaves the revision in place.
            throw new errors/* StoreError */.AD(`actions-artifact: storing revision ${archive.revision} of context '${archive.id}' failed, ` +
                `the update is not confirmed: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
        // Another run may have uploaded the same revision: the lowest artifact id wins.
        const rivals = this.finder.usable(await this.finder.named(name));
        const lowest = Math.min(uploaded.id, ...rivals.map((a) => a.id));
        if (lowest === uploaded.id) {
            this.known.set(archive.id, archive.revision);
            this.logger.debug(`actions-artifact: stored revision ${archive.revision} of '${archive.id}'`);
            return true;
        }
        await storage.deleteOwn(name).catch((err) => {
            this.logger.warning(`actions-artifact: could not delete the losing upload '${name}' (artifact ${uploaded.id}): ` +
                `${(0,errors/* errorMessage */.gJ)(err)}; readers ignore it (the lowest artifact id wins)`);
        });
        return false;
    }
}
/** The id in a revision artifact name (the escape of artifact-archive.ts undone). */
function idOfName(name) {
    const m = /^cicdstatemgr-state-(.*)\.r\d{10}$/.exec(name);
    if (!m)
        return undefined;
    try {
        const id = decodeURIComponent(m[1]);
        return revisionPrefix(id) === `${name.slice(0, -10)}` ? id : undefined;
    }
    catch {
        return undefined;
    }
}
function jitter(base, attempt) {
    const ceiling = base * Math.min(8, attempt);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}


/***/ })

};
;