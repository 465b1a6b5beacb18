/**
 * `cicdstatemgr poll` as processes (the real command from source via tsx, and the CLI bundle): killed with SIGKILL while an
 * event's handler runs and restarted, two pollers at once, SIGTERM in loop mode, and the handler
 * file's own entries (h12a's `github-events:`) run by the CLI. Every event is accounted for: handled
 * once, or marked interrupted — none twice.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'
import {
  projectEnv,
  put,
  runCliProcess,
  startSourceProcess,
  writeProject,
  type CliChild
} from '../helpers/cli.js'

const FULL = 'octo-org/app'
const WORKER = resolve('__tests__/poll/poll-worker.ts')
const dirs: string[] = []
const children: CliChild[] = []

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Waits until `check` holds, re-checking as the child writes; fails with `what` after 60 s. */
async function until(what: string, check: () => boolean): Promise<void> {
  const limit = Date.now() + 60_000
  while (!check()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
}

/** How many `done` lines each event id has across the logs. */
function doneCounts(...logs: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of logs.flatMap(lines)) {
    const [kind, id] = line.split(' ')
    if (kind === 'done') counts.set(id!, (counts.get(id!) ?? 0) + 1)
  }
  return counts
}

describe.each(['redis', 'yamlfile'] as const)('poll processes with a %s primary', (primary) => {
  let gh: GithubStandIn
  let dir: string

  beforeEach(async () => {
    gh = await startGithubStandIn()
    dir = writeProject(primary, { keyPrefix: `pp-${Date.now()}-` })
    dirs.push(dir)
  })
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL')
    expect(gh.violations).toEqual([])
    await gh.close()
  })

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...projectEnv(),
    GITHUB_TOKEN: gh.token,
    GITHUB_API_URL: gh.url,
    ...extra
  })
  const worker = (flags: string[], extra: NodeJS.ProcessEnv = {}): CliChild => {
    const c = startSourceProcess(
      ['--repository', FULL, '--app-config', 'app.yaml', '--bases-dir', 'bases', ...flags],
      { cwd: dir, env: env(extra), script: WORKER }
    )
    children.push(c)
    return c
  }
  const push = (n: number): string =>
    gh.addEvent(FULL, {
      type: 'PushEvent',
      payload: { ref: 'refs/heads/main', head: `${n}`.padStart(40, 'b') }
    })

  it('killed with SIGKILL mid-batch and restarted: the event in hand is interrupted, none is lost or run twice', async () => {
    const log = join(dir, 'handled.log')
    const fifo = join(dir, 'block.fifo')
    execFileSync('mkfifo', [fifo])
    expect((await worker(['--once']).done).code).toBe(0)
    const ids = Array.from({ length: 6 }, (_, n) => push(n))
    const victim = ids[2]!
    const first = worker(['--once'], { POLL_LOG: log, POLL_FIFO: fifo, POLL_BLOCK: victim })
    await until(`the handler of ${victim} to start`, () =>
      lines(log).some((l) => l.startsWith(`start ${victim}`))
    )
    first.child.kill('SIGKILL')
    expect((await first.done).signal).toBe('SIGKILL')
    expect([...doneCounts(log).keys()]).toEqual(ids.slice(0, 2))

    const second = await worker(['--once'], { POLL_LOG: log }).done
    // The rest is handled; the interrupted event is reported, by id, and the run fails so someone looks.
    expect(second.code).toBe(1)
    expect(second.stdout).toContain('3 handled, 0 failed, 0 skipped, 1 interrupted')
    expect(second.stderr).toContain(`event ${victim} interrupted`)
    expect(second.stderr.trim().split('\n').at(-1)).toMatch(
      /^.*poll: event \d+ interrupted .*--retry-interrupted/
    )
    let counts = doneCounts(log)
    expect(counts.has(victim)).toBe(false)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(counts.size).toBe(5)

    const retried = await worker(['--once', '--retry-interrupted'], { POLL_LOG: log }).done
    expect(retried.code).toBe(0)
    counts = doneCounts(log)
    expect([...counts.keys()].sort()).toEqual([...ids].sort())
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    if (primary === 'yamlfile') {
      // A file primary holds one document: the cursor is a file of its own beside it.
      expect(existsSync(join(dir, 'localdata/cicdContextData.poll-octo-org-app.yaml'))).toBe(true)
      expect(existsSync(join(dir, 'localdata/cicdContextData.yaml'))).toBe(false)
    }
  })

  it('two pollers at once: each event handled by exactly one of them', async () => {
    expect((await worker(['--once']).done).code).toBe(0)
    const ids = Array.from({ length: 120 }, (_, n) => push(n))
    const logA = join(dir, 'a.log')
    const logB = join(dir, 'b.log')
    const [a, b] = await Promise.all([
      worker(['--once'], { POLL_LOG: logA }).done,
      worker(['--once'], { POLL_LOG: logB }).done
    ])
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, expect.any(String)])
    const counts = doneCounts(logA, logB)
    expect([...counts.keys()].sort()).toEqual([...ids].sort())
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
  })

  it('loop mode: new events between passes are handled, and SIGTERM stops it cleanly (exit 0)', async () => {
    gh.feed.pollInterval = 1
    const log = join(dir, 'loop.log')
    const loop = worker(['--interval', '1'], { POLL_LOG: log })
    let out = ''
    loop.child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    await until('the first pass', () => out.includes('poll octo-org/app:'))
    const id = push(1)
    await until(`event ${id} handled`, () => doneCounts(log).get(id) === 1)
    // Passes with nothing new are conditional: GitHub answers 304.
    await until('a 304', () => gh.requests.some((r) => r.status === 304))
    loop.child.kill('SIGTERM')
    const result = await loop.done
    expect(result.code).toBe(0)
    expect(result.signal).toBeNull()
    expect(doneCounts(log).get(id)).toBe(1)
  })
})

