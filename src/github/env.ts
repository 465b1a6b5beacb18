import { readFileSync } from 'node:fs'
import { ConfigError } from '../errors.js'
import { isJsonObject, type JsonObject } from '../core/types.js'

/** A repository as `owner/repo`. */
export interface RepoRef {
  owner: string
  repo: string
}

/**
 * The runner's view of the current run, read from the variables GitHub sets for every step
 * (https://docs.github.com/actions/reference/variables-reference). The actions and the CLI read the same
 * variables, so the GitHub handlers run in an action step, a `run:` step or on a laptop with them set.
 */
export interface GithubEnv {
  /** `GITHUB_REPOSITORY`, split; undefined when unset (a handler then needs an explicit `repository`). */
  repository?: RepoRef
  /** `GITHUB_REF`, e.g. `refs/heads/main`. */
  ref?: string
  /** `GITHUB_REF_NAME`, e.g. `main`. */
  refName?: string
  /** `GITHUB_SHA`. */
  sha?: string
  runId?: string
  runAttempt?: string
  /** `GITHUB_JOB`: the job id. */
  job?: string
  /** `GITHUB_WORKFLOW`: the workflow name. */
  workflow?: string
  /** `GITHUB_EVENT_NAME`, e.g. `pull_request`. */
  eventName?: string
  /** `GITHUB_EVENT_PATH`: the webhook payload file. */
  eventPath?: string
  /** `GITHUB_SERVER_URL`, default https://github.com. */
  serverUrl: string
  /** `GITHUB_API_URL`, default https://api.github.com; GitHub Enterprise Server sets `<host>/api/v3`. */
  apiUrl: string
  /** This run's page, when the repository and run id are known. */
  runUrl?: string
  /** The webhook payload, parsed on first call (`{}` when there is no payload file). */
  payload(): JsonObject
}

type Env = Readonly<Record<string, string | undefined>>

export function readGithubEnv(env: Env): GithubEnv {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined
  const repository = get('GITHUB_REPOSITORY')
  const serverUrl = (get('GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, '')
  const apiUrl = (get('GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/+$/, '')
  const runId = get('GITHUB_RUN_ID')
  const eventPath = get('GITHUB_EVENT_PATH')
  let payload: JsonObject | undefined
  return {
    ...(repository ? { repository: parseRepository(repository, 'GITHUB_REPOSITORY') } : {}),
    ...optional('ref', get('GITHUB_REF')),
    ...optional('refName', get('GITHUB_REF_NAME')),
    ...optional('sha', get('GITHUB_SHA')),
    ...optional('runId', runId),
    ...optional('runAttempt', get('GITHUB_RUN_ATTEMPT')),
    ...optional('job', get('GITHUB_JOB')),
    ...optional('workflow', get('GITHUB_WORKFLOW')),
    ...optional('eventName', get('GITHUB_EVENT_NAME')),
    ...optional('eventPath', eventPath),
    serverUrl,
    apiUrl,
    ...(repository && runId ? { runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}),
    payload() {
      payload ??= readPayload(eventPath)
      return payload
    }
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}

/** `owner/repo`, or a ConfigError naming where it came from. */
export function parseRepository(text: string, where: string): RepoRef {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text.trim())
  if (!m?.[1] || !m[2]) throw new ConfigError(`${where}: '${text}' is not owner/repo`)
  return { owner: m[1], repo: m[2] }
}

function readPayload(path: string | undefined): JsonObject {
  if (!path) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigError(
      `GITHUB_EVENT_PATH ${path}: ${error instanceof Error ? error.message : String(error)}`
    )
  }
  return isJsonObject(parsed) ? parsed : {}
}
