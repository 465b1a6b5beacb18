import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { put } from '../helpers/cli.js'
import { redisInfo } from '../helpers/redis-server.js'
import { runAction, workspace } from '../helpers/action-runner.js'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'

const APP = `cicd-contexts:
  stage:
    channel: C-stage
    pipelines:
      build:
        event-handlers:
          success:
            notify:
              message: "build {{ state.version }} ok"
              capture-response-data:
                - from: "{{ body.ts }}"
                  to: state.slackTs
            set-values:
              set:
                - from: "done-{{ state.version }}"
                  to: state.result
`

/** What each job checks out: the same config files in a fresh workspace. */
function checkout(slackUrl: string): string {
  const ws = workspace()
  put(
    ws,
    '.cicd/config.yaml',
    `cicdstatemgr:
  datasources:
    redis: {host: 127.0.0.1, port: ${redisInfo().port}, db: 5, isPrimary: true, keyPrefix: "e2e:"}
    yamlfile: {path: localdata/ctx.yaml}
  slack: {url: "${slackUrl}"}
  templates:
    notify: '{"channel": "{{ channel }}", "text": "{{ notify.message | json_dumps(stripLeadingTrailingQuotes=True) }}"}'
`
  )
  put(ws, '.cicd/app.yaml', APP)
  return ws
}

const SLACK_TOKEN = 'xoxb-e2e-secret-token-123'
const secretsYaml = (): string =>
  `cicdstatemgr:\n  datasources:\n    redis:\n      username: ${redisInfo().username}\n      password: ${redisInfo().password}\n  slack:\n    token: ${SLACK_TOKEN}\n`

