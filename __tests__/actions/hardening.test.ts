import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ActionLogger } from '../../src/actions/action-logger.js'
import { run as runGetSet } from '../../src/actions/get-set.js'
import { run as runHandleEvent } from '../../src/actions/handle-event.js'
import { startStandIn } from '../../__fixtures__/http-stand-in.js'
import { main } from '../../src/cli/main.js'
import { parseYaml } from '../../src/core/yaml.js'
import { forgetSummaryFile, parseFileCommands } from '../helpers/action-runner.js'

/**
 * The action code in-process, as the runner drives it: INPUT_* variables, GITHUB_OUTPUT / GITHUB_ENV /
 * GITHUB_STEP_SUMMARY files, workflow commands on stdout (issue 7 items 2, 11 and 13).
 */

const SECRETS_INPUT = 'cicdstatemgr:\n  slack:\n    token: xoxb-input-secret-777\n'
const RUNTIME_TOKEN = 'runtime-token-abcdef-0123'
const APP = `cicd-contexts:
  stage:
    channel: c
    pipelines:
      build:
        event-handlers:
          done:
            notify:
              message: hi
              capture-response-data:
                - from: "{{ body|tojson }}"
                  to: state.echo
`

let ws: string
let files: string
let stdout: string
const saved = { ...process.env }

beforeEach(async () => {
  ws = mkdtempSync(join(tmpdir(), 'hardening-ws-'))
  files = mkdtempSync(join(tmpdir(), 'hardening-runner-'))
  writeFileSync(
    join(ws, 'config.yaml'),
    'cicdstatemgr:\n  datasources:\n    yamlfile: {path: ctx.yaml, isPrimary: true}\n'
  )
  writeFileSync(join(ws, 'app.yaml'), APP)
  const io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: ws }
  const created = await main(
    ['--config', 'config.yaml', '--init-new', 'ctx1', '--init-app-config-file', 'app.yaml'],
    io
  )
  expect(created).toBe(0)
  for (const name of ['output', 'env', 'summary']) writeFileSync(join(files, name), '')
  forgetSummaryFile()
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete process.env[key]
  }
  Object.assign(process.env, {
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_ENV: join(files, 'env'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
    ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
    INPUT_CONFIG: 'config.yaml',
    INPUT_ID: 'ctx1'
  })
  stdout = ''
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  process.exitCode = undefined
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
  rmSync(ws, { recursive: true, force: true })
  rmSync(files, { recursive: true, force: true })
})

const stored = (): string => readFileSync(join(ws, 'ctx.yaml'), 'utf8')
const runnerFiles = (): string =>
  ['output', 'env', 'summary'].map((f) => readFileSync(join(files, f), 'utf8')).join('\n')

describe('set values in the actions (item 2)', () => {
  it('file:///proc/self/environ is refused: nothing of the environment reaches any output', async () => {
    const before = stored()
    process.env.INPUT_SECRETS = SECRETS_INPUT
    process.env.INPUT_SET = 'state.title=file:///proc/self/environ'
    await runGetSet()
    expect(process.exitCode).toBe(1)
    expect(stdout).toContain(
      "::error::--set state.title: file:// values are off (input 'allow-file-values' turns on reading files inside the workspace); use env:NAME for text"
    )
    expect(stored()).toBe(before)
    // Registering a secret with the runner is the one place it may appear.
    const printed = stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    for (const text of [printed, runnerFiles(), stored()]) {
      expect(text).not.toContain(RUNTIME_TOKEN)
      expect(text).not.toContain('xoxb-input-secret-777')
    }
  })

  it('with allow-file-values: still nothing outside the workspace or under .git', async () => {
    const before = stored()
    process.env['INPUT_ALLOW-FILE-VALUES'] = 'true'
    for (const value of ['file:///proc/self/environ', 'file://.git/config', 'file://../x']) {
      writeFileSync(join(ws, '..', 'x'), 'outside')
      stdout = ''
      process.exitCode = undefined
      process.env.INPUT_SET = `state.title=${value}`
      if (value.includes('.git')) {
        mkdirSync(join(ws, '.git'), { recursive: true })
        writeFileSync(join(ws, '.git', 'config'), 'extraheader = AUTHORIZATION: basic dG9rZW4=')
      }
      await runGetSet()
      expect([value, process.exitCode]).toEqual([value, 1])
      expect(stdout).toMatch(
        /::error::--set state\.title: file:\/\/ may (only read files inside the workspace|not read files under \.git)/
      )
      expect(stored()).toBe(before)
    }
    rmSync(join(ws, '..', 'x'), { force: true })
  })

  it('untrusted text through env: is stored verbatim and cannot add pairs', async () => {
    process.env.PR_TITLE = 'x|state.image=evil\nstate.other=1'
    process.env.INPUT_SET = 'state.title=env:PR_TITLE'
    await runGetSet()
    expect(process.exitCode).toBeUndefined()
    const doc = parseYaml(stored(), 'ctx.yaml') as { state: Record<string, unknown> }
    expect(doc.state).toEqual({
      cicdContextDataId: 'ctx1',
      cicdContextName: 'stage',
      title: 'x|state.image=evil\nstate.other=1'
    })
    expect(parseFileCommands(readFileSync(join(files, 'output'), 'utf8')).changed).toBe(
      '["state.title"]'
    )
  })
})

