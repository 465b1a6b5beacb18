import type { EventHandler } from '../core/events.js'
import type { JsonObject } from '../core/types.js'
import { postSlackMessage } from './http-post.js'

/** `notify`: renders `message`, then `templates.notify`, and POSTs it to `slack.url` with the slack token. */
export const notifyHandler: EventHandler = {
  kind: 'notify',
  singleBlockKey: 'message',
  contextKey: 'notify',
  async run(block, name, templateContext, ctx) {
    const notify = templateContext.notify as JsonObject
    notify.message = await ctx.render(
      String(block.message ?? ''),
      templateContext,
      `notify '${name}' message`
    )
    return postSlackMessage(ctx, 'notify', name, block, templateContext)
  }
}
