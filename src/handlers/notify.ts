import type { EventHandler } from '../core/events.js'
import type { JsonObject } from '../core/types.js'
import { captureResponse } from './capture.js'
import { optionalSecret, post, requiredConfig, slackHeaders } from './http-post.js'

/** `notify`: renders `message`, then `templates.notify`, and POSTs it to `slack.url` with the slack token. */
export const notifyHandler: EventHandler = {
  kind: 'notify',
  singleBlockKey: 'message',
  contextKey: 'notify',
  async run(block, name, templateContext, ctx) {
    const config = ctx.config.config
    const notify = templateContext.notify as JsonObject
    notify.message = ctx.render(
      String(block.message ?? ''),
      templateContext,
      `notify '${name}' message`
    )
    const body = ctx.render(
      requiredConfig(config, 'templates.notify', 'notify'),
      templateContext,
      'templates.notify'
    )
    const url = requiredConfig(config, 'slack.url', 'notify')
    const headers = slackHeaders(optionalSecret(ctx.config.secrets, 'slack.token'))
    return post(ctx, { handler: 'notify', block: name }, { url, headers, body }, (res) =>
      captureResponse(ctx, 'notify', block, res)
    )
  }
}
