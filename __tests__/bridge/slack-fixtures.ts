/**
 * block_actions payloads shaped like the ones Slack sends (message and ephemeral containers, a threaded
 * message, an Enterprise Grid org-wide install), written for these tests, and signed with a test secret.
 */
import type { BridgeRequest } from '../../src/bridge/interaction.js'
import { signSlackRequest } from '../../src/bridge/verify.js'

export const SIGNING_SECRET = 'test-signing-secret-8f3a1c0e5b7d9a2c4e6f'
export const KEY_CURRENT = 'deploy-key-2026-current-aaaaaaaaaaaaaaaa'
export const KEY_PREVIOUS = 'deploy-key-2025-previous-bbbbbbbbbbbbbbb'
export const OTHER_KEY = 'other-team-key-cccccccccccccccccccccccccc'
export const RESPONSE_URL = 'https://hooks.slack.com/actions/T0TEAM001/4242/abcDEFghiJKL'
/** 2026-12-01T15:00:00Z, the tests' "now". */
export const NOW_MS = Date.UTC(2026, 11, 1, 15, 0, 0)
export const NOW_S = NOW_MS / 1000

export const POLICY_YAML = `
slack: { teamId: T0TEAM001, apiAppId: A0BRIDGE01 }
targets:
  deploy:
    repository: acme/app
    workflow: deploy.yml
    ref: main
    choices: [stage, prod]
    inputs:
      context-id: '{{context}}'
      environment: '{{ choice }}'
      slack-user: '{{user}}'
      source-run-id: '{{run}}'
      note: 'chosen in Slack'
    allowedUsers: [U0ALICE01]
    allowedUserGroups: [S0DEPLOYRS]
    allowedChannels: [C0DEPLOYS1]
    keys:
      - { id: k2026, secret: ${KEY_CURRENT} }
      - { id: k2025, secret: ${KEY_PREVIOUS} }
  other:
    repository: acme/other
    workflow: release.yml
    ref: main
    choices: [go]
    allowedUsers: [U0ALICE01]
    allowedChannels: [C0DEPLOYS1]
    keys:
      - { id: o1, secret: ${OTHER_KEY} }
`

export type Shape = 'message' | 'thread' | 'ephemeral' | 'enterprise'

export interface ClickOptions {
  value: string
  user?: string
  channel?: string
  responseUrl?: string
  shape?: Shape
  team?: string
}

const blocks = (value: string) => [
  {
    type: 'section',
    block_id: 'cicd-text',
    text: { type: 'mrkdwn', text: 'Build 1.4.2 of *acme/app* is ready. Deploy?', verbatim: false }
  },
  {
    type: 'actions',
    block_id: 'cicd-choices',
    elements: [
      {
        type: 'button',
        action_id: 'cicd:deploy:stage',
        text: { type: 'plain_text', text: 'stage', emoji: true },
        value
      }
    ]
  }
]

/** A block_actions payload for one click of a button whose value is `value`. */
export function blockActions(o: ClickOptions): Record<string, unknown> {
  const shape = o.shape ?? 'message'
  const user = o.user ?? 'U0ALICE01'
  const channel = o.channel ?? 'C0DEPLOYS1'
  const team = o.team ?? 'T0TEAM001'
  const messageTs = '1764600000.000200'
  const action = {
    type: 'button',
    action_id: 'cicd:deploy:stage',
    block_id: 'cicd-choices',
    text: { type: 'plain_text', text: 'stage', emoji: true },
    value: o.value,
    action_ts: '1764601200.123456'
  }
  const base: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: user, username: 'alice', name: 'alice', team_id: team },
    api_app_id: 'A0BRIDGE01',
    token: 'legacyVerificationTokenIgnored',
    trigger_id: '4242.1234.abcdef',
    team: { id: team, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'deploys' },
    response_url: o.responseUrl ?? RESPONSE_URL,
    state: { values: {} },
    actions: [action]
  }
  if (shape === 'ephemeral') {
    // Ephemeral messages come without `message`; the container says so.
    return {
      ...base,
      container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: true }
    }
  }
  const message: Record<string, unknown> = {
    type: 'message',
    subtype: 'bot_message',
    text: 'Build 1.4.2 is ready',
    ts: messageTs,
    bot_id: 'B0BOT0001',
    blocks: blocks(o.value)
  }
  const container: Record<string, unknown> = {
    type: 'message',
    message_ts: messageTs,
    channel_id: channel,
    is_ephemeral: false
  }
  if (shape === 'thread') {
    message.thread_ts = '1764599000.000100'
    container.thread_ts = '1764599000.000100'
  }
  if (shape === 'enterprise') {
    // An org-wide install: the enterprise is set and `team` may be null; the user still names a team.
    return {
      ...base,
      enterprise: { id: 'E0ACMEORG1', name: 'Acme' },
      is_enterprise_install: true,
      team: null,
      user: { id: user, username: 'alice', name: 'alice', team_id: team },
      container,
      message
    }
  }
  return { ...base, container, message }
}

export function formBody(payload: unknown): Uint8Array {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload)
  return new TextEncoder().encode(new URLSearchParams({ payload: text }).toString())
}

/** A request as Slack sends it: form body, timestamp and v0 signature. */
export async function signedRequest(
  body: Uint8Array,
  o: { timestamp?: number; secret?: string; contentType?: string } = {}
): Promise<BridgeRequest> {
  const timestamp = o.timestamp ?? NOW_S
  return {
    headers: {
      'Content-Type': o.contentType ?? 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': await signSlackRequest(o.secret ?? SIGNING_SECRET, timestamp, body)
    },
    body
  }
}
