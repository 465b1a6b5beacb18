/**
 * The bridge as a Node HTTP server (`@hono/node-server` around the Hono app): the `cicdstatemgr bridge
 * serve` command, the `dist/bridge/node` bundle and the container image all start it here.
 *
 * Configuration: the allowlist file (`--config`, default `$BRIDGE_CONFIG`) and secrets from the
 * environment only — never from flags, which show in `ps`:
 *   SLACK_SIGNING_SECRET                       required
 *   GITHUB_TOKEN                               a fine-grained token with `actions: write`, or
 *   GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY     a GitHub App (optional GITHUB_APP_INSTALLATION_ID)
 *   GITHUB_API_URL                             default https://api.github.com
 *   REDIS_URL                                  claims in Redis (any number of servers); else in memory,
 *                                              correct for ONE server process only
 *   SLACK_BOT_TOKEN                            for `allowedUserGroups` (usergroups:read); optional;
 *                                              with GITHUB_WEBHOOK_SECRET also chat:write
 *   GITHUB_WEBHOOK_SECRET                      the GitHub App's webhook secret: enables
 *                                              POST /github/webhook (`kind: protection` targets)
 *   BRIDGE_RESPONSE_URL_PREFIX                 default https://hooks.slack.com/ (tests: loopback)
 *
 * On SIGTERM/SIGINT it stops accepting connections, lets the clicks already acknowledged finish their
 * dispatch and reply, closes the claim store and exits 0.
 */
import { serve, type ServerType } from '@hono/node-server'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, errorMessage, UsageError } from '../errors.js'
import { githubAuthFromEnv, nonEmpty } from './adapters/env.js'
import { createBridgeApp, type BridgeAppDeps } from './app.js'
import { MemoryClaimStore, RedisClaimStore, type ClaimStore } from './claims.js'
import {
  createGithubDispatch,
  createProtectionReview,
  createSlackResponder,
  type GithubAuth
} from './github-dispatch.js'
import { loadPolicy, type Policy } from './policy.js'
import { createSlackGroupLookup } from './slack-groups.js'
import { createSlackPoster } from './slack-post.js'
import type { ProtectionDeps } from './webhook.js'

export interface BridgeIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Readonly<Record<string, string | undefined>>
  cwd: string
}

export const BRIDGE_HELP = `usage: cicdstatemgr bridge serve [--config PATH] [--port N] [--host ADDR]

Serves Slack's interactivity requests (POST /slack/interactivity) and turns allowed clicks into
workflow_dispatch runs; with GITHUB_WEBHOOK_SECRET, POST /github/webhook posts approve/reject buttons
for GitHub deployment protection rules and answers them; GET /healthz answers "ok".

  --config PATH   the bridge allowlist (env BRIDGE_CONFIG)
  --port N        port to listen on (env PORT; default 8080; 0 picks a free one)
  --host ADDR     address to listen on (default 0.0.0.0)

secrets, from the environment only: SLACK_SIGNING_SECRET; GITHUB_TOKEN, or GITHUB_APP_ID and
GITHUB_APP_PRIVATE_KEY (optional GITHUB_APP_INSTALLATION_ID); REDIS_URL for claims shared by several
servers (without it, claims are in memory: run only ONE server); SLACK_BOT_TOKEN (usergroups:read)
when the allowlist names allowedUserGroups; GITHUB_WEBHOOK_SECRET and SLACK_BOT_TOKEN (chat:write)
when it has kind: protection targets.
`

export interface ServeOptions {
  configPath: string
  port: number
  host: string
}

export interface RunningBridge {
  url: string
  /** Stops accepting, waits for acknowledged clicks to finish, closes the claim store. */
  close(): Promise<void>
}

/** `bridge serve …` (the CLI's `bridge` subcommand, the node bundle): runs until SIGTERM/SIGINT. */
export async function runBridgeCli(argv: readonly string[], io: BridgeIo): Promise<number> {
  const log = (line: string): void => io.stderr(`${line}\n`)
  try {
    const [command, ...rest] = argv
    if (command === '--help' || command === '-h' || command === undefined) {
      io.stdout(BRIDGE_HELP)
      return command === undefined ? 2 : 0
    }
    if (command !== 'serve') {
      throw new UsageError(`bridge: unknown command '${command}' (expected: serve)`)
    }
    const options = parseServeArgs(rest, io)
    if (!options) return (io.stdout(BRIDGE_HELP), 0)
    const running = await startBridge(options, io.env, log)
    await untilSignal()
    log('bridge: shutting down')
    await running.close()
    return 0
  } catch (error) {
    log(`bridge: ${errorMessage(error)}`)
    return error instanceof UsageError ? 2 : 1
  }
}

function parseServeArgs(argv: readonly string[], io: BridgeIo): ServeOptions | undefined {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string', default: '0.0.0.0' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    throw new UsageError(`bridge serve: ${(error as Error).message.split('\n')[0]}`)
  }
  if (values.help) return undefined
  const config = values.config ?? nonEmpty(io.env.BRIDGE_CONFIG)
  if (!config) throw new UsageError('bridge serve: --config PATH (or BRIDGE_CONFIG) is required')
  const portText = values.port ?? nonEmpty(io.env.PORT) ?? '8080'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`bridge serve: --port '${portText}' is not a port number`)
  }
  return { configPath: resolve(io.cwd, config), port, host: values.host }
}

