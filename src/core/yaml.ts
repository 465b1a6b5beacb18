import * as jsyaml from 'js-yaml'
import { dump, FAILSAFE_SCHEMA, load, Type, YAMLException } from 'js-yaml'
import { ConfigError, PathError } from '../errors.js'
import { readWrittenYaml } from './yaml-fast-reader.js'
import { writeYamlFast, type ScalarWriter } from './yaml-fast-writer.js'

/**
 * YAML exactly as PyYAML (the Python tool's parser) reads and writes it, so config files and stored
 * documents mean the same thing to both tools: YAML 1.1 scalars — PyYAML's booleans (`yes`/`on`/`off`…,
 * but not `y`/`n`), octal `0777`, `_` digit separators, sexagesimal numbers, floats only with a dot — and
 * `<<` merge keys. Timestamps stay strings (a context document must survive a JSON round-trip) but are
 * still recognised, so the writer quotes date-like strings that PyYAML would otherwise read as dates.
 * Built on js-yaml: several times faster than the alternatives, which matters on every CLI call.
 */

/** Cheap first-character check before the regexes: every plain scalar of a document goes through these. */
function startsNumeric(data: string): boolean {
  const c = data.charCodeAt(0)
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 // 0-9 + - .
}

const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/

const bool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string) => data.length <= 5 && (TRUE.test(data) || FALSE.test(data)),
  construct: (data: string) => TRUE.test(data),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: (value: object) => ((value as unknown as boolean) ? 'true' : 'false')
})

const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/

function constructInt(data: string): number {
  let text = data.replace(/_/g, '')
  let sign = 1
  if (text[0] === '-' || text[0] === '+') {
    if (text[0] === '-') sign = -1
    text = text.slice(1)
  }
  if (text === '0') return 0
  if (text.startsWith('0b')) return sign * parseInt(text.slice(2), 2)
  if (text.startsWith('0x')) return sign * parseInt(text.slice(2), 16)
  if (text.startsWith('0')) return sign * parseInt(text, 8)
  if (text.includes(':')) return sign * sexagesimal(text)
  return sign * parseInt(text, 10)
}

function sexagesimal(text: string): number {
  return text.split(':').reduce((acc, part) => acc * 60 + parseFloat(part), 0)
}

const int = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string) => startsNumeric(data) && INT.test(data),
  construct: constructInt,
  predicate: (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && !Object.is(value, -0),
  // Beyond 2^53 String() switches to exponent form, which PyYAML would read as a string.
  represent: (value: object) => BigInt(value as unknown as number).toString()
})

const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

function constructFloat(data: string): number {
  const text = data.replace(/_/g, '').toLowerCase()
  const sign = text.startsWith('-') ? -1 : 1
  const body = text.replace(/^[-+]/, '')
  if (body === '.inf') return sign * Infinity
  if (body === '.nan') return NaN
  if (body.includes(':')) return sign * sexagesimal(body)
  return sign * parseFloat(body)
}

function representFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan'
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf'
  if (Object.is(value, -0)) return '-0.0'
  // PyYAML floats need a dot and a signed exponent: 1e-7 -> 1.0e-07 is read back as a float.
  const text = String(value)
  const [mantissa = text, exponent] = text.split('e')
  const withDot = mantissa.includes('.') ? mantissa : `${mantissa}.0`
  return exponent === undefined
    ? withDot
    : `${withDot}e${/^[-+]/.test(exponent) ? exponent : `+${exponent}`}`
}

const float = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string) => startsNumeric(data) && FLOAT.test(data),
  construct: constructFloat,
  predicate: (value: unknown) =>
    typeof value === 'number' && (!Number.isInteger(value) || Object.is(value, -0)),
  represent: (value: object) => representFloat(value as unknown as number)
})

const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/

const timestampAsString = new Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: string) => data.length >= 8 && data[4] === '-' && TIMESTAMP.test(data),
  construct: (data: string) => data,
  predicate: () => false
})

// js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.
const { types } = jsyaml as unknown as { types: { null: Type; merge: Type } }

const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [types.null, bool, int, float, timestampAsString, types.merge]
})