describe('actions end to end with a Redis primary (bundles run as the runner runs them)', () => {
  let slack: StandIn
  let id: string
  beforeAll(async () => {
    await ensureBuilt()
    slack = await startStandIn()
  }, BUILD_TIMEOUT)
  afterAll(() => slack.close())

  it('init (job 1) outputs the id and document, exports the id, masks secrets, writes a summary', async () => {
    const ws = checkout(`${slack.url}/api/chat.postMessage`)
    const r = await runAction(
      'init',
      {
        config: '.cicd/config.yaml',
        secrets: secretsYaml(),
        'app-config': '.cicd/app.yaml',
        'context-name': 'stage',
        set: 'state.version=1.2.3\nstate.multi=line1|state.flag=on',
        'export-env': 'true'
      },
      { workspace: ws }
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    id = r.outputs.id as string
    expect(id).toBe('app-1001-1')
    const doc = JSON.parse(r.outputs.document as string)
    expect(doc.state).toMatchObject({
      cicdContextDataId: id,
      version: '1.2.3',
      multi: 'line1',
      flag: 'on'
    })
    expect(JSON.parse(r.outputs.state as string).version).toBe('1.2.3')
    expect(r.env.CICDSTATEMGR_CONTEXT_DATA_ID).toBe(id)
    expect(r.env.CICD_state__version).toBe('1.2.3')
    const masks = r.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)
    expect(masks).toEqual(expect.arrayContaining([SLACK_TOKEN, redisInfo().password]))
    // the first thing printed is the masking, before any other line
    expect(r.stdout.split('\n')[0]).toMatch(/^::add-mask::/)
    expect(r.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(SLACK_TOKEN)
    expect(r.summary).toContain(`### cicdstatemgr init \`${id}\``)
    expect(r.summary).toContain('| `state.version` | 1.2.3 |')
  })

  it('get-set (job 2, fresh workspace) sets, reads named outputs and exports multi-line values safely', async () => {
    const ws = checkout(`${slack.url}/api/chat.postMessage`)
    put(ws, 'note.txt', 'first line\nsecond "line" $(touch pwned) `x`\n')
    const r = await runAction(
      'get-set',
      {
        config: '.cicd/config.yaml',
        secrets: secretsYaml(),
        id,
        set: 'state.note=file://note.txt\nstate.tags[]=a,b',
        'allow-file-values': 'true',
        get: 'state.version\ntags=state.tags\nnote=state.note',
        'export-env': 'true'
      },
      { workspace: ws }
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.outputs.state_version).toBe('1.2.3')
    expect(r.outputs.tags).toBe('["a", "b"]')
    // --get renders string values as Jinja2 does, which drops one trailing newline (as the Python tool)
    expect(r.outputs.note).toBe('first line\nsecond "line" $(touch pwned) `x`')
    expect(JSON.parse(r.outputs.values as string)).toEqual({
      state_version: '1.2.3',
      tags: '["a", "b"]',
      note: r.outputs.note
    })
    expect(r.env.CICD_state__note).toBe('first line\nsecond "line" $(touch pwned) `x`\n')
    expect(r.env.CICD_state__tags__1).toBe('b')
    expect(JSON.parse(r.outputs.changed as string)).toEqual(['state.note', 'state.tags[]'])
    expect(r.summary).toContain('| `tags` | `state.tags` | ["a", "b"] |')
    // The value can be used as a variable without running anything.
    const echoed = execFileSync('bash', ['-c', 'printf %s "$CICD_state__note"'], {
      env: { CICD_state__note: r.env.CICD_state__note }
    }).toString()
    expect(echoed).toBe('first line\nsecond "line" $(touch pwned) `x`\n')
  })

  it('handle-event (job 3) runs handlers, outputs per-handler results, persists captures', async () => {
    const ws = checkout(`${slack.url}/api/chat.postMessage`)
    const r = await runAction(
      'handle-event',
      { config: '.cicd/config.yaml', secrets: secretsYaml(), id, event: 'build=success' },
      { workspace: ws }
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const results = JSON.parse(r.outputs.results as string)
    expect(results).toEqual([
      expect.objectContaining({
        handler: 'notify',
        block: 'default',
        status: 'ok',
        httpStatus: 200
      }),
      expect.objectContaining({
        handler: 'set-values',
        block: 'default',
        status: 'ok',
        captured: { 'state.result': 'done-1.2.3' }
      })
    ])
    expect(r.outputs.failed).toBe('0')
    expect(slack.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`)
    expect(r.summary).toMatch(/\| notify \| default \| ✅ ok \| 200 \| `state.slackTs` \|/)
    const check = await runAction(
      'get-set',
      {
        config: '.cicd/config.yaml',
        secrets: secretsYaml(),
        id,
        get: 'state.slackTs\nstate.result'
      },
      { workspace: ws }
    )
    expect(check.outputs.state_slackTs).toMatch(/^\d+\.\d+$/)
    expect(check.outputs.state_result).toBe('done-1.2.3')
  })

  it('a failing handler fails the step with the handler named, after persisting what succeeded', async () => {
    const ws = checkout(`${slack.url}/api/chat.postMessage`)
    slack.failNext(10, 500)
    const r = await runAction(
      'handle-event',
      {
        config: '.cicd/config.yaml',
        secrets: secretsYaml(),
        id,
        event: 'build=success',
        set: 'state.version=2.0'
      },
      { workspace: ws }
    )
    slack.reset()
    expect(r.code).toBe(1)
    const error = r.commands.find((c) => c.command === 'error')
    expect(error?.message).toMatch(/1 event handler\(s\) failed: notify 'default' \(HTTP 500\)/)
    expect(r.summary).toContain('**Failed:**')
    // outputs are still published: what succeeded was persisted, later failure() steps need them
    expect(r.outputs.failed).toBe('1')
    expect(
      JSON.parse(r.outputs.results as string).map((o: { status: string }) => o.status)
    ).toEqual(['failed', 'ok'])
    const check = await runAction(
      'get-set',
      { config: '.cicd/config.yaml', secrets: secretsYaml(), id, get: 'state.result' },
      { workspace: ws }
    )
    expect(check.outputs.value).toBe('done-2.0')
  })

  it('the root action runs a command; dry-run sends nothing', async () => {
    const ws = checkout(`${slack.url}/api/chat.postMessage`)
    const before = slack.requests.length
    const r = await runAction(
      'main',
      {
        command: 'handle-event',
        config: '.cicd/config.yaml',
        secrets: secretsYaml(),
        id,
        event: 'build=success',
        'dry-run': 'true'
      },
      { workspace: ws }
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("### notify 'default': dry-run")
    expect(r.stdout).toContain('Authorization: Bearer ***')
    expect(slack.requests.length).toBe(before)
    expect(r.summary).toContain('(dry run: nothing sent, nothing stored)')
  })

  it('config errors become an annotation on the file and line', async () => {
    const ws = checkout(`${slack.url}/api/chat.postMessage`)
    put(ws, '.cicd/broken.yaml', 'cicdstatemgr:\n  datasources:\n    redis: [\n')
    const r = await runAction(
      'get-set',
      { config: '.cicd/broken.yaml', id, get: 'state.x' },
      { workspace: ws }
    )
    expect(r.code).toBe(1)
    const error = r.commands.find((c) => c.command === 'error')
    expect(error?.properties).toMatch(/^file=\.cicd\/broken\.yaml,line=\d+$/)
    expect(error?.message).toMatch(/^malformed YAML in \.cicd\/broken\.yaml:\d+: /)
  })

  it('a bad boolean input is a clear failure', async () => {
    const ws = checkout(`${slack.url}/api/chat.postMessage`)
    const r = await runAction(
      'get-set',
      { config: '.cicd/config.yaml', id, get: 'state.x', 'export-env': 'yes' },
      { workspace: ws }
    )
    expect(r.code).toBe(1)
    expect(r.commands.find((c) => c.command === 'error')?.message).toMatch(
      /Input does not meet YAML 1.2 "Core Schema" specification: export-env/
    )
  })
})
