// The signed clicks and the stand-in processes both bridge benches use (bench/bridge.mjs for the Node
// server, bench/bridge-targets.mjs for workerd and Lambda). Button values and Slack signatures are made
// with node:crypto in the documented formats (src/bridge/README.md), so the benches need only the bundles.
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'

const { URLSearchParams } = globalThis
const root = resolve(import.meta.dirname, '..')

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef'
export const KEY = 'bench-target-key-0123456789abcdefghijkl'

export const POLICY = `targets:
  deploy:
    repository: acme/app
    workflow: deploy.yml
    ref: main
    choices: [stage, prod]
    inputs: { context-id: '{{context}}', environment: '{{choice}}', slack-user: '{{user}}' }
    allowedUsers: [U0ALICE01]
    allowedChannels: [C0DEPLOYS1]
    keys: [{ id: k1, secret: ${KEY} }]
`

const b64url = (buf) => Buffer.from(buf).toString('base64url')

function mint(nonce, now) {
  const claims = {
    t: 'deploy',
    c: 'app-1.4.2',
    ch: 'C0DEPLOYS1',
    o: 'prod',
    e: now + 3600,
    n: nonce,
    k: 'k1'
  }
  const segment = b64url(JSON.stringify(claims))
  return `v1.${segment}.${b64url(createHmac('sha256', KEY).update(segment).digest())}`
}

export function signedClick(slackUrl, i) {
  const now = Math.floor(Date.now() / 1000)
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ALICE01', username: 'alice', team_id: 'T0TEAM001' },
    api_app_id: 'A0BRIDGE01',
    team: { id: 'T0TEAM001', domain: 'acme' },
    channel: { id: 'C0DEPLOYS1', name: 'deploys' },
    container: { type: 'message', message_ts: '1764600000.000200', channel_id: 'C0DEPLOYS1' },
    response_url: `${slackUrl}/response/T0TEAM001/${i}`,
    actions: [
      { type: 'button', action_id: 'cicd:deploy:prod', value: mint(b64url(randomBytes(16)), now) }
    ]
  }
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
  const sig = createHmac('sha256', SIGNING_SECRET).update(`v0:${now}:${body}`).digest('hex')
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': `v0=${sig}`
    }
  }
}

/** Starts a stand-in script; resolves with its port (its first stdout line). */
export async function standIn(script) {
  const child = spawn(process.execPath, [join(root, 'bench', script)], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const port = await new Promise((done) =>
    child.stdout.once('data', (d) => done(Number(String(d).trim())))
  )
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }
}
