"use strict";
exports.id = 752;
exports.ids = [752];
exports.modules = {

/***/ 7752:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   setValuesHandler: () => (/* binding */ setValuesHandler)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3054);
/* harmony import */ var _core_working_document_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3048);



/** `set-values`: each `{from, to}` — `from` rendered and stripped; when non-blank, stored at rendered `to`. */
const setValuesHandler = {
    kind: 'set-values',
    singleBlockKey: 'set',
    contextKey: 'set-values',
    async run(block, name, templateContext, ctx) {
        const items = block.set;
        const where = `set-values '${name}'`;
        if (!Array.isArray(items))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: 'set' must be a list of {from, to}`);
        const captured = {};
        for (const [i, item] of items.entries()) {
            if (!(0,_core_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isJsonObject */ .O)(item) || item.from === undefined || typeof item.to !== 'string') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${where}: set[${i}] needs 'from' and 'to'`);
            }
            const value = (await ctx.render(String(item.from), templateContext, `${where} set[${i}].from`)).trim();
            if (!value)
                continue;
            const to = (await ctx.render(item.to, templateContext, `${where} set[${i}].to`)).trim();
            // A dry run refuses the paths the real run would refuse.
            if (ctx.dryRun)
                (0,_core_working_document_js__WEBPACK_IMPORTED_MODULE_1__/* .checkSettablePath */ .KI)(to);
            else
                ctx.work.set(to, value);
            captured[to] = value;
        }
        return {
            handler: 'set-values',
            block: name,
            status: ctx.dryRun ? 'dry-run' : 'ok',
            onError: 'fail',
            captured
        };
    }
};


/***/ })

};
;