/**
 * Reading the bridge's settings from a plain record of strings, the same on every platform: Workers
 * bindings, Lambda's process env. Runtime-neutral (no `node:` import). Names as in the Node server
 * (`src/bridge/node-server.ts`), so one set of secrets serves every target.
 */
import { ConfigError } from '../../errors.js'
import type { GithubAuth } from '../github-dispatch.js'
import type { GroupLookup } from '../policy.js'
import { createSlackGroupLookup } from '../slack-groups.js'

export type EnvRecord = Readonly<Record<string, string | undefined>>

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/** The string-valued entries of a Workers `env` (bindings also hold objects such as the DO namespace). */
export function stringEntries(env: Readonly<Record<string, unknown>>): EnvRecord {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') out[name] = value
  return out
}

export function requireSetting(env: EnvRecord, name: string): string {
  const value = nonEmpty(env[name])
  if (!value) throw new ConfigError(`${name} is not set`)
  return value
}

/** A GitHub App (GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY [+ GITHUB_APP_INSTALLATION_ID]) or GITHUB_TOKEN. */
export function githubAuthFromEnv(env: EnvRecord): GithubAuth {
  const appId = nonEmpty(env.GITHUB_APP_ID)
  const privateKey = nonEmpty(env.GITHUB_APP_PRIVATE_KEY)
  if (appId || privateKey) {
    if (!appId || !privateKey) {
      throw new ConfigError('GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY must be set together')
    }
    const installation = nonEmpty(env.GITHUB_APP_INSTALLATION_ID)
    if (installation !== undefined && !/^\d+$/.test(installation)) {
      throw new ConfigError('GITHUB_APP_INSTALLATION_ID must be a number')
    }
    // Keys pasted into an env var or a secret often carry literal \n; PEM needs real newlines.
    const pem = privateKey.includes('\\n') ? privateKey.replace(/\\n/g, '\n') : privateKey
    return {
      appId,
      privateKey: pem,
      ...(installation ? { installationId: Number(installation) } : {})
    }
  }
  const token = nonEmpty(env.GITHUB_TOKEN)
  if (!token) {
    throw new ConfigError('set GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY')
  }
  return { token }
}

/** The values to keep out of log lines besides the signing secret and target keys. */
export function authSecrets(auth: GithubAuth): string[] {
  return 'token' in auth ? [auth.token] : [auth.privateKey]
}

/** `allowedUserGroups` membership through SLACK_BOT_TOKEN (usergroups:read), as the Node server does. */
export function slackGroupsFromEnv(env: EnvRecord): {
  groupMembers?: GroupLookup
  secrets: string[]
} {
  const token = nonEmpty(env.SLACK_BOT_TOKEN)
  if (!token) return { secrets: [] }
  const apiUrl = nonEmpty(env.SLACK_API_URL)
  return {
    groupMembers: createSlackGroupLookup({ token, ...(apiUrl ? { apiUrl } : {}) }),
    secrets: [token]
  }
}
