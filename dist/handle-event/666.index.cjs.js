"use strict";
exports.id = 666;
exports.ids = [666];
exports.modules = {

/***/ 4666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RedisClusterStore: () => (/* binding */ RedisClusterStore)
/* harmony export */ });
/* harmony import */ var _core_yaml_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3129);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _redis_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8685);



const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_ATTEMPTS = 100;
/**
 * Compare-and-swap on one key: SET (with EX when given) only if the value is still byte-equal to what
 * the client read (ARGV[1] = '1'), or still absent (ARGV[1] = '0'). Returns 1 when written, else 0.
 * One key, so the script runs on the key's master, in one slot, atomically.
 */
const CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
end
return 1
`;
/**
 * Errors a cluster answers while slots move or a master fails over (ioredis follows MOVED/ASK itself
 * up to maxRedirections; these can still surface) and a connection lost meanwhile. The operation is
 * retried from the read: a Mutation is replayable, and an EVAL that did apply before its reply was lost
 * only makes the next compare fail and re-apply on top of it.
 */
const TRANSIENT = /^(MOVED|ASK|CLUSTERDOWN|TRYAGAIN|LOADING|READONLY|MASTERDOWN)\b|Connection is closed|timed out|ECONNRESET|ECONNREFUSED|Failed to refresh slots|Too many Cluster redirections/i;
let clusterConstructor;
function loadCluster() {
    // In the CommonJS bundle the CJS module's namespace puts the exports under `default` only.
    clusterConstructor ??= Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(796)]).then(__webpack_require__.t.bind(__webpack_require__, 7796, 23)).then((mod) => mod.Cluster ??
        mod.default.Cluster);
    return clusterConstructor;
}
/**
 * `redis` with `cluster:` seed nodes: the same single key per context (`keyPrefix + id`, one slot) as
 * the single-server store. ioredis' Cluster client shares its node connections between commands, so
 * WATCH cannot guard a transaction; writes are a client-side read then a Lua compare-and-swap instead.
 */
class RedisClusterStore {
    settings;
    logger;
    name;
    loadable = true;
    reloadForCopies = true;
    target;
    where;
    failures;
    client;
    closed = false;
    constructor(settings, logger) {
        this.settings = settings;
        this.logger = logger;
        this.name = settings.name;
        this.target = (0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.resolveRedisTarget)(settings);
        this.where = (0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.describeRedisTarget)(settings, this.target);
        this.failures = new _redis_store_js__WEBPACK_IMPORTED_MODULE_2__.RedisFailures(this.where, this.target.password);
        if (this.target.password)
            logger.addSecret(this.target.password);
    }
    async load(id) {
        const key = this.key(id);
        const cluster = await this.connection();
        const text = await this.failures.run('GET', key, () => cluster.get(key));
        return text === null ? undefined : (0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.parseStoredDocument)(key, text);
    }
    /** GET, mutate, CAS; a lost compare or a failover error re-reads and re-applies (bounded). */
    async update(id, mutate) {
        const key = this.key(id);
        const maxAttempts = this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
        const cluster = await this.connection();
        const ttl = this.settings.ttlSeconds ? String(this.settings.ttlSeconds) : '';
        let lastError;
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1)
                await (0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.sleep)((0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.backoffMs)(attempt - 1));
            const read = await this.transient('GET', key, () => cluster.get(key));
            if (!read.ok) {
                lastError = read.error;
                continue;
            }
            const text = read.value;
            // The mutation runs outside the error handling: its own errors are not redis errors.
            const next = mutate(text === null ? undefined : (0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.parseStoredDocument)(key, text));
            const payload = (0,_core_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .stringifyYaml */ .fv)(next);
            const expected = text === null ? ['0', ''] : ['1', text];
            const cas = await this.transient('EVAL', key, () => cluster.eval(CAS_SCRIPT, 1, key, ...expected, payload, ttl));
            if (!cas.ok) {
                lastError = cas.error;
                continue;
            }
            if (cas.value === 1)
                return next;
            lastError = undefined;
            this.logger.debug(`redis: ${key} changed by another writer; retrying (attempt ${attempt})`);
        }
        if (lastError !== undefined)
            throw this.failures.commandError('update', key, lastError);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`redis update of key "${key}" gave up after ${maxAttempts} attempts: ` +
            'other writers kept changing it');
    }
    /** Runs one command; a transient cluster error is returned for a retry, any other is thrown. */
    async transient(op, key, fn) {
        try {
            return { ok: true, value: await fn() };
        }
        catch (err) {
            if (!TRANSIENT.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)))
                throw this.failures.commandError(op, key, err);
            this.logger.debug(`redis ${op} of ${key}: ${this.failures.sanitize((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err))}; retrying`);
            return { ok: false, error: err };
        }
    }
    async save(id, doc) {
        const key = this.key(id);
        const payload = (0,_core_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .stringifyYaml */ .fv)(doc);
        const cluster = await this.connection();
        const ttl = this.settings.ttlSeconds;
        await this.failures.run('SET', key, () => ttl ? cluster.set(key, payload, 'EX', ttl) : cluster.set(key, payload));
    }
    /** `SET key value NX` (with `EX` when a TTL is configured) on the key's master. */
    async create(id, doc) {
        const key = this.key(id);
        const payload = (0,_core_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .stringifyYaml */ .fv)(doc);
        const cluster = await this.connection();
        const ttl = this.settings.ttlSeconds;
        const reply = await this.failures.run('SET', key, () => ttl ? cluster.set(key, payload, 'EX', ttl, 'NX') : cluster.set(key, payload, 'NX'));
        return reply === 'OK';
    }
    async delete(id) {
        const key = this.key(id);
        const cluster = await this.connection();
        return (await this.failures.run('DEL', key, () => cluster.del(key))) > 0;
    }
    /** SCAN on every master (each holds its own slots), never KEYS. */
    async list() {
        const prefix = this.settings.keyPrefix ?? '';
        const pattern = `${(0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.escapeGlob)(prefix)}*`;
        const cluster = await this.connection();
        const keys = await this.failures.run('SCAN', pattern, async () => {
            const perMaster = await Promise.all(cluster.nodes('master').map((node) => (0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.scanAll)(node, pattern)));
            return perMaster.flat();
        });
        return (0,_redis_store_js__WEBPACK_IMPORTED_MODULE_2__.idsFromKeys)(keys, prefix);
    }
    async close() {
        this.closed = true;
        const pending = this.client;
        this.client = undefined;
        if (!pending)
            return;
        // Sockets closed at once, without QUIT: every reply we wait for has arrived (see RedisStore.quit).
        await pending.then((cluster) => cluster.disconnect(), () => undefined);
    }
    key(id) {
        return (this.settings.keyPrefix ?? '') + id;
    }
    /** One Cluster client per store, connected on first use; it follows MOVED/ASK and refreshes slots. */
    connection() {
        if (this.closed)
            return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD('redis store is closed'));
        this.client ??= this.connect();
        return this.client;
    }
    async connect() {
        const Cluster = await loadCluster();
        const nodes = (this.settings.cluster ?? []).map(({ host, port }) => ({ host, port }));
        const cluster = new Cluster(nodes, this.options());
        let lastError;
        cluster.on('error', (err) => {
            lastError = err;
            this.logger.debug(`redis ${this.where}: ${this.failures.sanitize(err.message)}`);
        });
        try {
            await cluster.connect();
            return cluster;
        }
        catch (err) {
            cluster.disconnect();
            this.client = undefined;
            const reason = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .firstLine */ .TM)(this.failures.sanitize(lastError?.message ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)));
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD(`cannot connect to redis at ${this.where}: ${reason}`);
        }
    }
    options() {
        const t = this.target;
        const timeout = this.settings.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;
        return {
            lazyConnect: true,
            // Startup fails fast (one pass over the seeds); after that ioredis refreshes the slot map itself.
            clusterRetryStrategy: () => null,
            slotsRefreshTimeout: this.settings.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
            retryDelayOnFailover: 100,
            retryDelayOnClusterDown: 100,
            retryDelayOnTryAgain: 100,
            enableAutoPipelining: false,
            // With TLS, connect by the name the nodes announce, not a resolved IP: the certificate names it.
            ...(t.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
            redisOptions: {
                // Cluster nodes have no SELECT; AUTH goes on every node connection, so ioredis sends it.
                ...(t.username !== undefined ? { username: t.username } : {}),
                ...(t.password !== undefined ? { password: t.password } : {}),
                ...(t.tls ? { tls: t.tls } : {}),
                protocol: 2,
                connectTimeout: this.settings.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
                commandTimeout: timeout,
                enableReadyCheck: false,
                disableClientInfo: true
            }
        };
    }
}


/***/ })

};
;