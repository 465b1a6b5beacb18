import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { ConfigError, errorMessage, UsageError } from '../errors.js'
import { isJsonObject, type JsonObject } from '../core/types.js'

/** A GitHub event to handle: its name (`push`, `pull_request`, …) and webhook payload. */
export interface GithubEvent {
  name: string
  payload: JsonObject
  /** The file the payload was read from. */
  path: string
}

/**
 * The event of `--handle-github-event` / `event: github`: `--event-name` / `--event-file`, defaulting to
 * the runner's GITHUB_EVENT_NAME / GITHUB_EVENT_PATH.
 */
export function readGithubEvent(
  given: { name?: string; file?: string },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string
): GithubEvent {
  const name = (given.name ?? env.GITHUB_EVENT_NAME ?? '').trim()
  const file = (given.file ?? env.GITHUB_EVENT_PATH ?? '').trim()
  if (!name)
    throw new UsageError('no GitHub event name: give --event-name NAME or set GITHUB_EVENT_NAME')
  if (!/^[a-z_]+$/.test(name))
    throw new UsageError(`GitHub event name '${name.slice(0, 80)}' is not an event name`)
  if (!file)
    throw new UsageError('no GitHub event payload: give --event-file FILE or set GITHUB_EVENT_PATH')
  const path = isAbsolute(file) ? file : resolve(cwd, file)
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigError(`event file ${file}: ${errorMessage(error)}`, file)
  }
  if (!isJsonObject(parsed)) throw new ConfigError(`event file ${file}: not a JSON object`, file)
  return { name, payload: parsed, path }
}