/** Documents with shared anchors can expand exponentially when copied or written ("billion laughs"). */
const MAX_NODES = 2_000_000

/**
 * The deepest nesting a document may have, counting the document itself as level 1 and every value
 * (scalars and empty collections too) at its own level. The reader and the writer share it, so nothing
 * is ever written that cannot be read back: the reader's js-yaml `maxDepth` is one more, because
 * js-yaml spends one extra level on a run of compact nested lists (`- - - x`).
 */
export const MAX_NESTING = 99
// json: duplicate keys take the last value, as PyYAML does, instead of failing. js-yaml reads
// `maxDepth` (default 100); @types/js-yaml does not declare it, hence the separate object.
const LOAD_OPTIONS = { schema: SCHEMA, json: true, maxDepth: MAX_NESTING + 1 }

/**
 * Refuses a value whose expanded size (every alias counted as the copy it becomes when the value is
 * cloned, written or sent) is over MAX_NODES. js-yaml builds an alias as a reference to the anchored
 * node, so a plain walk would itself explode; each distinct node is sized once (memoised), making the
 * check linear in what js-yaml actually allocated.
 */
function checkExpansion(value: unknown, source: string): void {
  const sizes = new Map<object, number>()
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1
    const known = sizes.get(v)
    if (known !== undefined) {
      if (known < 0) throw new ConfigError(`${source}: YAML holds a recursive alias`, source)
      return known
    }
    sizes.set(v, -1)
    let total = 1
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      total += size(child)
      if (total > MAX_NODES) {
        throw new ConfigError(
          `${source}: YAML expands to more than ${MAX_NODES} values (alias bomb?)`,
          source
        )
      }
    }
    sizes.set(v, total)
    return total
  }
  size(value)
}

/**
 * The one YAML loader: every YAML the project reads (config, app config, bases, secrets, stored documents,
 * `file://` values, generator templates) goes through here and the same limits. A syntax error becomes a
 * ConfigError naming `source` and the line.
 */
export function parseYaml(text: string, source: string): unknown {
  let value: unknown
  try {
    value = load(text, { ...LOAD_OPTIONS, filename: source })
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error
    const line = error.mark ? error.mark.line + 1 : undefined
    const where = line ? `${source}:${line}` : source
    throw new ConfigError(`malformed YAML in ${where}: ${error.reason}`, source, line)
  }
  // Without an alias (`*`) nothing can be shared, so the common case skips the walk.
  if (text.includes('*')) checkExpansion(value, source)
  return value
}

// The implicit types js-yaml tries on a plain scalar are null, bool, int, float, timestamp (then merge
// keys, which the fast paths leave to js-yaml), in that order; split by the characters they start with.
const NUMERIC_TYPES = [int, float, timestampAsString]
const WORD_TYPES = [types.null, bool]

/**
 * The first implicit type that reads a plain scalar, as js-yaml tries them. Most
 * scalars start with a character none of them accepts, so the first character picks the candidates:
 * numbers and timestamps start with a digit, `+`, `-` or `.`; nulls and booleans with `~` or a
 * letter of null/true/false/yes/no/on/off.
 */
function implicitType(text: string): Type | undefined {
  const candidates = startsNumeric(text)
    ? NUMERIC_TYPES
    : '~nNtTfFyYoO'.includes(text.charAt(0)) && text !== ''
      ? WORD_TYPES
      : undefined
  return candidates?.find((type) => type.resolve(text))
}

/** A plain scalar's value (exported for the fast reader's tests). */
export function resolvePlain(text: string): { value: unknown } {
  const type = implicitType(text)
  return { value: type ? type.construct(text) : text }
}

/**
 * A stored document (a YAML file primary) as parseYaml reads it. What our writer produced is read by
 * the line-based reader of yaml-fast-reader.ts (the same result, a fraction of the cold-start cost);
 * any other text — hand-edited, written by the Python tool in a style ours does not use — by js-yaml.
 */
export function parseStoredYaml(text: string, source: string): unknown {
  return readWrittenYaml(text, resolvePlain) ?? parseYaml(text, source)
}