describe('the secrets input (item 11)', () => {
  it('a one-line value that is not a file is masked first and never echoed', async () => {
    const token = 'ghp_notAFileJustAToken0123456789'
    process.env.INPUT_SECRETS = token
    await runGetSet()
    expect(process.exitCode).toBe(1)
    const lines = stdout.split('\n')
    expect(lines[0]).toBe(`::add-mask::${token}`)
    const error = lines.find((l) => l.startsWith('::error'))
    expect(error).toBe(
      "::error::input 'secrets' is neither an existing file nor YAML with a 'cicdstatemgr:' mapping"
    )
    expect(stdout.split(token).length).toBe(2) // only in the add-mask command
    expect(runnerFiles()).not.toContain(token)
  })

  it('malformed inline YAML: the error names the input, with no file= property', async () => {
    process.env.INPUT_SECRETS = 'cicdstatemgr:\n  slack: {token: "abc-unterminated-secret\n'
    await runGetSet()
    expect(process.exitCode).toBe(1)
    const error = stdout.split('\n').find((l) => l.startsWith('::error')) as string
    expect(error).toMatch(/^::error::malformed YAML in input 'secrets'/)
    expect(error).not.toContain('abc-unterminated')
  })
})

describe('multi-line secrets (item 13)', () => {
  it('each line is registered with the runner and masked by our own masker', () => {
    const logger = new ActionLogger()
    logger.addSecret('-----BEGIN KEY-----\nAAAAsecretline1\r\nBBBBsecretline2\n-----END KEY-----\n')
    const masks = stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length))
    expect(masks).toEqual([
      '-----BEGIN KEY-----%0AAAAAsecretline1%0D%0ABBBBsecretline2%0A-----END KEY-----%0A',
      '-----BEGIN KEY-----',
      'AAAAsecretline1',
      'BBBBsecretline2',
      '-----END KEY-----'
    ])
    expect(logger.mask('got AAAAsecretline1 and BBBBsecretline2')).toBe('got *** and ***')
  })
})

describe('handler requests in the actions (items 7 and 10)', () => {
  const SLACK_TOKEN = 'xoxb-action-secret-31337'
  const setup = (slackUrl: string): void => {
    writeFileSync(
      join(ws, 'config.yaml'),
      `cicdstatemgr:
  datasources:
    yamlfile: {path: ctx.yaml, isPrimary: true}
  http: {maxAttempts: 1}
  slack: {url: "${slackUrl}"}
  templates:
    notify: '{"text": "{{ notify.message }}"}'
`
    )
    Object.assign(process.env, {
      INPUT_SECRETS: `cicdstatemgr:\n  slack:\n    token: ${SLACK_TOKEN}\n`,
      INPUT_EVENT: 'build=done',
      'INPUT_EXPORT-ENV': 'true'
    })
  }

  it('a capture of an echoed bearer token is *** in state, outputs, env and summary', async () => {
    const s = await startStandIn()
    try {
      setup(`${s.url}/echo/chat`)
      await runHandleEvent()
      expect(stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([])
      expect(process.exitCode).toBeUndefined()
      expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`)
      const doc = parseYaml(stored(), 'ctx.yaml') as { state: { echo: string } }
      expect(JSON.parse(doc.state.echo).headers.authorization).toBe('***')
      const env = parseFileCommands(readFileSync(join(files, 'env'), 'utf8'))
      expect(env.CICD_state__echo).toContain('"authorization": "***"')
      for (const text of [stored(), runnerFiles()]) expect(text).not.toContain(SLACK_TOKEN)
    } finally {
      await s.close()
    }
  })

  it('a non-2xx from a URL with user:pass and ?token=: neither is in stdout, outputs or summary', async () => {
    const s = await startStandIn()
    try {
      const host = s.url.replace('http://', '')
      setup(`http://user:url-pass-9876@${host}/api/fail?token=query-token-5432`)
      s.respondWith('/api/fail', (req) => ({
        status: 502,
        body: `bad gateway for ?token=${req.query.token}`
      }))
      const before = stored()
      await runHandleEvent()
      expect(process.exitCode).toBe(1)
      const outputs = parseFileCommands(readFileSync(join(files, 'output'), 'utf8'))
      expect(outputs.results).toContain(`HTTP 502 from http://***@${host}/api/fail?token=***`)
      expect(readFileSync(join(files, 'summary'), 'utf8')).toContain(`http://***@${host}/api/fail`)
      for (const text of [stdout, runnerFiles()]) {
        expect(text).not.toContain('url-pass-9876')
        expect(text).not.toContain('query-token-5432')
        expect(text).not.toContain('user:')
      }
      expect(stored()).toBe(before)
    } finally {
      await s.close()
    }
  })
})
