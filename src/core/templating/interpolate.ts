import { BLOCKED_KEYS, RUNTIME_NAMES } from './policy.js'

/**
 * Renders templates made only of text and `{{ name.path }}` interpolations of strings and numbers —
 * the common `hello {{ ctx.who }}` — without loading the template engine. Returns undefined whenever
 * the engine's answer could differ (tags, comments, filters, calls, missing or non-scalar values, blocked
 * names), so the caller then renders with the engine and the output is the same either way.
 */
const EXPR = /\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*-?\}\}/g

export function renderInterpolation(
  template: string,
  context: Record<string, unknown>
): string | undefined {
  if (template.includes('{%') || template.includes('{#')) return undefined
  let failed = false
  const out = template.replace(EXPR, (match, path: string) => {
    if (match.startsWith('{{-') || match.endsWith('-}}')) failed = true
    const value = failed ? undefined : resolve(context, path.split('.'))
    if (typeof value === 'string') return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    failed = true
    return ''
  })
  // Any `{{` left was not a plain interpolation.
  if (failed || out.includes('{{')) return undefined
  // Jinja2 drops one trailing newline (keep_trailing_newline=False).
  return out.endsWith('\n') ? out.slice(0, -1) : out
}

function resolve(context: Record<string, unknown>, keys: string[]): unknown {
  let node: unknown = context
  for (const key of keys) {
    if (BLOCKED_KEYS.has(key) || RUNTIME_NAMES.has(key)) return undefined
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}
