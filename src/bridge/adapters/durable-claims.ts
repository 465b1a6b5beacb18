/**
 * "First choice wins" on Cloudflare Workers: one Durable Object per claim key. A Durable Object runs
 * single-threaded in one place, and `blockConcurrencyWhile` holds every other request to the same object
 * until the read-then-write below is done, so the create-if-absent is atomic. Workers KV cannot do this:
 * it is eventually consistent and has no conditional write, so two clicks in two locations could both
 * "win" there.
 *
 * The expiry is checked against the caller's clock (the Worker's `Date.now()`, or a test's injected one)
 * and an alarm deletes the object's storage once the TTL has passed, so nothing is kept longer than
 * needed. Written against small structural types instead of `@cloudflare/workers-types`, so the module
 * typechecks and bundles like the rest of the core.
 */
import type { ClaimResult, ClaimStore } from '../claims.js'

export interface DurableStorageLike {
  get<T>(key: string): Promise<T | undefined>
  put<T>(key: string, value: T): Promise<void>
  deleteAll(): Promise<void>
  setAlarm(scheduledTime: number): Promise<void>
}

export interface DurableStateLike {
  storage: DurableStorageLike
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>
}

export interface DurableStubLike {
  fetch(input: string, init?: RequestInit): Promise<Response>
}

export interface DurableNamespaceLike {
  idFromName(name: string): unknown
  get(id: unknown): DurableStubLike
}

interface ClaimCall {
  holder: string
  ttlSeconds: number
  now: number
}

interface Held {
  holder: string
  until: number
}

const MAX_TTL_SECONDS = 30 * 24 * 3600

function parseCall(value: unknown): ClaimCall | undefined {
  const v = value as Partial<ClaimCall> | null
  if (typeof v !== 'object' || v === null) return undefined
  if (typeof v.holder !== 'string' || v.holder.length > 1024) return undefined
  if (typeof v.ttlSeconds !== 'number' || !(v.ttlSeconds > 0 && v.ttlSeconds <= MAX_TTL_SECONDS)) {
    return undefined
  }
  if (typeof v.now !== 'number' || !Number.isFinite(v.now)) return undefined
  return { holder: v.holder, ttlSeconds: v.ttlSeconds, now: v.now }
}

/** The Durable Object class; bind it in wrangler.toml (`class_name = "ClaimDurableObject"`). */
export class ClaimDurableObject {
  constructor(private readonly state: DurableStateLike) {}

  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response('method not allowed', { status: 405 })
    let call: ClaimCall | undefined
    try {
      call = parseCall(await request.json())
    } catch {
      call = undefined
    }
    if (!call) return new Response('bad claim request', { status: 400 })
    const claimCall = call
    const result = await this.state.blockConcurrencyWhile(() => this.claim(claimCall))
    return Response.json(result)
  }

  /** The alarm set at the first claim: the TTL has passed, the object forgets everything. */
  async alarm(): Promise<void> {
    await this.state.storage.deleteAll()
  }

  private async claim(call: ClaimCall): Promise<ClaimResult> {
    const storage = this.state.storage
    const current = await storage.get<Held>('claim')
    if (current && current.until > call.now) return { won: false, holder: current.holder }
    const ttlMs = Math.ceil(call.ttlSeconds) * 1000
    await storage.put<Held>('claim', { holder: call.holder, until: call.now + ttlMs })
    // Real time here: the alarm only frees storage; the decision above uses the caller's clock.
    await storage.setAlarm(Date.now() + ttlMs)
    return { won: true }
  }
}

/** The `ClaimStore` the Worker hands to the core: one object per `<target>:<nonce>` key. */
export class DurableClaimStore implements ClaimStore {
  constructor(
    private readonly namespace: DurableNamespaceLike,
    private readonly clock: () => number = Date.now
  ) {}

  async claim(key: string, holder: string, ttlSeconds: number): Promise<ClaimResult> {
    const stub = this.namespace.get(this.namespace.idFromName(key))
    const res = await stub.fetch('https://claim.internal/claim', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holder, ttlSeconds, now: this.clock() })
    })
    if (!res.ok) throw new Error(`claim object answered HTTP ${res.status}`)
    const result = (await res.json()) as ClaimResult
    if (result.won === true) return { won: true }
    if (result.won === false && typeof result.holder === 'string') return result
    throw new Error('claim object answered an unexpected body')
  }
}
