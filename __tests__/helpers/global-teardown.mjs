// Jest globalTeardown: stops the redis-server started by global-setup.mjs, by pid.
import { rmSync } from 'node:fs'

export default async function globalTeardown() {
  const raw = process.env.CICD_TEST_REDIS
  if (!raw) return
  const { pid, dir } = JSON.parse(raw)
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    /* already gone */
  }
  rmSync(dir, { recursive: true, force: true })
}
