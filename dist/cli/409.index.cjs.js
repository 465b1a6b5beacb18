"use strict";
exports.id = 409;
exports.ids = [409];
exports.modules = {

/***/ 5444:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pv: () => (/* binding */ randomNonce),
/* harmony export */   cJ: () => (/* binding */ CONTEXT_ID),
/* harmony export */   ot: () => (/* binding */ b64url),
/* harmony export */   si: () => (/* binding */ mintValue),
/* harmony export */   wz: () => (/* binding */ decodeValue)
/* harmony export */ });
/* unused harmony exports MAX_VALUE_LENGTH, fromB64url */
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1728);
/**
 * The bridge's button value: `v1.<b64url(JSON payload)>.<b64url(HMAC-SHA256(targetKey, payloadSegment))>`.
 * Slack's signature only proves a click came through Slack; anyone with the bot token can post buttons,
 * so the value carries its own MAC under a key per target, bound to a channel and an expiry.
 */

/** Slack's limit on a button's `value`. */
const MAX_VALUE_LENGTH = 2000;
const CONTEXT_ID = /^[A-Za-z0-9._-]{1,128}$/;
const SHORT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const encoder = new TextEncoder();
function b64url(bytes) {
    let binary = '';
    for (const b of bytes)
        binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromB64url(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text))
        return undefined;
    try {
        const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
        return Uint8Array.from(binary, (c) => c.charCodeAt(0));
    }
    catch {
        return undefined;
    }
}
function randomNonce() {
    return b64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}
/** The first problem with a claims object, or undefined; shared by mint (author error) and decode. */
function problem(c) {
    if (typeof c !== 'object' || c === null)
        return 'payload is not an object';
    if (typeof c.t !== 'string' || !SHORT_ID.test(c.t))
        return 'target (t) is missing or malformed';
    if (typeof c.c !== 'string' || !CONTEXT_ID.test(c.c)) {
        return 'context id (c) must match ^[A-Za-z0-9._-]{1,128}$';
    }
    if (typeof c.ch !== 'string' || !SHORT_ID.test(c.ch))
        return 'channel (ch) is missing or malformed';
    if (typeof c.o !== 'string' || !SHORT_ID.test(c.o))
        return 'choice (o) is missing or malformed';
    if (typeof c.n !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(c.n)) {
        return 'nonce (n) is missing or malformed';
    }
    if (!Number.isSafeInteger(c.e) || c.e <= 0)
        return 'expiry (e) is not an epoch-seconds integer';
    if (typeof c.k !== 'string' || !SHORT_ID.test(c.k))
        return 'key id (k) is missing or malformed';
    if (c.r !== undefined && (typeof c.r !== 'string' || !/^\d{1,20}$/.test(c.r))) {
        return 'run id (r) must be digits';
    }
    return undefined;
}
/**
 * Mints a button value. `claims.k` is taken from `key.id`; `n` defaults to a fresh random nonce (pass
 * the same nonce for every button of one message). Throws on a malformed claim or an over-long value.
 */
async function mintValue(claims, key) {
    const full = { ...claims, n: claims.n ?? randomNonce(), k: key.id };
    const bad = problem(full);
    if (bad)
        throw new Error(`bridge button value: ${bad}`);
    const segment = b64url(encoder.encode(JSON.stringify(full)));
    const cryptoKey = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_0__/* .hmacKey */ .bB)(key.secret, 'sign');
    const mac = await globalThis.crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(segment));
    const value = `v1.${segment}.${b64url(new Uint8Array(mac))}`;
    if (value.length > MAX_VALUE_LENGTH) {
        throw new Error(`bridge button value is ${value.length} characters, over Slack's ${MAX_VALUE_LENGTH}`);
    }
    return value;
}
function refuse(reason, message) {
    return { ok: false, reason, message };
}
/**
 * Decodes and verifies a button value. `keysFor(target)` returns the target's valid keys (the
 * allowlist's), so a value minted under one target's key never verifies for another target. `channel`
 * is the channel the click came from.
 */
