import { cloneJson } from './clone-json.js'
import { UsageError } from '../errors.js'
import { tryQueryValue } from './jsonpath.js'
import { setAtPath } from './prop-path.js'
import { renderInterpolation } from './templating/interpolate.js'
import { isPlainText, renderPlainText } from './templating/plain.js'
import type { ContextDocument, JsonObject, JsonValue } from './types.js'

/** Renders one template; `name` says what is rendered, for error messages. */
export type Render = (template: string, context: Record<string, unknown>, name: string) => string

/** What handlers render with: the engine is loaded on the first template that needs it. */
export type AsyncRender = (
  template: string,
  context: Record<string, unknown>,
  name: string
) => Promise<string>

let engine: Promise<Render> | undefined

/**
 * Renders without the engine what needs none: text without template markers (with Jinja2's line-ending
 * rules, the one implementation in plain.ts) and plain interpolations of strings and numbers. Undefined
 * otherwise.
 */
function renderWithoutEngine(
  template: string,
  context: Record<string, unknown>
): string | undefined {
  if (isPlainText(template)) return renderPlainText(template)
  return renderInterpolation(template, context)
}

/** The template engine, loaded once, on the first template the quick paths cannot render. */
function loadEngine(): Promise<Render> {
  engine ??= import('./templating/render.js').then(({ renderTemplate }) => {
    return (template, context, name) => renderTemplate(template, context, { name })
  })
  return engine
}

/** Renders one template, loading the engine only when it is needed (plain `--get`s never load it). */
export async function renderOne(
  template: string,
  context: Record<string, unknown>,
  name: string
): Promise<string> {
  return renderWithoutEngine(template, context) ?? (await loadEngine())(template, context, name)
}

/**
 * The context templates see: a copy of the document (templates can call list methods like `append`,
 * which must not leak into the stored data), `configData`, and the `--tmpl-ctx-var`s of this call.
 * Each `path=EXPR` places the JSONPath result of EXPR at `path`, or the literal EXPR text when it does not
 * match (as the Python tool did).
 */
export async function createTemplateContext(
  doc: ContextDocument,
  configData: JsonObject,
  tmplCtxVars: readonly string[] = [],
  extra: Record<string, JsonValue> = {}
): Promise<JsonObject> {
  const context: JsonObject = {
    ...cloneJson(doc),
    configData: cloneJson(configData),
    ...extra
  }
  for (const pair of tmplCtxVars) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new UsageError(`--tmpl-ctx-var '${pair}': expected path=expression`)
    const path = pair.slice(0, eq).trim()
    const expression = pair.slice(eq + 1)
    const match = await tryQueryValue(doc, expression)
    const value = match.found ? (match.value as JsonValue) : expression
    if (value !== null && value !== undefined && value !== '')
      setAtPath(context, path, cloneJson(value))
  }
  return context
}