/**
 * Refuses a value the readers would refuse: nested deeper than MAX_NESTING, or more than MAX_NODES
 * values. `at` is where the value will sit (a set's parsed path), so its levels count too. Called
 * before anything is written (WorkingDocument.set for each value, ContextManager for the whole
 * document whatever the store's format, stringifyYaml), so one write can never leave a context
 * unreadable. One walk that stops at the limit: about 65 ns per value (130 µs for 2,000 keys).
 */
export function checkWritable(value: unknown, what: string, at: readonly string[] = []): void {
  const counter = { values: 1 }
  const level = at.length + 1
  const path = level > MAX_NESTING ? [] : tooDeep(value, level, counter)
  if (path) {
    throw new PathError(
      `${what}: '${shortPath([...at, ...path])}' is nested deeper than ${MAX_NESTING} levels, the ` +
        'most the YAML reader accepts; store it flatter (or as a JSON string)'
    )
  }
  if (counter.values > MAX_NODES) {
    throw new PathError(`${what}: more than ${MAX_NODES} values, the most a document may hold`)
  }
}

/** The path to the first value below MAX_NESTING, built only on the way out of a failure. */
function tooDeep(
  v: unknown,
  level: number,
  counter: { values: number }
): Array<string | number> | undefined {
  if (v === null || typeof v !== 'object') return undefined
  const list = Array.isArray(v) ? (v as unknown[]) : undefined
  const keys = list ? undefined : Object.keys(v)
  const size = list ? list.length : (keys as string[]).length
  counter.values += size
  // Stopping here also bounds the recursion, whatever the input's depth or size.
  if (size > 0 && level >= MAX_NESTING) return [list ? 0 : ((keys as string[])[0] as string)]
  if (counter.values > MAX_NODES) return undefined
  for (let i = 0; i < size; i++) {
    const key = list ? i : ((keys as string[])[i] as string)
    const below = tooDeep(list ? list[i] : (v as Record<string, unknown>)[key], level + 1, counter)
    if (below) return (below.unshift(key), below)
  }
  return undefined
}

function shortPath(keys: Array<string | number>): string {
  const shown = keys.length > 6 ? [...keys.slice(0, 4), '…', ...keys.slice(-1)] : keys
  return shown
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '')
}

/** js-yaml's dump options for stringifyYaml, without its caller's indent and key order. */
const DUMP_OPTIONS = {
  schema: SCHEMA,
  noRefs: true,
  lineWidth: -1,
  // PyYAML's layout: list items under a key are not indented.
  noArrayIndent: true,
  // js-yaml's own YAML 1.1 keyword check is redundant: the schema's types above already make the
  // writer quote every string PyYAML would read as something else (pyyaml-compat.test.ts).
  noCompatMode: true
}

/** The options of the stored documents' layout (stringifyYaml's defaults), built once. */
const STORED_DUMP_OPTIONS = { ...DUMP_OPTIONS, indent: 2 }

/** What the fast writer asks js-yaml: whether a plain string would read as another type, and a scalar's text. */
export const SCALARS: ScalarWriter = {
  ambiguous: (text) => implicitType(text) !== undefined || text === '<<',
  scalar: (value) => dump(value, STORED_DUMP_OPTIONS).slice(0, -1)
}

/** Block-style YAML that PyYAML's FullLoader reads back to the same values. */
export function stringifyYaml(
  value: unknown,
  options: { indent?: number; sortKeys?: boolean } = {}
): string {
  checkWritable(value, 'YAML document')
  const indent = options.indent ?? 2
  const sortKeys = options.sortKeys ?? false
  // The stored documents' layout is written without js-yaml when it can be (yaml-fast-writer.ts).
  const fast = indent === 2 && !sortKeys ? writeYamlFast(value, SCALARS) : undefined
  return fast ?? dump(value, { ...DUMP_OPTIONS, indent, sortKeys })
}

/** stringifyYaml's text from js-yaml alone: what the fast writer is tested against. */
export function stringifyYamlWithJsYaml(value: unknown): string {
  return dump(value, STORED_DUMP_OPTIONS)
}
