import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { decodeValue } from '../../src/bridge/value.js'
import { runCli } from '../helpers/cli.js'
import { env, SLACK_TOKEN, writeHandlerProject } from '../helpers/handler-project.js'

const DEPLOY_KEY = 'deploy-target-key-0123456789abcdefghij'
const OTHER_KEY = 'other-target-key-0123456789abcdefghijk'
/** The stand-in answers every chat.postMessage with this channel id. */
const CHANNEL = 'C0123456789'

const APP = `cicd-contexts:
  stage:
    channel: ${CHANNEL}
    pipelines:
      build:
        event-handlers:
          choose:
            manual-choice:
              title: Deploy {{ state.version }}?
              bridge: {target: deploy, keyId: k1, channel: "{{ channel }}", ttl: 600}
              choices:
                env:
                  header: Where?
                  options:
                    - {text: Stage, value: stage}
                    - {text: Prod, value: prod}
          badKeyTarget:
            manual-choice:
              title: t
              bridge: {target: nokey, keyId: k1, channel: "{{ channel }}"}
              choices: {env: {header: h, options: [{text: a, value: a}]}}
          shortKey:
            manual-choice:
              title: t
              bridge: {target: short, keyId: k1, channel: "{{ channel }}"}
              choices: {env: {header: h, options: [{text: a, value: a}]}}
          badChannel:
            manual-choice:
              title: t
              bridge: {target: deploy, keyId: k1, channel: "#deploys"}
              choices: {env: {header: h, options: [{text: a, value: a}]}}
          badChoice:
            manual-choice:
              title: t
              bridge: {target: deploy, keyId: k1, channel: "{{ channel }}"}
              choices: {env: {header: h, options: [{text: a, value: "two words"}]}}
          finished:
            notify:
              message: "Deployed {{ state.approvals.deploy.choice }} (chosen by <@{{ state.approvals.deploy.userId }}>)"
              update-ts: "{{ state.bridge.deploy.ts }}"
              update-channel: "{{ state.bridge.deploy.channel }}"
`

interface Posted {
  choices: Array<{ options: Array<{ text: string; value: string }> }>
}