// These run the CLI bundle (dist/cli), as users run it: poll is a lazily loaded chunk of it.
describe("the CLI bundle runs the handler file's github-events entries", () => {
  let gh: GithubStandIn
  let dir: string
  beforeAll(ensureBuilt, BUILD_TIMEOUT)
  beforeEach(async () => {
    gh = await startGithubStandIn()
    dir = writeProject('redis', { keyPrefix: `ppcli-${Date.now()}-` })
    dirs.push(dir)
  })
  afterEach(async () => {
    expect(gh.violations).toEqual([])
    await gh.close()
  })
  const cli = (flags: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    runCliProcess(['poll', '--repository', FULL, '--app-config', 'events.yaml', ...flags], {
      cwd: dir,
      env: { ...projectEnv(), GITHUB_TOKEN: gh.token, GITHUB_API_URL: gh.url }
    })

  it('runs the push entry once per push through a shell handler; other events are recorded, not run', async () => {
    put(
      dir,
      'events.yaml',
      `github-events:
  push:
    - name: build
      if: "{% if event.ref == 'refs/heads/main' %}yes{% endif %}"
      handlers:
        shell:
          run: printf 'done %s\\n' "$SHA" >> "$LOG"
          env:
            SHA: "{{ event.after }}"
            LOG: ${join(dir, 'shell.log')}
cicd-contexts:
  stage: {}
`
    )
    expect((await cli(['--once'])).code).toBe(0)
    const main = gh.addEvent(FULL, {
      type: 'PushEvent',
      payload: { ref: 'refs/heads/main', head: 'c'.repeat(40) }
    })
    gh.addEvent(FULL, {
      type: 'PushEvent',
      payload: { ref: 'refs/heads/other', head: 'd'.repeat(40) }
    })
    gh.addEvent(FULL, { type: 'WatchEvent' })
    const run = await cli(['--once'])
    expect(run.stderr).not.toContain(gh.token)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('1 handled, 0 failed, 2 skipped, 0 interrupted')
    expect(lines(join(dir, 'shell.log'))).toEqual([`done ${'c'.repeat(40)}`])
    expect((await cli(['--once'])).code).toBe(0)
    expect(lines(join(dir, 'shell.log'))).toHaveLength(1)
    expect(main).toMatch(/^\d+$/)
  })

  it('refuses an entry for an event the API never delivers, naming it, and touches nothing', async () => {
    put(
      dir,
      'events.yaml',
      `github-events:
  push:
    - handlers: {shell: {run: "true"}}
  workflow_run:
    - name: deploy
      handlers: {shell: {run: "true"}}
cicd-contexts:
  stage: {}
`
    )
    const run = await cli(['--once'])
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(
      "events.yaml: github-events.workflow_run[0] (deploy): the repository events API never delivers 'workflow_run' events"
    )
    expect(gh.requests).toEqual([])
  })

  it('a failing handler: recorded as failed, named, exit 1; not run again by the next pass', async () => {
    put(
      dir,
      'events.yaml',
      `github-events:
  push:
    - name: build
      handlers:
        shell:
          run: echo ran >> "$LOG"; exit 3
          env:
            LOG: ${join(dir, 'fail.log')}
cicd-contexts:
  stage: {}
`
    )
    expect((await cli(['--once'])).code).toBe(0)
    const id = gh.addEvent(FULL, { type: 'PushEvent' })
    const run = await cli(['--once'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('0 handled, 1 failed, 0 skipped, 0 interrupted')
    expect(run.stderr.trim().split('\n').at(-1)).toContain(`poll: handlers failed for event ${id}`)
    expect((await cli(['--once'])).code).toBe(0)
    expect(lines(join(dir, 'fail.log'))).toEqual(['ran'])
  })

  it('a bad flag is a one-line usage error (exit 2)', async () => {
    writeFileSync(join(dir, 'events.yaml'), 'cicd-contexts: {stage: {}}\n')
    const run = await cli(['--interval', 'soon'])
    expect(run.code).toBe(2)
    expect(run.stderr.trim()).toMatch(/--interval 'soon': expected a whole number of seconds/)
  })
})
