/**
 * The progress comment as a pure rendering of the sections kept in the context document. Nothing here
 * talks to GitHub: the `comment` handler commits its section, renders with `renderComment`, writes, and
 * renders again when the document moved on. Rendering depends only on the sections (no clock), so two
 * writers holding the same document produce byte-identical bodies and a writer can tell "already done".
 */

/** GitHub rejects comment bodies over 65,536 characters (422). JS length counts UTF-16 units, ≥ GitHub's. */
export const MAX_COMMENT_CHARS = 65_536

/** Where the sections live in the context document: `<SECTIONS_PATH>.<section>.<block>`. */
export const SECTIONS_PATH = 'state.progressComment.sections'

/** A stored section never holds more than a comment could show (the tail is kept). */
export const MAX_SECTION_CHARS = 60_000

/** One job/handler's part of the comment, as stored in the document. */
export interface CommentSection {
  /** `<job>/<block>`: unique per writer. */
  key: string
  title: string
  body: string
  /** Collapsed blocks of literal text after the body (command output), each in a code fence. */
  details?: Array<{ summary: string; text: string }>
  /** ISO times: display order is first creation, folding is by last update. */
  createdAt: string
  updatedAt: string
}

/** The hidden first line that identifies the context's comment. Only our rendering starts with it. */
export function commentMarker(contextId: string): string {
  return `<!-- cicdstatemgr:${safeKey(contextId)} -->`
}

/** True when `body` is the progress comment of `contextId` (the marker must be its very first line). */
export function isProgressComment(body: string | null | undefined, contextId: string): boolean {
  return typeof body === 'string' && body.startsWith(`${commentMarker(contextId)}\n`)
}

/** Keys inside markers: anything that could close a comment or break a path becomes `_`. */
export function safeKey(text: string): string {
  return text.replace(/[^A-Za-z0-9._:/-]/g, '_').slice(0, 200) || '_'
}

const ZWSP = '\u200b'

/**
 * Makes outside text (payload fields, command output, rendered templates) unable to open or close an
 * HTML comment — so it cannot forge the marker or a section delimiter — or to open or close our
 * `<details>` folds. A zero-width space keeps the text readable, in code blocks too.
 */
export function neutralise(text: string): string {
  return text
    .replace(/<!/g, `<${ZWSP}!`)
    .replace(/--(!?)>/g, `--${ZWSP}$1>`)
    .replace(/<(\/?)(details|summary)/gi, `<${ZWSP}$1$2`)
}

/**
 * Keeps the end of `text` within `max` characters, with a note of what was cut. Whole lines are kept
 * where possible, and a code fence cut in half is reopened so the tail still renders as code.
 */
