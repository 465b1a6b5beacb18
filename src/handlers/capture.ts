import { cloneJson } from '../core/clone-json.js'
import { ConfigError } from '../errors.js'
import type { HandlerContext } from '../core/events.js'
import { scrubText } from '../core/credentials.js'
import { isJsonObject, type JsonValue } from '../core/types.js'

/**
 * Stores values from a 2xx response body: first the config's `<kind>.auto-capture-response-data`, then
 * the block's `capture-response-data`. Each `from` is rendered with the document, `configData` and
 * `body`, stripped, and when non-blank stored at the rendered `to` path. Every credential (`post()` passes
 * them: credentials.ts has the rule) is replaced by `***` in what is stored — the body arrives scrubbed,
 * and the rendered value is scrubbed again, since a template may join parts of it back together.
 */
export async function captureResponse(
  ctx: HandlerContext,
  kind: string,
  block: Record<string, JsonValue>,
  body: JsonValue,
  credentials: readonly string[] = []
): Promise<Record<string, JsonValue>> {
  const config = ctx.config.config[kind]
  const auto = isJsonObject(config) ? config['auto-capture-response-data'] : undefined
  const rules = [
    ...asRules(auto, `config.yaml ${kind}.auto-capture-response-data`),
    ...asRules(block['capture-response-data'], `${kind} capture-response-data`)
  ]
  if (rules.length === 0) return {}
  const context = { ...cloneJson(ctx.work.doc), configData: ctx.config.config, body }
  const captured: Record<string, JsonValue> = {}
  for (const { from, to, where } of rules) {
    const value = scrubText((await ctx.render(from, context, `${where}.from`)).trim(), credentials)
    if (!value) continue
    const path = (await ctx.render(to, context, `${where}.to`)).trim()
    ctx.work.set(path, value)
    captured[path] = value
  }
  return captured
}

function asRules(
  value: JsonValue | undefined,
  where: string
): Array<{ from: string; to: string; where: string }> {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new ConfigError(`${where} must be a list of {from, to}`)
  return value.map((rule, i) => {
    if (
      !isJsonObject(rule) ||
      rule.from === undefined ||
      rule.from === null ||
      typeof rule.to !== 'string'
    ) {
      throw new ConfigError(`${where}[${i}] needs 'from' and 'to'`)
    }
    return { from: String(rule.from), to: rule.to, where: `${where}[${i}]` }
  })
}
