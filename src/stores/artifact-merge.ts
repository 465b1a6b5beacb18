/**
 * Three-way merge of JSON documents, for recovering a forked revision of the `actions-artifact` store:
 * every change `fork` made relative to `base` (the revision both writers started from) is applied to
 * `current`; what `fork` did not touch stays as `current` has it. Lists and scalars are replaced whole.
 */
import { isJsonObject, type JsonObject } from '../core/types.js'

export function mergeChanges(base: unknown, fork: unknown, current: unknown): unknown {
  if (isJsonObject(base) && isJsonObject(fork) && isJsonObject(current)) {
    const out: JsonObject = { ...current }
    for (const key of new Set([...Object.keys(base), ...Object.keys(fork)])) {
      if (!(key in fork)) delete out[key]
      else if (!(key in base)) out[key] = fork[key] as JsonObject[string]
      else out[key] = mergeChanges(base[key], fork[key], current[key]) as JsonObject[string]
    }
    return out
  }
  return sameJson(base, fork) ? current : fork
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
