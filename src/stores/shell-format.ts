import type { JsonObject, JsonValue } from '../core/types.js'
import { isJsonObject } from '../core/types.js'

/**
 * The shell-variable view of a document, shared by the shellfile store and the GitHub env export so
 * both name a value the same way (`CICD_state__key1`), as the Python tool's shellfile did.
 */

const PREFIX = 'CICD_'
const SEPARATOR = '__'

/** `['state', 'list', 0]` → `CICD_state__list__0`; every run outside `[0-9A-Za-z_]` becomes one `_`. */
export function shellVarName(pathSegments: readonly (string | number)[]): string {
  const flat = pathSegments.map(String).join(SEPARATOR)
  return PREFIX + flat.replace(/[^0-9A-Za-z_]+/g, '_')
}

/**
 * One `[name, value]` per leaf, in document order. Mapping keys named in `excludeKeyNames` are skipped
 * at any depth; list items are addressed by index; empty lists and mappings yield nothing. Unlike the
 * Python tool, `false`, `0`, `''` and null are kept: a script must be able to tell "false" from "unset".
 */
export function flattenForShell(
  doc: JsonObject,
  excludeKeyNames: readonly string[] = []
): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const excluded = new Set(excludeKeyNames)
  // The name is built segment by segment (what shellVarName gives for the whole path: the separator's
  // characters are kept, so no run of replaced characters spans two segments), not again per leaf.
  const visit = (value: JsonValue, name: string): void => {
    const below = (segment: string | number): string =>
      (name === '' ? PREFIX : name + SEPARATOR) + String(segment).replace(/[^0-9A-Za-z_]+/g, '_')
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, below(i)))
    } else if (isJsonObject(value)) {
      for (const key of Object.keys(value)) {
        if (!excluded.has(key)) visit(value[key] as JsonValue, below(key))
      }
    } else {
      out.push([name === '' ? PREFIX : name, scalarText(value)])
    }
  }
  visit(doc, '')
  return out
}

/** The text a shell script sees for a scalar: booleans lower-case, numbers as JS prints them. */
export function scalarText(value: string | number | boolean | null): string {
  if (value === null) return ''
  return String(value)
}

/**
 * Double-quotes `value` for POSIX shells (bash, dash): inside double quotes only `\`, `"`, `$` and
 * backtick are special, so escaping exactly those makes `source` reproduce the value and run nothing.
 * Newlines stay literal. NUL cannot live in a shell variable at all, so it is dropped.
 */
export function shellQuote(value: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = value.replace(/\x00/g, '').replace(/[\\"$`]/g, (c) => `\\${c}`)
  return `"${escaped}"`
}

/** The whole shell file: one `CICD_<flat>="<value>"` line per leaf. */
export function formatShellFile(doc: JsonObject, excludeKeyNames: readonly string[] = []): string {
  return flattenForShell(doc, excludeKeyNames)
    .map(([name, value]) => `${name}=${shellQuote(value)}\n`)
    .join('')
}
