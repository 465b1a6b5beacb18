"use strict";
exports.id = 120;
exports.ids = [120];
exports.modules = {

/***/ 1257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ny: () => (/* binding */ optionalSecret),
  bE: () => (/* binding */ post),
  EF: () => (/* binding */ postSlackMessage),
  Ie: () => (/* binding */ requiredConfig),
  nm: () => (/* binding */ slackHeaders)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
;// CONCATENATED MODULE: ./src/handlers/capture.ts


/**
 * Stores values from a 2xx response body: first the config's `<kind>.auto-capture-response-data`, then
 * the block's `capture-response-data`. Each `from` is rendered with the document, `configData` and
 * `body`, stripped, and when non-blank stored at the rendered `to` path.
 */
async function captureResponse(ctx, kind, block, body) {
    const config = ctx.config.config[kind];
    const auto = (0,types/* isJsonObject */.O)(config) ? config['auto-capture-response-data'] : undefined;
    const rules = [
        ...asRules(auto, `config.yaml ${kind}.auto-capture-response-data`),
        ...asRules(block['capture-response-data'], `${kind} capture-response-data`)
    ];
    if (rules.length === 0)
        return {};
    const context = { ...structuredClone(ctx.work.doc), configData: ctx.config.config, body };
    const captured = {};
    for (const { from, to, where } of rules) {
        const value = (await ctx.render(from, context, `${where}.from`)).trim();
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
        throw new errors/* ConfigError */.xL(`${where} must be a list of {from, to}`);
    return value.map((rule, i) => {
        if (!(0,types/* isJsonObject */.O)(rule) ||
            rule.from === undefined ||
            rule.from === null ||
            typeof rule.to !== 'string') {
            throw new errors/* ConfigError */.xL(`${where}[${i}] needs 'from' and 'to'`);
        }
        return { from: String(rule.from), to: rule.to, where: `${where}[${i}]` };
    });
}

// EXTERNAL MODULE: ./src/core/logger.ts
var logger = __webpack_require__(1227);
;// CONCATENATED MODULE: ./src/handlers/http-post.ts




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
        const settings = (0,types/* isJsonObject */.O)(ctx.config.config.http) ? ctx.config.config.http : {};
        client = __webpack_require__.e(/* import() */ 410).then(__webpack_require__.bind(__webpack_require__, 410)).then(({ createHttpClient }) => createHttpClient({ ...numbers(settings), logger: ctx.logger }));
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
    const base = { ...outcome, onError: 'fail', request: { method: 'POST', ...shown } };
    if (ctx.dryRun)
        return { ...base, status: 'dry-run' };
    const client = await httpClient(ctx);
    const res = await client.request({
        method: 'POST',
        url: req.url,
        headers: req.headers,
        body: req.body
    });
    if (res.status < 200 || res.status > 299) {
        const excerpt = res.body.replace(/\s+/g, ' ').slice(0, 200);
        return {
            ...base,
            status: 'failed',
            httpStatus: res.status,
            reason: `HTTP ${res.status} from ${shown.url}${excerpt ? `: ${excerpt}` : ''}`
        };
    }
    const body = parseBody(res.body);
    // Slack's Web API answers errors with HTTP 200 and {"ok": false, "error": "..."}.
    if ((0,types/* isJsonObject */.O)(body) && body.ok === false) {
        const detail = typeof body.error === 'string' ? body.error : 'no error given';
        return {
            ...base,
            status: 'failed',
            httpStatus: res.status,
            reason: `${shown.url} answered ok: false (${detail})`
        };
    }
    const captured = await onSuccess(body);
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
    const masker = new logger/* SecretMasker */.M2();
    for (const s of ctx.config.secretValues)
        masker.add(s);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [
        k,
        /^(authorization|proxy-authorization|cookie)$/i.test(k) ? maskAuth(v) : masker.mask(v)
    ]));
    return { url: masker.mask(req.url), headers, body: masker.mask(req.body) };
}
function maskAuth(value) {
    const scheme = /^(\w+)\s+/.exec(value);
    return scheme ? `${scheme[1]} ***` : '***';
}
/** A required string in config.yaml (`slack.url`, `templates.notify`, …), or a ConfigError naming it. */
function requiredConfig(root, path, purpose) {
    let node = root;
    for (const key of path.split('.'))
        node = (0,types/* isJsonObject */.O)(node) ? node[key] : undefined;
    if (typeof node !== 'string' || !node.trim()) {
        throw new errors/* ConfigError */.xL(`config.yaml: cicdstatemgr.${path} is required for ${purpose}`);
    }
    return node;
}
/** An optional string in secrets.yaml. */
function optionalSecret(root, path) {
    let node = root;
    for (const key of path.split('.'))
        node = (0,types/* isJsonObject */.O)(node) ? node[key] : undefined;
    return typeof node === 'string' && node ? node : undefined;
}
/**
 * notify and manual-choice: render `templates.<kind>`, POST it to `slack.url` with the slack token, and
 * on success apply the config's and the block's response captures.
 */
async function postSlackMessage(ctx, kind, name, block, templateContext) {
    const config = ctx.config.config;
    const body = await ctx.render(requiredConfig(config, `templates.${kind}`, kind), templateContext, `templates.${kind}`);
    const url = requiredConfig(config, 'slack.url', kind);
    const headers = slackHeaders(optionalSecret(ctx.config.secrets, 'slack.token'));
    return post(ctx, { handler: kind, block: name }, { url, headers, body }, (res) => captureResponse(ctx, kind, block, res));
}


/***/ }),

/***/ 3120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   respondHandler: () => (/* binding */ respondHandler)
/* harmony export */ });
/* harmony import */ var _http_post_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1257);

const OWN_KEYS = new Set(['message', 'url', 'if', 'enabled', 'on-error']);
/**
 * `respond`: answers a Slack `response_url`. `message` rendered (blank -> skip), every other field rendered,
 * `templates.respond` rendered and POSTed to the rendered `url` (blank -> skip) with the slack token.
 */
const respondHandler = {
    kind: 'respond',
    singleBlockKey: 'message',
    contextKey: 'respond',
    async run(block, name, templateContext, ctx) {
        const respond = templateContext.respond;
        const skipped = (reason) => ({
            handler: 'respond',
            block: name,
            status: 'skipped',
            onError: 'fail',
            reason
        });
        respond.message = (await ctx.render(String(block.message ?? ''), templateContext, `respond '${name}' message`)).trim();
        if (!respond.message)
            return skipped("'message' rendered blank");
        for (const [key, value] of Object.entries(block)) {
            if (!OWN_KEYS.has(key) && typeof value === 'string') {
                respond[key] = await ctx.render(value, templateContext, `respond '${name}' ${key}`);
            }
        }
        const body = await ctx.render((0,_http_post_js__WEBPACK_IMPORTED_MODULE_0__/* .requiredConfig */ .Ie)(ctx.config.config, 'templates.respond', 'respond'), templateContext, 'templates.respond');
        const url = (await ctx.render(String(block.url ?? ''), templateContext, `respond '${name}' url`)).trim();
        if (!url)
            return skipped("'url' rendered blank");
        const headers = (0,_http_post_js__WEBPACK_IMPORTED_MODULE_0__/* .slackHeaders */ .nm)((0,_http_post_js__WEBPACK_IMPORTED_MODULE_0__/* .optionalSecret */ .Ny)(ctx.config.secrets, 'slack.token'));
        return (0,_http_post_js__WEBPACK_IMPORTED_MODULE_0__/* .post */ .bE)(ctx, { handler: 'respond', block: name }, { url, headers, body }, () => ({}));
    }
};


/***/ })

};
;