import { JSONPath } from 'jsonpath-plus'
import { PathError } from '../errors.js'

/**
 * JSONPath queries in the jsonpath-ng dialect the Python tool used (`state.key1`, `state.list[2]`,
 * `a.b[*].c`, `$..x`, slices, quoted keys). jsonpath-plus evaluates them; script filters are disabled —
 * jsonpath-ng's plain parser had none, and expressions may come from repository config.
 */
export interface PathResult {
  found: boolean
  /** The single match, or the list of matches when there are several. */
  value: unknown
}

export function queryAll(data: unknown, expression: string): unknown[] {
  const expr = expression.trim()
  checkSyntax(expr)
  try {
    return JSONPath({
      path: expr,
      json: data as object,
      wrap: true,
      eval: false,
      resultType: 'value'
    }) as unknown[]
  } catch (error) {
    throw new PathError(`invalid JSONPath '${expression}': ${(error as Error).message}`)
  }
}

export function queryValue(data: unknown, expression: string): PathResult {
  const matches = queryAll(data, expression)
  if (matches.length === 0) return { found: false, value: undefined }
  return { found: true, value: matches.length === 1 ? matches[0] : matches }
}

/** Like queryValue, but a malformed expression is not an error (tmpl-ctx-var falls back to the literal). */
export function tryQueryValue(data: unknown, expression: string): PathResult {
  try {
    return queryValue(data, expression)
  } catch {
    return { found: false, value: undefined }
  }
}

// jsonpath-plus accepts nearly any text; reject what jsonpath-ng would not parse so typos surface.
function checkSyntax(expr: string): void {
  if (expr === '') throw new PathError('invalid JSONPath: empty expression')
  let depth = 0
  let quote: string | null = null
  for (const ch of expr) {
    if (quote) {
      if (ch === quote) quote = null
    } else if (ch === "'" || ch === '"') quote = ch
    else if (ch === '[') depth++
    else if (ch === ']' && --depth < 0) break
  }
  if (depth !== 0 || quote)
    throw new PathError(`invalid JSONPath '${expr}': unbalanced brackets or quotes`)
  if (/(^|[^.])\.$/.test(expr) || /\.\.\./.test(expr) || /^\.(?!\.)/.test(expr)) {
    throw new PathError(`invalid JSONPath '${expr}': misplaced '.'`)
  }
  if (/\[\s*\?/.test(expr) || /\(\s*@/.test(expr)) {
    throw new PathError(
      `invalid JSONPath '${expr}': filter and script expressions are not supported`
    )
  }
}
