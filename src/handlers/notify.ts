import type { EventHandler } from '../core/events.js'
import type { JsonObject } from '../core/types.js'
import { postSlackMessage } from './http-post.js'
import { updateSlackMessage } from './slack-update.js'

/**
 * `notify`: renders `message`, then `templates.notify`, and POSTs it to `slack.url` with the slack token.
 * With `update-ts` rendering non-blank it replaces that earlier message instead (slack-update.ts).
 */
export const notifyHandler: EventHandler = {
  kind: 'notify',
  singleBlockKey: 'message',
  contextKey: 'notify',
  async run(block, name, templateContext, ctx) {
    const notify = templateContext.notify as JsonObject
    const render = async (key: string): Promise<string> =>
      ctx.render(String(block[key] ?? ''), templateContext, `notify '${name}' ${key}`)
    notify.message = await render('message')
    const ts = block['update-ts'] === undefined ? '' : (await render('update-ts')).trim()
    if (!ts) return postSlackMessage(ctx, 'notify', name, block, templateContext)
    const channel = (await render('update-channel')).trim()
    return updateSlackMessage(ctx, name, block, templateContext, { channel, ts })
  }
}
