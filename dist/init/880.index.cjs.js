"use strict";
exports.id = 880;
exports.ids = [880];
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
        client = __webpack_require__.e(/* import() */ 424).then(__webpack_require__.bind(__webpack_require__, 4424)).then(({ createHttpClient }) => createHttpClient({ ...numbers(settings), logger: ctx.logger }));
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

/***/ 1880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   triggerPipelineHandler: () => (/* binding */ triggerPipelineHandler)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_py_json_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7895);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3054);
/* harmony import */ var _http_post_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3180);




/**
 * `trigger-pipeline`: JSON body = rendered `trigger.auto-args` overlaid by the block's rendered `args`;
 * headers = JSON defaults + rendered `trigger.headers` (whose context also holds `secretData`); POST to
 * `trigger.url`.
 */
const triggerPipelineHandler = {
    kind: 'trigger-pipeline',
    singleBlockKey: 'name',
    contextKey: 'triggerPipeline',
    async run(block, name, templateContext, ctx) {
        const trigger = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(ctx.config.config.trigger) ? ctx.config.config.trigger : {};
        const url = (0,_http_post_js__WEBPACK_IMPORTED_MODULE_1__/* .requiredConfig */ .Ie)(ctx.config.config, 'trigger.url', 'trigger-pipeline');
        const where = `trigger-pipeline '${name}'`;
        const payload = {};
        for (const [arg, tmpl] of Object.entries(mapping(trigger['auto-args'], 'config.yaml trigger.auto-args'))) {
            payload[arg] = await ctx.render(String(tmpl), templateContext, `trigger.auto-args.${arg}`);
        }
        for (const [arg, tmpl] of Object.entries(mapping(block.args, `${where} args`))) {
            payload[arg] = await ctx.render(String(tmpl), templateContext, `${where} args.${arg}`);
        }
        const headers = {
            'Content-Type': 'application/json',
            Accept: '*/*',
            'Cache-Control': 'no-cache'
        };
        const withSecrets = { ...templateContext, secretData: ctx.config.secrets };
        const headerList = trigger.headers ?? [];
        if (!Array.isArray(headerList))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('config.yaml: trigger.headers must be a list of {name, value}');
        for (const [i, h] of headerList.entries()) {
            if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(h) || typeof h.name !== 'string')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`config.yaml: trigger.headers[${i}] needs 'name' and 'value'`);
            headers[h.name] = await ctx.render(String(h.value ?? ''), withSecrets, `trigger.headers[${i}] (${h.name})`);
        }
        return (0,_http_post_js__WEBPACK_IMPORTED_MODULE_1__/* .post */ .bE)(ctx, { handler: 'trigger-pipeline', block: name }, { url, headers, body: (0,_core_py_json_js__WEBPACK_IMPORTED_MODULE_3__/* .pyJsonDumps */ .d)(payload) }, () => ({}));
    }
};
function mapping(value, where) {
    if (value === undefined || value === null)
        return {};
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(value))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where} must be a mapping`);
    return value;
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