"use strict";
exports.id = 800;
exports.ids = [800];
exports.modules = {

/***/ 8800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runBridgeCli: () => (/* binding */ runBridgeCli)
});

// UNUSED EXPORTS: BRIDGE_HELP, bridgeDepsFromEnv, startBridge

// EXTERNAL MODULE: ./node_modules/@hono/node-server/dist/index.mjs + 2 modules
var dist = __webpack_require__(6652);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/bridge/slack-groups.ts
/**
 * `groupMembers` for `InteractionDeps`: members of a Slack user group through `usergroups.users.list`
 * (bot scope `usergroups:read`), cached per group for a few minutes so a burst of clicks costs one call.
 * On `fetch` only (no `node:` import). A failed lookup throws, and the core then refuses the click
 * ("could not check your user groups"): membership is never assumed.
 */

function slack_groups_createSlackGroupLookup(options) {
    const apiUrl = (options.apiUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
    const ttl = options.ttlMs ?? 5 * 60_000;
    const clock = options.clock ?? Date.now;
    const doFetch = options.fetch ?? fetch;
    const cache = new Map();
    const load = async (group) => {
        const res = await doFetch(`${apiUrl}/usergroups.users.list?usergroup=${encodeURIComponent(group)}`, {
            headers: { authorization: `Bearer ${options.token}` },
            signal: AbortSignal.timeout(2000)
        });
        const body = (await res.json().catch(() => ({})));
        if (!res.ok || body.ok !== true || !Array.isArray(body.users)) {
            throw new errors/* CicdError */.SU(`usergroups.users.list ${group}: ${body.error ?? `HTTP ${res.status}`}`);
        }
        return body.users.filter((u) => typeof u === 'string');
    };
    return (group) => {
        const now = clock();
        const hit = cache.get(group);
        if (hit && hit.until > now)
            return hit.members;
        const members = load(group);
        cache.set(group, { until: now + ttl, members });
        // A failure is not cached: the next click asks again.
        members.catch(() => cache.delete(group));
        return members;
    };
}

;// CONCATENATED MODULE: ./src/bridge/adapters/env.ts
/**
 * Reading the bridge's settings from a plain record of strings, the same on every platform: Workers
 * bindings, Lambda's process env. Runtime-neutral (no `node:` import). Names as in the Node server
 * (`src/bridge/node-server.ts`), so one set of secrets serves every target.
 */


function nonEmpty(value) {
    return value === undefined || value === '' ? undefined : value;
}
/** The string-valued entries of a Workers `env` (bindings also hold objects such as the DO namespace). */
function stringEntries(env) {
    const out = {};
    for (const [name, value] of Object.entries(env))
        if (typeof value === 'string')
            out[name] = value;
    return out;
}
function requireSetting(env, name) {
    const value = nonEmpty(env[name]);
    if (!value)
        throw new ConfigError(`${name} is not set`);
    return value;
}
/** A GitHub App (GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY [+ GITHUB_APP_INSTALLATION_ID]) or GITHUB_TOKEN. */
function githubAuthFromEnv(env) {
    const appId = nonEmpty(env.GITHUB_APP_ID);
    const privateKey = nonEmpty(env.GITHUB_APP_PRIVATE_KEY);
    if (appId || privateKey) {
        if (!appId || !privateKey) {
            throw new errors/* ConfigError */.xL('GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY must be set together');
        }
        const installation = nonEmpty(env.GITHUB_APP_INSTALLATION_ID);
        if (installation !== undefined && !/^\d+$/.test(installation)) {
            throw new errors/* ConfigError */.xL('GITHUB_APP_INSTALLATION_ID must be a number');
        }
        // Keys pasted into an env var or a secret often carry literal \n; PEM needs real newlines.
        const pem = privateKey.includes('\\n') ? privateKey.replace(/\\n/g, '\n') : privateKey;
        return {
            appId,
            privateKey: pem,
            ...(installation ? { installationId: Number(installation) } : {})
        };
    }
    const token = nonEmpty(env.GITHUB_TOKEN);
    if (!token) {
        throw new errors/* ConfigError */.xL('set GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY');
    }
    return { token };
}
/** The values to keep out of log lines besides the signing secret and target keys. */
function authSecrets(auth) {
    return 'token' in auth ? [auth.token] : [auth.privateKey];
}
/** `allowedUserGroups` membership through SLACK_BOT_TOKEN (usergroups:read), as the Node server does. */
function slackGroupsFromEnv(env) {
    const token = nonEmpty(env.SLACK_BOT_TOKEN);
    if (!token)
        return { secrets: [] };
    const apiUrl = nonEmpty(env.SLACK_API_URL);
    return {
        groupMembers: createSlackGroupLookup({ token, ...(apiUrl ? { apiUrl } : {}) }),
        secrets: [token]
    };
}

// EXTERNAL MODULE: ./node_modules/hono/dist/index.js + 23 modules
var hono_dist = __webpack_require__(429);
// EXTERNAL MODULE: ./node_modules/hono/dist/middleware/body-limit/index.js
var body_limit = __webpack_require__(2542);
// EXTERNAL MODULE: ./src/bridge/verify.ts
var verify = __webpack_require__(1728);
// EXTERNAL MODULE: ./src/bridge/value.ts
var bridge_value = __webpack_require__(5444);
;// CONCATENATED MODULE: ./src/bridge/approval.ts
/**
 * The signed approval the bridge hands to the run it dispatches:
 * `a1.<b64url(JSON payload)>.<b64url(HMAC-SHA256(targetKey, "approval:" + payloadSegment))>`.
 *
 * Anyone with write access can start a `workflow_dispatch` by hand with `choice=prod`; the run records an
 * approval only when this token verifies under the target's key and names the run's context and choice.
 * The MAC input carries an `approval:` prefix so a button value (same key, readable by everyone in the
 * channel) can never be passed off as an approval. Runtime-neutral: Web Crypto only.
 */


/** How long a dispatched run has to start and verify it, by default (a queued runner can take a while). */
const DEFAULT_APPROVAL_TTL_SECONDS = 6 * 3600;
/** Clock skew tolerated between the bridge and the runner for `iat`. */
const MAX_FUTURE_SECONDS = 300;
const MAX_TOKEN_LENGTH = 2000;
const SHORT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const encoder = new TextEncoder();
const macInput = (segment) => encoder.encode(`approval:${segment}`);
function problem(c) {
    if (typeof c !== 'object' || c === null)
        return 'payload is not an object';
    if (typeof c.t !== 'string' || !SHORT_ID.test(c.t))
        return 'target (t) is missing or malformed';
    if (typeof c.c !== 'string' || !bridge_value/* CONTEXT_ID */.cJ.test(c.c))
        return 'context id (c) is malformed';
    if (typeof c.o !== 'string' || !SHORT_ID.test(c.o))
        return 'choice (o) is missing or malformed';
    if (typeof c.u !== 'string' || !/^[A-Z0-9]{2,32}$/.test(c.u))
        return 'user id (u) is malformed';
    if (typeof c.un !== 'string' || c.un.length > 128 || /[\r\n]/.test(c.un)) {
        return 'user name (un) is malformed';
    }
    for (const [name, v] of [
        ['iat', c.iat],
        ['e', c.e]
    ]) {
        if (!Number.isSafeInteger(v) || v <= 0)
            return `${name} is not an epoch-seconds integer`;
    }
    if (c.e <= c.iat)
        return 'expiry (e) is not after iat';
    if (typeof c.n !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(c.n))
        return 'nonce (n) is malformed';
    if (typeof c.k !== 'string' || !SHORT_ID.test(c.k))
        return 'key id (k) is malformed';
    if (c.r !== undefined && (typeof c.r !== 'string' || !/^\d{1,20}$/.test(c.r))) {
        return 'run id (r) must be digits';
    }
    return undefined;
}
/**
 * Mints an approval under the target's current key. The bridge calls it after winning the claim and
 * passes the result as the `approval` workflow_dispatch input. Throws on a malformed field.
 */
async function mintApproval(input, key) {
    const iat = Math.floor(input.clock() / 1000);
    const claims = {
        t: input.target,
        c: input.contextId,
        o: input.choice,
        u: input.user.id,
        un: input.user.name ?? '',
        iat,
        e: iat + (input.ttlSeconds ?? DEFAULT_APPROVAL_TTL_SECONDS),
        n: input.nonce ?? (0,bridge_value/* randomNonce */.Pv)(),
        k: key.id,
        ...(input.run ? { r: input.run } : {})
    };
    const bad = problem(claims);
    if (bad)
        throw new Error(`bridge approval: ${bad}`);
    const segment = (0,bridge_value/* b64url */.ot)(encoder.encode(JSON.stringify(claims)));
    const cryptoKey = await (0,verify/* hmacKey */.bB)(key.secret, 'sign');
    const mac = await globalThis.crypto.subtle.sign('HMAC', cryptoKey, macInput(segment));
    return `a1.${segment}.${(0,bridge_value/* b64url */.ot)(new Uint8Array(mac))}`;
}
function refuse(reason, message) {
    return { ok: false, reason, message };
}
/** Verifies an approval: MAC first, then the context, choice and target it names, then its time window. */
async function verifyApproval(token, options) {
    if (typeof token !== 'string' || !token.trim())
        return refuse('missing', 'no approval was given');
    const text = token.trim();
    if (text.length > MAX_TOKEN_LENGTH)
        return refuse('malformed', 'approval is not a bridge approval');
    const [version, segment, macText, extra] = text.split('.');
    const mac = macText === undefined ? undefined : fromB64url(macText);
    if (version !== 'a1' || !segment || !mac || mac.length !== 32 || extra !== undefined) {
        return refuse('malformed', 'approval is not a bridge approval');
    }
    let verified = false;
    for (const secret of options.secrets) {
        const key = await hmacKey(secret, 'verify');
        if (await globalThis.crypto.subtle.verify('HMAC', key, mac, macInput(segment)))
            verified = true;
    }
    // Nothing of an unverified payload is reported: it could say anything.
    if (!verified)
        return refuse('bad-mac', 'approval signature does not match the approval key');
    let claims;
    try {
        claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromB64url(segment)));
    }
    catch {
        return refuse('malformed', 'approval payload is not JSON');
    }
    const bad = problem(claims);
    if (bad)
        return refuse('malformed', `approval: ${bad}`);
    if (claims.c !== options.contextId) {
        return refuse('wrong-context', `approval is for context '${claims.c}', not '${options.contextId}'`);
    }
    if (options.choice !== undefined && claims.o !== options.choice) {
        return refuse('wrong-choice', `approval is for choice '${claims.o}', not '${options.choice}'`);
    }
    if (options.target !== undefined && claims.t !== options.target) {
        return refuse('wrong-target', `approval is for target '${claims.t}', not '${options.target}'`);
    }
    const now = Math.floor(options.clock() / 1000);
    if (claims.e <= now)
        return refuse('expired', 'approval has expired');
    if (claims.iat > now + MAX_FUTURE_SECONDS)
        return refuse('future', 'approval is issued in the future');
    return { ok: true, claims };
}

