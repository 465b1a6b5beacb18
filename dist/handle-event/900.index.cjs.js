"use strict";
exports.id = 900;
exports.ids = [900];
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

/***/ 1900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TAIL_CHARS: () => (/* binding */ TAIL_CHARS),
  checkLiteralShellBlocks: () => (/* binding */ checkLiteralShellBlocks),
  shellHandler: () => (/* binding */ shellHandler)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/config.ts + 1 modules
var config = __webpack_require__(7027);
// EXTERNAL MODULE: ./src/core/logger.ts
var logger = __webpack_require__(1227);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
// EXTERNAL MODULE: ./src/handlers/capture.ts
var capture = __webpack_require__(3927);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/handlers/shell-process.ts

/** Characters of one output line held before it is logged anyway. */
const MAX_LINE = 16_384;
/** After SIGTERM, how long the group has before SIGKILL. */
const KILL_GRACE_MS = 3000;
/** After the command exits, how long leftover processes holding its output may keep it open. */
const CLOSE_GRACE_MS = 1000;
/**
 * Runs a command in its own process group (detached), so a timeout — and the end of the command — can
 * signal everything it started (`kill(-pid)`): a grandchild that outlives the timeout would keep running
 * with the job's secrets and hold the output pipes open. No shell parses anything here: `args` go to
 * the program as they are.
 */
function runProcess(spec) {
    const keep = spec.keep ?? 65_536;
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(spec.command, spec.args, {
            cwd: spec.cwd,
            env: spec.env,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let tail = '';
        let timedOut = false;
        const partial = { stdout: '', stderr: '' };
        const take = (stream, chunk) => {
            tail = (tail + chunk).slice(-keep);
            const lines = (partial[stream] + chunk).split('\n');
            partial[stream] = lines.pop() ?? '';
            for (const line of lines)
                spec.onLine(line.replace(/\r$/, ''));
            // Output without line ends (progress bars) is logged in pieces rather than held in memory.
            if (partial[stream].length > MAX_LINE) {
                spec.onLine(partial[stream]);
                partial[stream] = '';
            }
        };
        child.stdout.setEncoding('utf8').on('data', (c) => take('stdout', c));
        child.stderr.setEncoding('utf8').on('data', (c) => take('stderr', c));
        const group = (signal) => {
            try {
                if (child.pid)
                    process.kill(-child.pid, signal);
            }
            catch {
                // The group is already gone.
            }
        };
        let killTimer;
        const timer = setTimeout(() => {
            timedOut = true;
            group('SIGTERM');
            killTimer = setTimeout(() => group('SIGKILL'), KILL_GRACE_MS);
        }, spec.timeoutMs);
        let closeTimer;
        let exit;
        let settled = false;
        const finish = () => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(killTimer);
            clearTimeout(closeTimer);
            // Whatever the command left running in its group does not outlive the handler.
            group('SIGKILL');
            for (const stream of ['stdout', 'stderr']) {
                if (partial[stream])
                    spec.onLine(partial[stream]);
                partial[stream] = '';
            }
            child.stdout.destroy();
            child.stderr.destroy();
            resolve({
                exitCode: exit?.code ?? null,
                signal: exit?.signal ?? null,
                timedOut,
                tail,
                ...(child.pid ? { pid: child.pid } : {})
            });
        };
        child.on('error', (error) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            reject(error);
        });
        child.on('exit', (code, signal) => {
            exit = { code, signal };
            closeTimer = setTimeout(finish, CLOSE_GRACE_MS);
        });
        child.on('close', (code, signal) => {
            exit ??= { code, signal };
            finish();
        });
    });
}

;// CONCATENATED MODULE: ./src/handlers/shell.ts







