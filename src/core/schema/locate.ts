/**
 * The 1-based line of a key path in YAML text, for error annotations: js-yaml keeps no positions, so the
 * text is walked once, only when validation has already failed. Block mappings and `- ` list items are
 * followed key by key; inside flow style (`{ a: 1 }`) or anything unusual the line of the deepest key
 * found is returned.
 */
export function lineOfPath(text: string, path: readonly string[]): number | undefined {
  const lines = text.split(/\r\n|\r|\n/)
  let from = 0
  let parentIndent = -1
  let found: number | undefined
  for (const segment of path) {
    const at = /^\d+$/.test(segment)
      ? findItem(lines, from, parentIndent, Number(segment))
      : findKey(lines, from, parentIndent, segment)
    if (!at) break
    found = at.line + 1
    from = at.line + (at.sameLine ? 0 : 1)
    parentIndent = at.indent
  }
  return found
}

interface Position {
  line: number
  indent: number
  /** The value starts on the same line (`- key: x`): its keys may follow on this line. */
  sameLine: boolean
}

const KEY = /^(\s*(?:-\s+)*)(["']?)(.*?)\2\s*:(?:\s|$)/

function findKey(
  lines: string[],
  from: number,
  parentIndent: number,
  key: string
): Position | undefined {
  // The mapping's own keys all sit at the indent of its first key; deeper ones belong to its values.
  let childIndent: number | undefined
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string
    const indent = indentOf(line)
    if (indent === undefined) continue
    if (indent <= parentIndent && i > from) return undefined
    const match = KEY.exec(line)
    const keyIndent = match ? (match[1] as string).length : indent
    childIndent ??= keyIndent
    if (match && keyIndent === childIndent && match[3] === key)
      return { line: i, indent: keyIndent, sameLine: false }
  }
  return undefined
}

function findItem(
  lines: string[],
  from: number,
  parentIndent: number,
  index: number
): Position | undefined {
  let seen = -1
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string
    const indent = indentOf(line)
    if (indent === undefined) continue
    if (indent <= parentIndent && !(indent === parentIndent && line.trimStart().startsWith('-')))
      return undefined
    if (line.trimStart().startsWith('- ') || line.trim() === '-') {
      seen++
      // The item's keys sit after the dash: `- from: x` has `from` at the dash's indent + 2.
      if (seen === index) return { line: i, indent, sameLine: true }
    }
  }
  return undefined
}

/** Indentation of a line with content; undefined for blank and comment lines. */
function indentOf(line: string): number | undefined {
  const trimmed = line.trimStart()
  if (trimmed === '' || trimmed.startsWith('#')) return undefined
  return line.length - trimmed.length
}
