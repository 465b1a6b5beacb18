/**
 * The Socket Mode command's wiring from the environment, as a developer runs it: the allowlist file, the
 * app-level token, GITHUB_TOKEN and the real GitHub dispatch (to the REST stand-in), claims in the real
 * Redis. The socket and Slack API are loopback stand-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  runSocketModeCli,
  startSocketModeFromEnv
} from '../../../src/bridge/adapters/socket-mode-cli.js'
import type { SocketModeBridge } from '../../../src/bridge/adapters/socket-mode.js'
import { mintValue, randomNonce } from '../../../src/bridge/value.js'
import {
  startGithubStandIn,
  type GithubStandIn
} from '../../../__fixtures__/github-rest-stand-in.js'
import { startStandIn, type StandIn } from '../../../__fixtures__/http-stand-in.js'
import {
  startSocketModeStandIn,
  type SocketModeStandIn
} from '../../../__fixtures__/socket-mode-stand-in.js'
import { redisUrl } from '../../helpers/redis-server.js'
import { blockActions, KEY_CURRENT, POLICY_YAML } from '../slack-fixtures.js'

const APP_TOKEN = 'xapp-1-A0BRIDGE01-5678-anothersocketmodetoken000'
let dir: string
let gh: GithubStandIn
let slack: StandIn
let socket: SocketModeStandIn
let bridge: SocketModeBridge
const logs: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-socket-'))
  writeFileSync(join(dir, 'bridge.yaml'), POLICY_YAML)
  gh = await startGithubStandIn()
  gh.addWorkflow('acme/app', {
    path: 'deploy.yml',
    inputs: ['context-id', 'environment', 'slack-user', 'source-run-id', 'note']
  })
  slack = await startStandIn()
  socket = await startSocketModeStandIn()
  slack.respondWith('/api/apps.connections.open', { body: { ok: true, url: socket.wsUrl } })
  bridge = await startSocketModeFromEnv(
    join(dir, 'bridge.yaml'),
    {
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: `${slack.url}/api/`,
      GITHUB_TOKEN: gh.token,
      GITHUB_API_URL: gh.url,
      REDIS_URL: redisUrl(),
      BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`
    },
    (line) => logs.push(line)
  )
})

afterAll(async () => {
  await bridge?.close()
  await Promise.all([socket?.close(), slack?.close(), gh?.close()])
  rmSync(dir, { recursive: true, force: true })
})

describe('bridge over Socket Mode, configured from the environment', () => {
  it('a click off the socket starts the workflow on GitHub and replaces the buttons', async () => {
    const value = await mintValue(
      {
        t: 'deploy',
        c: 'app-1.4.2',
        ch: 'C0DEPLOYS1',
        o: 'stage',
        n: randomNonce(),
        e: Math.floor(Date.now() / 1000) + 3600
      },
      { id: 'k2026', secret: KEY_CURRENT }
    )
    const id = socket.sendInteractive(
      blockActions({ value, responseUrl: `${slack.url}/response/T0TEAM001/9/z` })
    )
    await socket.waitForAck(id)
    const [reply] = (await slack.waitForRequests(2)).filter((r) => r.path.startsWith('/response/'))
    const run = gh.runs[0]!
    expect(run).toMatchObject({ repo: 'acme/app', inputs: { environment: 'stage' } })
    expect((reply?.json as { text: string }).text).toContain(`run #${run.id}`)
    expect(gh.violations).toEqual([])
  })

  it('keeps the app token and the GitHub token out of the log', () => {
    const text = logs.join('\n')
    expect(text).toContain('bridge: connected to Slack over Socket Mode')
    expect(text).not.toContain(APP_TOKEN)
    expect(text).not.toContain(gh.token)
  })

  it('without --config it exits 2 with a one-line usage error', async () => {
    const err: string[] = []
    const code = await runSocketModeCli([], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      env: {},
      cwd: dir
    })
    expect(code).toBe(2)
    expect(err.join('')).toBe(
      'bridge: bridge socket: --config PATH (or BRIDGE_CONFIG) is required\n'
    )
  })
})
