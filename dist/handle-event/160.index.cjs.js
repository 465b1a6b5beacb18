"use strict";
exports.id = 160;
exports.ids = [160];
exports.modules = {

/***/ 2160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  isPlainText: () => (/* reexport */ plain/* isPlainText */.K),
  renderPlainText: () => (/* reexport */ plain/* renderPlainText */.Q),
  renderTemplate: () => (/* binding */ renderTemplate)
});

// EXTERNAL MODULE: ./node_modules/nunjucks/index.js
var nunjucks = __webpack_require__(8115);
var nunjucks_default = /*#__PURE__*/__webpack_require__.n(nunjucks);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/core/templating/nunjucks-internals.ts

const internals = (nunjucks_default());
function isNode(value) {
    return value instanceof internals.nodes.Node;
}
function isSafeString(value) {
    return value instanceof internals.runtime.SafeString;
}
/** A compile-time error at `node`, with the 1-based line nunjucks' own parse errors use. */
function nodeError(node, message) {
    return new internals.lib.TemplateError(message, node.lineno + 1, node.colno + 1);
}

;// CONCATENATED MODULE: ./src/core/templating/budget.ts


/**
 * Per-render limits. `range()` alone is capped per call (MAX_RANGE), which does not stop loops nested
 * in loops, recursive macros, or a loop calling a method that walks a big list: two nested loops over
 * `range(100000)` ran for minutes at 1 GB. So every render gets one budget of steps — a loop iteration,
 * a call (macro, function, method, filter), an item a call hands back, an item a filter or `in` walks —
 * and a cap on the text it builds. Renders are synchronous, so the budget is plain module state, saved
 * and restored around each render (a render inside a render gets its own).
 */
/**
 * Steps per render. Real templates (payloads, messages, choice lists) take hundreds to a few thousand;
 * a million is far beyond them and still ends a runaway template within one to two seconds (measured:
 * a loop iteration costs about 1.3 µs, a macro call about 2 µs).
 */
const MAX_STEPS = 1_000_000;
/**
 * Characters in the output, and in any one string a template builds with `~` or a macro. Slack
 * messages are capped at 40,000 characters and HTTP payloads and stored values are far smaller than
 * this; 4 MiB stops a template from filling memory while leaving room for large JSON payloads.
 */
const MAX_TEXT = 4 * 1024 * 1024;
/** Calls nested inside calls (in practice: a macro calling itself). Jinja2 templates rarely exceed a few. */
const MAX_CALL_DEPTH = 100;
/** A long string costs one step per this many characters when a call returns or a filter reads it. */
const CHARS_PER_STEP = 256;
let current;
/** Runs one render under a fresh budget. */
function withRenderBudget(render) {
    const outer = current;
    current = { steps: 0, depth: 0 };
    try {
        return render();
    }
    finally {
        current = outer;
    }
}
function step(count) {
    if (current && (current.steps += count) > MAX_STEPS) {
        throw new errors/* TemplateError */.$w(`the template ran more than ${MAX_STEPS} steps (loop iterations, calls and the items they ` +
            'walk) in one render');
    }
}
function checkText(length, what) {
    if (length > MAX_TEXT) {
        throw new errors/* TemplateError */.$w(`${what} is longer than ${MAX_TEXT} characters`);
    }
}
/** What walking or handing back `value` costs. */
function sizeOf(value) {
    if (Array.isArray(value))
        return value.length;
    if (typeof value === 'string')
        return Math.floor(value.length / CHARS_PER_STEP);
    if (isSafeString(value))
        return Math.floor(String(value).length / CHARS_PER_STEP);
    if (typeof value === 'object' && value !== null)
        return Object.keys(value).length;
    return 0;
}
/** Runtime helpers the compiler patches emit (compiler-patches.ts). */
const BUDGET_HELPERS = {
    /** Once per loop iteration. */
    step: 'cicdStep',
    /** After each append to an output buffer, with its length. */
    output: 'cicdOutput',
    /** Around each `~` concatenation, with its result. */
    text: 'cicdText'
};
/**
 * Installs the runtime half: the helpers the generated code calls, and counting wrappers around calls
 * and `in`. Must run after installSandbox, whose callWrap and inOperator it wraps.
 */
function installBudget() {
    const runtime = internals.runtime;
    runtime[BUDGET_HELPERS.step] = () => step(1);
    runtime[BUDGET_HELPERS.output] = (length) => checkText(length, 'the output');
    runtime[BUDGET_HELPERS.text] = (text) => {
        checkText(text.length, 'a string built with ~');
        return text;
    };
    const callWrap = runtime.callWrap;
    runtime.callWrap = (fn, name, context, args) => {
        step(1);
        const budget = current;
        if (budget && budget.depth >= MAX_CALL_DEPTH) {
            throw new errors/* TemplateError */.$w(`calls nested deeper than ${MAX_CALL_DEPTH} (a recursive macro?)`);
        }
        if (budget)
            budget.depth++;
        try {
            const result = callWrap(fn, name, context, args);
            step(sizeOf(result));
            return result;
        }
        finally {
            if (budget)
                budget.depth--;
        }
    };
    const inOperator = runtime.inOperator;
    runtime.inOperator = (key, value) => {
        step(1 + sizeOf(value));
        return inOperator(key, value);
    };
}
/** Filters whose numeric argument is a width they fill with spaces, one character at a time. */
const WIDTH_FILTERS = new Set(['center', 'indent']);
/** Wraps every filter of the environment so each call is charged for what it reads and returns. */
function countFilters(filters) {
    for (const name of Object.keys(filters)) {
        const filter = filters[name];
        if (typeof filter !== 'function')
            continue;
        const fn = filter;
        const width = WIDTH_FILTERS.has(name);
        filters[name] = function (...args) {
            step(1 + sizeOf(args[0]));
            if (width && typeof args[1] === 'number')
                checkText(args[1], `${name}() width`);
            const result = fn.apply(this, args);
            step(sizeOf(result));
            return result;
        };
    }
}

