/**
 * The whole Slack click → workflow_dispatch loop, every part as it runs for real: the build job's `init`
 * bundle posts a signed manual-choice message to the Slack stand-in; the test clicks a button by building
 * Slack's block_actions payload from the blocks the stand-in received; the bridge — the CLI bundle's
 * `bridge serve` process — verifies it and dispatches to the GitHub REST stand-in (validated against
 * GitHub's OpenAPI description); the test then runs the dispatched workflow's step (the `handle-event`
 * bundle) with the inputs the stand-in recorded. The context holds the choice and who chose, and the
 * Slack stand-in shows the original message updated.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { runAction } from '../helpers/action-runner.js'
import { BUILD_TIMEOUT, bundleNode, ensureBuilt } from '../helpers/built.js'
import { writePipelineWorkspace } from './pipeline-workspace.js'
import { blockActions, formBody, signedRequest } from './slack-fixtures.js'

const KEY = 'deploy-target-key-loop-0123456789abcdefgh'
const SIGNING_SECRET = 'loop-signing-secret-0123456789abcdef'
const SLACK_TOKEN = 'xoxb-loop-bridge-token-5555'
const SHA = 'fedcba9876543210fedcba9876543210fedcba98'
const ID = 'app-build-2001'
const CHANNEL = 'C0123456789'

let slack: StandIn
let gh: GithubStandIn
let workspace: string
let bridge: ChildProcess
let bridgeUrl: string
let bridgeLog = ''

const state = (): Record<string, any> =>
  (parse(readFileSync(join(workspace, 'localdata/ctx.yaml'), 'utf8')) as { state: any }).state

function writeWorkspace(): void {
  workspace = mkdtempSync(join(tmpdir(), 'bridge-loop-'))
  writePipelineWorkspace(workspace, {
    slackUrl: slack.url,
    slackToken: SLACK_TOKEN,
    key: KEY,
    channel: CHANNEL
  })
  writeFileSync(
    join(workspace, 'bridge.yaml'),
    // The bridge's own allowlist: what runs is decided here, never by the click.
    `targets:
  deploy:
    repository: acme/app
    workflow: deploy.yml
    ref: main
    choices: [stage, prod]
    inputs:
      context-id: '{{context}}'
      choice: '{{choice}}'
      approval: '{{approval}}'
      source-run: '{{run}}'
    allowedUsers: [U0ALICE01]
    allowedChannels: [${CHANNEL}]
    keys:
      - {id: k1, secret: ${KEY}}
`
  )
}

/** Starts `cicdstatemgr bridge serve` from the CLI bundle; resolves with its URL once it listens. */
function startBridgeProcess(): Promise<void> {
  bridge = spawn(
    bundleNode,
    [resolve('dist/cli/index.js'), 'bridge', 'serve', '--config', 'bridge.yaml', '--port', '0'],
    {
      cwd: workspace,
      env: {
        PATH: process.env.PATH,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        GITHUB_TOKEN: gh.token,
        GITHUB_API_URL: gh.url,
        BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`
      }
    }
  )
  return new Promise((done, fail) => {
    bridge.stderr!.on('data', (chunk: Buffer) => {
      bridgeLog += chunk.toString()
      const m = /listening on (http:\/\/\S+)/.exec(bridgeLog)
      if (m && !bridgeUrl) {
        bridgeUrl = m[1]!.replace('0.0.0.0', '127.0.0.1')
        done()
      }
    })
    bridge.on('exit', (code) => fail(new Error(`bridge exited ${code}: ${bridgeLog}`)))
  })
}

beforeAll(async () => {
  await ensureBuilt()
  slack = await startStandIn()
  gh = await startGithubStandIn()
  gh.addWorkflow('acme/app', {
    path: 'deploy.yml',
    inputs: ['context-id', 'choice', 'approval', 'source-run']
  })
  writeWorkspace()
  await startBridgeProcess()
}, BUILD_TIMEOUT)

afterAll(async () => {
  if (bridge && bridge.exitCode === null) {
    const exited = new Promise((r) => bridge.once('exit', r))
    bridge.kill('SIGTERM')
    await exited
  }
  await slack.close()
  await gh.close()
  rmSync(workspace, { recursive: true, force: true })
})

const common = { config: 'config.yaml', secrets: 'secrets.yaml' }

describe('Slack click → bridge → workflow_dispatch → the dispatched run', () => {
  it('records the choice and who chose in the context and updates the original message', async () => {
    // 1. The build job posts the buttons.
    const build = await runAction(
      'init',
      {
        ...common,
        id: ID,
        'app-config': 'app.yaml',
        event: 'build=built',
        set: `state.build.sha=${SHA}`
      },
      { workspace, env: { GITHUB_RUN_ID: '1001' } }
    )
    expect([build.code, build.commands.filter((c) => c.command === 'error')]).toEqual([0, []])
    const posted = slack.requests.find((r) => r.path === '/api/chat.postMessage')!.json as {
      blocks: Array<{ elements: Array<{ text: { text: string }; value: string }> }>
    }
    const prod = posted.blocks[0]!.elements.find((e) => e.text.text === 'Prod')!

    // 2. Alice clicks "Prod": Slack POSTs the signed block_actions payload to the bridge.
    const responseUrl = `${slack.url}/response/T0TEAM001/loop`
    const payload = blockActions({ value: prod.value, channel: CHANNEL, responseUrl })
    const signed = await signedRequest(formBody(payload), {
      secret: SIGNING_SECRET,
      timestamp: Math.floor(Date.now() / 1000)
    })
    const before = slack.requests.length
    const ack = await fetch(`${bridgeUrl}/slack/interactivity`, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: signed.body
    })
    expect(ack.status).toBe(200)

    // 3. The bridge dispatched once, with the inputs its allowlist builds, and replaced the buttons.
    const reply = (await slack.waitForRequests(before + 1, 10_000)).find((r) =>
      r.path.startsWith('/response/')
    )
    const dispatches = gh.requests.filter((r) => r.operation?.endsWith('/dispatches'))
    expect(dispatches).toHaveLength(1)
    const sent = dispatches[0]!.json as { ref: string; inputs: Record<string, string> }
    expect(sent).toMatchObject({
      ref: 'main',
      inputs: { 'context-id': ID, choice: 'prod', 'source-run': '1001' }
    })
    const run = gh.runs.at(-1)!
    expect(reply!.json).toMatchObject({
      replace_original: true,
      text: expect.stringContaining(`run #${run.id}`)
    })
    expect(gh.violations).toEqual([])

    // 4. The dispatched run's step gets those inputs, the way the documented workflow passes them.
    const deploy = await runAction(
      'handle-event',
      {
        ...common,
        id: sent.inputs['context-id']!,
        event: 'deploy=finished',
        approval: sent.inputs.approval!,
        'approval-choice': sent.inputs.choice!,
        'approval-key': KEY
      },
      { workspace, env: { GITHUB_RUN_ID: String(run.id) } }
    )
    expect([deploy.code, deploy.commands.filter((c) => c.command === 'error')]).toEqual([0, []])
    expect(deploy.outputs).toMatchObject({
      'approved-choice': 'prod',
      'approved-by': 'U0ALICE01',
      'recorded-sha': SHA
    })
    expect(state().approvals.deploy).toMatchObject({
      choice: 'prod',
      userId: 'U0ALICE01',
      sourceRunId: '1001',
      sha: SHA
    })
    const { channel, ts } = state().bridge.deploy
    const updates = slack.requests.filter((r) => r.path === '/api/chat.update')
    expect(updates.map((r) => r.json)).toEqual([
      { channel, ts, text: `Deployed prod (${SHA}) chosen by <@U0ALICE01>` }
    ])

    // Nothing secret in the bridge's log or the steps' output.
    for (const text of [bridgeLog, deploy.stdout.replace(/^::add-mask::.*$/gm, ''), build.stderr]) {
      for (const secret of [KEY, SIGNING_SECRET, SLACK_TOKEN, gh.token]) {
        expect(text).not.toContain(secret)
      }
    }
  })
})
