import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { mintApproval } from '../../src/bridge/approval.js'
import { decodeValue, type ButtonClaims } from '../../src/bridge/value.js'
import { runAction, type ActionRun } from '../helpers/action-runner.js'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'
import { writePipelineWorkspace } from '../bridge/pipeline-workspace.js'

/**
 * The pipeline side of the Slack bridge, run as the runner runs it: the build's `init` bundle posts a
 * manual-choice message with signed buttons to the Slack stand-in; the test does what the bridge does on
 * a click (decode the button, mint the approval); the dispatched run's `handle-event` bundle gets the
 * documented inputs, records the choice and who made it, and updates the original message.
 */
const KEY = 'deploy-target-key-e2e-0123456789abcdefgh'
const OTHER_KEY = 'other-target-key-e2e-0123456789abcdefghi'
const SLACK_TOKEN = 'xoxb-e2e-bridge-token-7777'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const ID = 'app-build-1001'

let s: StandIn
let workspace: string
const docText = (): string => readFileSync(join(workspace, 'localdata/ctx.yaml'), 'utf8')
const state = (): Record<string, any> => (parse(docText()) as { state: Record<string, any> }).state

beforeAll(async () => {
  await ensureBuilt()
  s = await startStandIn()
  workspace = mkdtempSync(join(tmpdir(), 'bridge-e2e-'))
  writePipelineWorkspace(workspace, {
    slackUrl: s.url,
    slackToken: SLACK_TOKEN,
    key: KEY,
    channel: 'C0123456789'
  })
}, BUILD_TIMEOUT)
afterAll(async () => {
  await s.close()
  rmSync(workspace, { recursive: true, force: true })
})

const common = { config: 'config.yaml', secrets: 'secrets.yaml' }

/** What the bridge does on a click on the button with this choice: decode, then mint the approval. */
async function click(
  choice: string,
  over: { key?: string; contextId?: string; clock?: () => number } = {}
): Promise<string> {
  const posted = s.requests.find((r) => r.path === '/api/chat.postMessage')!.json as {
    blocks: Array<{ elements: Array<{ value: string }> }>
  }
  const values = posted.blocks[0]!.elements.map((e) => e.value)
  const claims: ButtonClaims[] = []
  for (const value of values) {
    const d = await decodeValue(value, {
      keysFor: (t) => (t === 'deploy' ? [{ id: 'k1', secret: KEY }] : undefined),
      channel: 'C0123456789',
      clock: Date.now
    })
    if (d.ok) claims.push(d.claims)
  }
  const c = claims.find((x) => x.o === choice)!
  return mintApproval(
    {
      target: c.t,
      contextId: over.contextId ?? c.c,
      choice: c.o,
      user: { id: 'U0ALICE01', name: 'alice' },
      nonce: c.n,
      ...(c.r ? { run: c.r } : {}),
      clock: over.clock ?? Date.now
    },
    { id: c.k, secret: over.key ?? KEY }
  )
}

/** The dispatched run's step: the workflow passes its dispatch inputs to handle-event. */
function deployStep(inputs: Record<string, string>, runId = '2002'): Promise<ActionRun> {
  return runAction(
    'handle-event',
    { ...common, id: ID, event: 'deploy=finished', 'approval-key': KEY, ...inputs },
    { workspace, env: { GITHUB_RUN_ID: runId } }
  )
}

function expectNoSecret(r: ActionRun): void {
  // The runner masks what the action registers with ::add-mask::; everything else must not hold it.
  const rest = r.stdout.replace(/^::add-mask::.*$/gm, '')
  for (const text of [rest, r.stderr, r.summary, JSON.stringify(r.outputs), docText()]) {
    expect(text).not.toContain(KEY)
    expect(text).not.toContain(SLACK_TOKEN)
  }
}