async function decodeValue(value, options) {
    if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) {
        return refuse('malformed', 'button value is not a bridge value');
    }
    const [version, segment, macText, extra] = value.split('.');
    const mac = macText === undefined ? undefined : fromB64url(macText);
    if (version !== 'v1' || !segment || !mac || mac.length !== 32 || extra !== undefined) {
        return refuse('malformed', 'button value is not a bridge value');
    }
    let claims;
    try {
        claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromB64url(segment)));
    }
    catch {
        return refuse('malformed', 'button value payload is not JSON');
    }
    const bad = problem(claims);
    if (bad)
        return refuse('malformed', `button value: ${bad}`);
    const keys = options.keysFor(claims.t);
    if (!keys)
        return refuse('unknown-target', `target "${claims.t}" is not in the allowlist`);
    const key = keys.find((k) => k.id === claims.k);
    if (!key)
        return refuse('unknown-key', `key "${claims.k}" is not valid for target "${claims.t}"`);
    const cryptoKey = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_0__/* .hmacKey */ .bB)(key.secret, 'verify');
    // Verified over the segment as received: an altered payload or a foreign key fails here.
    if (!(await globalThis.crypto.subtle.verify('HMAC', cryptoKey, mac, encoder.encode(segment)))) {
        return refuse('bad-mac', 'button value signature does not match');
    }
    if (claims.ch !== options.channel) {
        return refuse('wrong-channel', 'button was posted for another channel');
    }
    if (claims.e <= Math.floor(options.clock() / 1000)) {
        return refuse('expired', 'button has expired');
    }
    return { ok: true, claims };
}


/***/ }),

/***/ 1728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F8: () => (/* binding */ verifySlackRequest),
/* harmony export */   bB: () => (/* binding */ hmacKey),
/* harmony export */   wx: () => (/* binding */ header),
/* harmony export */   y_: () => (/* binding */ DEFAULT_MAX_BODY_BYTES)
/* harmony export */ });
/* unused harmony exports MAX_SKEW_SECONDS, verifySignature, signSlackRequest */
/**
 * Slack request verification (signing secret, v0). Runtime-neutral: Web Crypto and plain data only, so
 * the same code runs on Node, Workers and Lambda. Nothing in the body is parsed before the signature and
 * the timestamp window have been checked.
 */
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Slack's window: a request more than 5 minutes older or newer than our clock is refused. */
const MAX_SKEW_SECONDS = 300;
const STATUS = {
    'too-large': 413,
    'bad-signature': 401,
    stale: 401,
    future: 401,
    'not-form': 415,
    'missing-payload': 400
};
function header(headers, name) {
    if (typeof headers.get === 'function') {
        return headers.get(name) ?? undefined;
    }
    const record = headers;
    const lower = name.toLowerCase();
    for (const key of Object.keys(record)) {
        if (key.toLowerCase() !== lower)
            continue;
        const value = record[key];
        return typeof value === 'string' ? value : value?.[0];
    }
    return undefined;
}
function refuse(kind, message) {
    return { ok: false, kind, status: STATUS[kind], message };
}
const encoder = new TextEncoder();
function hexToBytes(hex) {
    if (!/^[0-9a-f]{64}$/i.test(hex))
        return undefined;
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++)
        out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return out;
}
function hmacKey(secret, usage) {
    return globalThis.crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}
