import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { runCli } from '../helpers/cli.js'
import {
  env,
  SLACK_TOKEN,
  TRIGGER_SECRET,
  writeHandlerProject
} from '../helpers/handler-project.js'

const APP = `cicd-contexts:
  stage:
    channel: C-stage
    pipelines:
      build:
        event-handlers:
          notifyOne:
            notify:
              message: "{{ state.msg }}"
              capture-response-data:
                - from: "{{ body.message.text }}"
                  to: state.echoed
          notifyNamed:
            notify:
              first:
                message: first {{ state.n }}
              gated:
                if: "{{ state.flag }}"
                message: gated
              disabled:
                enabled: false
                message: never
              offString:
                enabled: "false"
                message: never
          choose:
            manual-choice:
              title: Deploy {{ state.version }}?
              choices:
                fixed:
                  header: Fixed {{ state.version }}
                  options:
                    - {text: "Yes {{ state.version }}", value: "yes-{{ state.version }}"}
              choice-generators:
                envs:
                  foreach: state.targets
                  iterator: target
                  template: |
                    env-{{ target.name }}:
                      header: "Deploy to {{ target.name }}"
                      options:
                        - text: "Go {{ target.name }}"
                          value: "{{ target.name }}|{{ state.version }}"
          reply:
            respond:
              url: "{{ state.responseUrl }}"
              message: replied {{ state.version }}
              extra: "x{{ state.version }}"
          replyBlank:
            respond:
              url: "{{ state.responseUrl }}"
              message: "{{ state.nothing }}"
          trigger:
            trigger-pipeline:
              name: deploy
              args:
                overridden: "by-args"
                version: "{{ state.version }}"
          mixed:
            notify:
              willFail:
                message: failing
              willWork:
                message: working
                capture-response-data:
                  - from: "{{ body.ts }}"
                    to: state.mixedTs
          warnOnly:
            notify:
              on-error: warn
              message: tolerated
          badTemplate:
            notify:
              broken:
                message: "{{ undefinedThing.attr }}"
              fine:
                message: fine
`

