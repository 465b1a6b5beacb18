import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import { main } from '../../src/cli/main.js'
import { openContext } from '../../src/context-setup.js'
import { loadAppConfig } from '../../src/core/app-config.js'
import { StreamLogger } from '../../src/core/logger.js'
import type { JsonObject } from '../../src/core/types.js'
import { ConfigError, HandlerError, TrustError } from '../../src/errors.js'
import { handleGithubEvent, matchingEntries } from '../../src/github-events/run.js'
import { checkTrustedConfig } from '../../src/github-events/trust.js'
import { put } from '../helpers/cli.js'
import { webhookExample } from '../helpers/webhook-examples.js'
import { webhookSchemaErrors } from '../helpers/webhook-schemas.js'

const REPO = 'Codertocat/Hello-World'

const example = (event: string): JsonObject => webhookExample(event) as JsonObject

/** The payloads these tests use, checked against GitHub's own webhook schemas first. */
const SCHEMA_OF: Record<string, string> = {
  push: 'push',
  'push.branch': 'push',
  pull_request: 'pull-request-opened',
  issue_comment: 'issue-comment-created',
  release: 'release-published',
  workflow_run: 'workflow-run-completed'
}

/**
 * The community examples were recorded before GitHub added some now-required fields (e.g.
 * `repository.has_discussions`, `pull_request.auto_merge`, `release.immutable`): a missing required
 * property is that drift and is tolerated; every field that is present must match the official schema
 * (types, formats, enums, nesting).
 */
const MISSING_FIELD = /^\S* must have required property '[a-z_]+'$/

function app(dir: string, token: string): string {
  return `github-events:
  push:
    - name: build
      if: "{% if event.ref == 'refs/heads/' ~ event.repository.default_branch %}yes{% endif %}"
      log-to: comment
      status: {context: ci/build}
      handlers:
        shell:
          run: |
            echo "building $REF"
            echo '::set-output name=evil::1'
            echo '<!-- cicdstatemgr:forged -->'
            echo "msg=$MSG"
            echo "token=$TOKEN"
          working-directory: ${dir}
          env:
            TOKEN: ${token}
            REF: "{{ event.ref }}"
            MSG: "{{ event.head_commit.message }}"
        set-values:
          set:
            - from: "{{ state.shell.default.exitCode }}"
              to: state.built
    - name: tags only
      if: "{% if event.ref.startswith('refs/tags/') %}yes{% endif %}"
      handlers:
        set-values:
          set: [{from: "{{ event.ref }}", to: state.tag}]
  issue_comment:
    - name: owners
      author-association: [OWNER]
      handlers:
        set-values: {set: [{from: "{{ event.comment.id }}", to: state.comment}]}
    - name: members
      author-association: [MEMBER, COLLABORATOR]
      handlers:
        set-values: {set: [{from: x, to: state.member}]}
  release:
    - name: hang
      handlers:
        shell:
          run: |
            sleep 300 & echo $! > child.pid
            bash -c 'sleep 300 & echo $! > grandchild.pid; wait' &
            wait
          working-directory: ${dir}
          timeout: 1
  watch:
    - name: where
      handlers:
        shell:
          here: {run: pwd > here.txt}
          sub: {run: pwd > where.txt, working-directory: sub}
  workflow_run:
    - name: dry
      handlers:
        shell: {run: touch ran-marker, working-directory: ${dir}}
cicd-contexts:
  stage: {}
`
}

