import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { readGithubEnv } from '../../src/github/env.js'

const fixture = (name: string): string => `__fixtures__/webhooks/${name}`

describe('readGithubEnv', () => {
  it('reads the runner variables with github.com defaults', () => {
    const env = readGithubEnv({
      GITHUB_REPOSITORY: 'octo-org/app',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_RUN_ID: '42',
      GITHUB_JOB: 'build',
      GITHUB_EVENT_NAME: 'push'
    })
    expect(env).toMatchObject({
      repository: { owner: 'octo-org', repo: 'app' },
      ref: 'refs/heads/main',
      runId: '42',
      job: 'build',
      eventName: 'push',
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      runUrl: 'https://github.com/octo-org/app/actions/runs/42'
    })
    expect(env.payload()).toEqual({})
  })

  it('honours GitHub Enterprise Server URLs', () => {
    const env = readGithubEnv({
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '7'
    })
    expect([env.apiUrl, env.runUrl]).toEqual([
      'https://ghe.example.com/api/v3',
      'https://ghe.example.com/o/r/actions/runs/7'
    ])
  })

  it.each(['push.json', 'pull_request.opened.json', 'workflow_run.completed.json'])(
    'parses the %s payload (from @octokit/webhooks-examples) only when asked',
    (file) => {
      const env = readGithubEnv({ GITHUB_EVENT_PATH: fixture(file) })
      expect(env.payload()).toEqual(JSON.parse(readFileSync(fixture(file), 'utf8')))
    }
  )

  it('names the variable at fault', () => {
    expect(() => readGithubEnv({ GITHUB_REPOSITORY: 'not a repo' })).toThrow(
      "GITHUB_REPOSITORY: 'not a repo' is not owner/repo"
    )
    const env = readGithubEnv({ GITHUB_EVENT_PATH: '/nonexistent/event.json' })
    expect(() => env.payload()).toThrow(/^GITHUB_EVENT_PATH \/nonexistent\/event.json: /)
  })
})
