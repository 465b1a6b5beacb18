import type { HandlerOutcome } from '../core/events.js'
import { pyJsonDumps } from '../core/py-json.js'

/**
 * A value as text (a `--get` answer, an action output): strings as they are, numbers and booleans as
 * JSON writes them, lists and mappings as Python's json.dumps (so scripts written against the Python
 * tool keep matching), null as nothing.
 */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return pyJsonDumps(value)
}

/** A `--get` answer: the value's text with one trailing newline, like Python's print; null prints nothing. */
export function formatValue(value: unknown): string {
  return value === null || value === undefined ? '' : `${valueText(value)}\n`
}

/** What a dry run would have sent, per handler block. */
export function formatDryRun(outcomes: readonly HandlerOutcome[]): string {
  const parts = outcomes.map((o) => {
    const head = `### ${o.handler} '${o.block}': ${o.status}${o.reason ? ` (${o.reason})` : ''}`
    if (!o.request) {
      const captured = o.captured
        ? Object.entries(o.captured).map(([k, v]) => `set ${k} = ${JSON.stringify(v)}`)
        : []
      return [head, ...captured].join('\n')
    }
    const { method, url, headers, body } = o.request
    const headerLines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`)
    return [head, `${method} ${url}`, ...headerLines, '', body].join('\n')
  })
  return parts.length ? `${parts.join('\n\n')}\n` : '### no handlers for this event\n'
}
