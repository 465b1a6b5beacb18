/**
 * Slack Socket Mode adapter, for local development without a public URL: the bridge opens a WebSocket to
 * Slack (`apps.connections.open` with the app-level token, `xapp-…`) and receives the same
 * `block_actions` payloads over it, acknowledging each envelope on the socket.
 *
 * There is no HTTP request signature in Socket Mode: the socket itself is authenticated by the app-level
 * token, so whoever holds that token can deliver payloads. The rest of the core's checks still apply to
 * every click (the button value's MAC, channel and expiry, the allowlist, the claim). To send the payload
 * through the one core entry point (`acceptInteraction`) unchanged, the adapter wraps it as Slack's form
 * body and signs it with a random per-process secret that never leaves this module: that signature
 * proves nothing beyond "it came off the socket", and is not meant to.
 */
import { LogLevel, SocketModeClient, type Logger } from '@slack/socket-mode'
import { errorMessage } from '../../errors.js'
import { acceptInteraction, type InteractionDeps, type Outcome } from '../interaction.js'
import { b64url } from '../value.js'
import { signSlackRequest } from '../verify.js'

export interface SocketModeBridgeOptions {
  /** The app-level token (`xapp-…`, scope `connections:write`). */
  appToken: string
  /** The core's dependencies, without a signing secret (Socket Mode has none). */
  deps: Omit<InteractionDeps, 'signingSecret'>
  /** Slack Web API base, ending in `/api/` (tests point it at a loopback stand-in). */
  slackApiUrl?: string
  /** Called with each click's outcome (tests, metrics). */
  onOutcome?: (outcome: Outcome) => void
}

export interface SocketModeBridge {
  client: SocketModeClient
  close(): Promise<void>
}

interface InteractiveEvent {
  ack: (response?: Record<string, unknown>) => Promise<void>
  body: unknown
}

/** Connects and serves clicks until `close()`. Resolves once Slack's `hello` has arrived. */
export async function startSocketModeBridge(
  options: SocketModeBridgeOptions
): Promise<SocketModeBridge> {
  const client = new SocketModeClient({
    appToken: options.appToken,
    // The library logs whole envelopes at debug level; they hold response_url, a bearer capability.
    logger: quietLogger(options.deps.log),
    clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}
  })
  const secret = b64url(globalThis.crypto.getRandomValues(new Uint8Array(32)))
  const deps: InteractionDeps = { ...options.deps, signingSecret: secret }
  client.on('interactive', (event: InteractiveEvent) => {
    void onInteractive(event, deps, options.onOutcome)
  })
  await client.start()
  return { client, close: () => client.disconnect() }
}

/** Acks first (Slack's 3-second budget), then runs the click through the core. */
async function onInteractive(
  event: InteractiveEvent,
  deps: InteractionDeps,
  onOutcome: ((outcome: Outcome) => void) | undefined
): Promise<void> {
  let outcome: Outcome
  try {
    await event.ack()
    const accepted = await acceptInteraction(await asSignedRequest(event.body, deps), deps)
    outcome = accepted.work ? await accepted.work() : (accepted.outcome as Outcome)
    if (!accepted.work) deps.log?.(`bridge: rejected (${describe(outcome)})`)
  } catch (error) {
    deps.log?.(`bridge: socket-mode click failed: ${errorMessage(error)}`)
    outcome = { kind: 'unknown' }
  }
  onOutcome?.(outcome)
}

/** The envelope's payload as the form body Slack would have POSTed, signed with the local secret. */
async function asSignedRequest(
  payload: unknown,
  deps: InteractionDeps
): Promise<Parameters<typeof acceptInteraction>[0]> {
  const body = new TextEncoder().encode(
    new URLSearchParams({ payload: JSON.stringify(payload ?? null) }).toString()
  )
  const timestamp = Math.floor(deps.clock() / 1000)
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': await signSlackRequest(deps.signingSecret, timestamp, body)
    },
    body
  }
}

function describe(outcome: Outcome): string {
  return 'reason' in outcome ? outcome.reason : outcome.kind
}

/** @slack/logger's interface; warnings and errors only, never the debug lines with payloads. */
function quietLogger(log: ((line: string) => void) | undefined): Logger {
  const sink =
    (level: string) =>
    (...msgs: unknown[]) =>
      log?.(`socket-mode ${level}: ${msgs.map(String).join(' ')}`)
  const ignore = (): void => undefined
  return {
    debug: ignore,
    info: ignore,
    warn: sink('warn'),
    error: sink('error'),
    setLevel: ignore,
    getLevel: () => LogLevel.WARN,
    setName: ignore
  }
}
