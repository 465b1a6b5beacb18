"use strict";
exports.id = 424;
exports.ids = [424];
exports.modules = {

/***/ 4424:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_USER_AGENT: () => (/* reexport */ USER_AGENT),
  HttpRequestError: () => (/* reexport */ HttpRequestError),
  PACKAGE_VERSION: () => (/* reexport */ VERSION),
  createHttpClient: () => (/* binding */ createHttpClient)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/http/errors.ts

/**
 * A request that got no HTTP answer: network failure or timeout after all retries, or a request that
 * could not be sent at all (bad URL, bad proxy setting). The message is one line naming the method, the
 * URL without credentials or query values, and the cause.
 */
class HttpRequestError extends errors/* CicdError */.SU {
    attempts;
    constructor(message, 
    /** Attempts made; 0 when the request could not be sent at all. */
    attempts, options) {
        super(message, options);
        this.attempts = attempts;
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/http/proxy.ts

const DEFAULT_PORTS = { 'http:': 80, 'https:': 443 };
const loopback = new external_node_net_.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1 (also IPv4-mapped); brackets allowed. */
function isLoopbackHost(hostname) {
    const host = bare(hostname);
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    const family = (0,external_node_net_.isIP)(host);
    if (family === 0)
        return false;
    return loopback.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
/** The proxy to use for `target`, or undefined for a direct connection. Throws on a malformed setting. */
function proxyForUrl(target, env) {
    const scheme = target.protocol.replace(/:$/, '');
    if (isLoopbackHost(target.hostname))
        return undefined;
    const found = readEnv(env, `${scheme}_proxy`);
    if (!found)
        return undefined;
    const noProxy = readEnv(env, 'no_proxy');
    const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
    if (noProxy && matchesNoProxy(target.hostname, port, noProxy.value))
        return undefined;
    return { url: parseProxyUrl(found.value, found.variable), variable: found.variable };
}
/** True when `hostname:port` is excluded from proxying by the NO_PROXY list. */
function matchesNoProxy(hostname, port, noProxy) {
    const host = bare(hostname).toLowerCase();
    return noProxy
        .split(/[\s,]+/)
        .filter((entry) => entry !== '')
        .some((entry) => entryMatches(host, port, entry.toLowerCase()));
}
/**
 * An agent that sends the request through `proxy`: CONNECT tunnelling for https targets, absolute-form
 * requests for http ones. The agent modules are imported here, on first use, so runs without a proxy
 * never pay for loading them.
 */
async function createProxyAgent(target, proxy) {
    // keepAlive stays off: a pooled socket would hold the process open after the last request.
    if (target.protocol === 'https:') {
        const { HttpsProxyAgent } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(566)]).then(__webpack_require__.bind(__webpack_require__, 1566));
        return new HttpsProxyAgent(proxy, { keepAlive: false });
    }
    const { HttpProxyAgent } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(947)]).then(__webpack_require__.bind(__webpack_require__, 8947));
    return new HttpProxyAgent(proxy, { keepAlive: false });
}
function entryMatches(host, port, entry) {
    if (entry === '*')
        return true;
    const { name, entryPort } = splitEntry(entry);
    if (entryPort !== undefined && entryPort !== port)
        return false;
    if (name.includes('/'))
        return inCidr(host, name);
    const suffix = name.replace(/^\*/, '').replace(/^\./, '');
    if (suffix === '')
        return false;
    return host === suffix || host.endsWith(`.${suffix}`);
}
function splitEntry(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return { name: bracketed[1], entryPort: optionalPort(bracketed[2]) };
    // A bare IPv6 address has several colons and no port.
    if ((0,external_node_net_.isIP)(entry) === 6)
        return { name: entry };
    const withPort = /^(.+):(\d+)$/.exec(entry);
    if (withPort)
        return { name: withPort[1], entryPort: Number(withPort[2]) };
    return { name: entry };
}
function optionalPort(text) {
    return text === undefined ? undefined : Number(text);
}
function inCidr(host, cidr) {
    const [network, bits] = cidr.split('/');
    const family = (0,external_node_net_.isIP)(network);
    const prefix = Number(bits);
    if (family === 0 || (0,external_node_net_.isIP)(host) === 0 || !Number.isInteger(prefix))
        return false;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    try {
        const range = new external_node_net_.BlockList();
        range.addSubnet(network, prefix, type);
        return range.check(host, (0,external_node_net_.isIP)(host) === 4 ? 'ipv4' : 'ipv6');
    }
    catch {
        // An out-of-range prefix is a typo in NO_PROXY; it simply matches nothing, as in curl.
        return false;
    }
}
function readEnv(env, name) {
    for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
        const value = env[variable]?.trim();
        if (value)
            return { value, variable };
    }
    return undefined;
}
function parseProxyUrl(value, variable) {
    // `proxy.corp:3128` without a scheme is common in the wild and means plain HTTP.
    const text = value.includes('://') ? value : `http://${value}`;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new Error(`${variable} is not a valid proxy URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`${variable} uses unsupported proxy protocol ${url.protocol} (use http:// or https://)`);
    }
    return url;
}
function bare(hostname) {
    return hostname.replace(/^\[|\]$/g, '');
}

// EXTERNAL MODULE: ./src/http/redact.ts
var redact = __webpack_require__(6715);
;// CONCATENATED MODULE: ./src/http/retry.ts
/**
 * Retry policy of the HTTP client, kept free of I/O so every rule is unit-testable: which answers are
 * retried, how `Retry-After` is read, and how long to wait before the next attempt.
 */
/** 5xx and 429 are worth another try; every other status is the server's final word. */
function isRetryableStatus(status) {
    return status === 429 || (status >= 500 && status <= 599);
}
/**
 * Milliseconds a `Retry-After` header asks us to wait: delay-seconds or an HTTP date (relative to
 * `nowMs`). Undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
function parseRetryAfter(value, nowMs = Date.now()) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (text === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    // Date.parse also accepts bare numbers and odd forms; HTTP dates always name a weekday or month.
    if (!/[a-z]/i.test(text))
        return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - nowMs);
}
/**
 * Milliseconds to wait before the next attempt, or undefined when the total budget cannot afford
 * another try. A server's `Retry-After` is obeyed as given: retrying sooner than it asked would only
 * earn another 429, so a wait longer than the remaining budget ends the retries instead.
 * Otherwise the wait grows exponentially from `baseDelayMs`, capped at `maxDelayMs`, with "equal
 * jitter" (half fixed, half random) so parallel jobs hitting one server spread out but never hammer it.
 */
function computeRetryDelay(input) {
    const { attempt, baseDelayMs, maxDelayMs, remainingMs, retryAfterMs } = input;
    if (retryAfterMs !== undefined)
        return retryAfterMs < remainingMs ? retryAfterMs : undefined;
    const random = input.random ?? Math.random;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
    const delay = Math.round(ceiling / 2 + random() * (ceiling / 2));
    return delay < remainingMs ? delay : undefined;
}
/** A plain timer wait; kept referenced on purpose, a pending retry must keep the process alive. */
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/http/transport.ts
/**
 * One HTTP exchange over node:http / node:https with hard limits: a connect timer, a timer on the
 * whole exchange and a cap on the response size. Whatever ends the attempt, its timers are cleared
 * and its socket destroyed, so nothing is left to keep the process alive.
 */


/** Why an attempt produced no response; `retryable` is false when trying again cannot help. */
class AttemptError extends Error {
    retryable;
    constructor(message, retryable) {
        super(message);
        this.retryable = retryable;
    }
}
/** node:https (and with it node:tls, ~10 ms to load) only when a URL needs it. */
let httpsModule;
async function sendOnce(spec) {
    const secure = spec.url.protocol === 'https:' ? await (httpsModule ??= Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23))) : undefined;
    // Node's `ca` replaces the default trust store, so extra CAs are added to it, not swapped in.
    const ca = secure && spec.ca
        ? [...(await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1692, 23))).rootCertificates, ...[spec.ca].flat()]
        : undefined;
    return new Promise((resolve, reject) => {
        const timers = [];
        let settled = false;
        let req;
        const settle = (outcome) => {
            if (settled)
                return;
            settled = true;
            timers.forEach(clearTimeout);
            if (outcome instanceof AttemptError) {
                req?.destroy();
                reject(outcome);
            }
            else
                resolve(outcome);
        };
        const fail = (message, retryable = true) => settle(new AttemptError(message, retryable));
        timers.push(setTimeout(() => fail(spec.timeoutReason), spec.timeoutMs));
        const connectTimer = setTimeout(() => fail(`no connection within ${spec.connectTimeoutMs} ms (connect timeout)`), spec.connectTimeoutMs);
        timers.push(connectTimer);
        try {
            req = transport_open(spec, secure, ca);
        }
        catch (error) {
            // node:http throws synchronously on malformed header names or values; retrying cannot fix that.
            fail(causeMessage(error), false);
            return;
        }
        req.on('error', (error) => fail(causeMessage(error)));
        req.on('socket', (socket) => {
            // Proxy agents hand over a socket that is already connected (the tunnel is up).
            if (!socket.connecting)
                clearTimeout(connectTimer);
            else
                socket.once('connect', () => clearTimeout(connectTimer));
        });
        req.on('response', (res) => readResponse(res, spec.maxResponseBytes, settle, fail));
        req.end(spec.body);
    });
}
function transport_open(spec, secure, ca) {
    const options = {
        method: spec.method,
        headers: spec.headers,
        // `false` = a one-off agent without keep-alive; the global agent would pool the socket.
        agent: spec.agent ?? false
    };
    if (secure) {
        if (ca)
            options.ca = ca;
        return secure.request(spec.url, options);
    }
    return external_node_http_.request(spec.url, options);
}
function readResponse(res, maxBytes, settle, fail) {
    const chunks = [];
    let size = 0;
    res.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxBytes)
            fail(`response larger than ${maxBytes} bytes`, false);
        else
            chunks.push(chunk);
    });
    res.on('error', (error) => fail(causeMessage(error)));
    res.on('end', () => settle({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: flattenHeaders(res.headers),
        bytes: Buffer.concat(chunks)
    }));
    res.on('close', () => {
        if (!res.complete)
            fail('connection closed before the response was complete');
    });
}
/**
 * Node's socket errors can come from another realm (jest's VM, worker contexts) and then fail
 * `instanceof Error`; their `message` is still the one-line text we want.
 */