describe('event handlers against a local Slack/echo stand-in', () => {
  let s: StandIn
  let dir: string
  let n = 0
  const doc = (): Record<string, any> =>
    parse(readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8'))
  const newContext = async (...sets: string[]): Promise<NodeJS.ProcessEnv> => {
    const id = `h-${++n}`
    const r = await runCli(['--init-new', id, ...sets.flatMap((x) => ['--set', x])], {
      cwd: dir,
      env: env()
    })
    expect(r.code).toBe(0)
    return env(id)
  }

  beforeAll(async () => {
    s = await startStandIn()
    dir = writeHandlerProject(s.url, APP)
  })
  afterAll(() => s.close())
  beforeEach(() => s.reset())

  it('notify POSTs the rendered template byte-exact with the bearer token and captures the response', async () => {
    const msg = 'Quote " backslash \\ json {"a": [1, "b"]} ünïcødé 😀 done'
    const e = await newContext()
    const r = await runCli(['--handle-event', 'build=notifyOne', '--set', `state.msg=${msg}`], {
      cwd: dir,
      env: e
    })
    expect(r).toMatchObject({ code: 0, stdout: '' })
    expect(s.requests).toHaveLength(1)
    const req = s.requests[0]!
    expect(req.path).toBe('/api/chat.postMessage')
    expect(req.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`)
    expect(req.headers['content-type']).toBe('application/json; charset=UTF-8')
    expect(req.headers['user-agent']).toMatch(/^cicdstatemgr-actions\/\d+\.\d+\.\d+$/)
    expect(req.json).toEqual({ channel: 'C-stage', text: msg })
    const state = doc().state
    expect(state.echoed).toBe(msg)
    expect(state.slack.C0123456789.lastTs).toMatch(/^\d+\.\d+$/)
  })

  it('named blocks run in file order; if and enabled (boolean or "false") gate them', async () => {
    const e = await newContext('state.n=1')
    expect((await runCli(['--handle-event', 'build=notifyNamed'], { cwd: dir, env: e })).code).toBe(
      0
    )
    expect(s.requests.map((r) => (r.json as { text: string }).text)).toEqual(['first 1'])
    s.reset()
    await runCli(['--handle-event', 'build=notifyNamed', '--set', 'state.flag=yes'], {
      cwd: dir,
      env: e
    })
    expect(s.requests.map((r) => (r.json as { text: string }).text)).toEqual(['first 1', 'gated'])
  })

  it('manual-choice renders choices and generators that see values set in the same call', async () => {
    const e = await newContext('state.version=2.0')
    const targets = join(dir, 'targets.json')
    ;(await import('node:fs')).writeFileSync(
      targets,
      JSON.stringify({ a: { name: 'qa' }, b: { name: 'prod' } })
    )
    const r = await runCli(
      ['--handle-event', 'build=choose', '--set', `state.targets=file://${targets}`],
      { cwd: dir, env: e }
    )
    expect(r.code).toBe(0)
    expect(s.requests[0]!.json).toEqual({
      channel: 'C-stage',
      text: 'Deploy 2.0?',
      choices: [
        { name: 'fixed', header: 'Fixed 2.0', options: [{ text: 'Yes 2.0', value: 'yes-2.0' }] },
        { name: 'env-qa', header: 'Deploy to qa', options: [{ text: 'Go qa', value: 'qa|2.0' }] },
        {
          name: 'env-prod',
          header: 'Deploy to prod',
          options: [{ text: 'Go prod', value: 'prod|2.0' }]
        }
      ]
    })
    expect(doc().state.choiceTs).toMatch(/^\d+\.\d+$/)
  })

  it('respond POSTs to the rendered url with other fields rendered; a blank message skips', async () => {
    const e = await newContext('state.version=3', `state.responseUrl=${s.url}/response/abc`)
    expect((await runCli(['--handle-event', 'build=reply'], { cwd: dir, env: e })).code).toBe(0)
    expect(s.requests[0]!.path).toBe('/response/abc')
    expect(s.requests[0]!.json).toEqual({ text: 'replied 3', extra: 'x3' })
    s.reset()
    expect((await runCli(['--handle-event', 'build=replyBlank'], { cwd: dir, env: e })).code).toBe(
      0
    )
    expect(s.requests).toHaveLength(0)
  })

  it('trigger-pipeline sends auto-args overlaid by args, with templated headers using secretData', async () => {
    const e = await newContext('state.version=4')
    expect((await runCli(['--handle-event', 'build=trigger'], { cwd: dir, env: e })).code).toBe(0)
    const req = s.requests[0]!
    expect(req.path).toBe('/post')
    expect(req.body).toBe(
      `{"contextId": "${e.CICDSTATEMGR_CONTEXT_DATA_ID}", "pipeline": "deploy", "overridden": "by-args", "version": "4"}`
    )
    expect(req.headers['x-trigger-token']).toBe(TRIGGER_SECRET)
    expect(req.headers['x-pipeline']).toBe('deploy')
    expect(req.headers['content-type']).toBe('application/json')
  })

  it('retries 503 and 429 (Retry-After) and then succeeds', async () => {
    const e = await newContext('state.msg=retry')
    s.failNext(2, 503)
    expect((await runCli(['--handle-event', 'build=notifyOne'], { cwd: dir, env: e })).code).toBe(0)
    expect(s.requests).toHaveLength(3)
    s.reset()
    s.rateLimitNext(1, 1)
    const t0 = Date.now()
    expect((await runCli(['--handle-event', 'build=notifyOne'], { cwd: dir, env: e })).code).toBe(0)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950)
    expect(s.requests).toHaveLength(2)
  })

  it('a failing block does not stop the others: what succeeded is persisted, exit is non-zero naming the handler and status', async () => {
    const e = await newContext()
    s.failNext(3, 503) // every attempt of the first block (maxAttempts 3)
    const r = await runCli(['--handle-event', 'build=mixed'], { cwd: dir, env: e })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/1 event handler\(s\) failed: notify 'willFail' \(HTTP 503\)/)
    expect(s.requests).toHaveLength(4)
    expect(doc().state.mixedTs).toMatch(/^\d+\.\d+$/)
  })

  it("Slack's HTTP 200 with ok: false is a failure naming Slack's error", async () => {
    const e = await newContext('state.msg=x')
    s.respondWith('/api/chat.postMessage', { body: { ok: false, error: 'channel_not_found' } })
    const r = await runCli(['--handle-event', 'build=notifyOne'], { cwd: dir, env: e })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /notify 'default' \(HTTP 200\): .*answered ok: false \(channel_not_found\)/
    )
    expect(doc().state.echoed).toBeUndefined()
  })

  it('on-error: warn reports the failure but exits 0', async () => {
    const e = await newContext()
    s.failNext(3, 500)
    const r = await runCli(['--handle-event', 'build=warnOnly'], { cwd: dir, env: e })
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/WARNING notify 'default' failed \(on-error: warn\): HTTP 500/)
  })

  it('an unreachable endpoint is a failure', async () => {
    const e = await newContext('state.msg=x')
    s.dropNext(3)
    const r = await runCli(['--handle-event', 'build=notifyOne'], { cwd: dir, env: e })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/notify 'default'/)
  })

  it('a template error fails that block, sends nothing for it, and the rest still run', async () => {
    const e = await newContext()
    const r = await runCli(['--handle-event', 'build=badTemplate'], { cwd: dir, env: e })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/notify 'broken'.*undefinedThing/)
    expect(s.requests.map((q) => (q.json as { text: string }).text)).toEqual(['fine'])
    expect(s.requests.some((q) => q.body.includes('error'))).toBe(false)
  })

  it('--dry-run prints each request with secrets masked, sends nothing and stores nothing', async () => {
    const e = await newContext('state.version=5')
    const before = readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')
    const notify = await runCli(
      ['--handle-event', 'build=notifyNamed', '--set', 'state.n=7', '--dry-run'],
      { cwd: dir, env: e }
    )
    expect(notify.code).toBe(0)
    expect(notify.stdout).toContain("### notify 'first': dry-run")
    expect(notify.stdout).toContain(`POST ${s.url}/api/chat.postMessage`)
    expect(notify.stdout).toContain('Authorization: Bearer ***')
    expect(notify.stdout).toContain('{"channel": "C-stage", "text": "first 7"}')
    expect(notify.stdout).toContain("### notify 'disabled': skipped (enabled: false)")
    const trig = await runCli(['--handle-event', 'build=trigger', '--dry-run'], {
      cwd: dir,
      env: e
    })
    expect(trig.stdout).toContain('X-Trigger-Token: ***')
    expect(trig.stdout + trig.stderr).not.toContain(TRIGGER_SECRET)
    expect(notify.stdout + notify.stderr).not.toContain(SLACK_TOKEN)
    expect(s.requests).toHaveLength(0)
    expect(readFileSync(join(dir, 'localdata/ctx.yaml'), 'utf8')).toBe(before)
  })

  it('secrets never reach the logs, even at debug level', async () => {
    const e = await newContext('state.msg=hello')
    const r = await runCli(['--handle-event', 'build=notifyOne', '-l', 'DEBUG'], {
      cwd: dir,
      env: e
    })
    const r2 = await runCli(['--handle-event', 'build=trigger', '-l', 'DEBUG'], {
      cwd: dir,
      env: e
    })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('DEBUG')
    expect(r.stderr + r2.stderr).not.toContain(SLACK_TOKEN)
    expect(r.stderr + r2.stderr).not.toContain(TRIGGER_SECRET)
  })
})
