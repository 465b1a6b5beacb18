import { PathError } from '../errors.js'
import { isJsonObject, type JsonObject, type JsonValue } from './types.js'

/**
 * Property-path assignment as the Python tool's `--set` does it: `a.b.c` creates intermediate mappings,
 * a trailing `[]` appends comma-split items to a list, a trailing `{}` appends keeping items unique in
 * first-seen order, and the value `[]` clears either. Unlike the Python tool, crossing a value that is not
 * a mapping is an error instead of silently replacing it (upstream defect 5).
 */
type ListMode = 'replace' | 'append' | 'unique'

/**
 * Keys that name JavaScript's prototype machinery rather than data: `node['__proto__'] = …` would
 * re-parent or (through `Object.prototype`) pollute every object in the process, and `constructor` /
 * `prototype` lead there. Refused in every path, whoever wrote it (CLI, set-values, captures, generators,
 * --tmpl-ctx-var), because every one of them is parsed here.
 */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype'
])

export interface ParsedPath {
  keys: string[]
  mode: ListMode
}

export function parsePropPath(path: string): ParsedPath {
  const trimmed = path.trim()
  const parts = trimmed.split('.')
  if (trimmed === '' || parts.some((p) => p === '')) {
    throw new PathError(`invalid property path '${path}': empty key`)
  }
  const last = parts[parts.length - 1] as string
  let mode: ListMode = 'replace'
  if (last.endsWith('[]')) mode = 'append'
  else if (last.endsWith('{}')) mode = 'unique'
  if (mode !== 'replace') parts[parts.length - 1] = last.slice(0, -2)
  const inner = parts.findIndex((p) => p.includes('[]') || p.includes('{}'))
  if (inner !== -1 || parts[parts.length - 1] === '') {
    throw new PathError(
      `invalid property path '${path}': '[]' and '{}' are only allowed at the end`
    )
  }
  const forbidden = parts.find((p) => FORBIDDEN_SEGMENTS.has(p))
  if (forbidden !== undefined) {
    throw new PathError(`invalid property path '${path}': '${forbidden}' is not allowed as a key`)
  }
  return { keys: parts, mode }
}

/** Sets `value` at `path` inside `target` (mutating it). */
export function setAtPath(target: JsonObject, path: string, value: JsonValue): void {
  setAtParsedPath(target, parsePropPath(path), path, value)
}

/** setAtPath for a path the caller has already parsed (and checked); `path` is for messages. */
export function setAtParsedPath(
  target: JsonObject,
  { keys, mode }: ParsedPath,
  path: string,
  value: JsonValue
): void {
  let node = target
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as string
    // Own keys only: an inherited member is not data (and must not be walked into).
    const next = Object.hasOwn(node, key) ? node[key] : undefined
    if (next === undefined || next === null) {
      const created: JsonObject = {}
      node[key] = created
      node = created
    } else if (isJsonObject(next)) {
      node = next
    } else {
      const at = keys.slice(0, i + 1).join('.')
      throw new PathError(`cannot set '${path}': '${at}' is ${describe(next)}, not a mapping`)
    }
  }
  const key = keys[keys.length - 1] as string
  if (mode === 'replace') {
    node[key] = value
    return
  }
  node[key] = appendItems(Object.hasOwn(node, key) ? node[key] : undefined, value, mode, path)
}

function appendItems(
  existing: JsonValue | undefined,
  value: JsonValue,
  mode: ListMode,
  path: string
): JsonValue[] {
  if (value === '[]') return []
  let list: JsonValue[]
  if (existing === undefined || existing === null || existing === '') list = []
  else if (Array.isArray(existing)) list = existing
  else throw new PathError(`cannot append to '${path}': it holds ${describe(existing)}, not a list`)
  const items =
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [value]
  const merged = [...list, ...items]
  return mode === 'unique' ? uniqueInOrder(merged) : merged
}

function uniqueInOrder(items: JsonValue[]): JsonValue[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = typeof item === 'string' ? `s:${item}` : `j:${JSON.stringify(item)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function describe(value: JsonValue): string {
  if (Array.isArray(value)) return 'a list'
  if (isJsonObject(value)) return 'a mapping'
  return `the ${typeof value} ${JSON.stringify(value)}`
}
