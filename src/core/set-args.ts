import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ConfigError, UsageError } from '../errors.js'
import { isCredentialName } from './credentials.js'
import type { JsonValue } from './types.js'
import { parseYaml } from './yaml.js'

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
 * Where `--set` values may come from. `files`: `any` reads every file the process can (the Python tool's
 * behaviour, the CLI default); `workspace` reads only regular files inside `root` after resolving
 * symlinks, never under a `.git` directory (actions/checkout keeps the token in `.git/config`); `off`
 * refuses `file://`. Anything but `any` also keeps `env:` away from the runner's own variables.
 */
export interface ValueSources {
  cwd: string
  files: 'any' | 'workspace' | 'off'
  /** The directory `workspace` confines reads to (default `cwd`). */
  root?: string
  /** What turns the rule on or off, named in the error (`input 'allow-file-values'`, `--restrict-values`). */
  rule?: string
  env?: Readonly<Record<string, string | undefined>>
}

/**
 * Parses `path=value` pairs (split on the first `=`; key and value trimmed as the Python tool does).
 * `value` of `file://PATH` is read as JSON, else YAML when it holds a mapping or list, else kept as text
 * exactly as in the file (the Python tool folded multi-line text through YAML: upstream defect 6).
 * `env:NAME` is the raw form for untrusted text: the variable's value verbatim, never parsed — it is
 * resolved after the `|` split (which only ever sees the argument text), and for `key[]`/`key{}` it is
 * one item, not comma-split. `raw:TEXT` is TEXT literally (the escape for values starting with `env:`,
 * `file://` or `raw:`). `k=` sets an empty string (the Python tool silently ignored it).
 */
export function parseSetPairs(
  pairs: readonly string[],
  sources: string | ValueSources
): SetOperation[] {
  const src: ValueSources = typeof sources === 'string' ? { cwd: sources, files: 'any' } : sources
  return pairs.map((pair) => {
    const eq = pair.indexOf('=')
    if (eq === -1) throw new UsageError(`--set '${pair}': expected path=value`)
    const path = pair.slice(0, eq).trim()
    if (!path) throw new UsageError(`--set '${pair}': the path before '=' is empty`)
    return { path, value: setValue(path, pair.slice(eq + 1).trim(), src) }
  })
}

function setValue(path: string, raw: string, src: ValueSources): JsonValue {
  if (raw.startsWith('raw:')) return raw.slice(4)
  if (raw.startsWith('env:')) {
    const value = envValue(path, raw.slice(4).trim(), src)
    // A list path would comma-split a string; a one-item list is appended whole.
    return /(\[\]|\{\})$/.test(path) ? [value] : value
  }
  if (raw.startsWith('file://')) return readValueFile(path, raw.slice(7), src)
  return raw
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Variables a restricted `env:` may not read: the action's own inputs (INPUT_SECRETS), the runner's tokens
 * and anything named like a credential. Text injected into a `set` line must not be able to copy them
 * into state, outputs and env.
 */
function privateEnv(name: string): boolean {
  return /^(?:INPUT|ACTIONS)_/i.test(name) || isCredentialName(name)
}

function envValue(path: string, name: string, src: ValueSources): string {
  if (!ENV_NAME.test(name)) {
    throw new UsageError(`--set ${path}: env: needs a variable name ([A-Za-z_][A-Za-z0-9_]*)`)
  }
  if (src.files !== 'any' && privateEnv(name)) {
    throw new UsageError(
      `--set ${path}: env:${name} is not readable here (runner, input and credential-like variables are refused; pass secrets through the secrets file)`
    )
  }
  const value = (src.env ?? process.env)[name]
  if (value === undefined) {
    throw new UsageError(`--set ${path}: environment variable ${name} is not set`)
  }
  return value
}

function readValueFile(path: string, file: string, src: ValueSources): JsonValue {
  const rule = src.rule ?? '--restrict-values'
  if (src.files === 'off') {
    throw new UsageError(
      `--set ${path}: file:// values are off (${rule} turns on reading files inside the workspace); use env:NAME for text`
    )
  }
  const full = resolve(src.cwd, file)
  const root = src.root ?? src.cwd
  // Checked on the path as written first, so "not found" never reveals what exists outside.
  if (src.files === 'workspace') checkInside(path, relative(resolve(root), full), rule)
  if (!file || !existsSync(full) || !statSync(full).isFile()) {
    throw new UsageError(`--set ${path}: file not found: ${file}`)
  }
  const real = src.files === 'workspace' ? confined(path, full, root, rule) : full
  const text = readFileSync(real, 'utf8')
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    /* not JSON: try YAML next */
  }
  let parsed: unknown
  try {
    parsed = parseYaml(text, `file://${file}`)
  } catch (error) {
    // Malformed YAML means the file is plain text; a refused one (alias bomb, limits) is an error.
    if (!(error instanceof ConfigError) || error.message.startsWith('malformed YAML')) return text
    throw new UsageError(`--set ${path}: ${error.message}`)
  }
  if (parsed !== null && typeof parsed === 'object') return parsed as JsonValue
  return text
}

/**
 * The real path of `full` when it is a regular file inside the real `root` and not under a `.git`
 * directory. Symlinks are resolved first, so a link inside the workspace cannot point out of it.
 * (A file swapped for a symlink between this check and the read is not covered: that needs write
 * access to the workspace during the step.)
 */
function confined(path: string, full: string, root: string, rule: string): string {
  const real = realpathSync(full)
  checkInside(path, relative(realpathSync(root), real), rule)
  if (!statSync(real).isFile()) throw new UsageError(`--set ${path}: not a regular file`)
  return real
}

function checkInside(path: string, rel: string, rule: string): void {
  const parts = rel.split(sep)
  if (rel === '' || isAbsolute(rel) || parts[0] === '..') {
    throw new UsageError(
      `--set ${path}: file:// may only read files inside the workspace (${rule})`
    )
  }
  if (parts.includes('.git')) {
    throw new UsageError(`--set ${path}: file:// may not read files under .git (${rule})`)
  }
}
