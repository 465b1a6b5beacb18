/**
 * A test Worker around the real `ClaimDurableObject`: `GET /?key&holder&ttl&now` claims through
 * `DurableClaimStore` with `now` as the caller's clock, so expiry is tested without waiting.
 */
import {
  ClaimDurableObject,
  DurableClaimStore,
  type DurableNamespaceLike
} from '../../src/bridge/adapters/durable-claims.js'

export { ClaimDurableObject }

export default {
  async fetch(request: Request, env: { CLAIMS: DurableNamespaceLike }): Promise<Response> {
    const q = new URL(request.url).searchParams
    const now = Number(q.get('now'))
    const store = new DurableClaimStore(env.CLAIMS, () => now)
    const result = await store.claim(
      q.get('key') ?? '',
      q.get('holder') ?? '',
      Number(q.get('ttl'))
    )
    return Response.json(result)
  }
}
