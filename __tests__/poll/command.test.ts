import { afterAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { POLL_HELP } from '../../src/poll/command.js'
import { projectEnv, runCli, writeProject } from '../helpers/cli.js'

const dir = writeProject('yamlfile')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cicdstatemgr poll: flags', () => {
  it('prints its help', async () => {
    const run = await runCli(['poll', '--help'], { cwd: dir })
    expect(run).toEqual({ code: 0, stdout: POLL_HELP, stderr: '' })
  })

  it.each([
    [
      ['--app-config', 'app.yaml'],
      {},
      'poll needs --repository OWNER/REPO (or env GITHUB_REPOSITORY)'
    ],
    [['--repository', 'octo-org'], {}, "--repository: 'octo-org' is not owner/repo"],
    [
      ['--repository', 'o/r'],
      {},
      'poll needs --app-config FILE (or env CICDSTATEMGR_INIT_APP_CONFIG_PATH)'
    ],
    [['--repository', 'o/r', '--app-config', 'a.yaml'], {}, 'poll needs env GITHUB_TOKEN'],
    [
      ['--repository', 'o/r', '--interval', '0'],
      {},
      "--interval '0': expected a whole number of seconds"
    ],
    [['--since', 'x'], {}, "poll: Unknown option '--since'"]
  ])('%j is a one-line usage error (exit 2)', async (args, env, message) => {
    const run = await runCli(['poll', ...args], { cwd: dir, env })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(message)
  })

  it('a missing handler file is a one-line error naming it; the token never shows', async () => {
    const env = {
      ...projectEnv(),
      GITHUB_TOKEN: 'ghp_neverShown0123456789',
      GITHUB_API_URL: 'http://127.0.0.1:9'
    }
    const run = await runCli(
      ['poll', '--repository', 'o/r', '--app-config', 'missing.yaml', '--once'],
      {
        cwd: dir,
        env
      }
    )
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('missing.yaml')
    expect(run.stderr).not.toContain('ghp_neverShown')
  })
})