/** `v0:<timestamp>:` followed by the raw body bytes, exactly as received (never a re-serialisation). */
function baseString(timestamp, body) {
    const prefix = encoder.encode(`v0:${timestamp}:`);
    const out = new Uint8Array(prefix.length + body.length);
    out.set(prefix);
    out.set(body, prefix.length);
    return out;
}
/** Checks the signature and the timestamp window (both directions) of a raw request body. */
async function verifySignature(headers, body, options) {
    const timestamp = header(headers, 'x-slack-request-timestamp');
    const signature = header(headers, 'x-slack-signature');
    if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
        return refuse('bad-signature', 'missing or malformed X-Slack-Request-Timestamp');
    }
    const expected = signature?.startsWith('v0=') ? hexToBytes(signature.slice(3)) : undefined;
    if (!expected)
        return refuse('bad-signature', 'missing or malformed X-Slack-Signature');
    const skew = Number(timestamp) - Math.floor(options.clock() / 1000);
    if (skew < -MAX_SKEW_SECONDS)
        return refuse('stale', 'request timestamp is more than 5 minutes old');
    if (skew > MAX_SKEW_SECONDS) {
        return refuse('future', 'request timestamp is more than 5 minutes in the future');
    }
    // subtle.verify compares in constant time; a length mismatch cannot occur (hexToBytes gives 32 bytes).
    const key = await hmacKey(options.signingSecret, 'verify');
    const valid = await globalThis.crypto.subtle.verify('HMAC', key, expected, baseString(timestamp, body));
    return valid ? undefined : refuse('bad-signature', 'signature does not match');
}
function isForm(contentType) {
    const media = contentType?.split(';')[0]?.trim().toLowerCase();
    return media === 'application/x-www-form-urlencoded';
}
/**
 * Verifies a Slack interactivity request and returns its `payload` field (still JSON text, unparsed).
 * Order: size, signature and timestamp, then content type and the form itself.
 */
