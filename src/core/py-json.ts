/**
 * JSON text as Python's `json.dumps` writes it, so shell scripts written against the Python tool keep
 * matching: `", "` and `": "` separators (`","` between items when indenting), non-ASCII escaped as
 * `\uXXXX` unless `ensureAscii` is false, keys in insertion order unless `sortKeys`.
 */
export interface PyJsonOptions {
  /** Spaces per level; null/undefined writes everything on one line. */
  indent?: number | null
  sortKeys?: boolean
  ensureAscii?: boolean
}

export function pyJsonDumps(value: unknown, options: PyJsonOptions = {}): string {
  const indent = options.indent ?? null
  return write(value, indent, options.sortKeys ?? false, options.ensureAscii ?? true, 0)
}

function write(
  value: unknown,
  indent: number | null,
  sortKeys: boolean,
  ascii: boolean,
  depth: number
): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return quote(value, ascii)
  if (typeof value === 'number') return formatNumber(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return quote(value.toISOString(), ascii)
  const items = Array.isArray(value)
    ? value.map((v) => write(v, indent, sortKeys, ascii, depth + 1))
    : null
  if (items) return wrap('[', ']', items, indent, depth)
  const keys = Object.keys(value as object)
  if (sortKeys) keys.sort()
  const pairs = keys.map(
    (k) =>
      `${quote(k, ascii)}: ${write((value as Record<string, unknown>)[k], indent, sortKeys, ascii, depth + 1)}`
  )
  return wrap('{', '}', pairs, indent, depth)
}

function wrap(
  open: string,
  close: string,
  items: string[],
  indent: number | null,
  depth: number
): string {
  if (items.length === 0) return open + close
  if (indent === null) return open + items.join(', ') + close
  const pad = ' '.repeat(indent * (depth + 1))
  const end = ' '.repeat(indent * depth)
  return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${end}${close}`
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  return String(n)
}

function quote(text: string, ascii: boolean): string {
  const json = JSON.stringify(text)
  // JSON.stringify leaves non-ASCII as is; Python escapes each UTF-16 unit (surrogate pairs included).
  return ascii
    ? json.replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
    : json
}
