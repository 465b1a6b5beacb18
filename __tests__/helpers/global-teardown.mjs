// Jest globalTeardown: stops the redis-server started by global-setup.mjs, by pid, and removes the run's
// temporary directory.
import { rmSync } from 'node:fs'

export default async function globalTeardown() {
  const raw = process.env.CICD_TEST_REDIS
  if (raw) {
    const { pid } = JSON.parse(raw)
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
  // The run's temporary directory (global-setup.mjs): every test's temp files, and redis-server's.
  const runTmp = process.env.CICD_TEST_TMPDIR
  if (runTmp) rmSync(runTmp, { recursive: true, force: true })
}
