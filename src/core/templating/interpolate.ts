import { pyJsonDumps } from '../py-json.js'
import { isPlainObject } from './plain-object.js'
import { renderPlainText } from './plain.js'
import { BLOCKED_KEYS, RUNTIME_NAMES } from './policy.js'

/**
 * Renders templates made only of text and `{{ name.path }}` interpolations — the common
 * `hello {{ ctx.who }}`, and payload templates whose values pass through `json_dumps` or `tojson` — without
 * loading the template engine. Returns undefined whenever the engine's answer could differ (tags,
 * comments, other filters, calls, missing or non-scalar plain values, blocked names), so the caller then
 * renders with the engine and the output is the same either way (tested against the engine).
 */
const EXPR =
  /\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:\|\s*(json_dumps\(\s*stripLeadingTrailingQuotes\s*=\s*True\s*\)|json_dumps(?:\(\s*\))?|tojson(?:\(\s*\))?)\s*)?-?\}\}/g

export function renderInterpolation(
  template: string,
  context: Record<string, unknown>
): string | undefined {
  if (template.includes('{%') || template.includes('{#')) return undefined
  let failed = false
  // Jinja2's rules for the template's own text (line endings, one trailing newline), as the engine
  // applies them to the source: rendered values keep their bytes.
  const out = renderPlainText(template).replace(
    EXPR,
    (match, path: string, filter: string | undefined) => {
      if (match.startsWith('{{-') || match.endsWith('-}}')) failed = true
      const value = failed ? undefined : resolve(context, path.split('.'))
      const text = filter ? filtered(value, filter) : scalar(value)
      if (text === undefined) failed = true
      return text ?? ''
    }
  )
  // Any `{{` left was not a plain interpolation.
  return failed || out.includes('{{') ? undefined : out
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

const HTML_UNSAFE: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  "'": '\\u0027'
}

/** The json_dumps and tojson filters (filters.ts) on plain data; undefined values go to the engine. */
function filtered(value: unknown, filter: string): string | undefined {
  if (value === undefined || !isData(value)) return undefined
  if (filter.startsWith('tojson')) {
    return pyJsonDumps(value, { sortKeys: true }).replace(/[<>&']/g, (c) => HTML_UNSAFE[c] ?? c)
  }
  const text = pyJsonDumps(value)
  return filter.includes('strip') && typeof value === 'string' ? text.slice(1, -1) : text
}

/** JSON-like data only: anything else (functions, class instances) is the engine's business. */
function isData(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true
  if (Array.isArray(value)) return value.every(isData)
  return isPlainObject(value) && Object.values(value).every(isData)
}

function resolve(context: Record<string, unknown>, keys: string[]): unknown {
  // Document macros are defined in every template the engine renders and shadow data of the same name.
  if (isMacroName(context, keys[0] as string)) return undefined
  let node: unknown = context
  for (const key of keys) {
    if (BLOCKED_KEYS.has(key) || RUNTIME_NAMES.has(key)) return undefined
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

function isMacroName(context: Record<string, unknown>, name: string): boolean {
  const macros = context.jinja2Macros as { byName?: Record<string, unknown> } | undefined
  const byName = macros?.byName
  return (
    typeof byName === 'object' &&
    byName !== null &&
    Object.prototype.hasOwnProperty.call(byName, name)
  )
}
