/** Connection details of the test redis-server started by global-setup.mjs. */
export interface RedisInfo {
  port: number
  pid: number
  /** ACL user; the default user is switched off, so every client must authenticate as this one. */
  username: string
  password: string
  dir: string
}

export function redisInfo(): RedisInfo {
  const raw = process.env.CICD_TEST_REDIS
  if (!raw)
    throw new Error('CICD_TEST_REDIS is not set: the jest globalSetup did not start redis-server')
  return JSON.parse(raw) as RedisInfo
}

/** A `redis://user:pass@127.0.0.1:port/db` URL for the test server. */
export function redisUrl(db = 0): string {
  const i = redisInfo()
  return `redis://${i.username}:${i.password}@127.0.0.1:${i.port}/${db}`
}
