import type { EventHandler, HandlerOutcome } from '../core/events.js'
import type { JsonObject } from '../core/types.js'
import { optionalSecret, post, requiredConfig, slackHeaders } from './http-post.js'

const OWN_KEYS = new Set(['message', 'url', 'if', 'enabled', 'on-error'])

/**
 * `respond`: answers a Slack `response_url`. `message` rendered (blank -> skip), every other field rendered,
 * `templates.respond` rendered and POSTed to the rendered `url` (blank -> skip) with the slack token.
 */
export const respondHandler: EventHandler = {
  kind: 'respond',
  singleBlockKey: 'message',
  contextKey: 'respond',
  async run(block, name, templateContext, ctx): Promise<HandlerOutcome> {
    const respond = templateContext.respond as JsonObject
    const skipped = (reason: string): HandlerOutcome => ({
      handler: 'respond',
      block: name,
      status: 'skipped',
      onError: 'fail',
      reason
    })
    respond.message = (
      await ctx.render(String(block.message ?? ''), templateContext, `respond '${name}' message`)
    ).trim()
    if (!respond.message) return skipped("'message' rendered blank")
    for (const [key, value] of Object.entries(block)) {
      if (!OWN_KEYS.has(key) && typeof value === 'string') {
        respond[key] = await ctx.render(value, templateContext, `respond '${name}' ${key}`)
      }
    }
    const body = await ctx.render(
      requiredConfig(ctx.config.config, 'templates.respond', 'respond'),
      templateContext,
      'templates.respond'
    )
    const url = (
      await ctx.render(String(block.url ?? ''), templateContext, `respond '${name}' url`)
    ).trim()
    if (!url) return skipped("'url' rendered blank")
    const headers = slackHeaders(optionalSecret(ctx.config.secrets, 'slack.token'))
    return post(ctx, { handler: 'respond', block: name }, { url, headers, body }, () => ({}))
  }
}