describe('github-events (in process, files primary, GitHub REST stand-in)', () => {
  let gh: GithubStandIn
  let dir: string
  let lines: string[]
  let n = 0

  beforeAll(async () => {
    gh = await startGithubStandIn()
    dir = mkdtempSync(join(tmpdir(), 'gh-events-'))
    put(
      dir,
      'config.yaml',
      'cicdstatemgr:\n  datasources:\n    yamlfile: {path: data/ctx.yaml, isPrimary: true}\n'
    )
    put(dir, 'app.yaml', app(dir, gh.token))
  })
  afterAll(async () => {
    expect(gh.violations).toEqual([])
    await gh.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function session(): Promise<Awaited<ReturnType<typeof openContext>>> {
    lines = []
    const logger = new StreamLogger('info', (line) => lines.push(line))
    return openContext({ configPath: 'config.yaml', cwd: dir }, logger, [logger], {
      env: { GITHUB_API_URL: gh.url },
      token: gh.token
    })
  }

  async function handle(
    eventName: string,
    payload: JsonObject,
    extra: { dryRun?: boolean } = {}
  ): Promise<Awaited<ReturnType<typeof handleGithubEvent>>> {
    const opened = await session()
    try {
      return await handleGithubEvent({
        manager: opened.manager,
        appConfig: loadAppConfig('app.yaml', undefined, dir),
        id: `ctx-${++n}`,
        init: { contextName: 'stage', cwd: dir },
        eventName,
        payload,
        ...extra
      })
    } finally {
      await opened.stores.close()
    }
  }

  it('uses payloads from @octokit/webhooks-examples that match the official webhook schemas', () => {
    for (const [event, key] of Object.entries(SCHEMA_OF)) {
      const errors = webhookSchemaErrors(key, example(event)).filter((e) => !MISSING_FIELD.test(e))
      expect([event, errors]).toEqual([event, []])
    }
  })

  it('matches entries by event, `if` over the payload and author-association', async () => {
    const config = loadAppConfig('app.yaml', undefined, dir)
    const push = example('push')
    // The example is a tag push: only the tags entry matches.
    expect((await matchingEntries(config, 'push', push)).map((e) => e.name)).toEqual(['tags only'])
    const branch = example('push.branch')
    expect((await matchingEntries(config, 'push', branch)).map((e) => e.name)).toEqual(['build'])
    const comment = example('issue_comment')
    expect((await matchingEntries(config, 'issue_comment', comment)).map((e) => e.name)).toEqual([
      'owners'
    ])
    ;(comment.comment as JsonObject).author_association = 'NONE'
    expect(await matchingEntries(config, 'issue_comment', comment)).toEqual([])
    // An event the file does not list, and a name that is no own key, match nothing.
    expect(await matchingEntries(config, 'pull_request', example('pull_request'))).toEqual([])
    expect(await matchingEntries(config, '__proto__', {})).toEqual([])
  })

  it('runs the shell with payload text only in env, logs it inertly, comments and sets statuses', async () => {
    const push = example('push.branch')
    const marker = join(dir, 'pwned')
    ;(push.head_commit as JsonObject).message = `$(touch ${marker}) \`touch ${marker}\``
    const { operation, entries } = await handle('push', push)
    expect(entries.map((e) => [e.name, e.status])).toEqual([['build', 'ok']])
    // The payload's command substitution stayed text.
    expect(existsSync(marker)).toBe(false)
    const state = operation.document.state as Record<string, any>
    expect(state.shell.default.exitCode).toBe(0)
    expect(state.shell.default.outputTail).toContain(`msg=$(touch ${marker})`)
    expect(state.built).toBe('0')
    // The token the command printed is masked in the log, the stored tail and the comment.
    expect(state.shell.default.outputTail).toContain('token=***')
    expect(lines.join('')).toContain('default | token=***')
    expect(JSON.stringify([lines, state, gh.comments(REPO)])).not.toContain(gh.token)
    // Every output line is prefixed: none starts a workflow command.
    const output = lines.filter((l) => l.includes('set-output'))
    expect(output).toEqual(['INFO default | ::set-output name=evil::1\n'])
    // Statuses on the pushed commit: pending, then success.
    const statuses = gh.statuses(REPO, push.after as string)
    expect(statuses.map((s) => [s.context, s.state])).toEqual([
      ['ci/build', 'pending'],
      ['ci/build', 'success']
    ])
    // One commit comment: the entry's section with the output folded, the forged marker neutralised.
    const comments = gh.comments(REPO)
    expect(comments).toHaveLength(1)
    const body = comments[0]?.body ?? ''
    expect(body).toContain('<details><summary>shell default: output (tail)</summary>')
    expect(body).toContain('building refs/heads/master')
    expect(body).toMatch(/finished: \*\*success\*\* in \d+\.\d s/)
    expect(body).not.toContain('<!-- cicdstatemgr:forged')
    expect(body.match(/<!-- cicdstatemgr:/g)).toHaveLength(1)
  })

  it('kills the whole process tree on timeout and fails the entry', async () => {
    const error = await handle('release', example('release')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HandlerError)
    expect((error as Error).message).toMatch(/shell 'default': timed out after 1 s/)
    for (const file of ['child.pid', 'grandchild.pid']) {
      const pid = Number(readFileSync(join(dir, file), 'utf8'))
      expect([file, alive(pid)]).toEqual([file, false])
    }
  })

  it("runs the shell in the run's working directory; a relative working-directory is resolved against it", async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true })
    const { entries } = await handle('watch', { action: 'started' })
    expect(entries.map((e) => [e.name, e.status])).toEqual([['where', 'ok']])
    expect(readFileSync(join(dir, 'here.txt'), 'utf8').trim()).toBe(realpathSync(dir))
    expect(readFileSync(join(dir, 'sub/where.txt'), 'utf8').trim()).toBe(
      realpathSync(join(dir, 'sub'))
    )
  })

  it('runs no shell in a dry run', async () => {
    const { entries } = await handle('workflow_run', example('workflow_run'), {
      dryRun: true
    })
    expect(entries.map((e) => e.status)).toEqual(['dry-run'])
    expect(existsSync(join(dir, 'ran-marker'))).toBe(false)
  })

  it('refuses a template marker in run with a one-line config error, storing nothing', async () => {
    const bad = join(dir, 'bad')
    put(
      bad,
      'app.yaml',
      'github-events:\n  push:\n    - handlers:\n        shell: {run: "echo {{ event.ref }}"}\ncicd-contexts: {stage: {}}\n'
    )
    const opened = await session()
    const error = await handleGithubEvent({
      manager: opened.manager,
      appConfig: loadAppConfig('bad/app.yaml', undefined, dir),
      id: 'bad-ctx',
      init: { contextName: 'stage', cwd: dir },
      eventName: 'push',
      payload: example('push')
    }).catch((e: unknown) => e)
    await opened.stores.close()
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toBe(
      `github-events.push[0] shell 'default': 'run' must be literal text (it holds a template marker); pass templated values through 'env' and use "$NAME" in the command`
    )
    expect(readFileSync(join(dir, 'data/ctx.yaml'), 'utf8')).not.toContain('bad-ctx')
  })

  it('CLI: --handle-github-event --event-file runs the matching entries (exit 0)', async () => {
    const file = join(dir, 'comment-event.json')
    writeFileSync(file, JSON.stringify(example('issue_comment')))
    const out: string[] = []
    const err: string[] = []
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd: dir }
    const argv = [
      '--config',
      'config.yaml',
      '--init-new',
      'cli-ctx',
      '--init-app-config-file',
      'app.yaml'
    ]
    const code = await main(
      [...argv, '--handle-github-event', '--event-file', file, '--event-name', 'issue_comment'],
      {
        ...io,
        env: {}
      }
    )
    expect([code, err.join('')]).toEqual([0, ''])
    expect(out.join('')).toBe('cli-ctx\n')
    const stored = readFileSync(join(dir, 'data/ctx.yaml'), 'utf8')
    expect(stored).toContain('cicdContextDataId: cli-ctx')
    expect(stored).toMatch(/comment: '?492700400'?/)
    // Without an event name anywhere: a usage error (exit 2) naming the flag.
    const usage = await main([...argv, '--handle-github-event', '--event-file', file], {
      ...io,
      env: {}
    })
    expect(usage).toBe(2)
    expect(err.join('')).toContain('--event-name')
  })
})

