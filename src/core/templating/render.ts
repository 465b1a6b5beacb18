import nunjucks from 'nunjucks'
import { TemplateError, errorMessage } from '../../errors.js'
import { withRenderBudget } from './budget.js'
import { getEnvironment } from './environment.js'
import type { NjTemplateError } from './nunjucks-internals.js'
import { isPlainText, renderPlainText } from './plain.js'

export { isPlainText, renderPlainText } from './plain.js'

export interface RenderOptions {
  /** What is being rendered, for error messages, e.g. "notify.message" or "state.greeting". */
  name?: string
}

/**
 * Placed between the document's macros and the template. The macros end in `-%}`, which trims the
 * whitespace after it; with this in between, the template keeps its own leading whitespace (the
 * Python tool lost it: upstream defect 13).
 */
const BOUNDARY = "{{ '' }}"

/** Compiled templates by source; handlers render the same few templates over and over. */
const CACHE_SIZE = 256
const cache = new Map<string, nunjucks.Template>()

const NUNJUCKS_PREFIX = /^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\s*/

/**
 * Renders `template` against `context`. Prepends `context.jinja2Macros.all` (string) when present
 * so document macros are callable. Throws TemplateError with a one-line message naming `opts.name`
 * and the problem (and line when known). Never returns an error marker string.
 */
export function renderTemplate(
  template: string,
  context: Record<string, unknown>,
  opts: RenderOptions = {}
): string {
  if (isPlainText(template)) return renderPlainText(template)
  const macros = macroSource(context)
  // renderPlainText applies Jinja2's line-ending rules, which hold for template source too.
  const source = renderPlainText(template)
  const full = macros === '' ? source : macros + BOUNDARY + source
  try {
    const compiled = compile(full)
    return withRenderBudget(() => compiled.render(context))
  } catch (err) {
    throw failure(err, opts.name, macros)
  }
}

function macroSource(context: Record<string, unknown>): string {
  const macros = context.jinja2Macros
  if (typeof macros !== 'object' || macros === null) return ''
  const all = (macros as Record<string, unknown>).all
  return typeof all === 'string' ? all.replace(/\r\n?/g, '\n') : ''
}

function compile(source: string): nunjucks.Template {
  const cached = cache.get(source)
  if (cached) {
    cache.delete(source)
    cache.set(source, cached)
    return cached
  }
  const template = new nunjucks.Template(source, getEnvironment(), undefined, true)
  const oldest = cache.size >= CACHE_SIZE ? cache.keys().next().value : undefined
  if (oldest !== undefined) cache.delete(oldest)
  cache.set(source, template)
  return template
}

/** Where the error is, in the user's terms: the combined source starts with the macros. */
function location(lineno: number | undefined, colno: number | undefined, macros: string): string {
  if (!lineno || lineno < 1) return ''
  if (macros === '') return ` at line ${lineno}`
  const lines = macros.split('\n')
  const macroLines = lines.length - 1
  const sharedLine = (lines[macroLines] ?? '').length + BOUNDARY.length
  const inMacros = lineno <= macroLines || (lineno === macroLines + 1 && (colno ?? 0) <= sharedLine)
  return inMacros ? ` at jinja2Macros line ${lineno}` : ` at line ${lineno - macroLines}`
}

function detail(err: unknown): string {
  const cause = (err as NjTemplateError | undefined)?.cause
  const raw =
    cause === undefined ? errorMessage(err).replace(NUNJUCKS_PREFIX, '') : errorMessage(cause)
  return raw.replace(/\s*\n\s*/g, ' ').trim()
}

function failure(err: unknown, name: string | undefined, macros: string): TemplateError {
  const { lineno, colno } = (err ?? {}) as NjTemplateError
  const subject = name ? `template error in ${name}` : 'template error'
  return new TemplateError(`${subject}${location(lineno, colno, macros)}: ${detail(err)}`, {
    cause: err
  })
}
