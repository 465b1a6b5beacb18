import type { JsonObject } from '../core/types.js'
import type { EntryRef } from './event-names.js'
import type { ApiEvent } from './events-reader.js'

/**
 * Where polled events go: the handler file's `github-events:` entries in the CLI, a recording sink in
 * tests. The poller needs only this.
 */
export interface EventSink {
  /** Every entry, for the check that each can be triggered by the events API at all. */
  entries(): EntryRef[]
  /** Whether any entry would run for this event (its name and `if`). */
  matches(name: string, payload: JsonObject): boolean | Promise<boolean>
  /** Runs the matching entries; a throw is the event's failure (recorded, not retried). */
  handle(name: string, payload: JsonObject, event: ApiEvent): Promise<void>
}

/**
 * The event as the handlers see it (`event` in templates): the API's payload, which is abbreviated
 * compared with a webhook's, plus the webhook fields that can be rebuilt from the event itself
 * (`repository`, `sender`, and for a push `after` = the API's `head`).
 */
export function webhookPayload(event: ApiEvent): JsonObject {
  const [owner = '', name = ''] = event.repo.name.split('/')
  const payload = { ...event.payload } as JsonObject
  if (
    event.type === 'PushEvent' &&
    payload.after === undefined &&
    typeof payload.head === 'string'
  ) {
    payload.after = payload.head
  }
  return {
    ...payload,
    repository: payload.repository ?? {
      id: event.repo.id,
      name,
      full_name: event.repo.name,
      owner: { login: owner },
      url: event.repo.url
    },
    sender: payload.sender ?? { login: event.actor.login, id: event.actor.id }
  }
}