// EXTERNAL MODULE: ./src/core/templating/policy.ts
var policy = __webpack_require__(2815);
// EXTERNAL MODULE: ./src/core/templating/plain-object.ts
var plain_object = __webpack_require__(685);
;// CONCATENATED MODULE: ./src/core/templating/py-str.ts

/**
 * How Jinja2 prints a value: Python's str(). The Python tool's templates — and the scripts reading what
 * they produce — see `True`, `None` and `['a', 'b']`, not JavaScript's `true`, `` and `a,b`.
 */
function pyStr(value) {
    if (value === undefined)
        return '';
    if (value === null)
        return 'None';
    if (typeof value === 'boolean')
        return value ? 'True' : 'False';
    if (typeof value === 'number')
        return pyNumber(value);
    if (Array.isArray(value) || (0,plain_object/* isPlainObject */.Q)(value))
        return pyRepr(value);
    return value;
}
/** Python's repr() of JSON-like data. */
function pyRepr(value) {
    if (typeof value === 'string')
        return quote(value);
    if (Array.isArray(value))
        return `[${value.map(pyRepr).join(', ')}]`;
    if ((0,plain_object/* isPlainObject */.Q)(value)) {
        return `{${Object.entries(value)
            .map(([k, v]) => `${quote(k)}: ${pyRepr(v)}`)
            .join(', ')}}`;
    }
    return String(pyStr(value));
}
function pyNumber(n) {
    if (Number.isNaN(n))
        return 'nan';
    if (!Number.isFinite(n))
        return n > 0 ? 'inf' : '-inf';
    return String(n);
}
/** Single quotes unless the text holds a single quote and no double quote, as Python chooses. */
function quote(text) {
    const q = text.includes("'") && !text.includes('"') ? '"' : "'";
    const body = text.replace(UNPRINTABLE, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}
// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const UNPRINTABLE = /[\\\n\r\t\x00-\x1f\x7f]/g;
const ESCAPES = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

;// CONCATENATED MODULE: ./src/core/templating/py-methods.ts


const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
function dictKey(key) {
    const name = String(key);
    (0,policy/* checkKey */.yR)(name);
    return name;
}
function isKeywords(value) {
    return typeof value === 'object' && value !== null && hasOwn(value, '__keywords');
}
function update(d, ...sources) {
    for (const source of sources) {
        if (typeof source !== 'object' || source === null)
            continue;
        for (const key of Object.keys(source)) {
            if (key !== '__keywords' || !isKeywords(source))
                d[dictKey(key)] = source[key];
        }
    }
    return null;
}
function pop(d, key, fallback) {
    const name = dictKey(key);
    if (!hasOwn(d, name)) {
        if (fallback !== undefined)
            return fallback;
        throw new errors/* TemplateError */.$w(`KeyError: '${name}'`);
    }
    const value = d[name];
    delete d[name];
    return value;
}
function popitem(d) {
    // Python 3 dicts pop the most recently inserted item.
    const key = Object.keys(d).pop();
    if (key === undefined)
        throw new errors/* TemplateError */.$w("KeyError: 'popitem(): dictionary is empty'");
    return [key, pop(d, key)];
}
const DICT_METHODS = {
    items: (d) => () => Object.keys(d).map((k) => [k, d[k]]),
    keys: (d) => () => Object.keys(d),
    values: (d) => () => Object.keys(d).map((k) => d[k]),
    get: (d) => (key, fallback) => {
        const name = dictKey(key);
        return hasOwn(d, name) && d[name] !== undefined ? d[name] : fallback;
    },
    has_key: (d) => (key) => hasOwn(d, dictKey(key)),
    pop: (d) => (key, fallback) => pop(d, key, fallback),
    popitem: (d) => () => popitem(d),
    setdefault: (d) => (key, fallback = null) => {
        const name = dictKey(key);
        if (!hasOwn(d, name))
            d[name] = fallback;
        return d[name];
    },
    update: (d) => (...sources) => update(d, ...sources)
};
DICT_METHODS.iteritems = DICT_METHODS.items;
DICT_METHODS.iterkeys = DICT_METHODS.keys;
DICT_METHODS.itervalues = DICT_METHODS.values;
function strip(s, chars, left, right) {
    const set = chars === undefined || chars === null ? null : String(chars);
    const strippable = (c) => (set === null ? /\s/.test(c) : set.includes(c));
    let start = 0;
    let end = s.length;
    while (left && start < end && strippable(s.charAt(start)))
        start++;
    while (right && end > start && strippable(s.charAt(end - 1)))
        end--;
    return s.slice(start, end);
}
function splitWhitespace(s, limit) {
    const parts = [];
    let rest = s.replace(/^\s+/, '');
    while (rest !== '') {
        const gap = /\s+/.exec(rest);
        if (parts.length === limit || !gap) {
            parts.push(rest);
            break;
        }
        parts.push(rest.slice(0, gap.index));
        rest = rest.slice(gap.index + gap[0].length);
    }
    return parts;
}
function split(s, sep, maxsplit) {
    const limit = typeof maxsplit === 'number' && maxsplit >= 0 ? maxsplit : Infinity;
    if (sep === undefined || sep === null)
        return splitWhitespace(s, limit);
    const separator = String(sep);
    if (separator === '')
        throw new errors/* TemplateError */.$w('ValueError: empty separator');
    const parts = s.split(separator);
    if (parts.length - 1 <= limit)
        return parts;
    return [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}
function replace(s, old, replacement, count) {
    const parts = s.split(String(old));
    const limit = typeof count === 'number' && count >= 0 ? count : Infinity;
    if (parts.length - 1 <= limit)
        return parts.join(String(replacement));
    return (parts.slice(0, limit + 1).join(String(replacement)) +
        String(old) +
        parts.slice(limit + 1).join(String(old)));
}
function affixTest(test) {
    return (affix) => Array.isArray(affix) ? affix.some((a) => test(String(a))) : test(String(affix));
}
function join(s, items) {
    if (Array.isArray(items))
        return items.map(String).join(s);
    if (typeof items === 'string')
        return items.split('').join(s);
    if (typeof items === 'object' && items !== null)
        return Object.keys(items).join(s);
    throw new errors/* TemplateError */.$w('TypeError: join() needs a list');
}
const STRING_METHODS = {
    upper: (s) => () => s.toUpperCase(),
    lower: (s) => () => s.toLowerCase(),
    strip: (s) => (chars) => strip(s, chars, true, true),
    lstrip: (s) => (chars) => strip(s, chars, true, false),
    rstrip: (s) => (chars) => strip(s, chars, false, true),
    split: (s) => (sep, maxsplit) => split(s, sep, maxsplit),
    replace: (s) => (old, replacement, count) => replace(s, old, replacement, count),
    startswith: (s) => affixTest((p) => s.startsWith(p)),
    endswith: (s) => affixTest((p) => s.endsWith(p)),
    join: (s) => (items) => join(s, items),
    find: (s) => (sub) => s.indexOf(String(sub)),
    count: (s) => (sub) => s.split(String(sub)).length - 1,
    capitalize: (s) => () => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
    title: (s) => () => s
        .toLowerCase()
        .replace(/(^|[^\p{L}])(\p{L})/gu, (_m, before, c) => before + c.toUpperCase())
};
function dictMethod(d, name) {
    return hasOwn(DICT_METHODS, name) ? DICT_METHODS[name](d) : undefined;
}
function stringMethod(s, name) {
    return hasOwn(STRING_METHODS, name) ? STRING_METHODS[name](s) : undefined;
}

;// CONCATENATED MODULE: ./src/core/templating/sandbox.ts






/**
 * Runtime half of the sandbox. nunjucks resolves `a.b` with `obj[key]` and bare names through plain
 * objects, so `range.constructor` or a bare `constructor` walks the prototype chain to `Function`
 * and a template can run code. Here every lookup sees only own properties of data (plain objects,
 * arrays, strings) plus the Python methods of py-methods.ts; functions have no attributes at all.
 */
/** The runtime helper compiled `a.b` lookups call first, so an undefined `a` is an error. */
const REQUIRE_DEFINED = 'cicdRequireDefined';
// The list methods installJinjaCompat provides (append, pop, …); they only take values and indexes.
const ARRAY_METHODS = new Set([
    'append',
    'pop',
    'remove',
    'count',
    'index',
    'find',
    'insert'
]);
const JINJA_CONSTANTS = {
    True: true,
    False: false,
    None: null
};
function sandbox_hasOwn(target, key) {
    return Object.prototype.hasOwnProperty.call(target, key);
}
/** Keys as JavaScript coerces them, so `x[['constr' ~ 'uctor']]` is caught as `constructor`. */
function normaliseKey(key) {
    return typeof key === 'number' ? key : String(key);
}
function indexed(target, key) {
    // Python's negative indexes count from the end.
    const index = typeof key === 'number' && Number.isInteger(key) && key < 0 ? key + target.length : key;
    return sandbox_hasOwn(target, index)
        ? target[index]
        : undefined;
}
function objectMember(obj, key) {
    const name = String(key);
    if (sandbox_hasOwn(obj, name)) {
        const value = obj[name];
        // Own functions are cycler/loop helpers that rely on `this`.
        return typeof value === 'function'
            ? (...args) => value.apply(obj, args)
            : value;
    }
    return dictMethod(obj, name);
}
function dataMember(compat, target, key) {
    if (typeof target === 'string') {
        return (typeof key === 'string' && stringMethod(target, key)) || indexed(target, key);
    }
    if (Array.isArray(target)) {
        return typeof key === 'string' && ARRAY_METHODS.has(key)
            ? compat(target, key)
            : indexed(target, key);
    }
    return (0,plain_object/* isPlainObject */.Q)(target) ? objectMember(target, key) : undefined;
}
function memberLookup(compat, obj, rawKey) {
    const key = normaliseKey(rawKey);
    (0,policy/* checkKey */.yR)(key);
    if (obj === undefined || obj === null)
        return undefined;
    if (typeof obj === 'function')
        throw new errors/* TemplateError */.$w(`attribute '${key}' of a function is not allowed`);
    return (0,policy/* guardValue */.XQ)(dataMember(compat, isSafeString(obj) ? String(obj) : obj, key));
}
function sliceLookup(compat, obj, start, rest) {
    const target = isSafeString(obj) ? String(obj) : obj;
    const items = compat(target, start, ...rest);
    // jinja-compat slices strings into arrays of characters; Jinja2 gives a string.
    return typeof target === 'string' && Array.isArray(items) ? items.join('') : items;
}
function ownLookup(context, frame, name) {
    for (let scope = frame; scope; scope = scope.parent) {
        const value = sandbox_hasOwn(scope.variables, name) ? scope.variables[name] : undefined;
        if (value !== undefined)
            return value;
    }
    const { ctx, env } = context;
    if (sandbox_hasOwn(ctx, name))
        return ctx[name];
    return sandbox_hasOwn(env.globals, name) ? env.globals[name] : undefined;
}
function contextOrFrameLookup(context, frame, name) {
    if (policy/* BLOCKED_KEYS */.gx.has(name))
        throw (0,policy/* notAllowed */.mj)(name);
    const value = ownLookup(context, frame, name);
    if (value !== undefined)
        return (0,policy/* guardValue */.XQ)(value);
    if (sandbox_hasOwn(JINJA_CONSTANTS, name))
        return JINJA_CONSTANTS[name];
    // A template variable may be called `process`; the runtime's own objects are never reachable.
    if (policy/* RUNTIME_NAMES */.st.has(name))
        throw (0,policy/* notAllowed */.mj)(name);
    return undefined;
}
function requireDefined(value, name) {
    if (value === undefined)
        throw new errors/* TemplateError */.$w(`'${name}' is undefined`);
    return value;
}
/**
 * Replaces nunjucks' runtime lookups. Must run after installJinjaCompat, which replaces the same
 * functions; its list methods and slicing are reused through `compat`.
 */
function installSandbox() {
    const runtime = internals.runtime;
    const compat = runtime.memberLookup;
    const callWrap = runtime.callWrap;
    const inOperator = runtime.inOperator;
    runtime[REQUIRE_DEFINED] = requireDefined;
    runtime.memberLookup = (obj, key, ...slice) => slice.length > 0 ? sliceLookup(compat, obj, key, slice) : memberLookup(compat, obj, key);
    runtime.contextOrFrameLookup = contextOrFrameLookup;
    // Output as Jinja2 prints it (Python's str): True, None, ['a', 'b'], {'k': 'v'}.
    const suppressValue = runtime.suppressValue;
    runtime.suppressValue = (value, autoescape) => suppressValue(isSafeString(value) ? value : pyStr(value), autoescape);
    runtime.callWrap = (fn, name, context, args) => callWrap((0,policy/* guardValue */.XQ)(fn), name, context, args);
    // Jinja2's `'k' in d` asks about d's keys, not about inherited properties such as `constructor`.
    runtime.inOperator = (key, value) => (0,plain_object/* isPlainObject */.Q)(value)
        ? sandbox_hasOwn(value, String(key))
        : inOperator(key, isSafeString(value) ? String(value) : value);
}

;// CONCATENATED MODULE: ./src/core/templating/validate.ts


const LOADERS = {
    Include: 'include',
    Import: 'import',
    FromImport: 'from … import',
    Extends: 'extends'
};
// These compile to JavaScript functions, so a `break` inside cannot reach an enclosing loop.
const FUNCTION_BODIES = new Set([
    'Macro',
    'Caller',
    'Capture',
    'Block',
    'AsyncEach',
    'AsyncAll'
]);
function literalString(node) {
    return isNode(node) && node.typename === 'Literal' && typeof node.value === 'string'
        ? node.value
        : undefined;
}
function checkName(node, name) {
    if (policy/* BLOCKED_KEYS */.gx.has(name))
        throw nodeError(node, `'${name}' is not allowed in templates`);
}
function checkSymbol(node) {
    const name = String(node.value);
    if (!(0,policy/* isIdentifier */._5)(name))
        throw nodeError(node, `invalid name '${name}'`);
    checkName(node, name);
}
function checkTest(node) {
    const right = node.right;
    const test = isNode(right) && right.typename === 'FunCall' ? right.name : right;
    if (!isNode(test) || test.typename !== 'Symbol')
        throw nodeError(node, "'is' must be followed by a test name");
}
function childNodes(node) {
    return isNode(node) && Array.isArray(node.children) ? node.children : [];
}
function requireNames(owner, names, what) {
    for (const name of names) {
        if (!isNode(name) || name.typename !== 'Symbol')
            throw nodeError(owner, `${what} must be a plain name`);
    }
}
function requireKeywordNames(owner, pairs) {
    requireNames(owner, pairs.map((pair) => (isNode(pair) ? pair.key : pair)), 'a keyword argument');
}
function checkSignature(node) {
    requireNames(node, [node.name], 'a macro name');
    for (const arg of childNodes(node.args)) {
        if (isNode(arg) && (arg.typename === 'KeywordArgs' || arg.typename === 'Dict'))
            requireKeywordNames(node, childNodes(arg));
        else
            requireNames(node, [arg], 'a macro argument');
    }
}
/** Positions nunjucks copies into generated code verbatim must hold names, not expressions. */
function checkDeclaration(node) {
    switch (node.typename) {
        case 'Set':
            return requireNames(node, Array.isArray(node.targets) ? node.targets : [], 'a set target');
        case 'For':
        case 'AsyncEach':
        case 'AsyncAll': {
            const names = isNode(node.name) && node.name.typename === 'Array' ? childNodes(node.name) : [node.name];
            return requireNames(node, names, 'a loop variable');
        }
        case 'Macro':
        case 'Caller':
            return checkSignature(node);
        case 'Block':
            return requireNames(node, [node.name], 'a block name');
        case 'KeywordArgs':
            return requireKeywordNames(node, childNodes(node));
    }
}
function checkLoopControl(node, scope) {
    const tag = node.typename === 'LoopBreak' ? 'break' : 'continue';
    if (scope === 'none')
        throw nodeError(node, `{% ${tag} %} outside of a for loop`);
    if (scope === 'switch' && tag === 'break')
        throw nodeError(node, '{% break %} inside {% switch %} is not supported');
}
function checkNode(node, scope) {
    const loader = LOADERS[node.typename];
    if (loader)
        throw nodeError(node, `{% ${loader} %} is not allowed: templates cannot load other templates`);
    checkDeclaration(node);
    switch (node.typename) {
        case 'Symbol':
            return checkSymbol(node);
        case 'LookupVal':
        case 'Pair': {
            const key = literalString(node.typename === 'Pair' ? node.key : node.val);
            return key === undefined ? undefined : checkName(node, key);
        }
        case 'Literal':
            if (node.value instanceof RegExp)
                throw nodeError(node, 'regular expression literals are not allowed');
            return;
        case 'Is':
            return checkTest(node);
        case 'LoopBreak':
        case 'LoopContinue':
            return checkLoopControl(node, scope);
    }
}
function fieldScope(node, field, scope) {
    if (FUNCTION_BODIES.has(node.typename))
        return 'none';
    if (node.typename === 'For' && field === 'body')
        return 'loop';
    if (node.typename === 'Switch' && field !== 'expr' && scope !== 'none')
        return 'switch';
    return scope;
}
function visit(value, scope) {
    if (Array.isArray(value)) {
        for (const item of value)
            visit(item, scope);
    }
    else if (isNode(value)) {
        checkNode(value, scope);
        // Own keys rather than `fields`: a block {% set %} keeps its body outside its declared fields.
        for (const field of Object.keys(value))
            visit(value[field], fieldScope(value, field, scope));
    }
}
/** Throws a nunjucks TemplateError (with the node's line) for the first violation found. */
function validateTemplate(root) {
    visit(root, 'none');
}

;// CONCATENATED MODULE: ./src/core/templating/compiler-patches.ts





/**
 * Patches to nunjucks' code generator (process-wide; nunjucks has one Compiler class):
 * - every template is validated (validate.ts) before code is generated;
 * - names in generated code are JSON-quoted: nunjucks escapes only `"` in a called expression's
 *   name, so `{{ foo["\\\",globalThis.x=1,…"]() }}` broke out of the string literal;
 * - `a.b` throws when `a` is undefined, naming it, as Jinja2's UndefinedError does;
 * - names, lookups, calls, filters and tests record their 1-based line for error messages;
 * - `{% break %}`/`{% continue %}` (Jinja2's loopcontrols) compile to plain `break;`/`continue;` —
 *   sound because nunjucks compiles a synchronous for-loop to a plain JavaScript `for`;
 * - every loop iteration, output append and `~` reports to the render budget (budget.ts).
 */
const MAX_NAME = 80;
function describeLookup(node, depth) {
    const target = describeNode(node.target, depth + 1);
    const val = node.val;
    if (isNode(val) &&
        val.typename === 'Literal' &&
        typeof val.value === 'string' &&
        (0,policy/* isIdentifier */._5)(val.value)) {
        return `${target}.${val.value}`;
    }
    return `${target}[${describeNode(val, depth + 1)}]`;
}
/** A short, readable rendering of an expression, for error messages. */
function describeNode(node, depth = 0) {
    if (!isNode(node) || depth > 10)
        return '…';
    switch (node.typename) {
        case 'Symbol':
            return String(node.value);
        case 'Literal':
            return typeof node.value === 'string' ? `'${node.value}'` : String(node.value);
        case 'LookupVal':
            return describeLookup(node, depth);
        case 'FunCall':
            return `${describeNode(node.name, depth + 1)}()`;
        default:
            return '(expression)';
    }
}
function quotedName(node) {
    const name = describeNode(node);
    return JSON.stringify(name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name);
}
function position(node) {
    return `lineno = ${node.lineno + 1}, colno = ${node.colno + 1}`;
}
const compileLookupVal = function (node, frame) {
    this._emit(`(${position(node)}, runtime.memberLookup((runtime.${REQUIRE_DEFINED}((`);
    this._compileExpression(node.target, frame);
    this._emit(`), ${quotedName(node.target)})),`);
    this._compileExpression(node.val, frame);
    this._emit('))');
};
const compileFunCall = function (node, frame) {
    this._emit(`(${position(node)}, runtime.callWrap(`);
    this._compileExpression(node.name, frame);
    this._emit(`, ${quotedName(node.name)}, context, `);
    this._compileAggregate(node.args, frame, '[', '])');
    this._emit(')');
};
function withPosition(compile) {
    return function (node, frame) {
        this._emit(`(${position(node)}, `);
        compile.call(this, node, frame);
        this._emit(')');
    };
}
function validating(compile) {
    return function (node, frame) {
        validateTemplate(node);
        compile.call(this, node, frame);
    };
}
const LoopBreak = internals.nodes.Node.extend('LoopBreak', { fields: [] });
const LoopContinue = internals.nodes.Node.extend('LoopContinue', { fields: [] });
/** Jinja2's loopcontrols extension: `{% break %}` and `{% continue %}`. */
const loopControls = {
    tags: ['break', 'continue'],
    parse(parser) {
        const tag = parser.nextToken();
        parser.advanceAfterBlockEnd(tag.value);
        const Node = tag.value === 'break' ? LoopBreak : LoopContinue;
        return new Node(tag.lineno, tag.colno);
    }
};
function installCompilerPatches() {
    const proto = internals.compiler.Compiler.prototype;
    proto.compileRoot = validating(proto.compileRoot);
    proto.compileSymbol = withPosition(proto.compileSymbol);
    proto.compileFilter = withPosition(proto.compileFilter);
    proto.compileIs = withPosition(proto.compileIs);
    proto.compileLookupVal = compileLookupVal;
    proto.compileFunCall = compileFunCall;
    // Jinja2's `~` renders an undefined operand as empty; nunjucks' `+ "" +` would write "undefined".
    proto.compileConcat = function (node, frame) {
        const { left, right } = node;
        this._emit(`runtime.${BUDGET_HELPERS.text}(runtime.suppressValue(`);
        this._compileExpression(left, frame);
        this._emit(', false) + "" + runtime.suppressValue(');
        this._compileExpression(right, frame);
        this._emit(', false))');
    };
    // Every kind of loop (list, key/value, unpacking) binds `loop.*` once per iteration, in its body.
    const emitLoopBindings = proto._emitLoopBindings;
    proto._emitLoopBindings = function (...args) {
        emitLoopBindings.apply(this, args);
        this._emitLine(`runtime.${BUDGET_HELPERS.step}();`);
    };
    const compileOutput = proto.compileOutput;
    proto.compileOutput = function (node, frame) {
        compileOutput.call(this, node, frame);
        this._emitLine(`runtime.${BUDGET_HELPERS.output}(${this.buffer}.length);`);
    };
    proto.compileLoopBreak = function () {
        this._emitLine('break;');
    };
    proto.compileLoopContinue = function () {
        this._emitLine('continue;');
    };
}

// EXTERNAL MODULE: ./src/core/py-json.ts
var py_json = __webpack_require__(7895);
// EXTERNAL MODULE: ./src/core/yaml.ts + 3 modules
var yaml = __webpack_require__(3129);
;// CONCATENATED MODULE: ./src/core/templating/filters.ts





function filters_isKeywords(value) {
    return (typeof value === 'object' &&
        value !== null &&
        Object.prototype.hasOwnProperty.call(value, '__keywords'));
}
function splitArguments(args) {
    const last = args[args.length - 1];
    if (!filters_isKeywords(last))
        return { positional: args, keywords: {} };
    return { positional: args.slice(0, -1), keywords: last };
}
/** The argument given by keyword, else at `index`, else `fallback`. */
function filters_option(args, name, index, fallback) {
    if (Object.prototype.hasOwnProperty.call(args.keywords, name))
        return args.keywords[name];
    return index < args.positional.length ? args.positional[index] : fallback;
}
function indentOption(filter, value) {
    if (value === null || value === undefined)
        return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
        return value;
    throw new errors/* TemplateError */.$w(`${filter}: indent must be a whole number, not ${String(value)}`);
}
/** Turns macro output (SafeString) back into plain strings so serialisers see data. */
function toData(value, depth = 0) {
    if (depth > 500)
        throw new errors/* TemplateError */.$w('value is nested too deeply (a cycle?)');
    if (isSafeString(value))
        return String(value);
    if (Array.isArray(value))
        return value.map((item) => toData(item, depth + 1));
    if (typeof value !== 'object' || value === null)
        return value;
    // fromEntries defines properties, so a `__proto__` key stays a key instead of a prototype.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toData(item, depth + 1)]));
}
function definedData(filter, value) {
    // Jinja2 refuses to serialise an Undefined; so do we, rather than emit "null" or "".
    if (value === undefined)
        throw new errors/* TemplateError */.$w(`${filter}: the value is undefined`);
    return toData(value);
}
function toText(value) {
    return isSafeString(value)
        ? String(value)
        : typeof value === 'string'
            ? value
            : String(value ?? '');
}
const toNiceYaml = (value, ...rest) => {
    const args = splitArguments(rest);
    const indent = indentOption('to_nice_yaml', filters_option(args, 'indent', 1, 2)) ?? 2;
    const sortKeys = Boolean(filters_option(args, 'sort_keys', 2, false));
    const data = definedData('to_nice_yaml', value);
    return (0,yaml/* stringifyYaml */.fv)(data, { indent, sortKeys });
};
const fromJson = (value) => {
    try {
        return JSON.parse(toText(value));
    }
    catch (err) {
        // V8 quotes the input in its message, and the input may be a secret: keep only the position.
        const at = /position (\d+)/.exec((0,errors/* errorMessage */.gJ)(err))?.[1];
        throw new errors/* TemplateError */.$w(`from_json: invalid JSON${at === undefined ? '' : ` at position ${at}`}`);
    }
};
const jsonDumps = (value, ...rest) => {
    const args = splitArguments(rest);
    const indent = indentOption('json_dumps', filters_option(args, 'indent', 0, null));
    const strip = Boolean(filters_option(args, 'stripLeadingTrailingQuotes', 1, false));
    const data = definedData('json_dumps', value);
    const text = (0,py_json/* pyJsonDumps */.d)(data, { indent });
    // Only a string's own quotes go: the result is then the body of a JSON string literal.
    return strip && typeof data === 'string' ? text.slice(1, -1) : text;
};
const kvCommaPairsToJson = (value) => {
    const pairs = Object.create(null);
    for (const pair of toText(value).split(',')) {
        const at = pair.indexOf('=');
        if (at > 0)
            pairs[pair.slice(0, at)] = pair.slice(at + 1);
    }
    return (0,py_json/* pyJsonDumps */.d)(pairs);
};
const toBase64 = (value) => Buffer.from(toText(value), 'utf8').toString('base64');
const HTML_UNSAFE = {
    '<': '\\u003c',
    '>': '\\u003e',
    '&': '\\u0026',
    "'": '\\u0027'
};
const toJson = (value, ...rest) => {
    const indent = indentOption('tojson', filters_option(splitArguments(rest), 'indent', 0, null));
    const text = (0,py_json/* pyJsonDumps */.d)(definedData('tojson', value), { indent, sortKeys: true });
    return text.replace(/[<>&']/g, (c) => HTML_UNSAFE[c] ?? c);
};
const FILTERS = {
    to_nice_yaml: toNiceYaml,
    from_json: fromJson,
    json_dumps: jsonDumps,
    kv_comma_pairs_to_json: kvCommaPairsToJson,
    to_base64: toBase64,
    tojson: toJson
};
/** nunjucks filters that read an attribute named by an argument, some via the prototype chain. */
const ATTRIBUTE_FILTERS = [
    'sort',
    'groupby',
    'sum',
    'selectattr',
    'rejectattr',
    'join'
];
function checkAttribute(filter, value) {
    if (typeof value !== 'string')
        return;
    for (const part of value.split('.')) {
        if (policy/* BLOCKED_KEYS */.gx.has(part))
            throw new errors/* TemplateError */.$w(`${filter}: attribute '${part}' is not allowed in templates`);
    }
}
/** Wraps a built-in attribute filter so its attribute argument passes the sandbox's name check. */
function guardAttributeFilter(name, filter) {
    return function (value, ...rest) {
        const args = splitArguments(rest);
        for (const arg of [...args.positional, ...Object.values(args.keywords)])
            checkAttribute(name, arg);
        return filter.call(this, value, ...rest);
    };
}

;// CONCATENATED MODULE: ./src/core/templating/environment.ts







/** Jinja2's sandbox limit on `range`, so `range(10**9)` cannot exhaust memory or hang a run. */
const MAX_RANGE = 100_000;
/** `random()` with no arguments returns an integer in [RANDOM_MIN, RANDOM_MAX]: always 9 digits. */
const RANDOM_MIN = 100_000_000;
const RANDOM_MAX = 999_999_999;
let environment;
/** The process-wide environment; the nunjucks patches are installed once, on first use. */
function getEnvironment() {
    environment ??= createEnvironment();
    return environment;
}
function createEnvironment() {
    // installJinjaCompat replaces the runtime lookups, so the sandbox must be installed after it.
    internals.installJinjaCompat();
    installSandbox();
    installBudget();
    installCompilerPatches();
    // No loader, so {% include %}/{% import %}/{% extends %} have no files to read. `dev` keeps the
    // error's line and cause instead of flattening it into a bare Error.
    const env = new (nunjucks_default()).Environment([], {
        autoescape: false,
        throwOnUndefined: false,
        dev: true
    });
    env.addExtension('loopcontrols', loopControls);
    for (const [name, filter] of Object.entries(FILTERS))
        env.addFilter(name, filter);
    for (const name of ATTRIBUTE_FILTERS)
        env.addFilter(name, guardAttributeFilter(name, env.getFilter(name)));
    addGlobals(env);
    countFilters(env.filters);
    lockDown(env);
    return env;
}
function boundedRange(range) {
    return function (...args) {
        const [start, stop, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
        if (step === 0)
            throw new errors/* TemplateError */.$w('range() step must not be zero');
        const count = Math.ceil((Number(stop) - Number(start)) / Number(step));
        if (count > MAX_RANGE)
            throw new errors/* TemplateError */.$w(`range() of ${count} items exceeds the limit of ${MAX_RANGE}`);
        return range.apply(this, args);
    };
}
function addGlobals(env) {
    const globals = env.globals;
    env.addGlobal('range', boundedRange(globals.range));
    const pick = env.getFilter('random');
    // The Python tool's configs call `{{random()}}` for a random id; with a list it picks an item.
    env.addGlobal('random', (...args) => args.length === 0 ? randomId() : pick.call(undefined, args[0]));
}
function ownEntry(table, name, kind) {
    // A plain `table[name]` would hand out Object.prototype members such as `valueOf`.
    if (!Object.prototype.hasOwnProperty.call(table, name))
        throw new errors/* TemplateError */.$w(`unknown ${kind} '${name}'`);
    return table[name];
}
function lockDown(env) {
    const { filters, tests } = env;
    env.getFilter = (name) => ownEntry(filters, name, 'filter');
    env.getTest = (name) => ownEntry(tests, name, 'test');
    env.getTemplate = () => {
        throw new errors/* TemplateError */.$w('templates cannot load other templates');
    };
}
/** `random()` makes ids for payloads, not secrets: Math.random avoids loading node:crypto (~5 ms). */
function randomId() {
    return RANDOM_MIN + Math.floor(Math.random() * (RANDOM_MAX - RANDOM_MIN + 1));
}

// EXTERNAL MODULE: ./src/core/templating/plain.ts
var plain = __webpack_require__(9577);
;// CONCATENATED MODULE: ./src/core/templating/render.ts






/**
 * Placed between the document's macros and the template. The macros end in `-%}`, which trims the
 * whitespace after it; with this in between, the template keeps its own leading whitespace (the
 * Python tool lost it: upstream defect 13).
 */
const BOUNDARY = "{{ '' }}";
/** Compiled templates by source; handlers render the same few templates over and over. */
const CACHE_SIZE = 256;
const cache = new Map();
const NUNJUCKS_PREFIX = /^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\s*/;
/**
 * Renders `template` against `context`. Prepends `context.jinja2Macros.all` (string) when present
 * so document macros are callable. Throws TemplateError with a one-line message naming `opts.name`
 * and the problem (and line when known). Never returns an error marker string.
 */
function renderTemplate(template, context, opts = {}) {
    if ((0,plain/* isPlainText */.K)(template))
        return (0,plain/* renderPlainText */.Q)(template);
    const macros = macroSource(context);
    // renderPlainText applies Jinja2's line-ending rules, which hold for template source too.
    const source = (0,plain/* renderPlainText */.Q)(template);
    const full = macros === '' ? source : macros + BOUNDARY + source;
    try {
        const compiled = compile(full);
        return withRenderBudget(() => compiled.render(context));
    }
    catch (err) {
        throw failure(err, opts.name, macros);
    }
}
function macroSource(context) {
    const macros = context.jinja2Macros;
    if (typeof macros !== 'object' || macros === null)
        return '';
    const all = macros.all;
    return typeof all === 'string' ? all.replace(/\r\n?/g, '\n') : '';
}
function compile(source) {
    const cached = cache.get(source);
    if (cached) {
        cache.delete(source);
        cache.set(source, cached);
        return cached;
    }
    const template = new (nunjucks_default()).Template(source, getEnvironment(), undefined, true);
    const oldest = cache.size >= CACHE_SIZE ? cache.keys().next().value : undefined;
    if (oldest !== undefined)
        cache.delete(oldest);
    cache.set(source, template);
    return template;
}
/** Where the error is, in the user's terms: the combined source starts with the macros. */
function render_location(lineno, colno, macros) {
    if (!lineno || lineno < 1)
        return '';
    if (macros === '')
        return ` at line ${lineno}`;
    const lines = macros.split('\n');
    const macroLines = lines.length - 1;
    const sharedLine = (lines[macroLines] ?? '').length + BOUNDARY.length;
    const inMacros = lineno <= macroLines || (lineno === macroLines + 1 && (colno ?? 0) <= sharedLine);
    return inMacros ? ` at jinja2Macros line ${lineno}` : ` at line ${lineno - macroLines}`;
}
function detail(err) {
    const cause = err?.cause;
    const raw = cause === undefined ? (0,errors/* errorMessage */.gJ)(err).replace(NUNJUCKS_PREFIX, '') : (0,errors/* errorMessage */.gJ)(cause);
    return raw.replace(/\s*\n\s*/g, ' ').trim();
}
function failure(err, name, macros) {
    const { lineno, colno } = (err ?? {});
    const subject = name ? `template error in ${name}` : 'template error';
    return new errors/* TemplateError */.$w(`${subject}${render_location(lineno, colno, macros)}: ${detail(err)}`, {
        cause: err
    });
}


/***/ })

};
;