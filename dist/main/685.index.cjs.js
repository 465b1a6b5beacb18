"use strict";
exports.id = 685;
exports.ids = [685];
exports.modules = {

/***/ 8685:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RedisFailures: () => (/* binding */ RedisFailures),
/* harmony export */   RedisStore: () => (/* binding */ RedisStore),
/* harmony export */   backoffMs: () => (/* binding */ backoffMs),
/* harmony export */   createRedisStore: () => (/* binding */ createRedisStore),
/* harmony export */   describeRedisTarget: () => (/* binding */ describeRedisTarget),
/* harmony export */   escapeGlob: () => (/* binding */ escapeGlob),
/* harmony export */   idsFromKeys: () => (/* binding */ idsFromKeys),
/* harmony export */   parseStoredDocument: () => (/* binding */ parseStoredDocument),
/* harmony export */   resolveRedisTarget: () => (/* binding */ resolveRedisTarget),
/* harmony export */   scanAll: () => (/* binding */ scanAll),
/* harmony export */   sleep: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3054);
/* harmony import */ var _core_yaml_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3129);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);



const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_ATTEMPTS = 100;
let redisConstructor;
/** ioredis is only loaded once a redis datasource actually connects: files-only runs never pay for it. */
function loadIoredis() {
    // In the CommonJS bundle the CJS module's namespace puts the class under `default` only.
    redisConstructor ??= Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(796)]).then(__webpack_require__.t.bind(__webpack_require__, 7796, 23)).then((mod) => mod.Redis ?? mod.default);
    return redisConstructor;
}
/**
 * `redis`: the document as YAML text under the key `keyPrefix + id`, exactly as the Python tool wrote it
 * (`yaml.dump(doc)` under the bare id), so both tools read each other's data.
 *
 * Every operation borrows a connection exclusively from a small pool: WATCH is per connection, and a
 * WATCH shared by concurrent tasks silently loses updates. Connections never reconnect by themselves
 * (a WATCH does not survive a reconnect, so a transaction could commit unguarded); a broken connection
 * fails the operation with a StoreError and is dropped.
 */
