import { ConfigError } from '../errors.js'
import type { EventHandler } from '../core/events.js'
import { pyJsonDumps } from '../core/py-json.js'
import { isJsonObject, type JsonObject } from '../core/types.js'
import { post, requiredConfig } from './http-post.js'

/**
 * `trigger-pipeline`: JSON body = rendered `trigger.auto-args` overlaid by the block's rendered `args`;
 * headers = JSON defaults + rendered `trigger.headers` (whose context also holds `secretData`); POST to
 * `trigger.url`.
 */
export const triggerPipelineHandler: EventHandler = {
  kind: 'trigger-pipeline',
  singleBlockKey: 'name',
  contextKey: 'triggerPipeline',
  async run(block, name, templateContext, ctx) {
    const trigger = isJsonObject(ctx.config.config.trigger) ? ctx.config.config.trigger : {}
    const url = requiredConfig(ctx.config.config, 'trigger.url', 'trigger-pipeline')
    const where = `trigger-pipeline '${name}'`
    const payload: Record<string, string> = {}
    for (const [arg, tmpl] of Object.entries(
      mapping(trigger['auto-args'], 'config.yaml trigger.auto-args')
    )) {
      payload[arg] = await ctx.render(String(tmpl), templateContext, `trigger.auto-args.${arg}`)
    }
    for (const [arg, tmpl] of Object.entries(mapping(block.args, `${where} args`))) {
      payload[arg] = await ctx.render(String(tmpl), templateContext, `${where} args.${arg}`)
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: '*/*',
      'Cache-Control': 'no-cache'
    }
    const withSecrets = { ...templateContext, secretData: ctx.config.secrets }
    const headerList = trigger.headers ?? []
    if (!Array.isArray(headerList))
      throw new ConfigError('config.yaml: trigger.headers must be a list of {name, value}')
    for (const [i, h] of headerList.entries()) {
      if (!isJsonObject(h) || typeof h.name !== 'string')
        throw new ConfigError(`config.yaml: trigger.headers[${i}] needs 'name' and 'value'`)
      headers[h.name] = await ctx.render(
        String(h.value ?? ''),
        withSecrets,
        `trigger.headers[${i}] (${h.name})`
      )
    }
    return post(
      ctx,
      { handler: 'trigger-pipeline', block: name },
      { url, headers, body: pyJsonDumps(payload) },
      () => ({})
    )
  }
}

function mapping(value: unknown, where: string): JsonObject {
  if (value === undefined || value === null) return {}
  if (!isJsonObject(value)) throw new ConfigError(`${where} must be a mapping`)
  return value
}
