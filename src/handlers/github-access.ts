import { ConfigError } from '../errors.js'
import type { HandlerContext } from '../core/events.js'
import type { JsonObject, JsonValue } from '../core/types.js'
import type { GithubClient } from '../github/client.js'
import { parseRepository, readGithubEnv, type GithubEnv, type RepoRef } from '../github/env.js'

/**
 * What the comment and commit-status handlers share: the runner's variables and default token from
 * `ctx.github` (the actions: `github-token` input; the CLI: GITHUB_TOKEN), the repository, and a client
 * authenticated with the block's `token` when it has one. Every token is registered as a secret before
 * any request, so no log shows it. `@actions/github` is imported on the first client only.
 */
export interface GithubAccess {
  env: GithubEnv
  repo: RepoRef
  client(): Promise<GithubClient>
}

export async function githubAccess(
  ctx: HandlerContext,
  block: JsonObject,
  templateContext: JsonObject,
  where: string
): Promise<GithubAccess> {
  const env = readGithubEnv(ctx.github?.env ?? {})
  const repoText = await optionalText(ctx, block.repository, templateContext, `${where}.repository`)
  const repo = repoText ? parseRepository(repoText, `${where}: repository`) : env.repository
  if (!repo)
    throw new ConfigError(`${where}: no repository (set 'repository' or GITHUB_REPOSITORY)`)
  // A cross-repository token comes from secrets.yaml: only this template sees `secretData`.
  const withSecrets = { ...templateContext, secretData: ctx.config.secrets }
  const blockToken = await optionalText(ctx, block.token, withSecrets, `${where}.token`)
  if (blockToken) ctx.logger.addSecret(blockToken)
  const token = blockToken ?? ctx.github?.token
  let client: Promise<GithubClient> | undefined
  return {
    env,
    repo,
    client: () => {
      if (!token) {
        throw new ConfigError(
          `${where}: no GitHub token (the action's github-token input, GITHUB_TOKEN, or the block's token)`
        )
      }
      client ??= import('../github/client.js').then(({ createGithubClient }) =>
        createGithubClient({
          token,
          apiUrl: env.apiUrl,
          ...(ctx.github?.clock ? { clock: ctx.github.clock } : {}),
          debug: (line) => ctx.logger.debug(line)
        })
      )
      return client
    }
  }
}

/** A rendered, trimmed string key, or undefined when absent or blank. */
export async function optionalText(
  ctx: HandlerContext,
  value: JsonValue | undefined,
  templateContext: JsonObject,
  where: string
): Promise<string | undefined> {
  if (value === undefined || value === null) return undefined
  const text = (await ctx.render(String(value), templateContext, where)).trim()
  return text || undefined
}