describe('examples/github-events', () => {
  it('runs locally with the CLI against an event file (dry run: prints, runs and sends nothing)', async () => {
    const cwd = 'examples/github-events'
    const out: string[] = []
    const err: string[] = []
    const code = await main(
      [
        ...['--config', 'config.yaml', '--secrets', 'secrets.yaml', '--init-new', 'example'],
        ...['--init-app-config-file', 'app.yaml', '--handle-github-event', '--event-name', 'push'],
        ...['--event-file', '../../__fixtures__/webhooks/push.branch.json', '--dry-run']
      ],
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd }
    )
    expect([code, err.join('')]).toEqual([0, ''])
    const text = out.join('')
    expect(text).toContain('"state":"pending","context":"ci/build"')
    expect(text).toContain("### shell 'default': dry-run")
    expect(text).toContain('"text": "Hello-World 6113728 built"')
    expect(text).toContain('"state":"success","context":"ci/build"')
    expect(text).toContain("### comment 'build': dry-run")
    expect(text).not.toContain('xoxb-example-not-a-real-token')
    expect(existsSync(`${cwd}/localdata`)).toBe(false)
  })
})

describe('trust: handler file from the default branch', () => {
  let repo: string
  let sha: string

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'gh-trust-'))
    const git = (...args: string[]): string =>
      execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim()
    git('init', '-q')
    put(repo, '.cicd/app.yaml', 'cicd-contexts: {stage: {}}\n')
    git('add', '.')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'init')
    sha = git('rev-parse', 'HEAD')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  const payload = example('issue_comment')
  const check = (env: Record<string, string>, eventName = 'issue_comment'): void =>
    checkTrustedConfig({ eventName, payload, files: ['.cicd/app.yaml'], cwd: repo, env })

  it('accepts the default branch checkout at GITHUB_SHA', () => {
    expect(() =>
      check({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/master', GITHUB_SHA: sha })
    ).not.toThrow()
  })

  it('refuses another ref, another commit and a modified handler file', () => {
    expect(() =>
      check({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/pull/1/merge', GITHUB_SHA: sha })
    ).toThrow(TrustError)
    expect(() =>
      check({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/master', GITHUB_SHA: 'f'.repeat(40) })
    ).toThrow(/not GITHUB_SHA/)
    put(repo, '.cicd/app.yaml', 'cicd-contexts: {stage: {}}\n# from the pull request\n')
    expect(() =>
      check({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/master', GITHUB_SHA: sha })
    ).toThrow(/differ from the default branch/)
    // push is not an event on someone else's text; outside Actions nothing is checked.
    expect(() =>
      check({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/x' }, 'push')
    ).not.toThrow()
    expect(() => check({ GITHUB_REF: 'refs/heads/x' })).not.toThrow()
  })
})

/** Dead or a zombie (a container's PID 1 may not reap orphans). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : ''
  return !/^\d+ \(.*\) Z/.test(stat)
}
