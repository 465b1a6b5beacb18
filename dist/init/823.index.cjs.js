"use strict";
exports.id = 823;
exports.ids = [823];
exports.modules = {

/***/ 9823:
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
// EXTERNAL MODULE: ./src/github/artifacts.ts
var artifacts = __webpack_require__(4616);
// EXTERNAL MODULE: ./src/github/client.ts
var github_client = __webpack_require__(6584);
// EXTERNAL MODULE: ./src/github/env.ts
var env = __webpack_require__(1484);
// EXTERNAL MODULE: ./src/stores/artifact-archive.ts
var artifact_archive = __webpack_require__(6137);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
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

// EXTERNAL MODULE: ./src/stores/github-storage-loader.ts
var github_storage_loader = __webpack_require__(5639);
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
    clock: github_client.realClock,
    restAttempts: 4
};
const DEFAULT_MAX_ATTEMPTS = 10;
const NAME_PREFIX = 'cicdstatemgr-state-';
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
    const gh = (0,env/* readGithubEnv */.V)(process.env);
    const client = await (0,github_client.createGithubClient)({
        token,
        apiUrl: gh.apiUrl,
        clock: t.clock,
        maxAttempts: t.restAttempts,
        debug: (line) => logger.debug(line)
    });
    const finder = new artifacts/* ArtifactFinder */.d(client, gh.repository, token, logger);
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
        this.key = settings.encryptionKey ? (0,artifact_archive/* deriveKey */.Hz)(settings.encryptionKey) : undefined;
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
                format: artifact_archive/* FORMAT */.uB,
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
        const all = await this.finder.all((name) => (0,artifact_archive/* revisionOf */.DT)(id, name) !== undefined);
        let deleted = false;
        for (const a of all.filter((x) => x.fromThisRepository)) {
            deleted = (await this.finder.remove(a.id)) || deleted;
        }
        this.known.delete(id);
        return deleted;
    }
    async list() {
        const all = await this.finder.all((name) => name.startsWith(NAME_PREFIX));
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
        const all = this.finder.usable(await this.finder.all((n) => (0,artifact_archive/* revisionOf */.DT)(id, n) !== undefined));
        const top = Math.max(0, ...all.map((a) => (0,artifact_archive/* revisionOf */.DT)(id, a.name) ?? 0));
        const current = await this.newest(id);
        const forks = new Set((current?.archive.forks ?? []).map((f) => f.artifactId));
        return all
            .map((a) => ({
            revision: (0,artifact_archive/* revisionOf */.DT)(id, a.name) ?? 0,
            artifactId: a.id,
            runId: a.runId,
            branch: a.headBranch,
            createdAt: a.createdAt,
            status: a.id === current?.artifact.id
                ? 'current'
                : forks.has(a.id) || (0,artifact_archive/* revisionOf */.DT)(id, a.name) === top
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
        const all = this.finder.usable(await this.finder.all((n) => (0,artifact_archive/* revisionOf */.DT)(id, n) !== undefined));
        const forked = all.find((a) => a.id === artifactId);
        if (!forked) {
            throw new errors/* NotFoundError */.m_(`actions-artifact: context '${id}' has no usable revision artifact with id ${artifactId}`);
        }
        const fork = await this.fetch(id, forked);
        const baseRevision = fork.revision - 1;
        const baseArtifact = all
            .filter((a) => (0,artifact_archive/* revisionOf */.DT)(id, a.name) === baseRevision)
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
            const next = this.finder.usable(await this.finder.named((0,artifact_archive/* revisionName */.pd)(id, top + 1)));
            if (next.length === 0)
                break;
            top += 1;
        }
        const candidates = this.finder.usable(await this.finder.named((0,artifact_archive/* revisionName */.pd)(id, top)));
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
        const hits = this.finder.usable(await this.finder.newestMatching((name) => (0,artifact_archive/* revisionOf */.DT)(id, name) !== undefined));
        if (hits.length === 0)
            return undefined;
        return Math.max(...hits.map((a) => (0,artifact_archive/* revisionOf */.DT)(id, a.name) ?? 0));
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
            const found = await (0,artifact_archive/* readDownloaded */.aG)(dir, id, this.key, what);
            if (!found || found.revision === undefined) {
                throw new errors/* StoreError */.AD(`${what} does not hold a revision of context '${id}'`);
            }
            const archive = {
                format: artifact_archive/* FORMAT */.uB,
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
        const name = (0,artifact_archive/* revisionName */.pd)(archive.id, archive.revision);
        const storage = await (0,github_storage_loader/* loadGithubStorage */.R)();
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'cicdstatemgr-write-'));
        let uploaded;
        try {
            const file = await (0,artifact_archive/* writeArchive */._d)(dir, archive, this.key);
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
        return (0,artifact_archive/* revisionPrefix */._e)(id) === `${name.slice(0, -10)}` ? id : undefined;
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