class RedisStore {
    settings;
    logger;
    name;
    loadable = true;
    reloadForCopies = true;
    target;
    where;
    failures;
    idle = [];
    open = new Set();
    closed = false;
    constructor(settings, logger) {
        this.settings = settings;
        this.logger = logger;
        this.name = settings.name;
        this.target = resolveRedisTarget(settings);
        this.where = describeRedisTarget(settings, this.target);
        this.failures = new RedisFailures(this.where, this.target.password);
        if (this.target.password)
            logger.addSecret(this.target.password);
        if (settings.sentinelPassword)
            logger.addSecret(settings.sentinelPassword);
    }
    async load(id) {
        const key = this.key(id);
        return this.withConnection(async (conn) => {
            const text = await this.failures.run('GET', key, () => conn.get(key));
            return text === null ? undefined : this.parse(key, text);
        });
    }
    /** Optimistic WATCH+GET, MULTI/SET/EXEC; a null EXEC means another writer got in first: retry. */
    async update(id, mutate) {
        const key = this.key(id);
        const maxAttempts = this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
        return this.withConnection(async (conn) => {
            for (let attempt = 1; attempt <= maxAttempts; attempt++) {
                // Sent together, answered in order: one round trip, and the GET still runs under the WATCH.
                const [, text] = await Promise.all([
                    this.failures.run('WATCH', key, () => conn.watch(key)),
                    this.failures.run('GET', key, () => conn.get(key))
                ]);
                const next = mutate(text === null ? undefined : this.parse(key, text));
                const payload = (0,_core_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .stringifyYaml */ .fv)(next);
                const replies = await this.failures.run('EXEC', key, () => this.set(conn.multi(), key, payload).exec());
                if (replies !== null) {
                    const failed = replies.find(([err]) => err)?.[0];
                    if (failed)
                        throw this.failures.commandError('SET', key, failed);
                    return next;
                }
                this.logger.debug(`redis: ${key} changed by another writer; retrying (attempt ${attempt})`);
                await sleep(backoffMs(attempt));
            }
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`redis update of key "${key}" gave up after ${maxAttempts} attempts: ` +
                'other writers kept changing it');
        });
    }
    async save(id, doc) {
        const key = this.key(id);
        const payload = (0,_core_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .stringifyYaml */ .fv)(doc);
        await this.withConnection(async (conn) => {
            const ttl = this.settings.ttlSeconds;
            await this.failures.run('SET', key, () => ttl ? conn.set(key, payload, 'EX', ttl) : conn.set(key, payload));
        });
    }
    /** `SET key value NX` (with `EX` when a TTL is configured): atomic in Redis itself. */
    async create(id, doc) {
        const key = this.key(id);
        const payload = (0,_core_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .stringifyYaml */ .fv)(doc);
        const ttl = this.settings.ttlSeconds;
        const reply = await this.withConnection((conn) => this.failures.run('SET', key, () => ttl ? conn.set(key, payload, 'EX', ttl, 'NX') : conn.set(key, payload, 'NX')));
        return reply === 'OK';
    }
    async delete(id) {
        const key = this.key(id);
        const removed = await this.withConnection((conn) => this.failures.run('DEL', key, () => conn.del(key)));
        return removed > 0;
    }
    /** SCAN over `keyPrefix*` (never KEYS, which blocks the server); without a prefix, every key of the db. */
    async list() {
        const prefix = this.settings.keyPrefix ?? '';
        const pattern = `${escapeGlob(prefix)}*`;
        return this.withConnection(async (conn) => {
            const keys = await this.failures.run('SCAN', pattern, () => scanAll(conn, pattern));
            return idsFromKeys(keys, prefix);
        });
    }
    async close() {
        this.closed = true;
        const conns = [...this.open];
        this.open.clear();
        this.idle.length = 0;
        await Promise.all(conns.map((conn) => this.quit(conn)));
    }
    key(id) {
        return (this.settings.keyPrefix ?? '') + id;
    }
    /** SET with the expiry in the same command, so a write can never leave the key without its TTL. */
    set(tx, key, payload) {
        const ttl = this.settings.ttlSeconds;
        return ttl ? tx.set(key, payload, 'EX', ttl) : tx.set(key, payload);
    }
    parse(key, text) {
        return parseStoredDocument(key, text);
    }
    /** Runs `fn` on a connection nobody else uses meanwhile; a connection that saw an error is dropped. */
    async withConnection(fn) {
        const conn = await this.acquire();
        let healthy = false;
        try {
            const result = await fn(conn);
            healthy = true;
            return result;
        }
        finally {
            if (healthy && !this.closed && conn.status === 'ready')
                this.idle.push(conn);
            else
                await this.quit(conn);
        }
    }
    async acquire() {
        if (this.closed)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD('redis store is closed');
        for (let conn = this.idle.pop(); conn; conn = this.idle.pop()) {
            if (conn.status === 'ready')
                return conn;
            await this.quit(conn);
        }
        return this.connect();
    }
    async connect() {
        const Redis = await loadIoredis();
        const conn = new Redis(this.options());
        this.open.add(conn);
        let lastError;
        conn.on('error', (err) => {
            lastError = err;
            this.logger.debug(`redis ${this.where}: ${this.failures.sanitize(err.message)}`);
        });
        try {
            await conn.connect();
        }
        catch (err) {
            await this.quit(conn);
            const reason = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .firstLine */ .TM)(this.failures.sanitize(lastError?.message ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)));
            // The master's AUTH is ours (handshake); a refusal before it came from the sentinels.
            const hint = this.settings.sentinels && /WRONGPASS|NOAUTH|NOPERM/.test(reason)
                ? ' (check datasources.redis sentinelUsername/sentinelPassword)'
                : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD(`cannot connect to redis at ${this.where}: ${reason}${hint}`);
        }
        try {
            await this.handshake(conn);
            return conn;
        }
        catch (err) {
            await this.quit(conn);
            throw err;
        }
    }
    /**
     * AUTH and SELECT, sent by us (pipelined: one round trip) and their replies checked. ioredis' own
     * handshake only reports a failed SELECT as an 'error' event and then goes ready on db 0, so a `db`
     * the server lacks would silently write to db 0; and its HELLO/AUTH failures are partly console
     * warnings. Nothing else is sent on the connection before this resolves.
     */
    async handshake(conn) {
        const t = this.target;
        const steps = [];
        if (t.password !== undefined || t.username !== undefined) {
            steps.push({
                setting: t.username === undefined ? 'password' : 'username/password',
                add: (p) => t.username === undefined ? p.auth(t.password ?? '') : p.auth(t.username, t.password ?? '')
            });
        }
        if (t.db !== 0) {
            steps.push({ setting: `db: ${t.db}`, add: (p) => p.select(t.db) });
        }
        if (steps.length === 0)
            return;
        let replies;
        try {
            replies = await steps.reduce((p, step) => step.add(p), conn.pipeline()).exec();
        }
        catch (err) {
            const reason = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .firstLine */ .TM)(this.failures.sanitize((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)));
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD(`cannot connect to redis at ${this.where}: ${reason}`);
        }
        for (const [i, step] of steps.entries()) {
            const [err, reply] = replies?.[i] ?? [new Error('no reply'), undefined];
            if (!err && reply === 'OK')
                continue;
            const reason = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .firstLine */ .TM)(this.failures.sanitize(err ? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err) : 'unexpected reply'));
            // Only the server's refusal points at a setting; a timeout or a dropped connection does not.
            const hint = !err || err.name === 'ReplyError' ? ` (check datasources.redis ${step.setting})` : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD(`cannot connect to redis at ${this.where}: ${reason}${hint}`);
        }
    }
    options() {
        const t = this.target;
        const timeout = this.settings.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;
        return {
            ...this.endpoint(),
            // No db, username or password here: handshake() sends AUTH and SELECT itself and checks the
            // replies. RESP2 (no HELLO), as the Python tool speaks.
            protocol: 2,
            tls: t.tls,
            lazyConnect: true,
            connectTimeout: this.settings.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
            commandTimeout: timeout,
            maxRetriesPerRequest: 1,
            retryStrategy: () => null,
            reconnectOnError: null,
            autoResendUnfulfilledCommands: false,
            // Commands are only sent on a connected client; when it breaks they must fail at once, not queue.
            enableOfflineQueue: false,
            // The ready check runs INFO, which locked-down ACL users may not run (ioredis then warns on stdout).
            enableReadyCheck: false,
            enableAutoPipelining: false,
            disableClientInfo: true
        };
    }
    /**
     * One server, or the master the sentinels name now: each new pooled connection asks them again, so
     * after a failover the next operation reaches the new master (WATCH stays per connection).
     */
    endpoint() {
        const s = this.settings;
        if (!s.sentinels)
            return { host: this.target.host, port: this.target.port };
        const timeout = s.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS;
        return {
            sentinels: s.sentinels.map(({ host, port }) => ({ host, port })),
            name: s.sentinelName,
            ...(s.sentinelUsername !== undefined ? { sentinelUsername: s.sentinelUsername } : {}),
            ...(s.sentinelPassword !== undefined ? { sentinelPassword: s.sentinelPassword } : {}),
            enableTLSForSentinelMode: this.target.tls !== undefined,
            ...(this.target.tls ? { sentinelTLS: this.target.tls } : {}),
            sentinelCommandTimeout: timeout,
            // Fail fast like the single-server path: one pass over the sentinels, no background retrying.
            sentinelRetryStrategy: () => null,
            failoverDetector: false
        };
    }
    /**
     * Closes the socket at once, without QUIT: every reply we wait for has arrived (or timed out), so
     * there is nothing to flush, and waiting for QUIT's answer (or for the FIN of a stalled server,
     * ioredis' disconnectTimeout) would add up to another commandTimeoutMs to every failure and keep
     * the process alive after it.
     */
    async quit(conn) {
        this.open.delete(conn);
        // On an ended client, disconnect() arms a timer that waits for a close event that already
        // happened, keeping the process alive for nothing.
        if (conn.status !== 'end')
            conn.disconnect();
        conn.stream?.destroy();
    }
}
/**
 * How both Redis stores report a failed command: one line naming the command, key and server. ioredis
 * messages can echo connection details, so the password never reaches a log or an error.
 */