async function verifySlackRequest(request, options) {
    const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (request.body.byteLength > max) {
        return refuse('too-large', `request body is over ${max} bytes`);
    }
    const refused = await verifySignature(request.headers, request.body, options);
    if (refused)
        return refused;
    if (!isForm(header(request.headers, 'content-type'))) {
        return refuse('not-form', 'content type is not application/x-www-form-urlencoded');
    }
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(request.body);
    }
    catch {
        return refuse('not-form', 'request body is not UTF-8');
    }
    const payloads = new URLSearchParams(text).getAll('payload');
    if (payloads.length !== 1 || !payloads[0]) {
        return refuse('missing-payload', 'form has no single payload field');
    }
    return { ok: true, payload: payloads[0] };
}
/** Signs a body as Slack does (tests, the Socket Mode adapter's loopback, benchmarks). */
async function signSlackRequest(signingSecret, timestamp, body) {
    const key = await hmacKey(signingSecret, 'sign');
    const mac = await globalThis.crypto.subtle.sign('HMAC', key, baseString(String(timestamp), body));
    return `v0=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
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

/***/ 3180:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EF: () => (/* binding */ postSlackMessage),
/* harmony export */   Ie: () => (/* binding */ requiredConfig),
/* harmony export */   Ny: () => (/* binding */ optionalSecret),
/* harmony export */   bE: () => (/* binding */ post),
/* harmony export */   nm: () => (/* binding */ slackHeaders)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _capture_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3927);
/* harmony import */ var _core_credentials_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2633);
/* harmony import */ var _core_logger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1227);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3054);
/* harmony import */ var _http_redact_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6715);






/** The headers the Python tool sent to Slack-style endpoints, with the bearer token when there is one. */
function slackHeaders(token) {
    return {
        'Content-Type': 'application/json; charset=UTF-8',
        Accept: '*/*',
        'Cache-Control': 'no-cache',
        ...(token ? { Authorization: `Bearer ${token}` } : {})
    };
}
const clients = new WeakMap();
/** One HTTP client per run (per loaded config), created on first use, with the config's `http:` settings. */
function httpClient(ctx) {
    let client = clients.get(ctx.config);
    if (!client) {
        const settings = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(ctx.config.config.http) ? ctx.config.config.http : {};
        client = __webpack_require__.e(/* import() */ 359).then(__webpack_require__.bind(__webpack_require__, 8359)).then(({ createHttpClient }) => createHttpClient({ ...numbers(settings), logger: ctx.logger }));
        clients.set(ctx.config, client);
    }
    return client;
}
function numbers(settings) {
    const keys = [
        'connectTimeoutMs',
        'requestTimeoutMs',
        'maxAttempts',
        'baseDelayMs',
        'maxDelayMs',
        'maxTotalMs'
    ];
    return Object.fromEntries(keys.filter((k) => typeof settings[k] === 'number').map((k) => [k, settings[k]]));
}
/**
 * POSTs a rendered body, or describes it in a dry run. A non-2xx answer (after the client's retries) is a
 * failed outcome carrying the HTTP status; on 2xx, `onSuccess` receives the parsed body (JSON, else text).
 */
async function post(ctx, outcome, req, onSuccess) {
    const shown = masked(ctx, req);
    const credentials = sentCredentials(ctx, req);
    const base = { ...outcome, onError: 'fail', request: { method: 'POST', ...shown } };
    if (ctx.dryRun)
        return { ...base, status: 'dry-run' };
    const client = await httpClient(ctx);
    const res = await client.request({
        method: 'POST',
        url: req.url,
        headers: req.headers,
        body: req.body,
        secretHeaders: Object.keys(req.headers).filter(_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .isCredentialName */ .hN)
    });
    if (res.status < 200 || res.status > 299) {
        // Printed only: every part of the URL that redactUrl hides is hidden here too.
        const hidden = (0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .sortForScrub */ .T0)([...credentials, ...(0,_http_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .urlSecrets */ .Fn)(req.url)]);
        const excerpt = (0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .scrubText */ .Ho)(res.body, hidden).replace(/\s+/g, ' ').slice(0, 200);
        return {
            ...base,
            status: 'failed',
            httpStatus: res.status,
            reason: `HTTP ${res.status} from ${shown.url}${excerpt ? `: ${excerpt}` : ''}`
        };
    }
    // An endpoint may echo the request (headers, URL): no credential reaches captures or messages.
    const body = (0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .scrubJson */ .Kl)(parseBody(res.body), credentials);
    // Slack's Web API answers errors with HTTP 200 and {"ok": false, "error": "..."}.
    if ((0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(body) && body.ok === false) {
        const detail = typeof body.error === 'string' ? body.error : 'no error given';
        return {
            ...base,
            status: 'failed',
            httpStatus: res.status,
            reason: `${shown.url} answered ok: false (${detail})`
        };
    }
    const captured = await onSuccess(body, credentials);
    return { ...base, status: 'ok', httpStatus: res.status, captured };
}
function parseBody(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
/** Headers and body as they may be shown: authorization values and every secret replaced by `***`. */
function masked(ctx, req) {
    const masker = new _core_logger_js__WEBPACK_IMPORTED_MODULE_3__/* .SecretMasker */ .M2();
    for (const s of ctx.config.secretValues)
        masker.add(s);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [
        k,
        /^(authorization|proxy-authorization|cookie)$/i.test(k) || (0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .isCredentialName */ .hN)(k)
            ? maskAuth(v)
            : masker.mask(v)
    ]));
    return { url: masker.mask((0,_http_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .redactUrlText */ .Sl)(req.url)), headers, body: masker.mask(req.body) };
}
/**
 * What must never be persisted or output from a response: the credentials of secrets.yaml and the
 * runner (credentials.ts has the rule), the secret header values sent (Authorization, Cookie, headers
 * named like credentials), the URL's password and its credential-named query values (`?token=`).
 */
function sentCredentials(ctx, req) {
    const headerNames = Object.keys(req.headers).filter(_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .isCredentialName */ .hN);
    return (0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .sortForScrub */ .T0)([
        ...(0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .credentialValues */ .w2)(ctx.config.secrets),
        ...(0,_http_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .secretValues */ .VX)(req.headers, (0,_http_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .secretHeaderNames */ .kt)(headerNames)),
        ...urlCredentials(req.url)
    ]);
}
function urlCredentials(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return [];
    }
    const query = [...url.searchParams].filter(([k]) => (0,_core_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .isCredentialName */ .hN)(k)).map(([, v]) => v);
    return [url.password, decodeSafe(url.password), ...query].filter(Boolean);
}
function decodeSafe(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function maskAuth(value) {
    const scheme = /^(\w+)\s+/.exec(value);
    return scheme ? `${scheme[1]} ***` : '***';
}
/** A required string in config.yaml (`slack.url`, `templates.notify`, …), or a ConfigError naming it. */
function requiredConfig(root, path, purpose) {
    let node = root;
    for (const key of path.split('.'))
        node = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(node) ? node[key] : undefined;
    if (typeof node !== 'string' || !node.trim()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`config.yaml: cicdstatemgr.${path} is required for ${purpose}`);
    }
    return node;
}
/** An optional string in secrets.yaml. */
function optionalSecret(root, path) {
    let node = root;
    for (const key of path.split('.'))
        node = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_4__/* .isJsonObject */ .O)(node) ? node[key] : undefined;
    return typeof node === 'string' && node ? node : undefined;
}
/**
 * notify and manual-choice: render `templates.<kind>`, POST it to `slack.url` with the slack token, and
 * on success apply the config's and the block's response captures (after `onPosted`, given the body).
 */
async function postSlackMessage(ctx, kind, name, block, templateContext, onPosted) {
    const config = ctx.config.config;
    const body = await ctx.render(requiredConfig(config, `templates.${kind}`, kind), templateContext, `templates.${kind}`);
    const url = requiredConfig(config, 'slack.url', kind);
    const headers = slackHeaders(optionalSecret(ctx.config.secrets, 'slack.token'));
    return post(ctx, { handler: kind, block: name }, { url, headers, body }, async (res, credentials) => ({
        ...(onPosted ? onPosted(res) : {}),
        ...(await (0,_capture_js__WEBPACK_IMPORTED_MODULE_1__/* .captureResponse */ .i)(ctx, kind, block, res, credentials))
    }));
}


/***/ }),

/***/ 9409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  manualChoiceHandler: () => (/* binding */ manualChoiceHandler)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/jsonpath.ts
var jsonpath = __webpack_require__(1318);
// EXTERNAL MODULE: ./src/core/own-property.ts
var own_property = __webpack_require__(2813);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
// EXTERNAL MODULE: ./src/core/yaml.ts + 3 modules
var yaml = __webpack_require__(3129);
// EXTERNAL MODULE: ./src/handlers/http-post.ts
var http_post = __webpack_require__(3180);
// EXTERNAL MODULE: ./src/bridge/value.ts
var bridge_value = __webpack_require__(5444);
;// CONCATENATED MODULE: ./src/handlers/bridge-buttons.ts




/** Target names become a state path (`state.bridge.<target>`): no dots. */
const TARGET = /^[A-Za-z0-9_-]{1,64}$/;
const DEFAULT_TTL_SECONDS = 3600;
const MAX_TTL_SECONDS = 7 * 24 * 3600;
/** The bridge's allowlist requires keys of at least this length (src/bridge/policy.ts). */
const MIN_KEY_LENGTH = 32;
async function bridgeSettings(block, templateContext, ctx, where) {
    const bridge = block.bridge;
    if (bridge === undefined || bridge === null)
        return undefined;
    const at = `${where} bridge`;
    if (!(0,types/* isJsonObject */.O)(bridge))
        throw new errors/* ConfigError */.xL(`${at} must be a mapping {target, keyId, channel}`);
    const text = async (key) => (await ctx.render(String(bridge[key] ?? ''), templateContext, `${at}.${key}`)).trim();
    const target = await text('target');
    if (!TARGET.test(target))
        throw new errors/* ConfigError */.xL(`${at}.target must match ^[A-Za-z0-9_-]{1,64}$`);
    const keyId = await text('keyId');
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(keyId)) {
        throw new errors/* ConfigError */.xL(`${at}.keyId is required (the id of the target key in the bridge's allowlist)`);
    }
    const channel = await text('channel');
    if (!/^[A-Z0-9]{2,32}$/.test(channel)) {
        throw new errors/* ConfigError */.xL(`${at}.channel must render a Slack channel id (C…), not a name`);
    }
    const ttl = ttlSeconds(bridge.ttl, at);
    const secret = (0,http_post/* optionalSecret */.Ny)(ctx.config.secrets, `bridge.keys.${target}`);
    if (!secret)
        throw new errors/* ConfigError */.xL(`secrets.yaml: cicdstatemgr.bridge.keys.${target} is required for ${at}`);
    if (secret.length < MIN_KEY_LENGTH) {
        throw new errors/* ConfigError */.xL(`secrets.yaml: cicdstatemgr.bridge.keys.${target} must be at least ${MIN_KEY_LENGTH} characters`);
    }
    ctx.logger.addSecret(secret);
    const now = Math.floor((ctx.github?.clock?.now() ?? Date.now()) / 1000);
    return { target, channel, nonce: (0,bridge_value/* randomNonce */.Pv)(), expires: now + ttl, key: { id: keyId, secret } };
}
function ttlSeconds(value, at) {
    if (value === undefined || value === null || value === '')
        return DEFAULT_TTL_SECONDS;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 60 || n > MAX_TTL_SECONDS) {
        throw new errors/* ConfigError */.xL(`${at}.ttl must be whole seconds from 60 to ${MAX_TTL_SECONDS}`);
    }
    return n;
}
/**
 * Replaces each option's rendered `value` (the choice) by a signed value; the choice stays readable as
 * `option.choice` for the template. One nonce for the whole message: the first click on any button wins.
 */
