import type { AppConfig } from '../core/app-config.js'
import type { ContextManager } from '../core/context-manager.js'
import type { StateStore } from '../core/store.js'
import type { JsonObject } from '../core/types.js'
import { isJsonObject } from '../core/types.js'
import { entriesFor, entryPath } from '../github-events/entries.js'
import { handleGithubEvent, matchingEntries } from '../github-events/run.js'
import type { EntryRef } from './event-names.js'
import type { ApiEvent } from './events-reader.js'
import type { EventSink } from './sink.js'

export interface HandlerSinkOptions {
  manager: ContextManager
  primary: StateStore
  appConfig: AppConfig
  /** Run every event's entries on this existing context; else each event initialises its own. */
  contextId?: string
  /** For a context per event: the cicd context to initialise from the app config. */
  init: { contextName: string; cwd: string; basesDir?: string }
}

/**
 * The handler file's `github-events:` entries as the poller's sink: the same `handleGithubEvent` the
 * workflow step and `--handle-github-event` run. Each event works on `--id` when given, else on a
 * context of its own, `poll-<event id>`, initialised from the app config (event ids are unique).
 */
export function handlerSink(o: HandlerSinkOptions): EventSink {
  return {
    entries(): EntryRef[] {
      const section = o.appConfig.merged['github-events']
      const names = isJsonObject(section) ? Object.keys(section) : []
      return names.flatMap((name) =>
        entriesFor(o.appConfig, name).map((e) => ({
          event: e.event,
          label: `${entryPath(e)} (${e.name})`
        }))
      )
    },
    async matches(name: string, payload: JsonObject): Promise<boolean> {
      const document = o.contextId ? await o.primary.load(o.contextId) : undefined
      const matched = await matchingEntries(o.appConfig, name, payload, {
        ...(document ? { document } : {})
      })
      return matched.length > 0
    },
    async handle(name: string, payload: JsonObject, event: ApiEvent): Promise<void> {
      await handleGithubEvent({
        manager: o.manager,
        appConfig: o.appConfig,
        id: o.contextId ?? `poll-${event.id}`,
        ...(o.contextId ? {} : { init: o.init }),
        eventName: name,
        payload
      })
    }
  }
}
