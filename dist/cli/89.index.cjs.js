"use strict";
exports.id = 89;
exports.ids = [89];
exports.modules = {

/***/ 4089:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readGithubEvent: () => (/* binding */ readGithubEvent)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3054);




/**
 * The event of `--handle-github-event` / `event: github`: `--event-name` / `--event-file`, defaulting to
 * the runner's GITHUB_EVENT_NAME / GITHUB_EVENT_PATH.
 */
function readGithubEvent(given, env, cwd) {
    const name = (given.name ?? env.GITHUB_EVENT_NAME ?? '').trim();
    const file = (given.file ?? env.GITHUB_EVENT_PATH ?? '').trim();
    if (!name)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('no GitHub event name: give --event-name NAME or set GITHUB_EVENT_NAME');
    if (!/^[a-z_]+$/.test(name))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`GitHub event name '${name.slice(0, 80)}' is not an event name`);
    if (!file)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('no GitHub event payload: give --event-file FILE or set GITHUB_EVENT_PATH');
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(file) ? file : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, file);
    let parsed;
    try {
        parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`event file ${file}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`, file);
    }
    if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_3__/* .isJsonObject */ .O)(parsed))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`event file ${file}: not a JSON object`, file);
    return { name, payload: parsed, path };
}


/***/ })

};
;