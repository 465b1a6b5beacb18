/**
 * The container's command, without docker: the Dockerfile's CMD and ENV are read from the file and run
 * as a process from the repository root (the image's WORKDIR holds dist/ the same way), with only PORT
 * and BRIDGE_CONFIG pointed at a free port and a temp file. A signed click must dispatch to the REST
 * stand-in and reply to the response_url stand-in; SIGTERM must end it with exit code 0; no secret may
 * appear in its output.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { mintValue } from '../../src/bridge/value.js'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'
import {
  blockActions,
  formBody,
  KEY_CURRENT,
  POLICY_YAML,
  SIGNING_SECRET,
  signedRequest
} from './slack-fixtures.js'

const root = resolve('.')

/** CMD (exec form) and ENV of the Dockerfile, as docker reads them (line continuations joined). */
function readDockerfile(path: string): { cmd: string[]; env: Record<string, string> } {
  const text = readFileSync(path, 'utf8').replace(/\\\n/g, ' ')
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l))
  const cmdLine = lines.filter((l) => /^CMD\s/.test(l)).at(-1)
  if (!cmdLine) throw new Error('Dockerfile has no CMD')
  const cmd = JSON.parse(cmdLine.replace(/^CMD\s+/, '')) as string[]
  const env: Record<string, string> = {}
  for (const l of lines.filter((x) => /^ENV\s/.test(x))) {
    for (const m of l.replace(/^ENV\s+/, '').matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
      env[m[1]!] = m[2]!.replace(/^"|"$/g, '')
    }
  }
  return { cmd, env }
}

let gh: GithubStandIn
let slack: StandIn
let dir: string

beforeAll(async () => {
  await ensureBuilt()
  gh = await startGithubStandIn()
  gh.addWorkflow('acme/app', {
    path: 'deploy.yml',
    inputs: ['context-id', 'environment', 'slack-user', 'source-run-id', 'note']
  })
  slack = await startStandIn()
  dir = mkdtempSync(join(tmpdir(), 'bridge-docker-'))
}, BUILD_TIMEOUT)

afterAll(async () => {
  await gh?.close()
  await slack?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Resolves with the first stderr line that matches, rejects when the process exits first. */
function waitForLine(child: ChildProcess, output: { text: string }, re: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    const check = (): void => {
      const m = re.exec(output.text)
      if (m) {
        child.stderr!.off('data', check)
        done(m[0])
      }
    }
    child.stderr!.on('data', check)
    child.once('exit', (code) => fail(new Error(`exited ${code}: ${output.text}`)))
    check()
  })
}

describe('Dockerfile', () => {
  it('sets the command, the config path and the port', () => {
    const { cmd, env } = readDockerfile(join(root, 'Dockerfile'))
    expect(cmd).toEqual(['node', 'dist/cli/index.js', 'bridge', 'serve'])
    expect(env).toMatchObject({ BRIDGE_CONFIG: '/etc/cicdstatemgr/bridge.yaml', PORT: '8080' })
  })

  it("runs the bridge with the image's own command: a signed click dispatches, SIGTERM exits 0", async () => {
    const { cmd, env } = readDockerfile(join(root, 'Dockerfile'))
    const config = join(dir, 'bridge.yaml')
    writeFileSync(config, POLICY_YAML)
    const output = { text: '' }
    const child = spawn(cmd[0]!, cmd.slice(1), {
      cwd: root,
      env: {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        ...env,
        PORT: '0',
        BRIDGE_CONFIG: config,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        GITHUB_TOKEN: gh.token,
        GITHUB_API_URL: gh.url,
        BRIDGE_RESPONSE_URL_PREFIX: `${slack.url}/response/`
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    child.stdout!.on('data', (d: Buffer) => (output.text += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (output.text += d.toString()))
    // 'close' comes after the output streams are drained, so everything it wrote is in `output`.
    const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)))
    try {
      const line = await waitForLine(child, output, /listening on http:\/\/[^:]+:(\d+)/)
      const port = /:(\d+)$/.exec(line)![1]
      const now = Math.floor(Date.now() / 1000)
      const value = await mintValue(
        { t: 'deploy', c: 'app-1.4.2', ch: 'C0DEPLOYS1', o: 'stage', e: now + 600 },
        { id: 'k2026', secret: KEY_CURRENT }
      )
      const responseUrl = `${slack.url}/response/T0TEAM001/1`
      const signed = await signedRequest(formBody(blockActions({ value, responseUrl })), {
        timestamp: now
      })
      const res = await fetch(`http://127.0.0.1:${port}/slack/interactivity`, {
        method: 'POST',
        headers: signed.headers as Record<string, string>,
        body: signed.body
      })
      expect(res.status).toBe(200)
      const [reply] = await slack.waitForRequests(1, 20_000).catch((e: unknown) => {
        throw new Error(`${String(e)}; the server wrote:\n${output.text}`)
      })
      expect((reply!.json as { text: string }).text).toMatch(
        /^⏳ \*stage\* chosen by <@U0ALICE01> — <https:\/\/github\.com\/acme\/app\/actions\/runs\/\d+\|run #\d+>$/
      )
      const sent = gh.requests.filter((r) => r.operation?.endsWith('/dispatches'))
      expect(sent).toHaveLength(1)
      expect(sent[0]!.json).toMatchObject({ ref: 'main', inputs: { environment: 'stage' } })
      expect(gh.violations).toEqual([])
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(output.text).toContain('bridge: shutting down')
    for (const secret of [SIGNING_SECRET, KEY_CURRENT, gh.token]) {
      expect(output.text).not.toContain(secret)
    }
    expect(output.text).toMatch(/REDIS_URL is not set/)
  }, 60_000)
})
