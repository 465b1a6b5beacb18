/**
 * "First choice wins": one atomic create per button set, keyed by the value's nonce. A claim is never
 * released, not even when the dispatch after it times out (its outcome is then unknown, and a second
 * dispatch could start the workflow twice); it simply expires with its TTL.
 */
import type { Redis as RedisClient, RedisOptions } from 'ioredis'

export type ClaimResult = { won: true } | { won: false; holder: string }

export interface ClaimStore {
  /** Atomically records `holder` under `key` unless some holder is already there. */
  claim(key: string, holder: string, ttlSeconds: number): Promise<ClaimResult>
  close?(): Promise<void>
}

/**
 * In-memory claims: correct only for ONE process (a single Node server). Two replicas, a restarted
 * process or a serverless platform each have their own map, so a second click could win again there.
 */
export class MemoryClaimStore implements ClaimStore {
  private readonly held = new Map<string, { holder: string; until: number }>()

  constructor(private readonly clock: () => number = Date.now) {}

  async claim(key: string, holder: string, ttlSeconds: number): Promise<ClaimResult> {
    const now = this.clock()
    this.prune(now)
    const current = this.held.get(key)
    if (current) return { won: false, holder: current.holder }
    this.held.set(key, { holder, until: now + ttlSeconds * 1000 })
    return { won: true }
  }

  private prune(now: number): void {
    for (const [key, entry] of this.held) if (entry.until <= now) this.held.delete(key)
  }
}

/** The two ioredis calls the store needs, so a caller can pass its own (cluster, sentinel) client. */
export interface RedisLike {
  set(key: string, value: string, ex: 'EX', ttl: number, nx: 'NX'): Promise<string | null>
  get(key: string): Promise<string | null>
  quit?(): Promise<unknown>
}

/** Redis claims: `SET key holder EX ttl NX`, atomic across any number of bridge processes. */
export class RedisClaimStore implements ClaimStore {
  constructor(
    private readonly client: RedisLike,
    private readonly prefix = 'cicd-bridge:claim:',
    private readonly owned = false
  ) {}

  /** Connects with ioredis, imported only here so the core never loads it on Workers. */
  static async connect(
    options: RedisOptions & { url?: string },
    prefix?: string
  ): Promise<RedisClaimStore> {
    const mod = await import('ioredis')
    const Redis =
      mod.Redis ?? (mod as unknown as { default: typeof import('ioredis').Redis }).default
    const { url, ...rest } = options
    const settings: RedisOptions = { maxRetriesPerRequest: 1, enableReadyCheck: false, ...rest }
    const client: RedisClient = url ? new Redis(url, settings) : new Redis(settings)
    return new RedisClaimStore(client, prefix, true)
  }

  async claim(key: string, holder: string, ttlSeconds: number): Promise<ClaimResult> {
    const ttl = Math.max(1, Math.ceil(ttlSeconds))
    const full = this.prefix + key
    // Two tries: the existing claim may expire between SET and GET, and then the key is free again.
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((await this.client.set(full, holder, 'EX', ttl, 'NX')) === 'OK') return { won: true }
      const current = await this.client.get(full)
      if (current !== null) return { won: false, holder: current }
    }
    return { won: false, holder: '' }
  }

  async close(): Promise<void> {
    if (this.owned) await this.client.quit?.()
  }
}
