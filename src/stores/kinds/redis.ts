import type { StoreKind } from '../../core/store.js'
import { defined } from '../../core/types.js'
import type { RedisSettings } from '../settings.js'

/** `redis`: one key per context; ioredis (and the cluster store) load only when it is configured. */
export const redisKind: StoreKind<RedisSettings> = {
  type: 'redis',
  canBePrimary: true,
  readSettings: (f, common) => ({
    ...common,
    type: 'redis',
    name: 'redis',
    ...defined({
      host: f.str('host'),
      port: f.int('port'),
      db: f.int('db'),
      username: f.str('username'),
      password: f.str('password'),
      url: f.str('url'),
      keyPrefix: f.str('keyPrefix'),
      ttlSeconds: f.int('ttlSeconds'),
      tls: f.tls('tls'),
      connectTimeoutMs: f.int('connectTimeoutMs'),
      commandTimeoutMs: f.int('commandTimeoutMs'),
      maxAttempts: f.int('maxAttempts'),
      sentinels: f.nodes('sentinels'),
      sentinelName: f.str('sentinelName'),
      sentinelUsername: f.str('sentinelUsername'),
      sentinelPassword: f.str('sentinelPassword'),
      cluster: f.nodes('cluster')
    })
  }),
  create: async (settings, logger) =>
    (await import('../redis-store.js')).createRedisStore(settings, logger)
}