class RedisFailures {
    where;
    password;
    constructor(where, password) {
        this.where = where;
        this.password = password;
    }
    /** Runs a command; what it throws becomes a one-line StoreError (the project's own errors pass). */
    async run(op, key, fn) {
        try {
            return await fn();
        }
        catch (err) {
            if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CicdError */ .SU)
                throw err;
            throw this.commandError(op, key, err);
        }
    }
    commandError(op, key, err) {
        const reason = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .firstLine */ .TM)(this.sanitize((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)));
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD(`redis ${op} of key "${key}" at ${this.where} failed: ${reason}`);
    }
    sanitize(text) {
        const password = this.password;
        if (!password)
            return text;
        return text.split(password).join('***').split(encodeURIComponent(password)).join('***');
    }
}
async function createRedisStore(settings, logger) {
    if (!settings.cluster)
        return new RedisStore(settings, logger);
    // Only cluster users load the cluster store.
    const { RedisClusterStore } = await __webpack_require__.e(/* import() */ 666).then(__webpack_require__.bind(__webpack_require__, 4666));
    return new RedisClusterStore(settings, logger);
}
/** The YAML text of a key as a context document; anything else is a StoreError naming the key. */
function parseStoredDocument(key, text) {
    let value;
    try {
        value = (0,_core_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .parseYaml */ .hN)(text, `redis key "${key}"`);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err), { cause: err });
    }
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StoreError */ .AD(`redis key "${key}" does not hold a context document (expected a mapping)`);
    }
    return value;
}
/** Every key matching `pattern`, by SCAN cursor (a key may be reported twice: callers dedupe). */
async function scanAll(conn, pattern) {
    const keys = [];
    let cursor = '0';
    do {
        const [next, batch] = await conn.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        keys.push(...batch);
        cursor = next;
    } while (cursor !== '0');
    return keys;
}
/** The ids behind `keys` (prefix stripped), sorted, each once. */
function idsFromKeys(keys, prefix) {
    return [...new Set(keys.map((key) => key.slice(prefix.length)))].sort();
}
/** A key prefix as a SCAN MATCH pattern that matches it literally. */
function escapeGlob(text) {
    return text.replace(/[*?[\\\]]/g, '\\$&');
}
/** Where errors say the store connects: `host:port`, the sentinel master, or the cluster seeds. */
function describeRedisTarget(settings, target) {
    const list = (nodes) => nodes.map((n) => `${n.host}:${n.port}`).join(',');
    if (settings.cluster)
        return `cluster ${list(settings.cluster)}`;
    if (settings.sentinels)
        return `sentinel master "${settings.sentinelName ?? ''}" via ${list(settings.sentinels)}`;
    return `${target.host}:${target.port}`;
}
/**
 * Merges `url` with the separate fields (the fields win) and checks the numbers; defaults are those of
 * a local Redis: localhost:6379, db 0. Errors name the setting, never its value (it may hold a password).
 */
