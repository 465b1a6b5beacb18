import { setOwn } from './own-property.js'

/**
 * A deep copy of a JSON-like value (plain objects, arrays, strings, numbers, booleans, null), as
 * `structuredClone` makes it but several times cheaper on a cold start: structuredClone serialises
 * and deserialises through V8's value serializer, ~7–10 ms for a 2,000-key document the first time
 * against ~2 ms for this walk (bench/README.md, issue 13), and every set copies its value.
 *
 * Same result as structuredClone for such values: nothing shared, key order kept, a key named
 * `__proto__` copied as an own data key (documents may hold one, from JSON.parse or YAML). Anything
 * else (a Date, a Map, a class instance, a function) and any subtree deeper than MAX_WALK_DEPTH is
 * handed to structuredClone itself, so the walk's recursion is bounded whatever the input.
 */
export function cloneJson<T>(value: T): T {
  return copy(value, 0) as T
}

/**
 * Written documents are at most 99 levels deep (yaml.ts MAX_NESTING) and the reader refuses more;
 * a deeper value (a JSON primary written by another tool) is left to structuredClone, which checks
 * its own stack.
 */
const MAX_WALK_DEPTH = 200

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) {
    // A function or symbol is not data: structuredClone refuses it with its own DataCloneError.
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value
  }
  if (depth >= MAX_WALK_DEPTH) return structuredClone(value)
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1)
    return out
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source)) {
    const item = copy(source[key], depth + 1)
    // `out[key] =` would re-parent `out` for a key named `__proto__` instead of copying it.
    if (key === '__proto__') setOwn(out, key, item)
    else out[key] = item
  }
  return out
}