async function mintButtons(choices, mint, contextId, runId, where) {
    for (const [choiceName, choice] of Object.entries(choices)) {
        const options = choice.options;
        if (!Array.isArray(options))
            continue;
        for (const [i, option] of options.entries()) {
            const o = option;
            const value = String(o.value ?? '');
            try {
                o.value = await (0,bridge_value/* mintValue */.si)({
                    t: mint.target,
                    c: contextId,
                    ch: mint.channel,
                    o: value,
                    n: mint.nonce,
                    e: mint.expires,
                    ...(runId && /^\d{1,20}$/.test(runId) ? { r: runId } : {})
                }, mint.key);
            }
            catch (error) {
                const reason = error instanceof Error ? error.message : String(error);
                throw new errors/* ConfigError */.xL(`${where} choices.${choiceName}.options[${i}]: ${reason}`);
            }
            o.choice = value;
        }
    }
}
/** Where the posted message is recorded, so a later run can `chat.update` it. */
function recordPosted(ctx, mint, body, where) {
    const res = (0,types/* isJsonObject */.O)(body) ? body : {};
    const channel = typeof res.channel === 'string' ? res.channel : mint.channel;
    const ts = typeof res.ts === 'string' ? res.ts : '';
    if (channel !== mint.channel) {
        // The buttons are bound to the configured channel; clicks from another are refused by the bridge.
        ctx.logger.warning(`${where}: Slack posted to channel ${channel}, the buttons were minted for ${mint.channel}`);
    }
    const base = `state.bridge.${mint.target}`;
    const values = {
        [`${base}.channel`]: channel,
        [`${base}.ts`]: ts,
        [`${base}.nonce`]: mint.nonce,
        [`${base}.expires`]: mint.expires
    };
    for (const [path, value] of Object.entries(values))
        ctx.work.set(path, value);
    return values;
}

