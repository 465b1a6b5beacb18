/**
 * `node dist/bridge/socket/index.js --config bridge.yaml`: the bridge over Slack Socket Mode for local
 * development — no public URL, no signing secret. The app-level token (`SLACK_APP_TOKEN`, `xapp-…`) comes
 * from the environment, like every other secret; the rest is the Node server's configuration
 * (`src/bridge/node-server.ts`).
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { errorMessage, UsageError } from '../../errors.js'
import { bridgeDepsFromEnv, type BridgeIo } from '../node-server.js'
import { b64url } from '../value.js'
import { nonEmpty, requireSetting, type EnvRecord } from './env.js'
import { startSocketModeBridge, type SocketModeBridge } from './socket-mode.js'

export const SOCKET_HELP = `usage: node dist/bridge/socket/index.js [--config PATH]

Connects to Slack over Socket Mode (no public URL needed) and turns allowed clicks into
workflow_dispatch runs. For local development; production uses an HTTP target.

  --config PATH   the bridge allowlist (env BRIDGE_CONFIG)

secrets, from the environment only: SLACK_APP_TOKEN (an app-level token with connections:write);
GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY; REDIS_URL (optional).
`

/** Loads the configuration and connects; resolves once Slack has said hello. */
export async function startSocketModeFromEnv(
  configPath: string,
  env: EnvRecord,
  log: (line: string) => void
): Promise<SocketModeBridge> {
  const appToken = requireSetting(env, 'SLACK_APP_TOKEN')
  // Socket Mode has no request signature; the Node server's loader wants one, so it gets a throwaway.
  const throwaway = b64url(globalThis.crypto.getRandomValues(new Uint8Array(32)))
  const deps = await bridgeDepsFromEnv(configPath, { ...env, SLACK_SIGNING_SECRET: throwaway }, log)
  // The Node server's SLACK_API_URL may lack the trailing slash @slack/web-api's base URL needs.
  const apiBase = nonEmpty(env.SLACK_API_URL)
  const slackApiUrl = apiBase?.endsWith('/') ? apiBase : apiBase && `${apiBase}/`
  try {
    const bridge = await startSocketModeBridge({
      appToken,
      deps: { ...deps, secrets: [...(deps.secrets ?? []), appToken] },
      ...(slackApiUrl ? { slackApiUrl } : {})
    })
    log('bridge: connected to Slack over Socket Mode')
    return {
      client: bridge.client,
      close: async () => {
        await bridge.close()
        await deps.claims.close?.()
      }
    }
  } catch (error) {
    await deps.claims.close?.()
    throw error
  }
}

export async function runSocketModeCli(argv: readonly string[], io: BridgeIo): Promise<number> {
  const log = (line: string): void => io.stderr(`${line}\n`)
  try {
    const { values } = parseOrThrow(argv)
    if (values.help) return (io.stdout(SOCKET_HELP), 0)
    const config = values.config ?? nonEmpty(io.env.BRIDGE_CONFIG)
    if (!config) throw new UsageError('bridge socket: --config PATH (or BRIDGE_CONFIG) is required')
    const bridge = await startSocketModeFromEnv(resolve(io.cwd, config), io.env, log)
    await new Promise<void>((done) => {
      process.once('SIGTERM', done)
      process.once('SIGINT', done)
    })
    log('bridge: shutting down')
    await bridge.close()
    return 0
  } catch (error) {
    log(`bridge: ${errorMessage(error)}`)
    return error instanceof UsageError ? 2 : 1
  }
}

function parseOrThrow(argv: readonly string[]): {
  values: { config?: string | undefined; help?: boolean | undefined }
} {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false
    })
  } catch (error) {
    throw new UsageError(`bridge socket: ${(error as Error).message.split('\n')[0]}`)
  }
}
