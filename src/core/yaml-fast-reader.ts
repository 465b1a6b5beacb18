import { setOwn } from './own-property.js'

/**
 * A reader for the block YAML our own writer produces (stringifyYaml: js-yaml's dump with 2-space
 * indent, list items not indented under their key, no line folding), so that reading a stored
 * document does not run js-yaml's character-by-character parser: on a cold start that parser spends
 * ~10 µs a line in the interpreter (a 2,000-key document: ~20 ms, most of a `--get`'s extra cost),
 * while this one works line by line with native string operations (bench/README.md, issue 13).
 *
 * It reads block mappings and sequences, `{}`/`[]`, plain scalars (typed by the caller's resolver,
 * the same YAML 1.1 types js-yaml applies), single- and double-quoted scalars on one line and literal
 * block scalars. Anything else — comments, anchors, tags, flow collections with content, folded or
 * multi-line quoted scalars, tabs, control characters, unusual indentation, deep nesting — makes it
 * return undefined, and the caller parses the text with js-yaml. What it returns is what js-yaml (with
 * our schema) returns: `__tests__/core/yaml-fast-reader.test.ts` compares the two on thousands of
 * generated documents and on hand-picked edge cases.
 */

/** Types a plain scalar as js-yaml's implicit resolvers would; undefined when the reader must give up. */
export type PlainResolver = (text: string) => { value: unknown } | undefined

/** Why the fast reader gives up (caught inside; never escapes). */
class Unsupported extends Error {}

/** Deeper documents go to js-yaml, which also enforces its own depth limit with its own message. */
const MAX_DEPTH = 90

// Characters js-yaml refuses or treats as line breaks, a BOM, and lone surrogates: js-yaml decides.
// eslint-disable-next-line no-control-regex
const AWKWARD = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\r]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** The value the text holds, or undefined when it is outside the subset. */
export function readWrittenYaml(text: string, resolve: PlainResolver): unknown {
  if (!text.endsWith('\n') || AWKWARD.test(text) || LONE_SURROGATE.test(text)) return undefined
  // Document markers (`---`, `...` at a line start) end or start documents: js-yaml decides.
  if (/^(?:---|\.\.\.)/m.test(text)) return undefined
  try {
    return new Reader(text.split('\n'), resolve).document()
  } catch (err) {
    if (err instanceof Unsupported) return undefined
    throw err
  }
}

function giveUp(): never {
  throw new Unsupported()
}

function indentOf(line: string): number {
  let n = 0
  while (line.charCodeAt(n) === 32) n++
  return n
}

// A plain scalar that js-yaml reads exactly as written: no indicator first (a `-` only before a
// non-space, as in `-1`), no `: ` or ` #` inside, no `:` or space at the end.
const PLAIN = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|-(?=\S))(?:(?!: | #).)*(?<![:\s])$/
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\.)*)"$/

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029'
}
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 }

function unescapeDouble(body: string): string {
  if (!body.includes('\\')) return body
  return body.replace(/\\(?:([xuU])([0-9a-fA-F]*)|(.))/g, (_m, hex, digits, simple) => {
    if (simple !== undefined) return ESCAPES[simple as string] ?? giveUp()
    const length = HEX_LENGTH[hex as string] as number
    // Extra hex digits after the escape are literal text; too few is an error: js-yaml decides.
    if ((digits as string).length < length) giveUp()
    const code = parseInt((digits as string).slice(0, length), 16)
    if (code > 0x10ffff) giveUp()
    return String.fromCodePoint(code) + (digits as string).slice(length)
  })
}

/** A quoted scalar (the whole of `text`), or undefined when `text` is not one. */
function quoted(text: string): string | undefined {
  const c = text.charCodeAt(0)
  if (c === 39) {
    const m = SINGLE_QUOTED.exec(text)
    return m ? (m[1] as string).replace(/''/g, "'") : giveUp()
  }
  if (c === 34) {
    const m = DOUBLE_QUOTED.exec(text)
    return m ? unescapeDouble(m[1] as string) : giveUp()
  }
  return undefined
}

/** Where the key of a `key: value` / `key:` line ends (the colon), or -1 when the line is no pair. */
function keyEnd(text: string): number {
  const c = text.charCodeAt(0)
  if (c === 39 || c === 34) {
    // The closing quote: a single-quoted key doubles its quotes, a double-quoted one escapes them.
    let i = 1
    for (;;) {
      const q = text.indexOf(c === 39 ? "'" : '"', i)
      if (q < 0) giveUp()
      if (c === 39 && text.charCodeAt(q + 1) === 39) i = q + 2
      else if (c === 34 && isEscaped(text, q)) i = q + 1
      else return text.charCodeAt(q + 1) === 58 ? q + 1 : -1
    }
  }
  const pair = text.indexOf(': ')
  if (pair >= 0) return pair
  return text.endsWith(':') ? text.length - 1 : -1
}

function isEscaped(text: string, at: number): boolean {
  let slashes = 0
  while (text.charCodeAt(at - 1 - slashes) === 92) slashes++
  return slashes % 2 === 1
}

class Reader {
  private i = 0
  /** The current line's text when a `- ` item put a node on it (its indent is then `virtualIndent`). */
  private virtual: string | undefined
  private virtualIndent = 0

  constructor(
    private readonly lines: string[],
    private readonly resolve: PlainResolver
  ) {}

  document(): unknown {
    // The last element is the empty string after the final newline.
    if (this.lines.length < 2 || this.lines[0] === '' || indentOf(this.lines[0] as string) !== 0)
      giveUp()
    const value = this.node(0, 1)
    if (this.i !== this.lines.length - 1) giveUp()
    return value
  }