/** Loads the allowlist and secrets, connects the claim store and listens. */
export async function startBridge(
  options: ServeOptions,
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void,
  /** Overrides (tests, the benchmark): given the deps built from the environment. */
  change: (deps: BridgeAppDeps) => Partial<BridgeAppDeps> = () => ({})
): Promise<RunningBridge> {
  const deps = await bridgeDepsFromEnv(options.configPath, env, log)
  const pending = new Set<Promise<unknown>>()
  const app = createBridgeApp({
    ...deps,
    // A long-lived process: the work runs on after the ack; tracked so a shutdown waits for it.
    defer: (work) => {
      pending.add(work)
      void work.finally(() => pending.delete(work))
    },
    ...change(deps)
  })
  let server: ServerType
  const address = await new Promise<AddressInfo>((done, fail) => {
    server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, done)
    server.once('error', fail)
  })
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  log(`bridge: listening on ${url}`)
  return {
    url,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()))
      await Promise.allSettled([...pending])
      await deps.claims.close?.()
    }
  }
}

/** Everything the app needs, from the allowlist file and the environment. */
export async function bridgeDepsFromEnv(
  configPath: string,
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void
): Promise<BridgeAppDeps> {
  const signingSecret = nonEmpty(env.SLACK_SIGNING_SECRET)
  if (!signingSecret) throw new ConfigError('SLACK_SIGNING_SECRET is not set')
  let text: string
  try {
    text = readFileSync(configPath, 'utf8')
  } catch (error) {
    throw new ConfigError(`${configPath}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
  const policy = loadPolicy(text, configPath, env)
  const auth = githubAuthFromEnv(env)
  const secrets = 'token' in auth ? [auth.token] : [auth.privateKey]
  const redisUrl = nonEmpty(env.REDIS_URL)
  if (redisUrl) secrets.push(redisUrl)
  const apiUrl = nonEmpty(env.GITHUB_API_URL)
  const prefix = nonEmpty(env.BRIDGE_RESPONSE_URL_PREFIX)
  const botToken = nonEmpty(env.SLACK_BOT_TOKEN)
  if (botToken) secrets.push(botToken)
  const slackApi = nonEmpty(env.SLACK_API_URL)
  // Before the claim store connects, so a configuration error leaves no connection open.
  const protection = protectionDeps(policy, env, auth, { apiUrl, slackApi, botToken })
  if (protection) secrets.push(protection.webhookSecret)
  const claims = await claimStore(redisUrl, log)
  return {
    signingSecret,
    policy,
    claims,
    clock: Date.now,
    dispatch: createGithubDispatch({ auth, ...(apiUrl ? { apiUrl } : {}) }),
    respond: createSlackResponder(),
    log,
    secrets,
    ...(prefix ? { responseUrlPrefix: prefix } : {}),
    ...(protection ? { protection } : {}),
    ...(botToken
      ? {
          groupMembers: createSlackGroupLookup({
            token: botToken,
            ...(slackApi ? { apiUrl: slackApi } : {})
          })
        }
      : {})
  }
}

/** The deployment-protection wiring, when GITHUB_WEBHOOK_SECRET is set (required by protection targets). */
function protectionDeps(
  policy: Policy,
  env: Readonly<Record<string, string | undefined>>,
  auth: GithubAuth,
  urls: { apiUrl: string | undefined; slackApi: string | undefined; botToken: string | undefined }
): ProtectionDeps | undefined {
  const webhookSecret = nonEmpty(env.GITHUB_WEBHOOK_SECRET)
  const wanted = [...policy.targets.values()].some((t) => t.kind === 'protection')
  if (!webhookSecret) {
    if (wanted)
      throw new ConfigError('the allowlist has kind: protection targets; set GITHUB_WEBHOOK_SECRET')
    return undefined
  }
  if (!urls.botToken) {
    throw new ConfigError(
      'GITHUB_WEBHOOK_SECRET needs SLACK_BOT_TOKEN (chat:write) to post the buttons'
    )
  }
  return {
    webhookSecret,
    postMessage: createSlackPoster({
      token: urls.botToken,
      ...(urls.slackApi ? { apiUrl: urls.slackApi } : {})
    }),
    review: createProtectionReview({ auth, ...(urls.apiUrl ? { apiUrl: urls.apiUrl } : {}) }),
    ...(urls.apiUrl ? { apiBase: urls.apiUrl } : {})
  }
}

async function claimStore(
  redisUrl: string | undefined,
  log: (line: string) => void
): Promise<ClaimStore> {
  if (redisUrl) {
    log('bridge: claims in Redis (REDIS_URL)')
    return RedisClaimStore.connect({ url: redisUrl })
  }
  log(
    'bridge: warning: REDIS_URL is not set; claims are kept in memory, so run only ONE bridge server (a second one, or a restart, could let a second click dispatch again)'
  )
  return new MemoryClaimStore()
}

function untilSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGTERM', stop)
      process.off('SIGINT', stop)
      done()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
}