function causeMessage(error) {
    const message = error?.message;
    return typeof message === 'string' ? message : (0,errors/* errorMessage */.gJ)(error);
}
function flattenHeaders(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
}

// EXTERNAL MODULE: ./src/core/logger.ts
var logger = __webpack_require__(1227);
;// CONCATENATED MODULE: ./src/version.ts
/**
 * The package version, sent in the User-Agent and printed by --version. A literal (not read from
 * package.json at run time) so the bundles need no file access to start; a test keeps it in step.
 */
const VERSION = '0.1.0';
const USER_AGENT = `cicdstatemgr-actions/${VERSION}`;

;// CONCATENATED MODULE: ./src/http/options.ts
/** Options of the HTTP client: documented defaults, validation, and the resolved settings. */



function resolveSettings(options) {
    const extraCa = options.ca === undefined ? [] : [options.ca].flat();
    return {
        connectTimeoutMs: positive(options, 'connectTimeoutMs', 10_000),
        requestTimeoutMs: positive(options, 'requestTimeoutMs', 30_000),
        maxAttempts: positive(options, 'maxAttempts', 4, 1),
        baseDelayMs: positive(options, 'baseDelayMs', 500, 0),
        maxDelayMs: positive(options, 'maxDelayMs', 10_000, 0),
        maxTotalMs: positive(options, 'maxTotalMs', 60_000),
        maxResponseBytes: positive(options, 'maxResponseBytes', 10 * 1024 * 1024),
        logger: options.logger ?? logger/* silentLogger */.qq,
        env: options.env ?? process.env,
        userAgent: options.userAgent ?? USER_AGENT,
        // Extra CAs only; the transport adds Node's default roots when it opens an https connection.
        ca: extraCa.length > 0 ? extraCa : undefined
    };
}
function positive(options, name, fallback, min = 1) {
    const value = options[name];
    if (value === undefined)
        return fallback;
    if (!Number.isFinite(value) || value < min) {
        throw new errors/* UsageError */.eb(`HTTP client option ${name} must be a number >= ${min}, got ${value}`);
    }
    return Math.floor(value);
}