  /** The current line's indent and text (without the indent), or undefined at the end. */
  private peek(): { indent: number; text: string } | undefined {
    if (this.virtual !== undefined) return { indent: this.virtualIndent, text: this.virtual }
    if (this.i >= this.lines.length - 1) return undefined
    const line = this.lines[this.i] as string
    const indent = indentOf(line)
    // Blank lines only occur inside block scalars in our output; comments and markers never.
    if (indent === line.length) giveUp()
    return { indent, text: line.slice(indent) }
  }

  private next(): void {
    if (this.virtual !== undefined) this.virtual = undefined
    this.i++
  }

  /** A block node whose first line (the current one) is at `indent`. */
  private node(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) giveUp()
    const line = this.peek()
    if (!line || line.indent !== indent) giveUp()
    const t = line.text
    if (t === '-' || t.startsWith('- ')) return this.sequence(indent, depth, false)
    if (keyEnd(t) < 0) giveUp()
    return this.mapping(indent, depth)
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const t = line.text
      if (t === '-' || t.startsWith('- ') || t.startsWith('? ') || t === '?') giveUp()
      const end = keyEnd(t)
      if (end <= 0) giveUp()
      const key = this.key(t.slice(0, end))
      const rest = t.slice(end + 1)
      if (rest !== '' && !rest.startsWith(' ')) giveUp()
      this.next()
      setOwn(out, key, this.value(rest.slice(1), indent, depth + 1, true))
    }
    this.endOfBlock(indent)
    return out
  }

  /** `underKey`: the list is a mapping value at its key's own indent, so the next key may follow. */
  private sequence(indent: number, depth: number, underKey: boolean): unknown[] {
    const out: unknown[] = []
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const t = line.text
      if (t !== '-' && !t.startsWith('- ')) break
      const rest = t.slice(2)
      // The writer never leaves an item's first line empty (`-` alone).
      if (rest === '' || rest === '-' || rest.startsWith(' ')) giveUp()
      if (rest.startsWith('- ') || keyEnd(rest) >= 0) {
        // A compact nested node (`- - x`, `- k: v`): it starts on this line, two columns in.
        this.virtual = rest
        this.virtualIndent = indent + 2
        out.push(this.node(indent + 2, depth + 1))
      } else {
        this.next()
        out.push(this.value(rest, indent, depth + 1, false))
      }
    }
    this.endOfBlock(underKey ? indent + 1 : indent)
    return out
  }

  /** After a block at `indent`: the next line must belong to an enclosing block (less indented). */
  private endOfBlock(indent: number): void {
    const line = this.peek()
    if (line && line.indent >= indent) giveUp()
  }

  private key(text: string): string {
    const q = quoted(text)
    if (q !== undefined) return q
    if (!PLAIN.test(text) || text === '<<') giveUp()
    const resolved = this.resolve(text)
    // A plain key that types as something else (`1`, `yes`, `~`) is rare in our output: js-yaml decides.
    if (!resolved || typeof resolved.value !== 'string') giveUp()
    return resolved.value
  }

  /**
   * The value after `key:` / `- ` (`inline`, already consumed with its line); a nested block follows
   * on the next lines. `indent` is the mapping's or sequence's own.
   */
  private value(inline: string, indent: number, depth: number, inMapping: boolean): unknown {
    if (inline === '') {
      const line = this.peek()
      if (!line || line.indent < indent) return null
      // Under a key, a list may start at the key's own indent (the writer's noArrayIndent).
      if (line.indent === indent) {
        if (inMapping && (line.text === '-' || line.text.startsWith('- ')))
          return this.sequence(indent, depth, true)
        return null
      }
      if (line.indent !== indent + 2) giveUp()
      return this.node(indent + 2, depth)
    }
    if (inline === '{}') return {}
    if (inline === '[]') return []
    if (inline.charCodeAt(0) === 124) return this.literal(inline, indent)
    const q = quoted(inline)
    if (q !== undefined) return q
    if (!PLAIN.test(inline) || inline === '<<') giveUp()
    const resolved = this.resolve(inline)
    return resolved ? resolved.value : giveUp()
  }

  /** A literal block scalar (`|`, `|-`, `|+`, with an optional indentation digit) after its header. */
  private literal(header: string, indent: number): string {
    const m = /^\|([1-9])?([-+])?$/.exec(header)
    if (!m) giveUp()
    const chomp = m[2]
    let textIndent = m[1] ? indent + Number(m[1]) : -1
    const parts: string[] = []
    let trailing = 0
    for (; this.i < this.lines.length - 1; this.i++) {
      const line = this.lines[this.i] as string
      const spaces = indentOf(line)
      if (spaces === line.length && (textIndent < 0 || spaces <= textIndent)) {
        // An empty line: auto-detected indentation after leading empty lines is left to js-yaml.
        if (textIndent < 0) giveUp()
        trailing++
        continue
      }
      if (textIndent < 0) {
        // The writer indents block text by 2; other indentation is left to js-yaml.
        if (spaces !== indent + 2) giveUp()
        textIndent = spaces
      }
      if (spaces < textIndent) break
      for (let k = 0; k < trailing; k++) parts.push('')
      trailing = 0
      parts.push(line.slice(textIndent))
    }
    if (parts.length === 0) giveUp()
    const body = parts.join('\n')
    if (chomp === '-') return body
    if (chomp === '+') return body + '\n'.repeat(trailing + 1)
    return body + '\n'
  }
}
