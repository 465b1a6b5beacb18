/**
 * The Socket Mode adapter against loopback stand-ins speaking Slack's protocol: apps.connections.open on
 * the Slack API stand-in returns a ws:// URL on 127.0.0.1, the socket stand-in says hello and pushes
 * `interactive` envelopes, and the adapter acks each on the socket before running the click.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MemoryClaimStore } from '../../../src/bridge/claims.js'
import {
  startSocketModeBridge,
  type SocketModeBridge
} from '../../../src/bridge/adapters/socket-mode.js'
import type { Outcome } from '../../../src/bridge/interaction.js'
import { loadPolicy, type DispatchRequest } from '../../../src/bridge/policy.js'
import { mintValue } from '../../../src/bridge/value.js'
import { startStandIn, type StandIn } from '../../../__fixtures__/http-stand-in.js'
import {
  startSocketModeStandIn,
  type SocketModeStandIn
} from '../../../__fixtures__/socket-mode-stand-in.js'
import {
  blockActions,
  KEY_CURRENT,
  NOW_MS,
  NOW_S,
  POLICY_YAML,
  SIGNING_SECRET
} from '../slack-fixtures.js'

const APP_TOKEN = 'xapp-1-A0BRIDGE01-1234-socketmodetokenvalue0000'

let slack: StandIn
let socket: SocketModeStandIn
let bridge: SocketModeBridge
const dispatched: DispatchRequest[] = []
const logs: string[] = []
const outcomes: Outcome[] = []
let outcomeWaiters: Array<() => void> = []

async function nextOutcome(count: number): Promise<Outcome> {
  while (outcomes.length < count) {
    await new Promise<void>((resolve) => outcomeWaiters.push(resolve))
  }
  return outcomes[count - 1]!
}

beforeAll(async () => {
  slack = await startStandIn()
  socket = await startSocketModeStandIn()
  slack.respondWith('/api/apps.connections.open', { body: { ok: true, url: socket.wsUrl } })
  bridge = await startSocketModeBridge({
    appToken: APP_TOKEN,
    slackApiUrl: `${slack.url}/api/`,
    deps: {
      policy: loadPolicy(POLICY_YAML, 'bridge.yaml'),
      claims: new MemoryClaimStore(() => NOW_MS),
      clock: () => NOW_MS,
      responseUrlPrefix: `${slack.url}/response/`,
      dispatch: async (request) => {
        dispatched.push(request)
        return { runId: 77, runUrl: 'https://github.com/acme/app/actions/runs/77' }
      },
      respond: async (url, reply) => {
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(reply)
        })
      },
      log: (line) => logs.push(line)
    },
    onOutcome: (outcome) => {
      outcomes.push(outcome)
      for (const wake of outcomeWaiters.splice(0)) wake()
    }
  })
  await socket.connected()
})

afterAll(async () => {
  await bridge?.close()
  await socket?.close()
  await slack?.close()
  outcomeWaiters = []
})

const button = (o: string, n = 'nonce-socket-mode-0001') =>
  mintValue(
    { t: 'deploy', c: 'app-1.4.2', ch: 'C0DEPLOYS1', o, n, e: NOW_S + 3600 },
    { id: 'k2026', secret: KEY_CURRENT }
  )

describe('Socket Mode adapter', () => {
  it('opens the connection with the app-level token through apps.connections.open', () => {
    const open = slack.requests.find((r) => r.path === '/api/apps.connections.open')
    expect(open?.method).toBe('POST')
    expect(open?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`)
  })

  it('acks the envelope on the socket, dispatches once and replaces the buttons', async () => {
    const payload = blockActions({
      value: await button('stage'),
      responseUrl: `${slack.url}/response/T0TEAM001/1/abc`
    })
    const id = socket.sendInteractive(payload)
    expect(await socket.waitForAck(id)).toMatchObject({ envelope_id: id })
    expect(await nextOutcome(1)).toEqual({ kind: 'dispatched', runId: 77 })
    expect(dispatched).toEqual([
      expect.objectContaining({ repository: 'acme/app', workflow: 'deploy.yml', ref: 'main' })
    ])
    const replies = await slack.waitForRequests(2)
    const reply = replies.find((r) => r.path.startsWith('/response/'))
    expect(reply?.json).toMatchObject({ replace_original: true })
    expect(String((reply?.json as { text: string }).text)).toContain(
      'stage* chosen by <@U0ALICE01>'
    )
  })

  it('a second click on the same button set is acked and dispatches nothing', async () => {
    const payload = blockActions({
      value: await button('prod'),
      user: 'U0ALICE01',
      responseUrl: `${slack.url}/response/T0TEAM001/2/def`
    })
    const id = socket.sendInteractive(payload)
    await socket.waitForAck(id)
    expect(await nextOutcome(2)).toMatchObject({ kind: 'already-chosen' })
    expect(dispatched).toHaveLength(1)
  })

  it('a forged button (wrong key) is refused with nothing dispatched', async () => {
    const forged = await mintValue(
      { t: 'deploy', c: 'app-1.4.2', ch: 'C0DEPLOYS1', o: 'prod', e: NOW_S + 3600 },
      { id: 'k2026', secret: 'an-attacker-key-that-is-long-enough-000000' }
    )
    const id = socket.sendInteractive(
      blockActions({ value: forged, responseUrl: `${slack.url}/response/T0TEAM001/3/ghi` })
    )
    await socket.waitForAck(id)
    expect(await nextOutcome(3)).toEqual({ kind: 'refused', reason: 'bad-mac' })
    expect(dispatched).toHaveLength(1)
  })

  it('a response_url outside the allowed prefix is rejected before any outbound call', async () => {
    const before = slack.requests.length
    const id = socket.sendInteractive(
      blockActions({ value: await button('prod', 'nonce-socket-mode-0002') })
    )
    await socket.waitForAck(id)
    expect(await nextOutcome(4)).toEqual({ kind: 'rejected', reason: 'bad-response-url' })
    expect(dispatched).toHaveLength(1)
    expect(slack.requests.length).toBe(before)
  })

  it('logs neither the app token nor any key', () => {
    const text = logs.join('\n')
    for (const secret of [APP_TOKEN, KEY_CURRENT, SIGNING_SECRET])
      expect(text).not.toContain(secret)
  })
})