/** Without `timeout`, a command is stopped after an hour: every step of the project is bounded. */
const DEFAULT_TIMEOUT_SECONDS = 3600;
/** Characters of output stored in the context (`state.shell.<block>.outputTail`) and shown in comments. */
const TAIL_CHARS = 4000;
const SHELLS = {
    // GitHub's own `shell: bash` and `shell: sh` command lines.
    bash: (script) => ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script]],
    sh: (script) => ['sh', ['-e', '-c', script]]
};
const LITERAL_KEYS = ['run', 'shell', 'working-directory'];
const TEMPLATE_MARKER = /\{\{|\{%|\{#/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * `shell`: runs `run` with bash (default) or sh. `run`, `shell` and `working-directory` are literal: the
 * command text is never rendered, so nothing from an event payload or the context can become shell
 * syntax; templated values reach the command only as environment variables (`env`, each value rendered),
 * which the shell expands as data. Output is streamed to the log line by line, each line prefixed (so a
 * line of output can never start with `::` or `##[` and issue a workflow command), secrets masked.
 * Captures `state.shell.<block>` (exitCode, durationMs, timedOut, outputTail) and the block's
 * `capture-response-data` over that body. A non-zero exit or a timeout is a failed outcome.
 */
const shellHandler = {
    kind: 'shell',
    singleBlockKey: 'run',
    contextKey: 'shell',
    async run(block, name, templateContext, ctx) {
        const where = `shell '${name}'`;
        checkLiteral(block, where);
        const spec = readSpec(block, where, ctx.config.cwd ?? process.cwd());
        const env = await renderEnv(block, templateContext, ctx, where);
        const base = { handler: 'shell', block: name, onError: 'fail' };
        if (ctx.dryRun) {
            return {
                ...base,
                status: 'dry-run',
                request: { method: 'RUN', url: spec.shell, headers: {}, body: spec.run }
            };
        }
        const mask = masker(ctx);
        const prefix = `${name} | `;
        const started = Date.now();
        const [command, args] = SHELLS[spec.shell](spec.run);
        const result = await runProcess({
            command,
            args,
            cwd: spec.cwd,
            env: childEnv(env),
            timeoutMs: spec.timeoutSeconds * 1000,
            onLine: (line) => ctx.logger.info(prefix + mask(line))
        }).catch((error) => {
            throw new errors/* ConfigError */.xL(`${where}: cannot start ${spec.shell}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        });
        const durationMs = Date.now() - started;
        const outputTail = mask(result.tail).slice(-TAIL_CHARS);
        const body = {
            exitCode: result.exitCode,
            durationMs,
            timedOut: result.timedOut,
            outputTail
        };
        ctx.work.set(`state.shell.${safePart(name)}`, body);
        const captured = {
            [`state.shell.${safePart(name)}`]: body,
            ...(await (0,capture/* captureResponse */.i)(ctx, 'shell', block, body))
        };
        const outcome = { ...base, captured, log: outputTail, durationMs };
        if (result.exitCode === 0 && !result.timedOut)
            return { ...outcome, status: 'ok' };
        const reason = result.timedOut
            ? `timed out after ${spec.timeoutSeconds} s (process group killed)`
            : result.exitCode === null
                ? `killed by ${result.signal ?? 'a signal'}`
                : `exit code ${result.exitCode}`;
        return { ...outcome, status: 'failed', reason };
    }
};
/** `base`: the run's working directory (the actions' `working-directory` input, the CLI's cwd). */
function readSpec(block, where, base) {
    if (typeof block.run !== 'string' || !block.run.trim()) {
        throw new errors/* ConfigError */.xL(`${where}: 'run' must be a non-empty string`);
    }
    const shell = block.shell === undefined || block.shell === null ? 'bash' : String(block.shell);
    if (!Object.hasOwn(SHELLS, shell)) {
        throw new errors/* ConfigError */.xL(`${where}: shell '${shell}' is not supported (bash, sh)`);
    }
    const timeout = block.timeout ?? DEFAULT_TIMEOUT_SECONDS;
    const timeoutSeconds = Number(timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
        throw new errors/* ConfigError */.xL(`${where}: timeout must be a positive number of seconds`);
    }
    const dir = block['working-directory'];
    return {
        run: block.run,
        shell,
        cwd: dir === undefined || dir === null ? base : (0,external_node_path_.resolve)(base, String(dir)),
        timeoutSeconds
    };
}
function checkLiteral(block, where) {
    for (const key of LITERAL_KEYS) {
        const value = block[key];
        if (typeof value === 'string' && TEMPLATE_MARKER.test(value)) {
            throw new errors/* ConfigError */.xL(`${where}: '${key}' must be literal text (it holds a template marker); pass templated values through 'env' and use "$NAME" in the command`);
        }
    }
}
/** Every `shell` block of a handlers mapping checked before anything runs (a github-events entry). */
function checkLiteralShellBlocks(handlers, where) {
    const config = handlers.shell;
    if (!(0,types/* isJsonObject */.O)(config))
        return;
    if (Object.hasOwn(config, 'run'))
        return checkLiteral(config, `${where} shell 'default'`);
    for (const [name, block] of Object.entries(config)) {
        if ((0,types/* isJsonObject */.O)(block))
            checkLiteral(block, `${where} shell '${name}'`);
    }
}
async function renderEnv(block, templateContext, ctx, where) {
    const env = block.env;
    if (env === undefined || env === null)
        return {};
    if (!(0,types/* isJsonObject */.O)(env))
        throw new errors/* ConfigError */.xL(`${where}: 'env' must be a mapping`);
    const out = {};
    for (const [key, value] of Object.entries(env)) {
        if (!ENV_NAME.test(key))
            throw new errors/* ConfigError */.xL(`${where}: env name '${key}' is not valid`);
        out[key] = await ctx.render(shell_text(value), templateContext, `${where}.env.${key}`);
    }
    return out;
}
function shell_text(value) {
    if (value === null)
        return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
/**
 * The runner's environment without the action's own inputs (INPUT_SECRETS may hold the secrets YAML,
 * INPUT_GITHUB-TOKEN the token: a `run:` step does not see them either), plus the block's env.
 */
function childEnv(env) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_')));
    return { ...inherited, ...env };
}
/** The logger's registered secrets plus every secrets.yaml value and the token, for stored text. */
function masker(ctx) {
    const own = new logger/* SecretMasker */.M2();
    (0,config/* collectStrings */.D)(ctx.config.secrets).forEach((s) => own.add(s));
    if (ctx.github?.token)
        own.add(ctx.github.token);
    return (text) => {
        const masked = own.mask(text);
        return ctx.logger.mask ? ctx.logger.mask(masked) : masked;
    };
}
function safePart(text) {
    return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_';
}


/***/ })

};
;