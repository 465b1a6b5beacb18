import { ConfigError } from '../errors.js'
import { getOwn, setOwn } from './own-property.js'
import { isJsonObject, type JsonObject, type JsonValue } from './types.js'

/**
 * Deep merge of mappings, later wins, lists replaced (the Python tool's dict_merge). A mapping meeting a
 * non-mapping is an error naming the key and the two files, instead of one silently replacing the other.
 * Returns a new object; inputs are not modified.
 */
export function deepMerge(
  base: JsonObject,
  over: JsonObject,
  at: string,
  files: [string, string]
): JsonObject {
  // Spread and Object.entries keep a `__proto__` key as own data; reads and writes must too.
  const out: JsonObject = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const current = getOwn(out, key)
    const path = at ? `${at}.${key}` : key
    if (current === undefined || current === null || value === null) {
      setOwn(out, key, value)
    } else if (isJsonObject(current) && isJsonObject(value)) {
      setOwn(out, key, deepMerge(current, value, path, files))
    } else if (isJsonObject(current) !== isJsonObject(value)) {
      throw new ConfigError(
        `cannot merge '${path}': it is ${kind(current)} in ${files[0]} but ${kind(value)} in ${files[1]}`,
        files[1]
      )
    } else {
      setOwn(out, key, value)
    }
  }
  return out
}

function kind(v: JsonValue): string {
  if (isJsonObject(v)) return 'a mapping'
  if (Array.isArray(v)) return 'a list'
  return `a ${typeof v}`
}
