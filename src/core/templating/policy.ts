import { TemplateError } from '../../errors.js'

/**
 * Property names that lead from plain data to prototypes and constructors — and from there to
 * `Function`, which turns a string into code. No lookup by these names is ever allowed.
 */
export const BLOCKED_KEYS: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__'
])

/**
 * Bare names of the JavaScript runtime. Own-property lookups could never reach the real objects
 * anyway; refusing the names makes a template that tries say so instead of rendering blanks.
 */
export const RUNTIME_NAMES: ReadonlySet<string> = new Set([
  'process',
  'require',
  'module',
  'exports',
  'global',
  'globalThis',
  'Function',
  'eval'
])

type Constructor = { constructor: unknown }
const functionConstructors = [async function () {}, function* () {}, async function* () {}].map(
  (fn) => (Object.getPrototypeOf(fn) as Constructor).constructor
)

/** Values no lookup may hand to a template, whatever path reached them. */
const FORBIDDEN_VALUES: ReadonlySet<unknown> = new Set([
  Function,
  ...functionConstructors,
  Object,
  Reflect,
  Proxy,
  globalThis.eval,
  globalThis,
  process
])

export function notAllowed(name: string): TemplateError {
  return new TemplateError(`'${name}' is not allowed in templates`)
}

export function checkKey(key: string | number): void {
  if (typeof key === 'string' && BLOCKED_KEYS.has(key)) throw notAllowed(key)
}

export function guardValue<T>(value: T): T {
  if (FORBIDDEN_VALUES.has(value))
    throw new TemplateError('access to a JavaScript runtime object is not allowed')
  return value
}

/** Template identifiers as Jinja2 knows them; anything else would be pasted into compiled code. */
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name)
}
