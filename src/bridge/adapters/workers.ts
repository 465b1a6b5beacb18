/**
 * The bridge on Cloudflare Workers (or any module-worker runtime): the Hono app from `../app.ts`, the
 * acknowledgement returned at once and the click's work kept alive with `ctx.waitUntil` (Hono hands the
 * execution context to the app). Claims live in a Durable Object (`ClaimDurableObject`, exported here
 * because Workers find Durable Object classes among the main module's exports); Workers KV is not atomic
 * and cannot hold them.
 *
 * Bindings (wrangler secrets and vars; see src/bridge/README.md):
 *   SLACK_SIGNING_SECRET                      secret, required
 *   BRIDGE_POLICY                             secret, the allowlist YAML itself (there is no file system)
 *   CLAIMS                                    Durable Object namespace bound to ClaimDurableObject
 *   GITHUB_TOKEN | GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY [+ GITHUB_APP_INSTALLATION_ID]
 *   SLACK_BOT_TOKEN                           optional, for allowedUserGroups (usergroups:read)
 *   GITHUB_API_URL, BRIDGE_RESPONSE_URL_PREFIX  optional (GHES; tests point them at loopback)
 *   any name a target key's `secretEnv` names
 */
import type { ExecutionContext, Hono } from 'hono'
import { errorMessage } from '../../errors.js'
import { createBridgeApp } from '../app.js'
import { createGithubDispatch, createSlackResponder } from '../github-dispatch.js'
import { loadPolicy } from '../policy.js'
import {
  ClaimDurableObject,
  DurableClaimStore,
  type DurableNamespaceLike
} from './durable-claims.js'
import {
  authSecrets,
  githubAuthFromEnv,
  nonEmpty,
  requireSetting,
  slackGroupsFromEnv,
  stringEntries
} from './env.js'

export { ClaimDurableObject }

export interface WorkersEnv {
  CLAIMS?: DurableNamespaceLike
  [binding: string]: unknown
}

const log = (line: string): void => console.log(line)

/** One app per isolate and bindings object: the policy is parsed and GitHub App tokens cached once. */
let cached: { env: WorkersEnv; app: Hono } | undefined

export function workersApp(env: WorkersEnv): Hono {
  if (cached?.env === env) return cached.app
  const settings = stringEntries(env)
  const signingSecret = requireSetting(settings, 'SLACK_SIGNING_SECRET')
  const policy = loadPolicy(requireSetting(settings, 'BRIDGE_POLICY'), 'BRIDGE_POLICY', settings)
  if (!env.CLAIMS) throw new Error('the CLAIMS Durable Object binding is missing')
  const auth = githubAuthFromEnv(settings)
  const apiUrl = nonEmpty(settings.GITHUB_API_URL)
  const prefix = nonEmpty(settings.BRIDGE_RESPONSE_URL_PREFIX)
  const { secrets: groupSecrets, ...groups } = slackGroupsFromEnv(settings)
  const app = createBridgeApp({
    signingSecret,
    policy,
    claims: new DurableClaimStore(env.CLAIMS),
    clock: Date.now,
    dispatch: createGithubDispatch({ auth, ...(apiUrl ? { apiUrl } : {}) }),
    respond: createSlackResponder(),
    log,
    secrets: [...authSecrets(auth), ...groupSecrets],
    ...groups,
    ...(prefix ? { responseUrlPrefix: prefix } : {})
  })
  cached = { env, app }
  return app
}

export default {
  async fetch(request: Request, env: WorkersEnv, ctx: ExecutionContext): Promise<Response> {
    let app: Hono
    try {
      app = workersApp(env)
    } catch (error) {
      // Configuration errors name the binding, never its value.
      log(`bridge: not configured: ${errorMessage(error)}`)
      return new Response('bridge is not configured', { status: 500 })
    }
    return app.fetch(request, env, ctx)
  }
}