export function keepTail(text: string, max: number): string {
  if (text.length <= max) return text
  const omittedNote = (n: number): string => `… (${n} earlier characters omitted)\n`
  let room = Math.max(0, max - omittedNote(text.length).length - 4)
  let tail = text.slice(text.length - room)
  const newline = tail.indexOf('\n')
  if (newline !== -1 && newline < 200 && newline < tail.length - 1) tail = tail.slice(newline + 1)
  // A lone low surrogate at the start would render as a replacement character.
  if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1)
  room = tail.length
  const fences = tail.split('\n').filter((line) => /^\s*(```|~~~)/.test(line)).length
  const reopen = fences % 2 === 1 ? '```\n' : ''
  return `${omittedNote(text.length - room)}${reopen}${tail}`
}

export interface RenderOptions {
  limit?: number
}

/**
 * The comment body: marker, heading, then every section in creation order. When the whole does not fit,
 * every section but the most recently updated folds into `<details>`, and the bodies share what room is
 * left equally (water-filling: a short body keeps all of its text, long ones keep their tails); when
 * even the section frames do not fit, the oldest sections are left out with a note.
 */
export function renderComment(
  contextId: string,
  sections: readonly CommentSection[],
  opts: RenderOptions = {}
): string {
  const limit = opts.limit ?? MAX_COMMENT_CHARS
  const ordered = [...sections].sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.key, b.key))
  const full = compose(contextId, ordered, new Set(), new Map(), 0)
  if (full.length <= limit) return full
  const byRecency = [...ordered].sort((a, b) => cmp(b.updatedAt, a.updatedAt) || cmp(a.key, b.key))
  const newest = byRecency[0]?.key
  const folded = new Set(ordered.filter((s) => s.key !== newest).map((s) => s.key))
  const kept = [...ordered]
  let omitted = 0
  for (;;) {
    const empty = new Map(kept.map((s) => [s.key, '']))
    const frame = compose(contextId, kept, folded, empty, omitted).length
    const room = limit - frame
    if (room >= MIN_BODY * kept.length || kept.length <= 1) {
      // keepTail(text, cap) is at most cap long once cap exceeds its note, so the total is within limit.
      const body = compose(contextId, kept, folded, fitBodies(kept, Math.max(0, room)), omitted)
      return body.length <= limit ? body : body.slice(0, limit)
    }
    // Drop the least recently updated section that is not the newest.
    const oldest = [...byRecency].reverse().find((s) => kept.includes(s) && s.key !== newest)
    if (!oldest) break
    kept.splice(kept.indexOf(oldest), 1)
    omitted++
  }
  return compose(contextId, kept, folded, new Map(kept.map((s) => [s.key, ''])), omitted).slice(
    0,
    limit
  )
}

/** Below this a section's text is not worth showing; older sections are left out instead. */
const MIN_BODY = 120

function fitBodies(sections: readonly CommentSection[], room: number): Map<string, string> {
  const cap = waterLevel(
    sections.map((s) => s.body.length),
    room
  )
  return new Map(sections.map((s) => [s.key, keepTail(s.body, cap)]))
}

/** The largest cap c with Σ min(len, c) ≤ room. */
export function waterLevel(lengths: readonly number[], room: number): number {
  const sorted = [...lengths].sort((a, b) => a - b)
  let left = room
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(left / (sorted.length - i))
    const len = sorted[i] as number
    if (len > share) return share
    left -= len
  }
  return Number.MAX_SAFE_INTEGER
}

function compose(
  contextId: string,
  sections: readonly CommentSection[],
  folded: ReadonlySet<string>,
  bodies: ReadonlyMap<string, string>,
  omitted: number
): string {
  const parts = [commentMarker(contextId), `### cicdstatemgr · \`${safeKey(contextId)}\``, '']
  if (omitted > 0) {
    parts.push(
      `_${omitted} older section(s) left out to stay under GitHub's size limit; they are kept in the context at \`${SECTIONS_PATH}\`._`,
      ''
    )
  }
  for (const s of sections) {
    const key = safeKey(s.key)
    // Stored text is neutralised by the handler; again here for values set by other means (--set).
    const body = neutralise(bodies.get(s.key) ?? s.body)
    parts.push(`<!-- cicdstatemgr-section:${key} -->`)
    if (folded.has(s.key)) {
      parts.push(
        `<details><summary>${neutralise(oneLine(s.title))}</summary>`,
        '',
        body,
        '',
        '</details>'
      )
    } else {
      parts.push(`#### ${neutralise(oneLine(s.title))}`, '', body)
    }
    for (const d of s.details ?? []) parts.push('', ...fold(d.summary, d.text))
    parts.push(`<!-- /cicdstatemgr-section:${key} -->`, '')
  }
  return parts.join('\n')
}

/** A collapsed code block; the fence is longer than any backtick run in the text, so it cannot close early. */
function fold(summary: string, text: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return [
    `<details><summary>${neutralise(oneLine(summary))}</summary>`,
    '',
    fence,
    neutralise(text),
    fence,
    '',
    '</details>'
  ]
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