;// CONCATENATED MODULE: ./src/handlers/manual-choice.ts







/**
 * `manual-choice`: a message with choice buttons. `title`, each choice's `header` and each option's
 * `text`/`value` are rendered; `choice-generators` add choices from a mapping found in the document being
 * built (not a stored copy: upstream defect 9). POSTed like notify and captured like notify. With a
 * `bridge:` block each button's value is a signed bridge value and the message's channel and ts are
 * recorded at `state.bridge.<target>` (bridge-buttons.ts).
 */
const manualChoiceHandler = {
    kind: 'manual-choice',
    singleBlockKey: 'title',
    contextKey: 'manualChoice',
    async run(block, name, templateContext, ctx) {
        const where = `manual-choice '${name}'`;
        const mc = templateContext.manualChoice;
        mc.title = await ctx.render(String(block.title ?? ''), templateContext, `${where} title`);
        if (mc.choices === undefined || mc.choices === null)
            mc.choices = {};
        if (!(0,types/* isJsonObject */.O)(mc.choices))
            throw new errors/* ConfigError */.xL(`${where}: 'choices' must be a mapping`);
        await generateChoices(mc, templateContext, ctx, where);
        await renderChoices(mc.choices, templateContext, ctx, where);
        const mint = await bridgeSettings(block, templateContext, ctx, where);
        if (!mint)
            return (0,http_post/* postSlackMessage */.EF)(ctx, 'manual-choice', name, block, templateContext);
        await mintButtons(mc.choices, mint, contextId(ctx, where), ctx.github?.env.GITHUB_RUN_ID, where);
        return (0,http_post/* postSlackMessage */.EF)(ctx, 'manual-choice', name, block, templateContext, (body) => recordPosted(ctx, mint, body, where));
    }
};
function contextId(ctx, where) {
    const state = ctx.work.doc.state;
    const id = (0,types/* isJsonObject */.O)(state) ? state.cicdContextDataId : undefined;
    if (typeof id !== 'string' || !id)
        throw new errors/* ConfigError */.xL(`${where} bridge: the context has no id`);
    return id;
}
async function generateChoices(mc, context, ctx, where) {
    const generators = mc['choice-generators'];
    if (generators === undefined || generators === null)
        return;
    if (!(0,types/* isJsonObject */.O)(generators))
        throw new errors/* ConfigError */.xL(`${where}: 'choice-generators' must be a mapping`);
    const choices = mc.choices;
    for (const [genName, gen] of Object.entries(generators)) {
        const at = `${where} choice-generators.${genName}`;
        if (!(0,types/* isJsonObject */.O)(gen) || typeof gen.foreach !== 'string' || typeof gen.template !== 'string') {
            throw new errors/* ConfigError */.xL(`${at}: needs 'foreach', 'iterator' and 'template'`);
        }
        const path = (await ctx.render(gen.foreach, context, `${at}.foreach`)).trim();
        const found = await (0,jsonpath/* tryQueryValue */.$6)(ctx.work.doc, path);
        if (!found.found)
            continue;
        if (!(0,types/* isJsonObject */.O)(found.value))
            throw new errors/* ConfigError */.xL(`${at}: foreach '${path}' must select a mapping`);
        const iterator = (await ctx.render(String(gen.iterator ?? 'item'), context, `${at}.iterator`)).trim() || 'item';
        for (const item of Object.values(found.value)) {
            const yamlText = await ctx.render(gen.template, { ...context, [iterator]: item }, `${at}.template`);
            const choice = (0,yaml/* parseYaml */.hN)(yamlText, `${at}.template`);
            const [entry] = (0,types/* isJsonObject */.O)(choice) ? Object.entries(choice) : [];
            if (!entry)
                throw new errors/* ConfigError */.xL(`${at}: template must render YAML of one choice ({name: {header, options}})`);
            (0,own_property/* setOwn */.P)(choices, entry[0], entry[1]);
        }
    }
}
async function renderChoices(choices, context, ctx, where) {
    for (const [choiceName, choice] of Object.entries(choices)) {
        const at = `${where} choices.${choiceName}`;
        if (!(0,types/* isJsonObject */.O)(choice))
            throw new errors/* ConfigError */.xL(`${at} must be a mapping`);
        choice.header = await ctx.render(String(choice.header ?? ''), context, `${at}.header`);
        const options = choice.options ?? [];
        if (!Array.isArray(options))
            throw new errors/* ConfigError */.xL(`${at}.options must be a list`);
        for (const [i, option] of options.entries()) {
            if (!(0,types/* isJsonObject */.O)(option))
                throw new errors/* ConfigError */.xL(`${at}.options[${i}] must be a mapping`);
            option.text = await ctx.render(String(option.text ?? ''), context, `${at}.options[${i}].text`);
            option.value = await ctx.render(String(option.value ?? ''), context, `${at}.options[${i}].value`);
        }
    }
}


