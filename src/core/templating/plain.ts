// No imports on purpose: callers use this to decide whether to load the template engine at all.

const TEMPLATE_MARKER = /\{[{%#]/

/** True when `text` contains no `{{`, `{%` or `{#` — callers skip loading the engine then. */
export function isPlainText(text: string): boolean {
  return !TEMPLATE_MARKER.test(text)
}

/**
 * What rendering plain text yields: Jinja2 reads every line ending as `\n` and drops one trailing
 * newline (keep_trailing_newline=False), so a caller that skips the engine stays byte-identical.
 */
export function renderPlainText(text: string): string {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines.join('\n')
}
