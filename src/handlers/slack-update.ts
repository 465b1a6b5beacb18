import { ConfigError } from '../errors.js'
import type { HandlerContext, HandlerOutcome } from '../core/events.js'
import { isJsonObject, type JsonObject } from '../core/types.js'
import { captureResponse } from './capture.js'
import { optionalSecret, post, requiredConfig, slackHeaders } from './http-post.js'

/**
 * `notify` with `update-ts` (and `update-channel`): instead of posting a new message, replaces the one a
 * pipeline posted earlier — e.g. the manual-choice message whose channel and ts a bridge target recorded
 * at `state.bridge.<target>` — with `chat.update`. The body is the rendered `templates.notify` (a JSON
 * object) with `channel` and `ts` set to the recorded ones, sent to `slack.updateUrl` (default: `slack.url`
 * with `chat.postMessage` replaced by `chat.update`).
 */
export async function updateSlackMessage(
  ctx: HandlerContext,
  name: string,
  block: JsonObject,
  templateContext: JsonObject,
  target: { channel: string; ts: string }
): Promise<HandlerOutcome> {
  const where = `notify '${name}'`
  if (!target.channel)
    throw new ConfigError(
      `${where}: 'update-channel' rendered blank; chat.update needs the channel id`
    )
  const config = ctx.config.config
  const rendered = await ctx.render(
    requiredConfig(config, 'templates.notify', 'notify'),
    templateContext,
    'templates.notify'
  )
  let message: unknown
  try {
    message = JSON.parse(rendered)
  } catch {
    message = undefined
  }
  if (!isJsonObject(message)) {
    throw new ConfigError(`${where}: 'update-ts' needs templates.notify to render a JSON object`)
  }
  const body = JSON.stringify({ ...message, channel: target.channel, ts: target.ts })
  const url = updateUrl(config)
  const headers = slackHeaders(optionalSecret(ctx.config.secrets, 'slack.token'))
  return post(ctx, { handler: 'notify', block: name }, { url, headers, body }, (res, credentials) =>
    captureResponse(ctx, 'notify', block, res, credentials)
  )
}

function updateUrl(config: JsonObject): string {
  const slack = isJsonObject(config.slack) ? config.slack : {}
  if (typeof slack.updateUrl === 'string' && slack.updateUrl.trim()) return slack.updateUrl.trim()
  const url = requiredConfig(config, 'slack.url', 'notify update-ts')
  if (!/\/chat\.postMessage$/.test(url)) {
    throw new ConfigError(
      'config.yaml: cicdstatemgr.slack.updateUrl is required for notify update-ts when slack.url does not end in /chat.postMessage'
    )
  }
  return url.replace(/chat\.postMessage$/, 'chat.update')
}