;// CONCATENATED MODULE: ./src/http/client.ts
/**
 * The one HTTP client every event handler uses (notify, manual-choice, respond, trigger-pipeline).
 *
 * It sends the rendered body byte for byte, retries what is worth retrying within a bounded number of
 * attempts and a total time budget, honours proxies from the environment, and logs at debug level
 * without ever showing a secret. It answers with the final HTTP response whatever its status: deciding
 * what counts as a failure is the handler's job. Only "no answer at all" rejects.
 */









function createHttpClient(options = {}) {
    const settings = resolveSettings(options);
    return { request: (req) => runRequest(settings, req) };
}
async function runRequest(settings, req) {
    const call = await prepare(settings, req);
    for (let attempt = 1;; attempt++) {
        const outcome = await attemptOnce(settings, call, attempt);
        const final = finalOutcome(settings, call, outcome, attempt);
        if (final)
            return final;
        const delay = retryDelay(settings, call, outcome, attempt);
        if (delay === undefined)
            return giveUp(call, outcome, attempt);
        debug(settings, call, `${call.label} retrying in ${delay} ms`);
        await sleep(delay);
    }
}
async function prepare(settings, req) {
    const url = parseUrl(req);
    const label = `${req.method} ${(0,redact/* redactUrl */.BO)(url)}`;
    const body = requestBody(req.body);
    const headers = buildHeaders(settings.userAgent, req.headers ?? {}, body);
    const secretNames = (0,redact/* secretHeaderNames */.kt)(req.secretHeaders);
    const secrets = (0,redact/* secretValues */.VX)(headers, secretNames);
    const agent = await proxyAgent(settings, url, label);
    return {
        spec: {
            url,
            method: req.method,
            headers,
            body,
            agent,
            ca: settings.ca,
            connectTimeoutMs: settings.connectTimeoutMs,
            maxResponseBytes: settings.maxResponseBytes
        },
        label,
        secrets,
        secretNames,
        deadline: Date.now() + settings.maxTotalMs,
        binary: req.body !== undefined && typeof req.body !== 'string'
    };
}
async function attemptOnce(settings, call, attempt) {
    const remaining = call.deadline - Date.now();
    const byTotal = remaining < settings.requestTimeoutMs;
    const timeoutMs = Math.max(1, byTotal ? remaining : settings.requestTimeoutMs);
    const timeoutReason = byTotal
        ? `total time limit of ${settings.maxTotalMs} ms reached`
        : `no response within ${settings.requestTimeoutMs} ms (request timeout)`;
    logRequest(settings, call, attempt);
    const started = Date.now();
    try {
        const response = await sendOnce({ ...call.spec, timeoutMs, timeoutReason });
        logResponse(settings, call, response, Date.now() - started);
        return { response };
    }
    catch (error) {
        const failure = error instanceof AttemptError ? error : new AttemptError(causeMessage(error), true);
        debug(settings, call, `${call.label} failed after ${Date.now() - started} ms: ${failure.message}`);
        return { error: failure };
    }
}
/** The response to hand back now, or undefined when the outcome deserves another attempt. */
function finalOutcome(settings, call, outcome, attempt) {
    if ('error' in outcome) {
        if (outcome.error.retryable && attempt < settings.maxAttempts)
            return undefined;
        throw requestError(call, outcome.error, attempt);
    }
    const { response } = outcome;
    if (isRetryableStatus(response.status) && attempt < settings.maxAttempts)
        return undefined;
    return toResponse(response, attempt);
}
function retryDelay(settings, call, outcome, attempt) {
    const retryAfter = 'response' in outcome ? outcome.response.headers['retry-after'] : undefined;
    return computeRetryDelay({
        attempt,
        baseDelayMs: settings.baseDelayMs,
        maxDelayMs: settings.maxDelayMs,
        remainingMs: call.deadline - Date.now(),
        retryAfterMs: parseRetryAfter(retryAfter)
    });
}
function giveUp(call, outcome, attempt) {
    if ('error' in outcome)
        throw requestError(call, outcome.error, attempt);
    return toResponse(outcome.response, attempt);
}
function toResponse(response, attempts) {
    const { status, headers, bytes } = response;
    let text;
    // Decoded on first use: a binary download is never read as text.
    return {
        status,
        headers,
        bytes,
        attempts,
        get body() {
            return (text ??= bytes.toString('utf8'));
        }
    };
}
/** The bytes to send; given bytes are used in place, not copied. */
function requestBody(body) {
    if (body === undefined)
        return undefined;
    if (typeof body === 'string')
        return Buffer.from(body, 'utf8');
    return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
function requestError(call, error, attempts) {
    const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
    const message = (0,redact/* scrub */._I)(`${call.label} failed after ${tries}: ${error.message}`, call.secrets);
    return new HttpRequestError(message.replace(/\s*\n\s*/g, ' '), attempts);
}
function parseUrl(req) {
    let url;
    try {
        url = new URL(req.url);
    }
    catch {
        // The text itself may hold a secret (webhook URLs do), so it is not echoed back.
        throw new HttpRequestError(`${req.method} request has an invalid URL (not absolute)`, 0);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new HttpRequestError(`${req.method} ${(0,redact/* redactUrl */.BO)(url)}: unsupported protocol ${url.protocol} (use http or https)`, 0);
    }
    return url;
}
function buildHeaders(userAgent, given, body) {
    const byName = new Map();
    const put = (name, value) => {
        byName.set(name.toLowerCase(), [name, value]);
    };
    put('Accept', '*/*');
    put('User-Agent', userAgent);
    if (body !== undefined)
        put('Content-Type', 'application/json; charset=UTF-8');
    for (const [name, value] of Object.entries(given))
        put(name, value);
    // Framing must match the bytes actually sent, whatever the caller passed.
    if (body !== undefined)
        put('Content-Length', String(body.length));
    return Object.fromEntries(byName.values());
}
async function proxyAgent(settings, url, label) {
    const choice = chooseProxy(settings, url, label);
    if (!choice)
        return undefined;
    if (settings.logger.isDebug) {
        settings.logger.debug(`http ${label} via proxy ${(0,redact/* redactUrl */.BO)(choice.url)} (${choice.variable})`);
    }
    return createProxyAgent(url, choice.url);
}
function chooseProxy(settings, url, label) {
    try {
        return proxyForUrl(url, settings.env);
    }
    catch (error) {
        throw new HttpRequestError(`${label}: ${(0,errors/* errorMessage */.gJ)(error)}`, 0);
    }
}
function logRequest(settings, call, attempt) {
    if (!settings.logger.isDebug)
        return;
    const headers = (0,redact/* headersForLog */.eX)(call.spec.headers, call.secretNames);
    debug(settings, call, `${call.label} attempt ${attempt}/${settings.maxAttempts} headers ${headers}`);
    // Bodies are logged whole: cutting one short could split a secret so the masker no longer sees it.
    const body = call.spec.body;
    if (body && call.binary)
        debug(settings, call, `${call.label} request body: ${body.length} bytes`);
    else if (body)
        debug(settings, call, `${call.label} request body: ${body.toString('utf8')}`);
}
function logResponse(settings, call, response, ms) {
    if (!settings.logger.isDebug)
        return;
    const status = `${response.status} ${response.statusText}`.trim();
    debug(settings, call, `${call.label} -> ${status} in ${ms} ms`);
    const type = response.headers['content-type'] ?? '';
    if (response.bytes.length === 0)
        return;
    const text = /json|text|xml|form/.test(type) || type === '' ? response.bytes.toString('utf8') : undefined;
    debug(settings, call, `${call.label} response body: ${text ?? `${response.bytes.length} bytes`}`);
}
function debug(settings, call, message) {
    if (settings.logger.isDebug)
        settings.logger.debug((0,redact/* scrub */._I)(`http ${message}`, call.secrets));
}


/***/ })

};
;