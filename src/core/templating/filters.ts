import { TemplateError, errorMessage } from '../../errors.js'
import { pyJsonDumps } from '../py-json.js'
import { stringifyYaml } from '../yaml.js'
import { isSafeString } from './nunjucks-internals.js'
import { BLOCKED_KEYS } from './policy.js'

/**
 * The filters the Python tool added to Jinja2 (jinja2util.py) plus Jinja2's own `tojson`.
 * nunjucks passes keyword arguments as a trailing object marked `__keywords`.
 */
export type Filter = (this: unknown, ...args: unknown[]) => unknown

interface Arguments {
  positional: unknown[]
  keywords: Record<string, unknown>
}

function isKeywords(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.hasOwnProperty.call(value, '__keywords')
  )
}

function splitArguments(args: unknown[]): Arguments {
  const last = args[args.length - 1]
  if (!isKeywords(last)) return { positional: args, keywords: {} }
  return { positional: args.slice(0, -1), keywords: last }
}

/** The argument given by keyword, else at `index`, else `fallback`. */
function option(args: Arguments, name: string, index: number, fallback: unknown): unknown {
  if (Object.prototype.hasOwnProperty.call(args.keywords, name)) return args.keywords[name]
  return index < args.positional.length ? args.positional[index] : fallback
}

function indentOption(filter: string, value: unknown): number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value
  throw new TemplateError(`${filter}: indent must be a whole number, not ${String(value)}`)
}

/** Turns macro output (SafeString) back into plain strings so serialisers see data. */
function toData(value: unknown, depth = 0): unknown {
  if (depth > 500) throw new TemplateError('value is nested too deeply (a cycle?)')
  if (isSafeString(value)) return String(value)
  if (Array.isArray(value)) return value.map((item) => toData(item, depth + 1))
  if (typeof value !== 'object' || value === null) return value
  // fromEntries defines properties, so a `__proto__` key stays a key instead of a prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, toData(item, depth + 1)])
  )
}

function definedData(filter: string, value: unknown): unknown {
  // Jinja2 refuses to serialise an Undefined; so do we, rather than emit "null" or "".
  if (value === undefined) throw new TemplateError(`${filter}: the value is undefined`)
  return toData(value)
}

function toText(value: unknown): string {
  return isSafeString(value)
    ? String(value)
    : typeof value === 'string'
      ? value
      : String(value ?? '')
}

const toNiceYaml: Filter = (value, ...rest) => {
  const args = splitArguments(rest)
  const indent = indentOption('to_nice_yaml', option(args, 'indent', 1, 2)) ?? 2
  const sortKeys = Boolean(option(args, 'sort_keys', 2, false))
  const data = definedData('to_nice_yaml', value)
  return stringifyYaml(data, { indent, sortKeys })
}

const fromJson: Filter = (value) => {
  try {
    return JSON.parse(toText(value)) as unknown
  } catch (err) {
    // V8 quotes the input in its message, and the input may be a secret: keep only the position.
    const at = /position (\d+)/.exec(errorMessage(err))?.[1]
    throw new TemplateError(
      `from_json: invalid JSON${at === undefined ? '' : ` at position ${at}`}`
    )
  }
}

const jsonDumps: Filter = (value, ...rest) => {
  const args = splitArguments(rest)
  const indent = indentOption('json_dumps', option(args, 'indent', 0, null))
  const strip = Boolean(option(args, 'stripLeadingTrailingQuotes', 1, false))
  const data = definedData('json_dumps', value)
  const text = pyJsonDumps(data, { indent })
  // Only a string's own quotes go: the result is then the body of a JSON string literal.
  return strip && typeof data === 'string' ? text.slice(1, -1) : text
}

const kvCommaPairsToJson: Filter = (value) => {
  const pairs: Record<string, string> = Object.create(null) as Record<string, string>
  for (const pair of toText(value).split(',')) {
    const at = pair.indexOf('=')
    if (at > 0) pairs[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return pyJsonDumps(pairs)
}

const toBase64: Filter = (value) => Buffer.from(toText(value), 'utf8').toString('base64')

const HTML_UNSAFE: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  "'": '\\u0027'
}

const toJson: Filter = (value, ...rest) => {
  const indent = indentOption('tojson', option(splitArguments(rest), 'indent', 0, null))
  const text = pyJsonDumps(definedData('tojson', value), { indent, sortKeys: true })
  return text.replace(/[<>&']/g, (c) => HTML_UNSAFE[c] ?? c)
}

export const FILTERS: Readonly<Record<string, Filter>> = {
  to_nice_yaml: toNiceYaml,
  from_json: fromJson,
  json_dumps: jsonDumps,
  kv_comma_pairs_to_json: kvCommaPairsToJson,
  to_base64: toBase64,
  tojson: toJson
}

/** nunjucks filters that read an attribute named by an argument, some via the prototype chain. */
export const ATTRIBUTE_FILTERS: readonly string[] = [
  'sort',
  'groupby',
  'sum',
  'selectattr',
  'rejectattr',
  'join'
]

function checkAttribute(filter: string, value: unknown): void {
  if (typeof value !== 'string') return
  for (const part of value.split('.')) {
    if (BLOCKED_KEYS.has(part))
      throw new TemplateError(`${filter}: attribute '${part}' is not allowed in templates`)
  }
}

/** Wraps a built-in attribute filter so its attribute argument passes the sandbox's name check. */
export function guardAttributeFilter(name: string, filter: Filter): Filter {
  return function (this: unknown, value, ...rest) {
    const args = splitArguments(rest)
    for (const arg of [...args.positional, ...Object.values(args.keywords)])
      checkAttribute(name, arg)
    return filter.call(this, value, ...rest)
  }
}
