import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse } from 'yaml'
import { describeProcess } from '../../src/stores/file-lock.js'
import { projectEnv, runCli, writeProject } from '../helpers/cli.js'

describe('CLI with a yamlfile primary whose lock a killed writer left behind', () => {
  it('writes at once instead of waiting for the lock to go stale', async () => {
    const dir = writeProject('yamlfile')
    try {
      const id = `ctx-killed-${Date.now()}`
      expect((await runCli(['--init-new', id], { cwd: dir, env: projectEnv() })).code).toBe(0)
      // A writer that took the lock and was killed (SIGKILL: no clean-up) before releasing it.
      const writer = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
        stdio: 'ignore'
      })
      await new Promise((resolve) => writer.once('spawn', resolve))
      const lockDir = join(dir, 'localdata/cicdContextData.yaml.lock')
      mkdirSync(lockDir)
      const owner = { ...describeProcess(writer.pid as number), token: 'killed-writer' }
      writeFileSync(join(lockDir, 'owner'), JSON.stringify(owner))
      const exited = new Promise((resolve) => writer.once('exit', resolve))
      writer.kill('SIGKILL')
      await exited

      const started = performance.now()
      const r = await runCli(['--set', 'state.after=1'], { cwd: dir, env: projectEnv(id) })
      expect(r.code).toBe(0)
      // The lock is fresh, so waiting for its 10 s stale time would take 10 s.
      expect(performance.now() - started).toBeLessThan(5000)
      const stored = parse(readFileSync(join(dir, 'localdata/cicdContextData.yaml'), 'utf8'))
      expect(stored.state.after).toBe('1')
      expect(existsSync(lockDir)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
