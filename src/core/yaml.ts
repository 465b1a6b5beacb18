import { parse, parseDocument, stringify, type ParseOptions, type SchemaOptions } from 'yaml'
import { ConfigError } from '../errors.js'

/**
 * YAML as PyYAML reads and writes it (YAML 1.1: `yes`/`no` booleans, `<<` merge keys), so config files
 * and stored documents mean the same thing to the Python tool and to us. Timestamps stay strings: a
 * context document must survive a JSON round-trip unchanged.
 */
const OPTIONS: ParseOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  customTags: (tags) => tags.filter((t) => typeof t === 'function' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  uniqueKeys: false
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