function resolveRedisTarget(settings) {
    const fromUrl = settings.url ? parseRedisUrl(settings.url) : {};
    const target = {
        host: settings.host ?? fromUrl.host ?? 'localhost',
        port: settings.port ?? fromUrl.port ?? 6379,
        db: settings.db ?? fromUrl.db ?? 0,
        username: settings.username ?? fromUrl.username,
        password: settings.password ?? fromUrl.password
    };
    const tls = tlsOptions(settings.tls ?? fromUrl.tls);
    if (tls)
        target.tls = tls;
    checkInteger('port', target.port, 1, 65535);
    checkInteger('db', target.db, 0);
    checkTopology(settings, target);
    if (settings.ttlSeconds !== undefined)
        checkInteger('ttlSeconds', settings.ttlSeconds, 1);
    if (settings.maxAttempts !== undefined)
        checkInteger('maxAttempts', settings.maxAttempts, 1);
    if (settings.connectTimeoutMs !== undefined)
        checkInteger('connectTimeoutMs', settings.connectTimeoutMs, 1);
    if (settings.commandTimeoutMs !== undefined)
        checkInteger('commandTimeoutMs', settings.commandTimeoutMs, 1);
    return target;
}
/** Sentinel and cluster settings: each error names the key, never a value. */
function checkTopology(settings, target) {
    const { sentinels, cluster, sentinelName } = settings;
    const sentinelOnly = [
        'sentinelName',
        'sentinelUsername',
        'sentinelPassword'
    ];
    if (sentinels && cluster) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL('datasources.redis: set either sentinels or cluster, not both');
    }
    for (const [field, nodes] of [
        ['sentinels', sentinels],
        ['cluster', cluster]
    ]) {
        if (nodes?.length === 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`datasources.redis.${field} must not be empty`);
        nodes?.forEach((n, i) => checkInteger(`${field}[${i}].port`, n.port, 1, 65535));
    }
    if (sentinels && !sentinelName) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL('datasources.redis.sentinelName is required with sentinels');
    }
    if (!sentinels) {
        const stray = sentinelOnly.find((field) => settings[field] !== undefined);
        if (stray)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`datasources.redis.${stray} is only used with sentinels`);
    }
    if (cluster && target.db !== 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL('datasources.redis.db must be 0 with cluster (Redis Cluster has no SELECT)');
    }
}
function parseRedisUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL('datasources.redis.url is not a valid URL');
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`datasources.redis.url must start with redis:// or rediss:// (got ${url.protocol}//)`);
    }
    const parts = { tls: url.protocol === 'rediss:' || undefined };
    if (url.hostname)
        parts.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (url.port)
        parts.port = Number(url.port);
    const db = url.pathname.replace(/^\//, '');
    if (db)
        parts.db = /^\d+$/.test(db) ? Number(db) : NaN;
    if (url.username)
        parts.username = decodeURIComponent(url.username);
    if (url.password)
        parts.password = decodeURIComponent(url.password);
    return parts;
}
function tlsOptions(setting) {
    if (!setting)
        return undefined;
    if (setting === true)
        return {};
    const options = {};
    if (setting.ca !== undefined)
        options.ca = setting.ca;
    if (setting.servername !== undefined)
        options.servername = setting.servername;
    if (setting.rejectUnauthorized !== undefined)
        options.rejectUnauthorized = setting.rejectUnauthorized;
    return options;
}
function checkInteger(field, value, min, max) {
    if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
        const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`datasources.redis.${field} must be an integer ${range}`);
    }
}
/** Full jitter, growing to 200 ms: colliding writers spread out instead of colliding again. */
function backoffMs(attempt) {
    return Math.random() * Math.min(200, 2 * 2 ** Math.min(attempt, 7));
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ })

};
;