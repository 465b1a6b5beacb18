import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'
import type { JsonValue } from './types.js'
import { parseYamlFast } from './yaml.js'

/** One `--set path=value` after splitting, with any `file://` value already read. */
export interface SetOperation {
  path: string
  value: JsonValue
}

/**
 * Splits `--set` arguments into `path=value` pairs. As in the Python tool, one argument may hold several
 * pairs separated by `|` (`a=1|b=2`); unlike it, a `|` only separates pairs when a `path=` follows it, so
 * values may contain `|` (upstream defect 7). `\|` is always a literal `|`.
 */
export function splitSetArgs(args: readonly string[]): string[] {
  const pairs: string[] = []
  for (const arg of args) {
    let current = ''
    for (let i = 0; i < arg.length; i++) {
      const ch = arg[i]
      if (ch === '\\' && arg[i + 1] === '|') {
        current += '|'
        i++
      } else if (ch === '|' && PAIR_START.test(arg.slice(i + 1))) {
        pairs.push(current)
        current = ''
      } else {
        current += ch
      }
    }
    pairs.push(current)
  }
  return pairs.filter((p) => p.trim() !== '')
}

const PAIR_START = /^\s*[A-Za-z0-9_@$-][A-Za-z0-9_@$.\-[\]{}]*\s*=/

/**
 * Parses `path=value` pairs (split on the first `=`; key and value trimmed as the Python tool does).
 * `value` of `file://PATH` is read as JSON, else YAML when it holds a mapping or list, else kept as text
 * exactly as in the file (the Python tool folded multi-line text through YAML: upstream defect 6).
 * `k=` sets an empty string (the Python tool silently ignored it).
 */
export function parseSetPairs(pairs: readonly string[], cwd: string): SetOperation[] {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=')
    if (eq === -1) throw new UsageError(`--set '${pair}': expected path=value`)
    const path = pair.slice(0, eq).trim()
    if (!path) throw new UsageError(`--set '${pair}': the path before '=' is empty`)
    const raw = pair.slice(eq + 1).trim()
    return { path, value: raw.startsWith('file://') ? readValueFile(path, raw.slice(7), cwd) : raw }
  })
}

function readValueFile(path: string, file: string, cwd: string): JsonValue {
  const full = resolve(cwd, file)
  if (!file || !existsSync(full) || !statSync(full).isFile()) {
    throw new UsageError(`--set ${path}: file not found: ${file}`)
  }
  const text = readFileSync(full, 'utf8')
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    /* not JSON: try YAML next */
  }
  try {
    const parsed = parseYamlFast(text)
    if (parsed !== null && typeof parsed === 'object') return parsed as JsonValue
  } catch {
    /* not YAML either: raw text */
  }
  return text
}