describe('manual-choice with a bridge target', () => {
  let s: StandIn
  let dir: string
  let n = 0
  const doc = (): Record<string, any> =>
    parse(readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8'))
  const newContext = async (): Promise<{ id: string; e: NodeJS.ProcessEnv }> => {
    const id = `b-${++n}`
    const r = await runCli(['--init-new', id, '--set', 'state.version=7'], { cwd: dir, env: env() })
    expect(r.code).toBe(0)
    return { id, e: { ...env(id), GITHUB_RUN_ID: '4242' } }
  }

  beforeAll(async () => {
    s = await startStandIn()
    dir = writeHandlerProject(s.url, APP)
    writeFileSync(
      join(dir, 'secrets.yaml'),
      `cicdstatemgr:
  slack: {token: ${SLACK_TOKEN}}
  bridge:
    keys:
      deploy: ${DEPLOY_KEY}
      other: ${OTHER_KEY}
      short: too-short
`
    )
  })
  afterAll(async () => {
    await s.close()
    rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => s.reset())

  it('mints one signed value per button that decodes under the target key only, and records channel and ts', async () => {
    const { id, e } = await newContext()
    const r = await runCli(['--handle-event', 'build=choose'], { cwd: dir, env: e })
    expect(r).toMatchObject({ code: 0 })
    const posted = s.requests[0]!.json as Posted
    const values = posted.choices[0]!.options.map((o) => o.value)
    expect(values).toHaveLength(2)
    const now = Date.now()
    const decode = (value: string, keys: Record<string, string>, channel = CHANNEL) =>
      decodeValue(value, {
        keysFor: (t) => (keys[t] ? [{ id: 'k1', secret: keys[t] }] : undefined),
        channel,
        clock: () => now
      })
    const decoded = await Promise.all(values.map((v) => decode(v, { deploy: DEPLOY_KEY })))
    expect(
      decoded.map((d) => (d.ok ? [d.claims.o, d.claims.c, d.claims.t, d.claims.r] : d))
    ).toEqual([
      ['stage', id, 'deploy', '4242'],
      ['prod', id, 'deploy', '4242']
    ])
    const [a, b] = decoded.map((d) => (d.ok ? d.claims : undefined))
    expect(a!.n).toBe(b!.n) // one nonce per message: the first click wins
    expect(a!.e - Math.floor(now / 1000)).toBeGreaterThan(590)
    expect(a!.e - Math.floor(now / 1000)).toBeLessThanOrEqual(600)
    // Another target's key (the bridge looks keys up by the value's target) and another channel fail.
    expect(await decode(values[0]!, { deploy: OTHER_KEY })).toMatchObject({
      ok: false,
      reason: 'bad-mac'
    })
    expect(await decode(values[0]!, { deploy: DEPLOY_KEY }, 'C0ELSEWHERE')).toMatchObject({
      ok: false,
      reason: 'wrong-channel'
    })
    expect(doc().state.bridge.deploy).toEqual({
      channel: CHANNEL,
      ts: expect.stringMatching(/^\d+\.\d+$/),
      nonce: a!.n,
      expires: a!.e
    })
    for (const text of [
      r.stdout,
      r.stderr,
      s.requests[0]!.body,
      readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')
    ]) {
      expect(text).not.toContain(DEPLOY_KEY)
    }
  })

  it('the dry run shows the minted values, never the key', async () => {
    const { e } = await newContext()
    const r = await runCli(['--handle-event', 'build=choose', '--dry-run'], { cwd: dir, env: e })
    expect(r.code).toBe(0)
    expect(r.stdout + r.stderr).toMatch(/v1\.[A-Za-z0-9_-]+\./)
    expect(r.stdout + r.stderr).not.toContain(DEPLOY_KEY)
    expect(s.requests).toHaveLength(0)
  })

  it.each([
    ['badKeyTarget', 'secrets.yaml: cicdstatemgr.bridge.keys.nokey is required for manual-choice'],
    ['shortKey', 'cicdstatemgr.bridge.keys.short must be at least 32 characters'],
    ['badChannel', 'bridge.channel must render a Slack channel id'],
    ['badChoice', "manual-choice 'default' choices.env.options[0]: bridge button value: choice (o)"]
  ])(
    '%s: a one-line error naming the key, nothing posted, nothing stored',
    async (event, message) => {
      const { e } = await newContext()
      const before = readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')
      const r = await runCli(['--handle-event', `build=${event}`], { cwd: dir, env: e })
      expect(r.code).not.toBe(0)
      expect(r.stderr).toContain(message)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).not.toContain('too-short')
      expect(r.stderr).not.toContain(DEPLOY_KEY)
      expect(s.requests).toHaveLength(0)
      expect(readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')).toBe(before)
    }
  )

  it('notify update-ts replaces the recorded message with chat.update', async () => {
    const { e } = await newContext()
    expect((await runCli(['--handle-event', 'build=choose'], { cwd: dir, env: e })).code).toBe(0)
    const { channel, ts } = doc().state.bridge.deploy
    s.reset()
    const r = await runCli(
      [
        '--handle-event',
        'build=finished',
        '--set',
        'state.approvals.deploy.choice=prod|state.approvals.deploy.userId=U0ALICE01'
      ],
      { cwd: dir, env: e }
    )
    expect(r.code).toBe(0)
    expect(s.requests.map((q) => q.path)).toEqual(['/api/chat.update'])
    expect(s.requests[0]!.json).toEqual({
      channel,
      ts,
      text: 'Deployed prod (chosen by <@U0ALICE01>)'
    })
    expect(s.requests[0]!.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`)
  })
})
