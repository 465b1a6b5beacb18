/**
 * The bridge on AWS Lambda: the Hono app from `../app.ts` behind Hono's Lambda adapter, which reads
 * function URL and API Gateway HTTP API (payload 2.0) events, API Gateway REST (1.0) events and base64
 * bodies (`isBase64Encoded`). Lambda freezes the instance once the response is returned, so nothing may
 * run after it: the app runs each click inline (`inline: true`) and the dispatch gets a deadline
 * (default 2.2 s) so Slack still has its answer within 3 seconds. Past the deadline the outcome is
 * reported as unknown through `response_url` and the claim is kept — the run may have started.
 *
 * Lambda runs many instances side by side, so claims must be shared and atomic: Redis (`REDIS_URL`,
 * `SET NX EX`), never in memory. Environment (the Node server's names):
 *   SLACK_SIGNING_SECRET, REDIS_URL                        required
 *   BRIDGE_POLICY (the allowlist YAML) or BRIDGE_CONFIG (a file in the package)
 *   GITHUB_TOKEN | GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY [+ GITHUB_APP_INSTALLATION_ID]
 *   SLACK_BOT_TOKEN (allowedUserGroups), GITHUB_API_URL, BRIDGE_RESPONSE_URL_PREFIX,
 *   BRIDGE_DISPATCH_DEADLINE_MS                            optional
 */
import type { Hono } from 'hono'
import { handle } from 'hono/aws-lambda'
import { AsyncLocalStorage } from 'node:async_hooks'
import { readFileSync } from 'node:fs'
import { ConfigError } from '../../errors.js'
import { createBridgeApp, type BridgeAppDeps } from '../app.js'
import { RedisClaimStore, type ClaimStore } from '../claims.js'
import { createGithubDispatch, createSlackResponder } from '../github-dispatch.js'
import type { DispatchResult } from '../interaction.js'
import { loadPolicy, type DispatchRequest } from '../policy.js'
import {
  authSecrets,
  githubAuthFromEnv,
  nonEmpty,
  requireSetting,
  slackGroupsFromEnv,
  type EnvRecord
} from './env.js'

/** Slack waits 3 s; the dispatch gets 2.2 of them, the response_url reply and the rest the remainder. */
export const DEFAULT_DISPATCH_DEADLINE_MS = 2200
const RESPOND_TIMEOUT_MS = 600

/** Hono's Lambda handler: `(event, context) => Promise<result>` for v1, v2 and ALB events. */
export type LambdaHandler = ReturnType<typeof handle>

export interface LambdaBridgeOptions {
  env: EnvRecord
  /** The dispatch's deadline signal, one per click (tests abort it by hand instead of waiting). */
  deadline?: () => AbortSignal
  /** Overrides (tests: an injected clock, a claim store on the test's Redis). */
  change?: Partial<BridgeAppDeps>
  log?: (line: string) => void
}

export interface LambdaBridge {
  handler: LambdaHandler
  app: Hono
  close(): Promise<void>
}

/** Builds the app and handler from the environment (once per instance: tokens and Redis are reused). */
export async function createLambdaBridge(options: LambdaBridgeOptions): Promise<LambdaBridge> {
  const env = options.env
  const log = options.log ?? ((line: string): void => console.log(line))
  const signingSecret = requireSetting(env, 'SLACK_SIGNING_SECRET')
  const policy = loadPolicy(...policySource(env), env)
  const auth = githubAuthFromEnv(env)
  const apiUrl = nonEmpty(env.GITHUB_API_URL)
  const prefix = nonEmpty(env.BRIDGE_RESPONSE_URL_PREFIX)
  const { secrets: groupSecrets, ...groups } = slackGroupsFromEnv(env)
  const deadline = options.deadline ?? deadlineFromEnv(env)
  const signals = new AsyncLocalStorage<AbortSignal>()
  // Every GitHub call of one click (installation token, dispatch, its one resend) shares its deadline.
  const deadlineFetch: typeof fetch = (input, init) => {
    const signal = signals.getStore()
    return fetch(input, signal ? { ...init, signal } : init)
  }
  const send = createGithubDispatch({
    auth,
    fetch: deadlineFetch,
    ...(apiUrl ? { apiUrl } : {})
  })
  const dispatch = (request: DispatchRequest): Promise<DispatchResult> => {
    const signal = deadline()
    return signals.run(signal, () => Promise.race([send(request), aborted(signal)]))
  }
  const claims = options.change?.claims ?? (await redisClaims(env))
  const app = createBridgeApp({
    signingSecret,
    policy,
    claims,
    clock: Date.now,
    dispatch,
    respond: createSlackResponder({ timeoutMs: RESPOND_TIMEOUT_MS }),
    log,
    secrets: [...authSecrets(auth), ...groupSecrets, ...(env.REDIS_URL ? [env.REDIS_URL] : [])],
    ...groups,
    ...(prefix ? { responseUrlPrefix: prefix } : {}),
    ...options.change,
    inline: true
  })
  return { handler: handle(app), app, close: async () => claims.close?.() }
}

function policySource(env: EnvRecord): [text: string, source: string] {
  const inline = nonEmpty(env.BRIDGE_POLICY)
  if (inline) return [inline, 'BRIDGE_POLICY']
  const path = nonEmpty(env.BRIDGE_CONFIG)
  if (!path)
    throw new ConfigError('set BRIDGE_POLICY (the allowlist YAML) or BRIDGE_CONFIG (its path)')
  try {
    return [readFileSync(path, 'utf8'), path]
  } catch (error) {
    throw new ConfigError(`${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
}

function deadlineFromEnv(env: EnvRecord): () => AbortSignal {
  const text = nonEmpty(env.BRIDGE_DISPATCH_DEADLINE_MS)
  const ms = text === undefined ? DEFAULT_DISPATCH_DEADLINE_MS : Number(text)
  if (!Number.isInteger(ms) || ms < 100 || ms > 2800) {
    throw new ConfigError('BRIDGE_DISPATCH_DEADLINE_MS must be a whole number from 100 to 2800')
  }
  return () => AbortSignal.timeout(ms)
}

async function redisClaims(env: EnvRecord): Promise<ClaimStore> {
  // In-memory claims would be per instance: two instances could each let a click win.
  const url = requireSetting(env, 'REDIS_URL')
  return RedisClaimStore.connect({ url })
}

/** Rejects once `signal` aborts, so a hung dispatch cannot hold the acknowledgement. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(new Error('dispatch deadline passed'))
    if (signal.aborted) fail()
    else signal.addEventListener('abort', fail, { once: true })
  })
}

let instance: Promise<LambdaBridge> | undefined

/** The Lambda entry point (`index.handler` in dist/bridge/lambda). */
export async function handler(
  ...args: Parameters<LambdaHandler>
): Promise<Awaited<ReturnType<LambdaHandler>>> {
  instance ??= createLambdaBridge({ env: process.env })
  // A failed start is not cached: the next event tries again (a Redis blip at cold start).
  const bridge = await instance.catch((error: unknown) => {
    instance = undefined
    throw error
  })
  return bridge.handler(...args)
}
