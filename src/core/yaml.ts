import {
  parse,
  parseDocument,
  stringify,
  type DocumentOptions,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
  type Tags
} from 'yaml'
import { ConfigError } from '../errors.js'

/**
 * YAML as PyYAML reads and writes it, so config files and stored documents mean the same thing to the
 * Python tool and to us: YAML 1.1 (`yes`/`on` booleans, octals, `<<` merge keys) with PyYAML's booleans —
 * the spec's `y`/`n` are plain strings there — and timestamps kept as strings, because a context document
 * must survive a JSON round-trip unchanged.
 */
const BOOL = 'tag:yaml.org,2002:bool'
const TIMESTAMP = 'tag:yaml.org,2002:timestamp'

function pyBool(value: boolean, test: RegExp): ScalarTag {
  return {
    tag: BOOL,
    default: true,
    test,
    identify: (v) => v === value,
    resolve: () => value,
    stringify: () => String(value)
  }
}

function tagName(t: Tags[number]): string {
  return typeof t === 'string' ? `tag:yaml.org,2002:${t}` : t.tag
}

/**
 * Timestamps resolve to the string as written; keeping the tag (rather than dropping it) makes the
 * writer quote date-like strings, which PyYAML would otherwise read back as dates.
 */
const timestampAsString: ScalarTag = {
  tag: TIMESTAMP,
  default: true,
  test: /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/,
  identify: () => false,
  resolve: (text) => text
}

const OPTIONS: DocumentOptions & ParseOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: false,
  customTags: (tags) => [
    pyBool(true, /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/),
    pyBool(false, /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/),
    timestampAsString,
    ...tags.filter((t) => tagName(t) !== BOOL && tagName(t) !== TIMESTAMP)
  ]
}

/** Parses YAML text; a syntax error becomes a ConfigError naming `source` and the line. */
export function parseYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, OPTIONS)
  const err = doc.errors[0]
  if (err) {
    const line = err.linePos?.[0]?.line
    const where = line ? `${source}:${line}` : source
    throw new ConfigError(`malformed YAML in ${where}: ${firstLine(err.message)}`, source, line)
  }
  return doc.toJS({ maxAliasCount: 1000 })
}

/** Parses YAML text that is known to be well-formed (our own stored documents); throws plain errors. */
export function parseYamlFast(text: string): unknown {
  return parse(text, OPTIONS)
}

/** Block-style YAML that PyYAML's FullLoader reads back to the same values. */
export function stringifyYaml(value: unknown): string {
  return stringify(value, { ...OPTIONS, lineWidth: 0, aliasDuplicateObjects: false })
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text
}
