import { ConfigError } from '../errors.js'
import type { AppConfig } from '../core/app-config.js'
import { getOwn } from '../core/own-property.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'

/** One `github-events.<event>[i]` entry of the app config, checked. */
export interface Entry {
  /** The GitHub event name it is listed under (`push`, `pull_request`, …). */
  event: string
  /** Position in the event's list (file order). */
  index: number
  /** `name`, else `<event>[<index>]`. */
  name: string
  /** Template over `event` (the payload) and the context; blank -> the entry does not run. */
  if?: string
  /** handler kind -> block or named blocks, as under `event-handlers`. */
  handlers: JsonObject
  /** `log-to: comment`: progress into the entry's section of the progress comment. */
  logToComment: boolean
  /** A commit status set to pending at the start, success/failure at the end. */
  status?: { context: string; description?: string }
  /** The payload's author_association must be one of these (absent: anyone). */
  authorAssociation?: string[]
}

/** Where an entry is in the app config, for messages. */
export function entryPath(entry: Pick<Entry, 'event' | 'index'>): string {
  return `github-events.${entry.event}[${entry.index}]`
}

/** The entries listed under `eventName` (merged over the bases), checked; none when the event is not listed. */
export function entriesFor(appConfig: AppConfig, eventName: string): Entry[] {
  const all = appConfig.merged['github-events']
  if (all === undefined || all === null) return []
  if (!isJsonObject(all)) throw configError(appConfig, "'github-events' must be a mapping")
  // The event name may come from an event file: only own keys (`__proto__` is no event).
  const list = getOwn(all, eventName)
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) {
    throw configError(appConfig, `github-events.${eventName} must be a list of entries`)
  }
  return list.map((raw, index) => parseEntry(appConfig, eventName, index, raw))
}

function parseEntry(appConfig: AppConfig, event: string, index: number, raw: JsonValue): Entry {
  const where = entryPath({ event, index })
  if (!isJsonObject(raw)) throw configError(appConfig, `${where} must be a mapping`)
  if (!isJsonObject(raw.handlers)) {
    throw configError(appConfig, `${where}: 'handlers' must be a mapping of handler kinds`)
  }
  const logTo = raw['log-to']
  if (logTo !== undefined && logTo !== null && logTo !== 'comment' && logTo !== 'none') {
    throw configError(appConfig, `${where}: log-to must be 'comment'`)
  }
  const status = raw.status
  if (status !== undefined && status !== null && !(isJsonObject(status) && status.context)) {
    throw configError(appConfig, `${where}: status needs a 'context'`)
  }
  const association = raw['author-association']
  return {
    event,
    index,
    name: raw.name === undefined || raw.name === null ? `${event}[${index}]` : String(raw.name),
    ...(raw.if === undefined || raw.if === null ? {} : { if: String(raw.if) }),
    handlers: raw.handlers,
    logToComment: logTo === 'comment',
    ...(isJsonObject(status)
      ? {
          status: {
            context: String(status.context),
            ...(status.description === undefined || status.description === null
              ? {}
              : { description: String(status.description) })
          }
        }
      : {}),
    ...(Array.isArray(association) ? { authorAssociation: association.map(String) } : {})
  }
}

function configError(appConfig: AppConfig, message: string): ConfigError {
  return new ConfigError(`${appConfig.path}: ${message}`, appConfig.path)
}

/**
 * The author_association of whoever wrote the text the event carries: the comment, the review, the pull
 * request or the issue, first found. Undefined for events that carry none (push, workflow_run): an entry
 * that requires an association then never matches (closed by default).
 */
export function authorAssociationOf(payload: JsonObject): string | undefined {
  for (const key of ['comment', 'review', 'pull_request', 'issue']) {
    const node = payload[key]
    if (isJsonObject(node) && typeof node.author_association === 'string')
      return node.author_association
  }
  return undefined
}