// EXTERNAL MODULE: ./src/core/yaml.ts + 3 modules
var yaml = __webpack_require__(3129);
;// CONCATENATED MODULE: ./src/bridge/policy.ts
/**
 * The bridge's allowlist: which targets exist, what each one dispatches, and who may click. Everything
 * that decides which workflow runs (repository, workflow, ref) comes from here, never from the payload.
 */


const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const WORKFLOW = /^(?:[A-Za-z0-9_.-]{1,200}\.ya?ml|\d{1,20})$/;
const SLACK_USER = /^[UW][A-Z0-9]{2,30}$/;
const SLACK_GROUP = /^S[A-Z0-9]{2,30}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,30}$/;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PLACEHOLDERS = new Set(['context', 'choice', 'user', 'run', 'approval']);
/** GitHub accepts at most 25 inputs on a workflow_dispatch. */
const MAX_INPUTS = 25;
const MIN_SECRET_LENGTH = 32;
/** GitHub environment names the bridge accepts (they travel in a button's context id). */
const ENVIRONMENT = /^[A-Za-z0-9._-]{1,100}$/;
const PROTECTION_KEYS = [
    'kind',
    'repository',
    'environments',
    'channel',
    'allowedUsers',
    'allowedUserGroups',
    'allowedChannels',
    'keys'
];
const TARGET_KEYS = [
    'kind',
    'repository',
    'workflow',
    'ref',
    'choices',
    'reject',
    'inputs',
    'allowedUsers',
    'allowedUserGroups',
    'allowedChannels',
    'keys'
];
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
class Reader {
    source;
    env;
    constructor(source, env) {
        this.source = source;
        this.env = env;
    }
    fail(key, what) {
        throw new errors/* ConfigError */.xL(`${this.source}: ${key} ${what}`, this.source);
    }
    string(map, field, at, pattern) {
        const v = map[field];
        if (typeof v !== 'string' || v === '')
            this.fail(`${at}.${field}`, 'must be a non-empty string');
        if (pattern && !pattern.test(v))
            this.fail(`${at}.${field}`, `"${v}" is malformed`);
        return v;
    }
    list(map, field, at, pattern) {
        const v = map[field] ?? [];
        if (!Array.isArray(v))
            this.fail(`${at}.${field}`, 'must be a list');
        return v.map((item, i) => {
            if (typeof item !== 'string' || !pattern.test(item)) {
                this.fail(`${at}.${field}[${i}]`, `must match ${pattern.source}`);
            }
            return item;
        });
    }
    /** `secret` inline, or `secretEnv` naming a variable (Workers bindings, Lambda env). Never echoed. */
    keys(map, at) {
        const v = map.keys;
        if (!Array.isArray(v) || v.length < 1 || v.length > 2) {
            this.fail(`${at}.keys`, 'must list one or two keys (current and previous)');
        }
        const keys = v.map((item, i) => {
            const where = `${at}.keys[${i}]`;
            if (!isMap(item))
                this.fail(where, 'must be a mapping with id and secret');
            this.onlyKnown(item, where, ['id', 'secret', 'secretEnv']);
            const id = this.string(item, 'id', where, NAME);
            const fromEnv = typeof item.secretEnv === 'string' ? this.env[item.secretEnv] : undefined;
            const secret = typeof item.secret === 'string' ? item.secret : fromEnv;
            if (typeof item.secretEnv === 'string' && fromEnv === undefined) {
                this.fail(`${where}.secretEnv`, `names variable ${item.secretEnv}, which is not set`);
            }
            if (secret === undefined)
                this.fail(where, 'needs secret or secretEnv');
            if (secret.length < MIN_SECRET_LENGTH) {
                this.fail(`${where}.secret`, `must be at least ${MIN_SECRET_LENGTH} characters`);
            }
            return { id, secret };
        });
        if (keys.length === 2 && keys[0]?.id === keys[1]?.id)
            this.fail(`${at}.keys`, 'ids must differ');
        return keys;
    }
    inputs(map, at) {
        const v = map.inputs ?? {};
        if (!isMap(v))
            this.fail(`${at}.inputs`, 'must be a mapping of input name to template');
        const names = Object.keys(v);
        if (names.length > MAX_INPUTS)
            this.fail(`${at}.inputs`, `has more than ${MAX_INPUTS} inputs`);
        const out = {};
        for (const name of names) {
            const template = v[name];
            const where = `${at}.inputs.${name}`;
            if (!/^[A-Za-z_][A-Za-z0-9_-]{0,99}$/.test(name))
                this.fail(where, 'is not a valid input name');
            if (typeof template !== 'string')
                this.fail(where, 'must be a string');
            for (const m of template.matchAll(PLACEHOLDER)) {
                if (!PLACEHOLDERS.has(m[1] ?? '')) {
                    this.fail(where, `uses {{${m[1]}}}; only {{context}}, {{choice}}, {{user}}, {{run}} exist`);
                }
            }
            out[name] = template;
        }
        return out;
    }
    /** A misspelt key (`allowedUserGroup`) must not silently drop a restriction or a setting. */
    onlyKnown(map, at, known) {
        for (const key of Object.keys(map)) {
            if (!known.includes(key))
                this.fail(`${at}.${key}`, `is not a known key (${known.join(', ')})`);
        }
    }
    target(name, map) {
        const at = `targets.${name}`;
        if (!NAME.test(name))
            this.fail(at, 'is not a valid target name ([A-Za-z0-9._-]{1,64})');
        if (!isMap(map))
            this.fail(at, 'must be a mapping');
        const kind = map.kind ?? 'dispatch';
        if (kind === 'protection')
            return this.protection(name, map, at);
        if (kind !== 'dispatch')
            this.fail(`${at}.kind`, `"${String(kind)}" is not dispatch or protection`);
        this.onlyKnown(map, at, TARGET_KEYS);
        const choices = this.list(map, 'choices', at, NAME);
        if (choices.length === 0)
            this.fail(`${at}.choices`, 'must list at least one choice');
        const reject = this.list(map, 'reject', at, NAME);
        for (const [i, choice] of reject.entries()) {
            if (!choices.includes(choice))
                this.fail(`${at}.reject[${i}]`, `"${choice}" is not one of choices`);
        }
        const target = {
            name,
            kind: 'dispatch',
            reject,
            environments: [],
            repository: this.string(map, 'repository', at, REPOSITORY),
            workflow: this.string(map, 'workflow', at, WORKFLOW),
            ref: this.string(map, 'ref', at, /^[^\s~^:?*[\\]{1,255}$/),
            choices,
            inputs: this.inputs(map, at),
            allowedUsers: this.list(map, 'allowedUsers', at, SLACK_USER),
            allowedUserGroups: this.list(map, 'allowedUserGroups', at, SLACK_GROUP),
            allowedChannels: this.list(map, 'allowedChannels', at, SLACK_CHANNEL),
            keys: this.keys(map, at)
        };
        return this.failClosed(target, at);
    }
    /** A `kind: protection` target: no workflow, ref, inputs or choices (approve / reject are fixed). */
    protection(name, map, at) {
        this.onlyKnown(map, at, PROTECTION_KEYS);
        const environments = this.list(map, 'environments', at, ENVIRONMENT);
        if (environments.length === 0)
            this.fail(`${at}.environments`, 'must list at least one environment');
        const channel = this.string(map, 'channel', at, SLACK_CHANNEL);
        const listed = this.list(map, 'allowedChannels', at, SLACK_CHANNEL);
        if (listed.length > 0 && !listed.includes(channel)) {
            this.fail(`${at}.allowedChannels`, `must include the target's channel ${channel}`);
        }
        const target = {
            name,
            kind: 'protection',
            repository: this.string(map, 'repository', at, REPOSITORY),
            workflow: '',
            ref: '',
            choices: ['approve', 'reject'],
            reject: [],
            inputs: {},
            allowedUsers: this.list(map, 'allowedUsers', at, SLACK_USER),
            allowedUserGroups: this.list(map, 'allowedUserGroups', at, SLACK_GROUP),
            // The buttons are posted to `channel` and bound to it; clicks come from there.
            allowedChannels: listed.length > 0 ? listed : [channel],
            keys: this.keys(map, at),
            environments,
            channel
        };
        return this.failClosed(target, at);
    }
    /** An empty list never means "everyone". */
    failClosed(target, at) {
        if (target.allowedChannels.length === 0) {
            this.fail(`${at}.allowedChannels`, 'must list at least one channel');
        }
        if (target.allowedUsers.length === 0 && target.allowedUserGroups.length === 0) {
            this.fail(at, 'needs allowedUsers or allowedUserGroups (nobody may click otherwise)');
        }
        return target;
    }
}
/** Parses and validates the allowlist YAML; errors are one line naming the file and key. */
function loadPolicy(text, source, env = {}) {
    const reader = new Reader(source, env);
    const doc = (0,yaml/* parseYaml */.hN)(text, source);
    if (!isMap(doc))
        reader.fail('top level', 'must be a mapping with targets');
    for (const key of Object.keys(doc)) {
        if (key !== 'targets' && key !== 'slack')
            reader.fail(key, 'is not a known key (targets, slack)');
    }
    if (!isMap(doc.targets) || Object.keys(doc.targets).length === 0) {
        reader.fail('targets', 'must map at least one target name to its settings');
    }
    const targets = new Map();
    for (const [name, map] of Object.entries(doc.targets))
        targets.set(name, reader.target(name, map));
    const slack = {};
    if (doc.slack !== undefined) {
        if (!isMap(doc.slack))
            reader.fail('slack', 'must be a mapping');
        reader.onlyKnown(doc.slack, 'slack', ['teamId', 'apiAppId']);
        if (doc.slack.teamId !== undefined)
            slack.teamId = reader.string(doc.slack, 'teamId', 'slack');
        if (doc.slack.apiAppId !== undefined) {
            slack.apiAppId = reader.string(doc.slack, 'apiAppId', 'slack');
        }
    }
    return { targets, slack };
}
/** The protection target answering `environment` of `repository`, if the allowlist lists one. */
function protectionTarget(policy, repository, environment) {
    for (const t of policy.targets.values()) {
        if (t.kind === 'protection' &&
            t.repository === repository &&
            t.environments.includes(environment))
            return t;
    }
    return undefined;
}
/** Substitutes the placeholders; the text is copied, never evaluated. */
function renderInput(template, click) {
    const values = {
        context: click.context,
        choice: click.choice,
        user: click.user,
        run: click.run ?? '',
        approval: click.approval ?? ''
    };
    return template.replace(PLACEHOLDER, (_all, name) => values[name] ?? '');
}
/** Decides whether a click may dispatch, and builds the dispatch from the allowlist alone. */
async function authorize(policy, click, groupMembers) {
    const target = policy.targets.get(click.target);
    if (!target) {
        return { ok: false, reason: 'unknown-target', message: `target ${click.target} is not listed` };
    }
    if (!target.choices.includes(click.choice)) {
        return { ok: false, reason: 'unknown-choice', message: `choice ${click.choice} is not listed` };
    }
    if (!target.allowedChannels.includes(click.channel)) {
        return { ok: false, reason: 'channel', message: 'this channel may not trigger this target' };
    }
    let allowed;
    try {
        allowed = await userAllowed(target, click.user, groupMembers);
    }
    catch {
        // Fail closed; the lookup's own error may name a token, so it is not echoed.
        return { ok: false, reason: 'group-lookup', message: 'could not check your user groups' };
    }
    if (!allowed) {
        return { ok: false, reason: 'user', message: 'you are not allowed to make this choice' };
    }
    const inputs = {};
    for (const [name, template] of Object.entries(target.inputs)) {
        inputs[name] = renderInput(template, click);
    }
    return {
        ok: true,
        dispatch: {
            target: target.name,
            repository: target.repository,
            workflow: target.workflow,
            ref: target.ref,
            inputs
        }
    };
}
async function userAllowed(target, user, groupMembers) {
    if (target.allowedUsers.includes(user))
        return true;
    if (!groupMembers)
        return false;
    for (const group of target.allowedUserGroups) {
        if ((await groupMembers(group)).includes(user))
            return true;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/bridge/protection.ts
/**
 * The second kind of bridge target: a job waiting on a GitHub environment with a custom deployment
 * protection rule. The bridge, as a GitHub App, receives `deployment_protection_rule` (this verifies the
 * webhook and reads it), posts approve / reject buttons (signed like any bridge button: the context is the
 * run, `run-<id>`), and on a click answers GitHub's review callback. The waiting job keeps its SHA,
 * artifacts and audit trail, and no runner is held. Runtime-neutral: Web Crypto and an injected `fetch`.
 */


/** The two choices a protection-rule message offers. */
const PROTECTION_CHOICES = { approve: 'approved', reject: 'rejected' };
const protection_encoder = new TextEncoder();
const protection_REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
/**
 * GitHub's webhook signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>`, compared
 * in constant time by `subtle.verify`. Check it before parsing the body.
 */
async function verifyGithubWebhook(body, signature, secret) {
    const m = typeof signature === 'string' ? /^sha256=([0-9a-f]{64})$/.exec(signature.trim()) : null;
    if (!m)
        return false;
    const mac = Uint8Array.from(m[1].match(/../g), (h) => parseInt(h, 16));
    const bytes = typeof body === 'string' ? protection_encoder.encode(body) : body;
    const key = await (0,verify/* hmacKey */.bB)(secret, 'verify');
    return globalThis.crypto.subtle.verify('HMAC', key, mac, bytes);
}
const protection_text = (v) => (typeof v === 'string' && v ? v : undefined);
const obj = (v) => typeof v === 'object' && v !== null ? v : {};
/**
 * Reads a verified `deployment_protection_rule` payload (`X-GitHub-Event: deployment_protection_rule`,
 * action `requested`). The run id comes from `deployment_callback_url`, which must be this repository's
 * review endpoint on `apiBase`: the answer is later sent there with the App's token, so nothing else is
 * accepted.
 */
function parseProtectionRule(payload, apiBase = 'https://api.github.com') {
    const p = obj(payload);
    if (p.action !== 'requested')
        return { ok: false, message: `action '${String(p.action)}' is not 'requested'` };
    const repository = protection_text(obj(p.repository).full_name);
    if (!repository || !protection_REPOSITORY.test(repository)) {
        return { ok: false, message: 'repository.full_name is missing or malformed' };
    }
    const environment = protection_text(p.environment);
    if (!environment || environment.length > 255)
        return { ok: false, message: 'environment is missing' };
    const callback = protection_text(p.deployment_callback_url) ?? '';
    const prefix = `${apiBase.replace(/\/+$/, '')}/repos/${repository}/actions/runs/`;
    const runId = callback.startsWith(prefix)
        ? /^(\d{1,20})\/deployment_protection_rule$/.exec(callback.slice(prefix.length))?.[1]
        : undefined;
    if (!runId) {
        return {
            ok: false,
            message: `deployment_callback_url is not ${prefix}<run id>/deployment_protection_rule`
        };
    }
    const deployment = obj(p.deployment);
    const installationId = obj(p.installation).id;
    return {
        ok: true,
        request: {
            repository,
            environment,
            runId,
            ...(protection_text(deployment.sha) ? { sha: deployment.sha } : {}),
            ...(protection_text(deployment.ref) ? { ref: deployment.ref } : {}),
            ...(typeof installationId === 'number' ? { installationId } : {}),
            ...(protection_text(obj(p.sender).login) ? { sender: obj(p.sender).login } : {})
        }
    };
}
/**
 * The context id a protection-rule button carries: the waiting run, and the environment it waits on
 * when the name fits a context id (`run-<id>.<environment>`; a run can wait on several environments, and
 * GitHub's review names one).
 */
function protectionContextId(runId, environment) {
    return environment && ENVIRONMENT_IN_CONTEXT.test(environment)
        ? `run-${runId}.${environment}`
        : `run-${runId}`;
}
const ENVIRONMENT_IN_CONTEXT = /^[A-Za-z0-9._-]{1,100}$/;
const RUN_CONTEXT = /^run-(\d{1,20})(?:\.([A-Za-z0-9._-]{1,100}))?$/;
/** The run id back from a decoded button's context id, or undefined when it is not a run context. */
function runIdOf(contextId) {
    return RUN_CONTEXT.exec(contextId)?.[1];
}
/** The environment a protection button's context id names, if any. */
function environmentOf(contextId) {
    return RUN_CONTEXT.exec(contextId)?.[2];
}
/**
 * One approve and one reject button for a waiting run, sharing one nonce (the first click wins) and an
 * expiry; bound to the channel they are posted to. Returns the Slack message body for chat.postMessage.
 */
async function protectionMessage(request, options) {
    const nonce = (0,bridge_value/* randomNonce */.Pv)();
    const expires = Math.floor(options.clock() / 1000) + (options.ttlSeconds ?? 3600);
    const value = (choice) => (0,bridge_value/* mintValue */.si)({
        t: options.target,
        c: protectionContextId(request.runId, request.environment),
        ch: options.channel,
        o: choice,
        n: nonce,
        e: expires,
        r: request.runId
    }, options.key);
    const sha = request.sha ? ` at \`${request.sha.slice(0, 12)}\`` : '';
    const summary = `*${request.repository}* run ${request.runId} waits for *${request.environment}*${sha}`;
    return {
        nonce,
        expires,
        body: {
            channel: options.channel,
            text: summary,
            blocks: [
                { type: 'section', text: { type: 'mrkdwn', text: summary } },
                {
                    type: 'actions',
                    elements: [
                        protection_button('Approve', 'approve', await value('approve'), 'primary'),
                        protection_button('Reject', 'reject', await value('reject'), 'danger')
                    ]
                }
            ]
        }
    };
}
function protection_button(label, id, value, style) {
    return { type: 'button', action_id: id, style, text: { type: 'plain_text', text: label }, value };
}
/** GitHub's review callback for a waiting run: `POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule`. */
function reviewRequest(review, apiBase = 'https://api.github.com') {
    if (!protection_REPOSITORY.test(review.repository) || !/^\d{1,20}$/.test(review.runId)) {
        throw new Error('review: repository or run id is malformed');
    }
    return {
        url: `${apiBase.replace(/\/+$/, '')}/repos/${review.repository}/actions/runs/${review.runId}/deployment_protection_rule`,
        body: JSON.stringify({
            environment_name: review.environment,
            state: review.state,
            comment: review.comment.slice(0, 1024)
        })
    };
}
/**
 * Answers the waiting run with the App's installation token (scoped to the one repository). Resolves
 * to the HTTP status; a non-2xx answer throws a one-line error that never holds the token.
 */
async function answerProtectionRule(review, options) {
    const { url, body } = reviewRequest(review, options.apiBase);
    const res = await options.fetch(url, {
        method: 'POST',
        headers: {
            Authorization: `Bearer ${options.token}`,
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            'Content-Type': 'application/json',
            'User-Agent': 'cicdstatemgr-bridge'
        },
        body,
        ...(options.signal ? { signal: options.signal } : {})
    });
    if (res.status < 200 || res.status > 299) {
        const detail = (await res.text().catch(() => '')).replaceAll(options.token, '***');
        throw new Error(`review of run ${review.runId} (${review.repository}) answered HTTP ${res.status}: ${detail.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    return res.status;
}

;// CONCATENATED MODULE: ./src/bridge/interaction.ts
/**
 * One Slack click, end to end: verify → parse the `block_actions` payload → decode the clicked button's
 * value → authorize against the allowlist → claim the button set → dispatch → report through
 * `response_url`. Every outbound call is injected (`dispatch`, `respond`, `groupMembers`), so adapters
 * and tests decide how they happen. A request that fails verification makes no outbound call at all; a
 * verified click that is refused dispatches nothing and gets one ephemeral reply.
 */






const DEFAULT_RESPONSE_URL_PREFIX = 'https://hooks.slack.com/';
/** A claim outlives its button by the signature window, so a replay inside it still loses. */
const CLAIM_MARGIN_SECONDS = 360;
const APPROVAL = /\{\{\s*approval\s*\}\}/;
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
function reject(status, reason, message) {
    return {
        response: { status, headers: TEXT, body: message },
        outcome: { kind: 'rejected', reason }
    };
}
const asMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
const asString = (v) => (typeof v === 'string' ? v : undefined);
/** The parts of a block_actions payload the bridge uses; anything else is refused. */
function parseClick(payloadText, policy) {
    let payload;
    try {
        payload = asMap(JSON.parse(payloadText));
    }
    catch {
        return 'payload is not JSON';
    }
    if (!payload || payload.type !== 'block_actions')
        return 'payload is not a block_actions payload';
    const actions = payload.actions;
    const action = Array.isArray(actions) && actions.length === 1 ? asMap(actions[0]) : undefined;
    const value = asString(action?.value);
    if (!action || action.type !== 'button' || !value)
        return 'payload has no single button action';
    const user = asString(asMap(payload.user)?.id);
    const fromChannel = asString(asMap(payload.channel)?.id);
    const fromContainer = asString(asMap(payload.container)?.channel_id);
    const channel = fromChannel ?? fromContainer;
    const responseUrl = asString(payload.response_url);
    if (!user || !channel || !responseUrl)
        return 'payload lacks user, channel or response_url';
    if (fromChannel && fromContainer && fromChannel !== fromContainer)
        return 'payload channels differ';
    const team = asString(asMap(payload.team)?.id) ?? asString(asMap(payload.user)?.team_id);
    if (policy.slack.teamId && team !== policy.slack.teamId)
        return 'payload is from another team';
    if (policy.slack.apiAppId && payload.api_app_id !== policy.slack.apiAppId) {
        return 'payload is for another app';
    }
    const userMap = asMap(payload.user);
    const userName = asString(userMap?.username) ?? asString(userMap?.name) ?? '';
    return { value, user, userName, channel, responseUrl };
}
/** Verifies and parses; pure apart from Web Crypto, so it fits any acknowledgement budget. */
async function acceptInteraction(request, deps) {
    const verified = await (0,verify/* verifySlackRequest */.F8)(request, {
        signingSecret: deps.signingSecret,
        clock: deps.clock,
        maxBodyBytes: deps.maxBodyBytes
    });
    if (!verified.ok)
        return reject(verified.status, verified.kind, verified.message);
    const click = parseClick(verified.payload, deps.policy);
    if (typeof click === 'string')
        return reject(400, 'bad-payload', click);
    if (!click.responseUrl.startsWith(deps.responseUrlPrefix ?? DEFAULT_RESPONSE_URL_PREFIX)) {
        return reject(400, 'bad-response-url', 'response_url is not a Slack URL');
    }
    return {
        response: { status: 200, headers: TEXT, body: '' },
        work: () => complete(click, deps)
    };
}
/** The whole click inline (platforms that cannot work after responding dispatch before the ack). */
async function handleInteraction(request, deps) {
    const accepted = await acceptInteraction(request, deps);
    const outcome = accepted.work ? await accepted.work() : accepted.outcome;
    if (!accepted.work)
        deps.log?.(`bridge: rejected (${describe(outcome)})`);
    return { ...accepted.response, outcome };
}
function describe(outcome) {
    return 'reason' in outcome ? outcome.reason : outcome.kind;
}
const VALUE_TEXT = {
    expired: 'this button has expired',
    'wrong-channel': 'this button belongs to another channel'
};
async function complete(click, deps) {
    const log = (line) => deps.log?.(redact(line, deps));
    const refuse = async (reason, text) => {
        log(`bridge: refused ${reason} (user ${click.user}, channel ${click.channel})`);
        await reply(click, deps, { response_type: 'ephemeral', replace_original: false, text }, log);
        return { kind: 'refused', reason };
    };
    const decoded = await (0,bridge_value/* decodeValue */.wz)(click.value, {
        keysFor: (t) => deps.policy.targets.get(t)?.keys,
        channel: click.channel,
        clock: deps.clock
    });
    if (!decoded.ok) {
        return refuse(decoded.reason, `🚫 Not allowed: ${VALUE_TEXT[decoded.reason] ?? 'invalid button'}`);
    }
    const b = decoded.claims;
    const approval = await approvalFor(click, b, deps);
    if (approval === null)
        return refuse('approval', '⚠️ Could not sign the approval; nothing was started.');
    const auth = await authorize(deps.policy, {
        target: b.t,
        choice: b.o,
        channel: click.channel,
        user: click.user,
        context: b.c,
        run: b.r,
        ...(approval ? { approval } : {})
    }, deps.groupMembers);
    if (!auth.ok)
        return refuse(auth.reason, `🚫 Not allowed: ${auth.message}`);
    const target = deps.policy.targets.get(b.t);
    const review = target?.kind === 'protection' ? reviewOf(b, target) : undefined;
    if (target?.kind === 'protection' && (!review || !deps.protection)) {
        return refuse('protection', '⚠️ This button cannot be answered here; nothing was sent to GitHub.');
    }
    let claim;
    try {
        claim = await deps.claims.claim(`${b.t}:${b.n}`, JSON.stringify({ u: click.user, o: b.o }), claimTtl(b, deps.clock));
    }
    catch (error) {
        // Fail closed: without a claim nothing is dispatched, and nothing has started, so a retry is safe.
        log(`bridge: claim store failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return refuse('claim-store', '⚠️ Could not record the choice; nothing was started. Try again.');
    }
    if (!claim.won) {
        const text = `Already chosen by ${holderText(claim.holder)}`;
        log(`bridge: already chosen (target ${b.t}, user ${click.user})`);
        await reply(click, deps, { response_type: 'ephemeral', replace_original: false, text }, log);
        return { kind: 'already-chosen', holder: claim.holder };
    }
    if (review && deps.protection)
        return reviewAndReport(click, review, deps.protection, deps, log);
    if (target?.reject.includes(b.o)) {
        // A reject choice: the claim records it (a later click gets "already chosen"); nothing runs.
        log(`bridge: declined ${b.o} for target ${b.t} (user ${click.user})`);
        const text = `❌ *${b.o}* chosen by <@${click.user}> — nothing was started`;
        await reply(click, deps, { replace_original: true, text }, log);
        return { kind: 'declined', choice: b.o };
    }
    return dispatchAndReport(click, b, auth.dispatch, deps, log);
}
/** The review a protection button asks for; the environment must still be one the allowlist lists. */
function reviewOf(b, target) {
    const runId = runIdOf(b.c);
    const environment = environmentOf(b.c) ?? (target.environments.length === 1 ? target.environments[0] : undefined);
    const state = PROTECTION_CHOICES[b.o];
    if (!runId || !environment || !state || !target.environments.includes(environment))
        return undefined;
    return { repository: target.repository, runId, environment, state };
}
/** Answers GitHub's review callback instead of dispatching, then replaces the buttons. */
async function reviewAndReport(click, review, protection, deps, log) {
    const verdict = `${review.state === 'approved' ? '✅ approved' : '❌ rejected'} by <@${click.user}>`;
    const what = `${review.repository} run ${review.runId} (${review.environment})`;
    const who = click.userName ? `${click.userName} (${click.user})` : click.user;
    try {
        await protection.review({ ...review, comment: `${review.state} in Slack by ${who}` });
    }
    catch (error) {
        // The claim stays: GitHub may have recorded it; the run can still be reviewed in GitHub itself.
        log(`bridge: review of ${what} failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
        const text = `⚠️ ${verdict} — GitHub did not take the review; answer it in ${review.repository}'s Actions run ${review.runId}`;
        await reply(click, deps, { replace_original: true, text }, log);
        return { kind: 'unknown' };
    }
    log(`bridge: ${review.state} ${what} (user ${click.user})`);
    await reply(click, deps, { replace_original: true, text: `${verdict} — ${what}` }, log);
    return { kind: 'reviewed', state: review.state, runId: Number(review.runId) };
}
/**
 * The signed approval (`{{approval}}`) for a target whose inputs ask for it, under the target's current
 * key, bound to the clicked button set's nonce; null when it cannot be minted (a malformed field).
 */
async function approvalFor(click, b, deps) {
    const target = deps.policy.targets.get(b.t);
    const key = target?.keys[0];
    if (!target || !key || !Object.values(target.inputs).some((t) => APPROVAL.test(t)))
        return undefined;
    try {
        return await mintApproval({
            target: b.t,
            contextId: b.c,
            choice: b.o,
            // The name is informative; a name the approval format refuses is left out rather than refused.
            user: { id: click.user, name: click.userName.replace(/[\r\n]/g, ' ').slice(0, 128) },
            nonce: b.n,
            ...(b.r ? { run: b.r } : {}),
            clock: deps.clock
        }, key);
    }
    catch (error) {
        deps.log?.(redact(`bridge: approval not minted: ${(0,errors/* errorMessage */.gJ)(error)}`, deps));
        return null;
    }
}
async function dispatchAndReport(click, b, request, deps, log) {
    const chosen = `⏳ *${b.o}* chosen by <@${click.user}>`;
    let result;
    try {
        result = await deps.dispatch(request);
    }
    catch (error) {
        // The claim stays: the run may have started; a second click must not start another.
        log(`bridge: dispatch outcome unknown for ${request.repository}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        const text = `${chosen} — dispatch outcome unknown; check ${request.repository}'s Actions runs`;
        await reply(click, deps, { replace_original: true, text }, log);
        return { kind: 'unknown' };
    }
    const run = result.runUrl
        ? `<${result.runUrl}|run${result.runId ? ` #${result.runId}` : ''}>`
        : `run of ${request.workflow} requested`;
    log(`bridge: dispatched ${request.repository} ${request.workflow} (user ${click.user})`);
    await reply(click, deps, { replace_original: true, text: `${chosen} — ${run}` }, log);
    return result.runId === undefined
        ? { kind: 'dispatched' }
        : { kind: 'dispatched', runId: result.runId };
}
function claimTtl(b, clock) {
    return Math.max(1, b.e - Math.floor(clock() / 1000)) + CLAIM_MARGIN_SECONDS;
}
function holderText(holder) {
    try {
        const h = JSON.parse(holder);
        if (typeof h.u === 'string' && typeof h.o === 'string')
            return `<@${h.u}> (${h.o})`;
    }
    catch {
        // fall through: a holder written by something else
    }
    return 'someone else';
}
/** A failed reply is logged, never thrown: the click's outcome does not depend on it. */
async function reply(click, deps, message, log) {
    try {
        await deps.respond(click.responseUrl, message);
    }
    catch (error) {
        log(`bridge: response_url reply failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/** Removes the signing secret, the webhook secret and every target key from a log line. */
function redact(line, deps) {
    const secrets = [
        deps.signingSecret,
        deps.protection?.webhookSecret ?? '',
        ...(deps.secrets ?? [])
    ];
    for (const t of deps.policy.targets.values())
        for (const k of t.keys)
            secrets.push(k.secret);
    return secrets.filter((s) => s.length > 0).reduce((out, s) => out.split(s).join('***'), line);
}

;// CONCATENATED MODULE: ./src/bridge/webhook.ts
/**
 * GitHub's `deployment_protection_rule` webhook, wired: verify `X-Hub-Signature-256` BEFORE reading the
 * body, keep only action `requested` for a repository and environment a `kind: protection` target of the
 * allowlist lists, and post that target's approve / reject message to its channel. Everything else is
 * answered without an outbound call: 401 when unverified, 202 "ignored: …" for events the bridge does not
 * act on (GitHub shows the reason in the App's delivery log), 400 for a malformed request.
 * Runtime-neutral: Web Crypto and the injected `postMessage`.
 */





const webhook_TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const answer = (status, body, outcome) => ({
    status,
    headers: webhook_TEXT,
    body,
    outcome
});
const ignored = (reason) => answer(202, `ignored: ${reason}`, { kind: 'ignored', reason });
async function handleGithubWebhook(request, deps) {
    const protection = deps.protection;
    if (!protection) {
        return answer(404, 'GitHub webhooks are not configured', {
            kind: 'rejected',
            reason: 'not-configured'
        });
    }
    const max = deps.maxBodyBytes ?? verify/* DEFAULT_MAX_BODY_BYTES */.y_;
    if (request.body.byteLength > max) {
        return answer(413, 'request body too large', { kind: 'rejected', reason: 'too-large' });
    }
    const signature = (0,verify/* header */.wx)(request.headers, 'x-hub-signature-256');
    if (!(await verifyGithubWebhook(request.body, signature, protection.webhookSecret))) {
        return answer(401, 'signature mismatch', { kind: 'rejected', reason: 'signature' });
    }
    const event = (0,verify/* header */.wx)(request.headers, 'x-github-event');
    if (event === 'ping')
        return answer(200, 'pong', { kind: 'ignored', reason: 'ping' });
    if (event !== 'deployment_protection_rule')
        return ignored(`event ${event ?? '(none)'}`);
    let payload;
    try {
        payload = JSON.parse(new TextDecoder().decode(request.body));
    }
    catch {
        return answer(400, 'payload is not JSON', { kind: 'rejected', reason: 'bad-payload' });
    }
    const action = payload?.action;
    if (action !== 'requested')
        return ignored(`action ${String(action)}`);
    const parsed = parseProtectionRule(payload, protection.apiBase);
    if (!parsed.ok) {
        return answer(400, parsed.message, { kind: 'rejected', reason: 'bad-payload' });
    }
    const { repository, environment, runId } = parsed.request;
    const target = protectionTarget(deps.policy, repository, environment);
    const key = target?.keys[0];
    if (!target?.channel || !key) {
        return ignored(`no protection target lists ${repository} environment ${environment}`);
    }
    const message = await protectionMessage(parsed.request, {
        target: target.name,
        channel: target.channel,
        key,
        clock: deps.clock,
        ...(protection.ttlSeconds ? { ttlSeconds: protection.ttlSeconds } : {})
    });
    const what = `${repository} run ${runId} (${environment})`;
    try {
        await protection.postMessage(message.body);
    }
    catch (error) {
        // 502 lets GitHub's delivery log show it; a redelivery posts again (new buttons, new nonce).
        deps.log?.(redact(`bridge: could not post ${what}: ${(0,errors/* errorMessage */.gJ)(error)}`, deps));
        return answer(502, 'could not post to Slack', { kind: 'unknown' });
    }
    deps.log?.(`bridge: protection rule ${what} posted to ${target.channel} (target ${target.name})`);
    return answer(200, 'posted', { kind: 'posted', runId: Number(runId) });
}

;// CONCATENATED MODULE: ./src/bridge/app.ts
/**
 * The bridge as one Hono app, the same on every platform: Node (`@hono/node-server`, node-server.ts),
 * Cloudflare Workers / any fetch runtime, AWS Lambda. It only wires HTTP to the
 * runtime-neutral core (`acceptInteraction`); no `node:` import here, so every adapter can bundle it.
 *
 *   POST /slack/interactivity   Slack's interactivity request → ack, then the click's work
 *   POST /github/webhook        GitHub's deployment_protection_rule → approve/reject message in Slack
 *   GET  /healthz               200 "ok" (load balancers, container health checks)
 *
 * When the click's work runs is the adapter's choice, because platforms differ in what may run after the
 * response (see README.md, "Acknowledging within 3 seconds"):
 * - `inline: true` (Lambda): the whole click runs before the response, under the dispatch's deadline;
 * - otherwise the response is returned at once and the work is handed to `defer` (Workers:
 *   `ctx.waitUntil`); without `defer` the work runs on in the background (a long-lived Node process).
 */






const INTERACTIVITY_PATH = '/slack/interactivity';
const HEALTH_PATH = '/healthz';
const GITHUB_WEBHOOK_PATH = '/github/webhook';
function createBridgeApp(source) {
    const app = new hono_dist/* Hono */.$();
    const depsFor = (c) => typeof source === 'function' ? source(c) : source;
    const maxBytes = typeof source === 'function' ? undefined : source.maxBodyBytes;
    // Refuse oversized bodies before they are read into memory; the core checks the size again.
    const limit = (0,body_limit/* bodyLimit */.k)({
        maxSize: maxBytes ?? verify/* DEFAULT_MAX_BODY_BYTES */.y_,
        onError: (c) => c.text('request body too large', 413)
    });
    app.get(HEALTH_PATH, (c) => c.text('ok'));
    // Answered inline: posting one Slack message fits GitHub's 10-second delivery timeout, and a failure
    // then shows in the App's delivery log (where it can be redelivered).
    app.post(GITHUB_WEBHOOK_PATH, limit, async (c) => {
        const deps = await depsFor(c);
        const body = new Uint8Array(await c.req.arrayBuffer());
        const result = await handleGithubWebhook({ headers: c.req.raw.headers, body }, deps);
        if (result.status >= 400)
            deps.log?.(`bridge: webhook refused (${app_describe(result.outcome)})`);
        deps.onOutcome?.(result.outcome);
        return c.body(result.body, result.status, result.headers);
    });
    app.post(INTERACTIVITY_PATH, limit, async (c) => {
        const deps = await depsFor(c);
        const body = new Uint8Array(await c.req.arrayBuffer());
        const accepted = await acceptInteraction({ headers: c.req.raw.headers, body }, deps);
        if (!accepted.work) {
            deps.log?.(`bridge: rejected (${app_describe(accepted.outcome)})`);
            deps.onOutcome?.(accepted.outcome ?? { kind: 'rejected', reason: 'unknown' });
        }
        else {
            const work = runWork(accepted.work, deps);
            if (deps.inline)
                await work;
            else
                defer(work, c, deps);
        }
        const { status, headers, body: text } = accepted.response;
        return c.body(text, status, headers);
    });
    return app;
}
/** The click's work, never rejecting: its failures are logged (redacted) where no caller waits. */
async function runWork(work, deps) {
    try {
        // Not `onOutcome?.(await work())`: optional chaining would skip the work when no hook is given.
        const outcome = await work();
        deps.onOutcome?.(outcome);
    }
    catch (error) {
        deps.log?.(redact(`bridge: click failed: ${(0,errors/* errorMessage */.gJ)(error)}`, deps));
        deps.onOutcome?.({ kind: 'unknown' });
    }
}
function defer(work, c, deps) {
    if (deps.defer)
        return deps.defer(work, c);
    let waitUntil;
    try {
        // Hono throws when the platform has no execution context (Node, Lambda).
        const ctx = c.executionCtx;
        waitUntil = ctx.waitUntil.bind(ctx);
    }
    catch {
        waitUntil = undefined;
    }
    if (waitUntil)
        waitUntil(work);
    else
        void work;
}
function app_describe(outcome) {
    return outcome && 'reason' in outcome ? outcome.reason : (outcome?.kind ?? 'unknown');
}

;// CONCATENATED MODULE: ./src/bridge/claims.ts
/**
 * In-memory claims: correct only for ONE process (a single Node server). Two replicas, a restarted
 * process or a serverless platform each have their own map, so a second click could win again there.
 */
class MemoryClaimStore {
    clock;
    held = new Map();
    constructor(clock = Date.now) {
        this.clock = clock;
    }
    async claim(key, holder, ttlSeconds) {
        const now = this.clock();
        this.prune(now);
        const current = this.held.get(key);
        if (current)
            return { won: false, holder: current.holder };
        this.held.set(key, { holder, until: now + ttlSeconds * 1000 });
        return { won: true };
    }
    prune(now) {
        for (const [key, entry] of this.held)
            if (entry.until <= now)
                this.held.delete(key);
    }
}
/** Redis claims: `SET key holder EX ttl NX`, atomic across any number of bridge processes. */
class RedisClaimStore {
    client;
    prefix;
    owned;
    constructor(client, prefix = 'cicd-bridge:claim:', owned = false) {
        this.client = client;
        this.prefix = prefix;
        this.owned = owned;
    }
    /** Connects with ioredis, imported only here so the core never loads it on Workers. */
    static async connect(options, prefix) {
        const mod = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(796)]).then(__webpack_require__.t.bind(__webpack_require__, 7796, 23));
        const Redis = mod.Redis ?? mod.default;
        const { url, ...rest } = options;
        const settings = { maxRetriesPerRequest: 1, enableReadyCheck: false, ...rest };
        const client = url ? new Redis(url, settings) : new Redis(settings);
        return new RedisClaimStore(client, prefix, true);
    }
    async claim(key, holder, ttlSeconds) {
        const ttl = Math.max(1, Math.ceil(ttlSeconds));
        const full = this.prefix + key;
        // Two tries: the existing claim may expire between SET and GET, and then the key is free again.
        for (let attempt = 0; attempt < 2; attempt++) {
            if ((await this.client.set(full, holder, 'EX', ttl, 'NX')) === 'OK')
                return { won: true };
            const current = await this.client.get(full);
            if (current !== null)
                return { won: false, holder: current };
        }
        return { won: false, holder: '' };
    }
    async close() {
        if (this.owned)
            await this.client.quit?.();
    }
}

// EXTERNAL MODULE: ./node_modules/@octokit/auth-app/dist-node/index.js + 9 modules
var dist_node = __webpack_require__(6479);
// EXTERNAL MODULE: ./node_modules/@octokit/request/dist-bundle/index.js + 3 modules
var dist_bundle = __webpack_require__(7561);
// EXTERNAL MODULE: ./src/github/client.ts
var github_client = __webpack_require__(6584);
// EXTERNAL MODULE: ./src/github/dispatch.ts
var dispatch = __webpack_require__(8077);
// EXTERNAL MODULE: ./src/github/errors.ts
var github_errors = __webpack_require__(3116);
;// CONCATENATED MODULE: ./src/bridge/github-dispatch.ts
/**
 * The bridge's `dispatch` and `respond` dependencies, on `fetch` only (no `node:` import), so every
 * adapter uses the same code.
 *
 * `dispatch` sends the allowlist's workflow_dispatch with the project's GitHub client and dispatch rule
 * (`src/github/client.ts`, `src/github/dispatch.ts`: sent once, run id captured through
 * `return_run_details`). It authenticates either with a token (a fine-grained token with `actions: write`
 * on the target repositories) or as a GitHub App (`@octokit/auth-app`): per dispatch it asks for an
 * installation token scoped to the ONE target repository with `actions: write` only, so a token the
 * bridge holds can never touch another repository. `@octokit/auth-app` caches those tokens until shortly
 * before they expire; the installation id of each repository is looked up once and kept.
 */







const USER_AGENT = 'cicdstatemgr-bridge';
/** `dispatch(request)` for `InteractionDeps`: one workflow_dispatch, its run id when GitHub gives one. */
function createGithubDispatch(options) {
    const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    const base = dist_bundle/* request */.E.defaults({
        baseUrl: apiUrl,
        headers: { 'user-agent': USER_AGENT },
        ...(options.fetch ? { request: { fetch: options.fetch } } : {})
    });
    const tokenFor = tokensFor(options.auth, base, DISPATCH_PERMISSIONS);
    return async (request) => {
        const repo = splitRepository(request.repository);
        const token = await tokenFor(repo);
        const send = (route, params) => base(route, { ...params, headers: { authorization: `token ${token}` } });
        const client = new github_client.GithubClient(send, {
            token,
            apiUrl,
            // The click waits for this: rate-limit retries are bounded well below Slack's patience.
            maxAttempts: 2,
            maxRetryDelayMs: 5000,
            ...(options.clock ? { clock: options.clock } : {}),
            ...(options.debug ? { debug: options.debug } : {})
        });
        const sent = await (0,dispatch/* sendDispatch */.L)(client, repo, {
            workflow: request.workflow,
            ref: request.ref,
            inputs: request.inputs,
            useDetails: true
        });
        // An ambiguous failure: the run may have started; the caller reports the outcome as unknown.
        if (sent.error)
            throw sent.error;
        return sent.details
            ? { runId: sent.details.workflow_run_id, runUrl: sent.details.html_url }
            : {};
    };
}
const DISPATCH_PERMISSIONS = { actions: 'write' };
/** What GitHub requires to review a custom deployment protection rule. */
const REVIEW_PERMISSIONS = { actions: 'read', deployments: 'write' };
function tokensFor(auth, base, permissions) {
    return 'token' in auth ? staticToken(auth.token) : appTokens(auth, base, permissions);
}
/**
 * `review` for `ProtectionDeps`: answers a waiting run (`answerProtectionRule`) with a token scoped to
 * the ONE repository with `actions: read` and `deployments: write` (as a GitHub App), or the given token.
 */
function createProtectionReview(options) {
    const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    const base = dist_bundle/* request */.E.defaults({
        baseUrl: apiUrl,
        headers: { 'user-agent': USER_AGENT },
        ...(options.fetch ? { request: { fetch: options.fetch } } : {})
    });
    const tokenFor = tokensFor(options.auth, base, REVIEW_PERMISSIONS);
    return async (review) => {
        const token = await tokenFor(splitRepository(review.repository));
        return answerProtectionRule(review, {
            token,
            fetch: options.fetch ?? fetch,
            apiBase: apiUrl,
            signal: AbortSignal.timeout(10_000)
        });
    };
}
function staticToken(token) {
    return () => Promise.resolve(token);
}
/** Installation tokens for one repository with just `permissions`, through `@octokit/auth-app`. */
function appTokens(auth, base, permissions) {
    const appAuth = (0,dist_node/* createAppAuth */.K)({ appId: auth.appId, privateKey: auth.privateKey, request: base });
    const installations = new Map();
    const installationOf = async (repo) => {
        if (auth.installationId !== undefined)
            return auth.installationId;
        const key = `${repo.owner}/${repo.repo}`;
        const known = installations.get(key);
        if (known !== undefined)
            return known;
        const { token: jwt } = await appAuth({ type: 'app' });
        const res = await base('GET /repos/{owner}/{repo}/installation', {
            ...repo,
            headers: { authorization: `bearer ${jwt}` }
        }).catch((error) => {
            throw asApiError(error, `the GitHub App is not installed on ${key} (or cannot see it)`);
        });
        installations.set(key, res.data.id);
        return res.data.id;
    };
    return async (repo) => {
        const installationId = await installationOf(repo);
        try {
            const { token } = await appAuth({
                type: 'installation',
                installationId,
                repositoryNames: [repo.repo],
                permissions
            });
            return token;
        }
        catch (error) {
            const wanted = Object.entries(permissions)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', ');
            throw asApiError(error, `no installation token for ${repo.owner}/${repo.repo} with ${wanted} — does the App have that permission there?`);
        }
    };
}
/** Octokit's RequestError as a one-line GithubApiError (never its headers, which hold the JWT). */
function asApiError(error, what) {
    const status = error.status;
    const code = typeof status === 'number' ? status : 0;
    return new github_errors/* GithubApiError */.A(`${what} (${code ? `HTTP ${code}` : 'no answer'})`, code);
}
function splitRepository(repository) {
    const [owner, repo, ...rest] = repository.split('/');
    if (!owner || !repo || rest.length) {
        throw new github_errors/* GithubApiError */.A(`repository '${repository}' is not owner/name`, 0);
    }
    return { owner, repo };
}
/** `respond` for `InteractionDeps`: POSTs Slack's JSON message to the click's `response_url`. */
function createSlackResponder(options = {}) {
    const doFetch = options.fetch ?? fetch;
    return async (responseUrl, reply) => {
        const res = await doFetch(responseUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: JSON.stringify(reply),
            signal: AbortSignal.timeout(options.timeoutMs ?? 5000)
        });
        // Slack answers 200 "ok"; the body is read so the connection is released.
        await res.text();
        if (!res.ok)
            throw new errors/* CicdError */.SU(`response_url answered HTTP ${res.status}`);
    };
}

;// CONCATENATED MODULE: ./src/bridge/slack-post.ts
/**
 * `postMessage` for the protection-rule wiring: Slack's `chat.postMessage` with the bot token (scope
 * `chat:write`). On `fetch` only (no `node:` import). Slack answers HTTP 200 with `ok: false` on most
 * failures, so both are checked; the error names Slack's error code, never the token.
 */

function createSlackPoster(options) {
    const apiUrl = (options.apiUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
    const doFetch = options.fetch ?? fetch;
    return async (message) => {
        const res = await doFetch(`${apiUrl}/chat.postMessage`, {
            method: 'POST',
            headers: {
                authorization: `Bearer ${options.token}`,
                'content-type': 'application/json; charset=utf-8'
            },
            body: JSON.stringify(message),
            signal: AbortSignal.timeout(options.timeoutMs ?? 5000)
        });
        const body = (await res.json().catch(() => ({})));
        if (!res.ok || body.ok !== true) {
            throw new errors/* CicdError */.SU(`chat.postMessage: ${body.error ?? `HTTP ${res.status}`}`);
        }
    };
}

;// CONCATENATED MODULE: ./src/bridge/node-server.ts
/**
 * The bridge as a Node HTTP server (`@hono/node-server` around the Hono app): the `cicdstatemgr bridge
 * serve` command, the `dist/bridge/node` bundle and the container image all start it here.
 *
 * Configuration: the allowlist file (`--config`, default `$BRIDGE_CONFIG`) and secrets from the
 * environment only — never from flags, which show in `ps`:
 *   SLACK_SIGNING_SECRET                       required
 *   GITHUB_TOKEN                               a fine-grained token with `actions: write`, or
 *   GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY     a GitHub App (optional GITHUB_APP_INSTALLATION_ID)
 *   GITHUB_API_URL                             default https://api.github.com
 *   REDIS_URL                                  claims in Redis (any number of servers); else in memory,
 *                                              correct for ONE server process only
 *   SLACK_BOT_TOKEN                            for `allowedUserGroups` (usergroups:read); optional;
 *                                              with GITHUB_WEBHOOK_SECRET also chat:write
 *   GITHUB_WEBHOOK_SECRET                      the GitHub App's webhook secret: enables
 *                                              POST /github/webhook (`kind: protection` targets)
 *   BRIDGE_RESPONSE_URL_PREFIX                 default https://hooks.slack.com/ (tests: loopback)
 *
 * On SIGTERM/SIGINT it stops accepting connections, lets the clicks already acknowledged finish their
 * dispatch and reply, closes the claim store and exits 0.
 */












const BRIDGE_HELP = `usage: cicdstatemgr bridge serve [--config PATH] [--port N] [--host ADDR]

Serves Slack's interactivity requests (POST /slack/interactivity) and turns allowed clicks into
workflow_dispatch runs; with GITHUB_WEBHOOK_SECRET, POST /github/webhook posts approve/reject buttons
for GitHub deployment protection rules and answers them; GET /healthz answers "ok".

  --config PATH   the bridge allowlist (env BRIDGE_CONFIG)
  --port N        port to listen on (env PORT; default 8080; 0 picks a free one)
  --host ADDR     address to listen on (default 0.0.0.0)

secrets, from the environment only: SLACK_SIGNING_SECRET; GITHUB_TOKEN, or GITHUB_APP_ID and
GITHUB_APP_PRIVATE_KEY (optional GITHUB_APP_INSTALLATION_ID); REDIS_URL for claims shared by several
servers (without it, claims are in memory: run only ONE server); SLACK_BOT_TOKEN (usergroups:read)
when the allowlist names allowedUserGroups; GITHUB_WEBHOOK_SECRET and SLACK_BOT_TOKEN (chat:write)
when it has kind: protection targets.
`;
/** `bridge serve …` (the CLI's `bridge` subcommand, the node bundle): runs until SIGTERM/SIGINT. */
async function runBridgeCli(argv, io) {
    const log = (line) => io.stderr(`${line}\n`);
    try {
        const [command, ...rest] = argv;
        if (command === '--help' || command === '-h' || command === undefined) {
            io.stdout(BRIDGE_HELP);
            return command === undefined ? 2 : 0;
        }
        if (command !== 'serve') {
            throw new errors/* UsageError */.eb(`bridge: unknown command '${command}' (expected: serve)`);
        }
        const options = parseServeArgs(rest, io);
        if (!options)
            return (io.stdout(BRIDGE_HELP), 0);
        const running = await startBridge(options, io.env, log);
        await untilSignal();
        log('bridge: shutting down');
        await running.close();
        return 0;
    }
    catch (error) {
        log(`bridge: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return error instanceof errors/* UsageError */.eb ? 2 : 1;
    }
}
function parseServeArgs(argv, io) {
    let values;
    try {
        ;
        ({ values } = (0,external_node_util_.parseArgs)({
            args: [...argv],
            options: {
                config: { type: 'string' },
                port: { type: 'string' },
                host: { type: 'string', default: '0.0.0.0' },
                help: { type: 'boolean', short: 'h', default: false }
            },
            strict: true,
            allowPositionals: false
        }));
    }
    catch (error) {
        throw new errors/* UsageError */.eb(`bridge serve: ${error.message.split('\n')[0]}`);
    }
    if (values.help)
        return undefined;
    const config = values.config ?? nonEmpty(io.env.BRIDGE_CONFIG);
    if (!config)
        throw new errors/* UsageError */.eb('bridge serve: --config PATH (or BRIDGE_CONFIG) is required');
    const portText = values.port ?? nonEmpty(io.env.PORT) ?? '8080';
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) {
        throw new errors/* UsageError */.eb(`bridge serve: --port '${portText}' is not a port number`);
    }
    return { configPath: (0,external_node_path_.resolve)(io.cwd, config), port, host: values.host };
}
/** Loads the allowlist and secrets, connects the claim store and listens. */
async function startBridge(options, env, log, 
/** Overrides (tests, the benchmark): given the deps built from the environment. */
change = () => ({})) {
    const deps = await bridgeDepsFromEnv(options.configPath, env, log);
    const pending = new Set();
    const app = createBridgeApp({
        ...deps,
        // A long-lived process: the work runs on after the ack; tracked so a shutdown waits for it.
        defer: (work) => {
            pending.add(work);
            void work.finally(() => pending.delete(work));
        },
        ...change(deps)
    });
    let server;
    const address = await new Promise((done, fail) => {
        server = (0,dist/* serve */.wX)({ fetch: app.fetch, port: options.port, hostname: options.host }, done);
        server.once('error', fail);
    });
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    log(`bridge: listening on ${url}`);
    return {
        url,
        close: async () => {
            await new Promise((done) => server.close(() => done()));
            await Promise.allSettled([...pending]);
            await deps.claims.close?.();
        }
    };
}
/** Everything the app needs, from the allowlist file and the environment. */
async function bridgeDepsFromEnv(configPath, env, log) {
    const signingSecret = nonEmpty(env.SLACK_SIGNING_SECRET);
    if (!signingSecret)
        throw new errors/* ConfigError */.xL('SLACK_SIGNING_SECRET is not set');
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(configPath, 'utf8');
    }
    catch (error) {
        throw new errors/* ConfigError */.xL(`${configPath}: ${error.code ?? 'unreadable'}`);
    }
    const policy = loadPolicy(text, configPath, env);
    const auth = githubAuthFromEnv(env);
    const secrets = 'token' in auth ? [auth.token] : [auth.privateKey];
    const redisUrl = nonEmpty(env.REDIS_URL);
    if (redisUrl)
        secrets.push(redisUrl);
    const apiUrl = nonEmpty(env.GITHUB_API_URL);
    const prefix = nonEmpty(env.BRIDGE_RESPONSE_URL_PREFIX);
    const botToken = nonEmpty(env.SLACK_BOT_TOKEN);
    if (botToken)
        secrets.push(botToken);
    const slackApi = nonEmpty(env.SLACK_API_URL);
    // Before the claim store connects, so a configuration error leaves no connection open.
    const protection = protectionDeps(policy, env, auth, { apiUrl, slackApi, botToken });
    if (protection)
        secrets.push(protection.webhookSecret);
    const claims = await claimStore(redisUrl, log);
    return {
        signingSecret,
        policy,
        claims,
        clock: Date.now,
        dispatch: createGithubDispatch({ auth, ...(apiUrl ? { apiUrl } : {}) }),
        respond: createSlackResponder(),
        log,
        secrets,
        ...(prefix ? { responseUrlPrefix: prefix } : {}),
        ...(protection ? { protection } : {}),
        ...(botToken
            ? {
                groupMembers: slack_groups_createSlackGroupLookup({
                    token: botToken,
                    ...(slackApi ? { apiUrl: slackApi } : {})
                })
            }
            : {})
    };
}
/** The deployment-protection wiring, when GITHUB_WEBHOOK_SECRET is set (required by protection targets). */
function protectionDeps(policy, env, auth, urls) {
    const webhookSecret = nonEmpty(env.GITHUB_WEBHOOK_SECRET);
    const wanted = [...policy.targets.values()].some((t) => t.kind === 'protection');
    if (!webhookSecret) {
        if (wanted)
            throw new errors/* ConfigError */.xL('the allowlist has kind: protection targets; set GITHUB_WEBHOOK_SECRET');
        return undefined;
    }
    if (!urls.botToken) {
        throw new errors/* ConfigError */.xL('GITHUB_WEBHOOK_SECRET needs SLACK_BOT_TOKEN (chat:write) to post the buttons');
    }
    return {
        webhookSecret,
        postMessage: createSlackPoster({
            token: urls.botToken,
            ...(urls.slackApi ? { apiUrl: urls.slackApi } : {})
        }),
        review: createProtectionReview({ auth, ...(urls.apiUrl ? { apiUrl: urls.apiUrl } : {}) }),
        ...(urls.apiUrl ? { apiBase: urls.apiUrl } : {})
    };
}
async function claimStore(redisUrl, log) {
    if (redisUrl) {
        log('bridge: claims in Redis (REDIS_URL)');
        return RedisClaimStore.connect({ url: redisUrl });
    }
    log('bridge: warning: REDIS_URL is not set; claims are kept in memory, so run only ONE bridge server (a second one, or a restart, could let a second click dispatch again)');
    return new MemoryClaimStore();
}
function untilSignal() {
    return new Promise((done) => {
        const stop = () => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            done();
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
    });
}


/***/ }),

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

/***/ 8077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ sendDispatch),
/* harmony export */   b: () => (/* binding */ runDetailsRefusedBy)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3116);

/**
 * API hosts that refused `return_run_details`: later dispatches in this process go without it straight
 * away.
 */
const noRunDetails = new Set();
function runDetailsRefusedBy(apiUrl) {
    return noRunDetails.has(apiUrl);
}
/** The one dispatch (plus the resend a refused `return_run_details` calls for). */
async function sendDispatch(client, repo, args) {
    const request = (details) => client.dispatchWorkflow(repo, {
        workflow: /^\d+$/.test(args.workflow) ? Number(args.workflow) : args.workflow,
        ref: args.ref,
        ...(Object.keys(args.inputs).length ? { inputs: args.inputs } : {}),
        returnRunDetails: details
    });
    try {
        try {
            const res = await request(args.useDetails);
            return res.details
                ? { status: res.status, details: { ...res.details } }
                : { status: res.status };
        }
        catch (error) {
            if (!(args.useDetails && refusedDetails(error)))
                throw error;
            // Not acted on: GHES ≤ 3.20 rejects the unknown field before dispatching.
            noRunDetails.add(client.apiUrl);
            return { status: (await request(false)).status };
        }
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A && (error.status === 0 || error.status >= 500)) {
            return { status: error.status, error };
        }
        throw withHint(error, repo, args.workflow);
    }
}
/** The usual causes of a 403/404, named (GitHub answers 404 for what the token may not see). */
function withHint(error, repoRef, workflow) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A))
        return error;
    const repo = `${repoRef.owner}/${repoRef.repo}`;
    const hint = error.status === 404
        ? ` — is there a workflow ${workflow} in ${repo}, and can the token see the repository?`
        : error.status === 403 && error.retryAfterMs === undefined
            ? ` — the token needs 'actions: write' on ${repo}`
            : '';
    return hint
        ? new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A(`${error.message}${hint}`, error.status, error.retryAfterMs)
        : error;
}
function refusedDetails(error) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubApiError */ .A))
        return false;
    return error.status === 400 || (error.status === 422 && /return_run_details/.test(error.message));
}


/***/ })

};
;