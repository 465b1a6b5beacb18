"use strict";
exports.id = 901;
exports.ids = [901];
exports.modules = {

/***/ 1901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UNTRUSTED_EVENTS: () => (/* binding */ UNTRUSTED_EVENTS),
/* harmony export */   checkTrustedConfig: () => (/* binding */ checkTrustedConfig)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3054);




/**
 * Events that run with the base repository's secrets on text someone else controls: the handler file
 * must be the default branch's, never the pull request's.
 */
const UNTRUSTED_EVENTS = new Set([
    'pull_request_target',
    'issue_comment',
    'workflow_run'
]);
/**
 * The rule, enforced inside GitHub Actions (GITHUB_ACTIONS=true) for UNTRUSTED_EVENTS:
 * 1. the run is on the default branch: GITHUB_REF = refs/heads/<repository.default_branch>;
 * 2. each directory holding the handler file (and its bases) is a git checkout whose HEAD is GITHUB_SHA
 *    (the default branch commit the event runs on), with no modified or untracked file under it.
 * A workflow that checks out the pull request's head, or copies its files over the config, is refused.
 * Outside Actions (the CLI on a laptop against an event file) nothing is checked: the user chose the file.
 */
function checkTrustedConfig(input) {
    const { eventName, payload, env } = input;
    if (env.GITHUB_ACTIONS !== 'true' || !UNTRUSTED_EVENTS.has(eventName))
        return;
    const repository = (0,_core_types_js__WEBPACK_IMPORTED_MODULE_3__/* .isJsonObject */ .O)(payload.repository) ? payload.repository : {};
    const branch = typeof repository.default_branch === 'string' ? repository.default_branch : '';
    const ref = env.GITHUB_REF ?? '';
    if (!branch || ref !== `refs/heads/${branch}`) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .TrustError */ .Ru(`${eventName}: refusing to run handlers: GITHUB_REF '${ref}' is not the default branch '${branch || '?'}' (the handler file of this event must come from the default branch)`);
    }
    const sha = env.GITHUB_SHA ?? '';
    const dirs = new Set(input.files.map((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(f) ? f : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(input.cwd, f))));
    for (const dir of dirs)
        checkCheckout(dir, sha, eventName);
}
function checkCheckout(dir, sha, eventName) {
    const git = (...args) => {
        try {
            return (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('git', ['-C', dir, ...args], {
                encoding: 'utf8',
                stdio: ['ignore', 'pipe', 'ignore'],
                timeout: 30_000
            }).trim();
        }
        catch {
            return undefined;
        }
    };
    const head = git('rev-parse', 'HEAD');
    if (head === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .TrustError */ .Ru(`${eventName}: refusing to run handlers: ${dir} is not a git checkout, so the handler file cannot be shown to come from the default branch`);
    }
    if (head !== sha) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .TrustError */ .Ru(`${eventName}: refusing to run handlers: the checkout at ${dir} is at ${head.slice(0, 12)}, not GITHUB_SHA ${sha.slice(0, 12) || '(unset)'} (check out the default branch, never the pull request, for the handler file)`);
    }
    const changed = git('status', '--porcelain', '--untracked-files=all', '--', '.');
    if (changed === undefined || changed !== '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .TrustError */ .Ru(`${eventName}: refusing to run handlers: files under ${dir} differ from the default branch commit`);
    }
}


/***/ })

};
;