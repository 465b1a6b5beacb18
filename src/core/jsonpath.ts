import { PathError } from '../errors.js'

/**
 * JSONPath queries in the jsonpath-ng dialect the Python tool used (`state.key1`, `state.list[2]`,
 * `a.b[*].c`, `$..x`, slices, quoted keys). Plain dotted paths — nearly every `--get` — are walked
 * directly; anything else goes to jsonpath-plus, loaded on first need. Script filters are disabled:
 * jsonpath-ng's plain parser had none, and expressions may come from repository config.
 */
export interface PathResult {
  found: boolean
  /** The single match, or the list of matches when there are several. */
  value: unknown
}

type Segment = string | number

/** `a.b[2]['c d']` -> ['a', 'b', 2, 'c d'], or undefined when the path needs the full engine. */
function simpleSegments(expr: string): Segment[] | undefined {
  let rest = expr.startsWith('$.') ? expr.slice(2) : expr
  if (rest === '' || rest === '$') return undefined
  const out: Segment[] = []
  const token = /^(?:\.?([A-Za-z_@][A-Za-z0-9_@-]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\])/
  let first = true
  while (rest !== '') {
    const m = token.exec(rest)
    if (!m || (first && rest.startsWith('.'))) return undefined
    if (m[1] !== undefined) out.push(m[1])
    else if (m[2] !== undefined) out.push(Number(m[2]))
    else out.push((m[3] ?? m[4]) as string)
    rest = rest.slice(m[0].length)
    first = false
  }
  return out
}

function walk(data: unknown, segments: Segment[]): unknown[] {
  let node = data
  for (const seg of segments) {
    if (typeof seg === 'number') {
      if (!Array.isArray(node) || seg >= node.length) return []
      node = node[seg]
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return []
      if (!Object.prototype.hasOwnProperty.call(node, seg)) return []
      node = (node as Record<string, unknown>)[seg]
    }
  }
  return [node]
}

type Engine = typeof import('jsonpath-plus').JSONPath
let engine: Promise<Engine> | undefined

async function query(data: unknown, expression: string): Promise<unknown[]> {
  const expr = expression.trim()
  checkSyntax(expr)
  const segments = simpleSegments(expr)
  if (segments) return walk(data, segments)
  engine ??= import('jsonpath-plus').then((m) => m.JSONPath)
  const JSONPath = await engine
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

export async function queryAll(data: unknown, expression: string): Promise<unknown[]> {
  return query(data, expression)
}

export async function queryValue(data: unknown, expression: string): Promise<PathResult> {
  const matches = await query(data, expression)
  if (matches.length === 0) return { found: false, value: undefined }
  return { found: true, value: matches.length === 1 ? matches[0] : matches }
}

/** Like queryValue, but a malformed expression is not an error (tmpl-ctx-var falls back to the literal). */
export async function tryQueryValue(data: unknown, expression: string): Promise<PathResult> {
  try {
    return await queryValue(data, expression)
  } catch {
    return { found: false, value: undefined }
  }
}

// jsonpath-plus accepts nearly any text; reject what jsonpath-ng would not parse so typos surface.
export function checkSyntax(expr: string): void {
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
  if (depth !== 0 || quote) {
    throw new PathError(`invalid JSONPath '${expr}': unbalanced brackets or quotes`)
  }
  if (/(^|[^.])\.$/.test(expr) || /\.\.\./.test(expr) || /^\.(?!\.)/.test(expr)) {
    throw new PathError(`invalid JSONPath '${expr}': misplaced '.'`)
  }
  if (/\[\s*\?/.test(expr) || /\(\s*@/.test(expr)) {
    throw new PathError(
      `invalid JSONPath '${expr}': filter and script expressions are not supported`
    )
  }
}