describe('a bridge-dispatched run', () => {
  let posted: ActionRun
  beforeAll(async () => {
    posted = await runAction(
      'init',
      {
        ...common,
        id: ID,
        'app-config': 'app.yaml',
        event: 'build=built',
        set: `state.build.sha=${SHA}`
      },
      { workspace }
    )
  })
  beforeEach(() => {
    // Keep the build's postMessage (the buttons); drop what later steps sent.
    const first = s.requests.find((r) => r.path === '/api/chat.postMessage')
    s.reset()
    if (first) s.requests.push(first)
  })

  it('the build posts signed buttons and records the message channel and ts', () => {
    expect([posted.code, posted.commands.filter((c) => c.command === 'error')]).toEqual([0, []])
    expect(state().bridge.deploy).toMatchObject({ channel: 'C0123456789', ts: expect.any(String) })
    expectNoSecret(posted)
  })

  it.each([
    [
      'no approval (a hand-made dispatch)',
      async () => ({ 'approval-choice': 'prod' }),
      /\(missing\)/
    ],
    [
      'an approval minted with another key',
      async () => ({ approval: await click('prod', { key: OTHER_KEY }) }),
      /\(bad-mac\)/
    ],
    [
      'an approval for another context',
      async () => ({ approval: await click('prod', { contextId: 'app-build-999' }) }),
      /\(wrong-context\)/
    ],
    [
      'an approval for another choice',
      async () => ({ approval: await click('stage'), 'approval-choice': 'prod' }),
      /\(wrong-choice\)/
    ],
    [
      'an expired approval',
      async () => ({ approval: await click('prod', { clock: () => Date.now() - 7 * 3600_000 }) }),
      /\(expired\)/
    ]
  ])('%s: fails with one line, records nothing, updates nothing', async (_name, inputs, reason) => {
    const before = docText()
    const r = await deployStep(await inputs())
    expect(r.code).toBe(1)
    const errors = r.commands.filter((c) => c.command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]!.message).toMatch(reason)
    expect(errors[0]!.message).toMatch(/^input 'approval' refused .*; no approval recorded$/)
    expect(docText()).toBe(before)
    expect(r.outputs['approved-choice']).toBeUndefined()
    expect(s.requests.filter((q) => q.path === '/api/chat.update')).toEqual([])
    expectNoSecret(r)
  })

  it('a valid approval records the choice, who and when, exposes the build SHA and updates the message', async () => {
    const { channel, ts } = state().bridge.deploy
    const approval = await click('prod')
    const r = await deployStep({ approval, 'approval-choice': 'prod' })
    expect([r.code, r.commands.filter((c) => c.command === 'error')]).toEqual([0, []])
    expect(r.outputs).toMatchObject({
      'approved-choice': 'prod',
      'approved-by': 'U0ALICE01',
      'recorded-sha': SHA
    })
    expect(state().approvals.deploy).toEqual({
      choice: 'prod',
      userId: 'U0ALICE01',
      userName: 'alice',
      approvedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      nonce: state().bridge.deploy.nonce,
      runId: '2002',
      sourceRunId: '1001',
      sha: SHA
    })
    const updates = s.requests.filter((q) => q.path === '/api/chat.update')
    expect(updates.map((q) => q.json)).toEqual([
      { channel, ts, text: `Deployed prod (${SHA}) chosen by <@U0ALICE01>` }
    ])
    expectNoSecret(r)

    // The same approval again: a re-run of that run may record it; another run may not (a replay).
    expect((await deployStep({ approval }, '2002')).code).toBe(0)
    const before = docText()
    const replay = await deployStep({ approval }, '3003')
    expect(replay.code).toBe(1)
    expect(replay.commands.find((c) => c.command === 'error')!.message).toMatch(
      /\(replayed\): already recorded at state.approvals.deploy by run 2002/
    )
    expect(docText()).toBe(before)
  })

  it('get-set verifies the same way (no event handled)', async () => {
    const r = await runAction(
      'get-set',
      { ...common, id: ID, approval: 'a1.forged.token', 'approval-key': KEY },
      { workspace, env: { GITHUB_RUN_ID: '4004' } }
    )
    expect(r.code).toBe(1)
    expect(r.commands.find((c) => c.command === 'error')!.message).toMatch(/\(malformed\)/)
    const missingKey = await runAction(
      'get-set',
      { ...common, id: ID, approval: await click('prod') },
      { workspace, env: { GITHUB_RUN_ID: '4004' } }
    )
    expect(missingKey.code).toBe(1)
    expect(missingKey.commands.find((c) => c.command === 'error')!.message).toContain(
      "input 'approval-key' is required"
    )
  })
})
