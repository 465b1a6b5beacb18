/**
 * The block YAML of stringifyYaml (js-yaml's dump with our options: 2-space indent, list items not
 * indented under their key, no line folding, no references), written without js-yaml for the common
 * case: on a cold start js-yaml spends ~10 µs a line deciding each scalar's style (a 2,000-key
 * document: ~20 ms). The layout below follows js-yaml's writeBlockMapping/writeBlockSequence line for
 * line; a string that plainly needs no quoting (SIMPLE, and no implicit type reads it as another
 * value) is written as it is, and every other scalar's text comes from js-yaml itself (`scalar`), so
 * the quoting rules stay js-yaml's. What cannot be laid out here (a key over one line or over 1,024
 * characters, undefined values, non-plain objects) makes it return undefined, and the caller dumps
 * with js-yaml. `__tests__/core/yaml-fast-writer.test.ts` compares the two byte for byte.
 */

export interface ScalarWriter {
  /** True when an implicit type (null, bool, int, float, timestamp, merge) would read `text`. */
  ambiguous(text: string): boolean
  /** js-yaml's text for a scalar at the top level, without the document's final newline. */
  scalar(value: unknown): string
}

class Unsupported extends Error {}

function giveUp(): never {
  throw new Unsupported()
}

// Plain-safe in js-yaml: a letter, digit or `_` first; then also `.`, `/`, `-`, and inside `,`, `(`,
// `)`, `=`, `+` and spaces (no `: ` or ` #` can form, no space ends it).
const SIMPLE = /^[A-Za-z0-9_](?:[A-Za-z0-9_./ ,()=+-]*[A-Za-z0-9_./-])?$/
/** Past this, js-yaml writes a key as an explicit `? ` pair (writeBlockMapping). */
const MAX_IMPLICIT_KEY = 1024

/** The YAML for `value`, or undefined when it must be left to js-yaml. */
export function writeYamlFast(value: unknown, scalars: ScalarWriter): string | undefined {
  try {
    return new Writer(scalars).node(0, value, true, false) + '\n'
  } catch (err) {
    if (err instanceof Unsupported) return undefined
    throw err
  }
}

class Writer {
  private readonly indents: string[] = ['']

  constructor(private readonly scalars: ScalarWriter) {}

  private newline(level: number): string {
    let indent = this.indents[level]
    if (indent === undefined) {
      indent = '  '.repeat(level)
      this.indents[level] = indent
    }
    return '\n' + indent
  }

  /** js-yaml's writeNode for block context: `compact` and `inSequence` as it passes them. */
  node(level: number, value: unknown, compact: boolean, inSequence: boolean): string {
    if (typeof value === 'string') return this.string(level, value)
    if (typeof value !== 'object' || value === null) {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') giveUp()
      return this.scalars.scalar(value)
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]'
      // noArrayIndent: a list under a key sits at the key's indent.
      return this.sequence(!inSequence && level > 0 ? level - 1 : level, value, compact)
    }
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) giveUp()
    return this.mapping(level, value as Record<string, unknown>, compact)
  }

  private mapping(level: number, object: Record<string, unknown>, compact: boolean): string {
    let out = ''
    for (const key of Object.keys(object)) {
      if (!compact || out !== '') out += this.newline(level)
      out += this.key(key)
      const value = this.node(level + 1, object[key], false, false)
      out += value.charCodeAt(0) === 10 ? ':' : ': '
      out += value
    }
    return out === '' ? '{}' : out
  }

  private sequence(level: number, list: unknown[], compact: boolean): string {
    let out = ''
    for (const item of list) {
      const value = this.node(level + 1, item, true, true)
      if (!compact || out !== '') out += this.newline(level)
      out += value.charCodeAt(0) === 10 ? '-' : '- '
      out += value
    }
    return out
  }

  private key(key: string): string {
    // A quoted key is never shorter than the key itself.
    if (key.length > MAX_IMPLICIT_KEY) giveUp()
    if (SIMPLE.test(key) && !this.scalars.ambiguous(key)) return key
    // A multi-line key is written differently from a multi-line value (double-quoted, not a block).
    if (key.includes('\n')) giveUp()
    const text = this.scalars.scalar(key)
    if (text.length > MAX_IMPLICIT_KEY) giveUp()
    return text
  }

  private string(level: number, value: string): string {
    if (SIMPLE.test(value) && !this.scalars.ambiguous(value)) return value
    const text = this.scalars.scalar(value)
    if (text.charCodeAt(0) !== 124) return text
    // A literal block: js-yaml indents its lines by 2 per level (at least 2; at the top level, 2).
    const extra = level > 1 ? '  '.repeat(level - 1) : ''
    if (extra === '') return text
    return text
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : extra + line))
      .join('\n')
  }
}
