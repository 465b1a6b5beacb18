import { isPlainObject } from './plain-object.js'

/**
 * How Jinja2 prints a value: Python's str(). The Python tool's templates — and the scripts reading what
 * they produce — see `True`, `None` and `['a', 'b']`, not JavaScript's `true`, `` and `a,b`.
 */
export function pyStr(value: unknown): unknown {
  if (value === undefined) return ''
  if (value === null) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return pyNumber(value)
  if (Array.isArray(value) || isPlainObject(value)) return pyRepr(value)
  return value
}

/** Python's repr() of JSON-like data. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return quote(value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${quote(k)}: ${pyRepr(v)}`)
      .join(', ')}}`
  }
  return String(pyStr(value))
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
  return String(n)
}

/** Single quotes unless the text holds a single quote and no double quote, as Python chooses. */
function quote(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'"
  const body = text.replace(
    UNPRINTABLE,
    (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
  )
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q
}

// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const UNPRINTABLE = /[\\\n\r\t\x00-\x1f\x7f]/g

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
