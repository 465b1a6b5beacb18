import { ConfigError } from '../errors.js'
import type { EventHandler, HandlerOutcome } from '../core/events.js'
import { isJsonObject, type JsonValue } from '../core/types.js'
import { checkSettablePath } from '../core/working-document.js'

/** `set-values`: each `{from, to}` — `from` rendered and stripped; when non-blank, stored at rendered `to`. */
export const setValuesHandler: EventHandler = {
  kind: 'set-values',
  singleBlockKey: 'set',
  contextKey: 'set-values',
  async run(block, name, templateContext, ctx): Promise<HandlerOutcome> {
    const items = block.set
    const where = `set-values '${name}'`
    if (!Array.isArray(items)) throw new ConfigError(`${where}: 'set' must be a list of {from, to}`)
    const captured: Record<string, JsonValue> = {}
    for (const [i, item] of items.entries()) {
      if (!isJsonObject(item) || item.from === undefined || typeof item.to !== 'string') {
        throw new ConfigError(`${where}: set[${i}] needs 'from' and 'to'`)
      }
      const value = (
        await ctx.render(String(item.from), templateContext, `${where} set[${i}].from`)
      ).trim()
      if (!value) continue
      const to = (await ctx.render(item.to, templateContext, `${where} set[${i}].to`)).trim()
      // A dry run refuses the paths the real run would refuse.
      if (ctx.dryRun) checkSettablePath(to)
      else ctx.work.set(to, value)
      captured[to] = value
    }
    return {
      handler: 'set-values',
      block: name,
      status: ctx.dryRun ? 'dry-run' : 'ok',
      onError: 'fail',
      captured
    }
  }
}
