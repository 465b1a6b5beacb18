"use strict";
exports.id = 281;
exports.ids = [281];
exports.modules = {

/***/ 1281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findRuns: () => (/* binding */ findRuns),
/* harmony export */   waitForRun: () => (/* binding */ waitForRun)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3116);
/**
 * Finding a dispatched run and waiting for it. Both are bounded and run on an injectable clock.
 *
 * Finding: GitHub's dispatch endpoints answered 204 with nothing until 2026 (and still do on GHES ≤ 3.20
 * and for repository_dispatch), so the caller puts a generated correlation id into the dispatch (an input
 * or a client_payload key) and the target workflow puts it into its `run-name:`; the run then shows it as
 * `display_title` in the runs list, which is filtered by event, branch and creation time.
 *
 * Waiting: `GET …/actions/runs/{id}` with `If-None-Match` (a 304 costs no rate limit), backing off from
 * 5 s by ×1.5 up to 60 s, never sooner than a `Retry-After` asks, until `completed` or the time budget.
 */

/** Margin for clock skew between this machine and GitHub when filtering runs by creation time. */
const SKEW_MS = 2 * 60_000;
async function findRuns(client, clock, repo, options) {
    const created = `>=${new Date(options.since - SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
    const deadline = clock.now() + options.timeoutMs;
    const enough = options.enough ?? ((runs) => runs.length > 0);
    let delay = options.firstDelayMs ?? 2000;
    let found = [];
    for (let attempt = 1;; attempt++) {
        found = await listMatching(client, repo, options, created);
        if (enough(found))
            return { runs: found, attempts: attempt };
        if (clock.now() + delay > deadline)
            return { runs: found, attempts: attempt };
        await clock.sleep(delay);
        delay = Math.min(15_000, Math.round(delay * 1.5));
    }
}
async function listMatching(client, repo, options, created) {
    const matches = [];
    // Runs come newest first; ten pages of 100 is far more than one creation-time window holds.
    for (let page = 1; page <= 10; page++) {
        const res = await client.listWorkflowRuns(repo, {
            ...(options.workflow === undefined ? {} : { workflow: options.workflow }),
            event: options.event,
            ...(options.branch ? { branch: options.branch } : {}),
            created,
            perPage: 100,
            page
        });
        matches.push(...res.runs.filter((r) => r.display_title.includes(options.correlationId)));
        if (!res.hasNext)
            break;
    }
    return matches.sort((a, b) => a.id - b.id);
}
/** Polls a run until `completed` or the time budget runs out (then `done: false` with the last state). */
async function waitForRun(client, clock, repo, runId, options) {
    const deadline = clock.now() + options.timeoutMs;
    const maxDelay = options.maxDelayMs ?? 60_000;
    let delay = options.firstDelayMs ?? 5000;
    let etag;
    let last;
    for (let polls = 1;; polls++) {
        let retryAfterMs;
        try {
            const res = await client.getWorkflowRun(repo, runId, etag);
            retryAfterMs = res.retryAfterMs;
            if (res.run) {
                if (!last || res.run.status !== last.status)
                    options.onStatus?.(res.run);
                last = res.run;
                etag = res.etag;
            }
        }
        catch (error) {
            // A rate limit the client could not absorb: wait as asked, within the budget.
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A) || error.retryAfterMs === undefined)
                throw error;
            retryAfterMs = error.retryAfterMs;
        }
        if (last?.status === 'completed')
            return { done: true, run: last, polls };
        const wait = Math.max(delay, retryAfterMs ?? 0);
        if (clock.now() + wait > deadline) {
            if (!last)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A(`run ${runId}: no answer within the wait budget`, 0);
            return { done: false, run: last, polls };
        }
        await clock.sleep(wait);
        delay = Math.min(maxDelay, Math.round(delay * 1.5));
    }
}


/***/ })

};
;