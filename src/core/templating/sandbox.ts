import { isPlainObject } from './plain-object.js'
import { pyStr } from './py-str.js'
import { TemplateError } from '../../errors.js'
import {
  internals,
  isSafeString,
  type MemberLookup,
  type NjContext,
  type NjFrame
} from './nunjucks-internals.js'
import { BLOCKED_KEYS, RUNTIME_NAMES, checkKey, guardValue, notAllowed } from './policy.js'
import { dictMethod, stringMethod } from './py-methods.js'

/**
 * Runtime half of the sandbox. nunjucks resolves `a.b` with `obj[key]` and bare names through plain
 * objects, so `range.constructor` or a bare `constructor` walks the prototype chain to `Function`
 * and a template can run code. Here every lookup sees only own properties of data (plain objects,
 * arrays, strings) plus the Python methods of py-methods.ts; functions have no attributes at all.
 */

/** The runtime helper compiled `a.b` lookups call first, so an undefined `a` is an error. */
export const REQUIRE_DEFINED = 'cicdRequireDefined'

// The list methods installJinjaCompat provides (append, pop, …); they only take values and indexes.
const ARRAY_METHODS: ReadonlySet<string> = new Set([
  'append',
  'pop',
  'remove',
  'count',
  'index',
  'find',
  'insert'
])
const JINJA_CONSTANTS: Readonly<Record<string, boolean | null>> = {
  True: true,
  False: false,
  None: null
}

function hasOwn(target: unknown, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(target, key)
}

/** Keys as JavaScript coerces them, so `x[['constr' ~ 'uctor']]` is caught as `constructor`. */
function normaliseKey(key: unknown): string | number {
  return typeof key === 'number' ? key : String(key)
}

function indexed(target: string | unknown[], key: string | number): unknown {
  // Python's negative indexes count from the end.
  const index =
    typeof key === 'number' && Number.isInteger(key) && key < 0 ? key + target.length : key
  return hasOwn(target, index)
    ? (target as unknown as Record<string | number, unknown>)[index]
    : undefined
}

function objectMember(obj: Record<string, unknown>, key: string | number): unknown {
  const name = String(key)
  if (hasOwn(obj, name)) {
    const value = obj[name]
    // Own functions are cycler/loop helpers that rely on `this`.
    return typeof value === 'function'
      ? (...args: unknown[]): unknown => value.apply(obj, args)
      : value
  }
  return dictMethod(obj, name)
}

function dataMember(compat: MemberLookup, target: unknown, key: string | number): unknown {
  if (typeof target === 'string') {
    return (typeof key === 'string' && stringMethod(target, key)) || indexed(target, key)
  }
  if (Array.isArray(target)) {
    return typeof key === 'string' && ARRAY_METHODS.has(key)
      ? compat(target, key)
      : indexed(target, key)
  }
  return isPlainObject(target) ? objectMember(target, key) : undefined
}

function memberLookup(compat: MemberLookup, obj: unknown, rawKey: unknown): unknown {
  const key = normaliseKey(rawKey)
  checkKey(key)
  if (obj === undefined || obj === null) return undefined
  if (typeof obj === 'function')
    throw new TemplateError(`attribute '${key}' of a function is not allowed`)
  return guardValue(dataMember(compat, isSafeString(obj) ? String(obj) : obj, key))
}

function sliceLookup(compat: MemberLookup, obj: unknown, start: unknown, rest: unknown[]): unknown {
  const target = isSafeString(obj) ? String(obj) : obj
  const items = compat(target, start, ...rest)
  // jinja-compat slices strings into arrays of characters; Jinja2 gives a string.
  return typeof target === 'string' && Array.isArray(items) ? items.join('') : items
}

function ownLookup(context: NjContext, frame: NjFrame, name: string): unknown {
  for (let scope: NjFrame | null = frame; scope; scope = scope.parent) {
    const value = hasOwn(scope.variables, name) ? scope.variables[name] : undefined
    if (value !== undefined) return value
  }
  const { ctx, env } = context
  if (hasOwn(ctx, name)) return ctx[name]
  return hasOwn(env.globals, name) ? env.globals[name] : undefined
}

function contextOrFrameLookup(context: NjContext, frame: NjFrame, name: string): unknown {
  if (BLOCKED_KEYS.has(name)) throw notAllowed(name)
  const value = ownLookup(context, frame, name)
  if (value !== undefined) return guardValue(value)
  if (hasOwn(JINJA_CONSTANTS, name)) return JINJA_CONSTANTS[name]
  // A template variable may be called `process`; the runtime's own objects are never reachable.
  if (RUNTIME_NAMES.has(name)) throw notAllowed(name)
  return undefined
}

function requireDefined(value: unknown, name: string): unknown {
  if (value === undefined) throw new TemplateError(`'${name}' is undefined`)
  return value
}

/**
 * Replaces nunjucks' runtime lookups. Must run after installJinjaCompat, which replaces the same
 * functions; its list methods and slicing are reused through `compat`.
 */
export function installSandbox(): void {
  const runtime = internals.runtime
  const compat = runtime.memberLookup
  const callWrap = runtime.callWrap
  const inOperator = runtime.inOperator
  runtime[REQUIRE_DEFINED] = requireDefined
  runtime.memberLookup = (obj, key, ...slice) =>
    slice.length > 0 ? sliceLookup(compat, obj, key, slice) : memberLookup(compat, obj, key)
  runtime.contextOrFrameLookup = contextOrFrameLookup
  // Output as Jinja2 prints it (Python's str): True, None, ['a', 'b'], {'k': 'v'}.
  const suppressValue = runtime.suppressValue as (value: unknown, autoescape: boolean) => unknown
  runtime.suppressValue = (value: unknown, autoescape: boolean) =>
    suppressValue(isSafeString(value) ? value : pyStr(value), autoescape)
  runtime.callWrap = (fn, name, context, args) => callWrap(guardValue(fn), name, context, args)
  // Jinja2's `'k' in d` asks about d's keys, not about inherited properties such as `constructor`.
  runtime.inOperator = (key, value) =>
    isPlainObject(value)
      ? hasOwn(value, String(key))
      : inOperator(key, isSafeString(value) ? String(value) : value)
}