/***/ }),

/***/ 6715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Fn: () => (/* binding */ urlSecrets),
/* harmony export */   Sl: () => (/* binding */ redactUrlText),
/* harmony export */   VX: () => (/* binding */ secretValues),
/* harmony export */   _I: () => (/* binding */ scrub),
/* harmony export */   eX: () => (/* binding */ headersForLog),
/* harmony export */   kt: () => (/* binding */ secretHeaderNames)
/* harmony export */ });
/**
 * What of a request may be shown in logs and error messages. The logger masks registered secrets on
 * its own; this covers what it cannot know: credentials in URLs and secret headers whose values were
 * never registered (a token typed straight into a config file).
 */
/** Headers whose values are secret whatever the caller says. */
const ALWAYS_SECRET = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];
/** The URL with user-info and query values replaced by `***`; `url` must already be parsed. */
function redactUrl(url) {
    const copy = new URL(url.href);
    const hadCredentials = copy.username !== '' || copy.password !== '';
    copy.username = '';
    copy.password = '';
    const query = [...copy.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=***`);
    copy.search = '';
    let text = copy.href;
    if (hadCredentials)
        text = text.replace('://', '://***@');
    return query.length > 0 ? `${text}?${query.join('&')}` : text;
}
/**
 * `text` as it may be printed when it should be a URL: user-info and query values hidden as redactUrl
 * does; text that does not parse has anything between `://` and `@`, and its query, hidden.
 */
function redactUrlText(text) {
    try {
        return redactUrl(new URL(text));
    }
    catch {
        return text.replace(/:\/\/[^/?#\s]*@/, '://***@').replace(/\?[^#\s]*/, '?***');
    }
}
/** Everything redactUrl hides (user name, password, query values), for scrubbing printed text. */
function urlSecrets(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return [];
    }
    const parts = [url.password, url.username, ...url.searchParams.values()];
    const decoded = parts.flatMap((p) => [p, safeDecode(p)]);
    return [...new Set(decoded)].filter((p) => p.length >= 3);
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** Lowercased names of the headers to hide, the built-in ones plus the caller's. */
function secretHeaderNames(extra = []) {
    return new Set([...ALWAYS_SECRET, ...extra.map((name) => name.toLowerCase())]);
}
/**
 * The raw secret strings among `headers`, longest first: each whole value and, for
 * `Scheme credentials` values such as `Bearer xoxb-…`, the credentials alone (they may be echoed in a
 * body). Values under three characters are skipped: they would blank out ordinary text.
 */
function secretValues(headers, names) {
    const found = new Set();
    for (const [name, value] of Object.entries(headers)) {
        if (!names.has(name.toLowerCase()))
            continue;
        found.add(value);
        const credentials = /^\S+\s+(.+)$/.exec(value)?.[1];
        if (credentials)
            found.add(credentials);
    }
    return [...found].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
}
/** Replaces every occurrence of each secret with `***`. */
function scrub(text, secrets) {
    let out = text;
    for (const secret of secrets)
        out = out.split(secret).join('***');
    return out;
}
/**
 * Headers as `Name: value` pairs with secret values shown as `***`. Values stay unescaped on purpose:
 * an escaped secret (quotes, backslashes) would no longer match what the logger masks.
 */
function headersForLog(headers, names) {
    const pairs = Object.entries(headers).map(([name, value]) => names.has(name.toLowerCase()) ? `${name}: ***` : `${name}: ${value}`);
    return `{${pairs.join(', ')}}`;
}


/***/ })

};
;