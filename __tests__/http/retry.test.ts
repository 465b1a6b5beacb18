import { describe, expect, it } from '@jest/globals'
import { computeRetryDelay, isRetryableStatus, parseRetryAfter } from '../../src/http/retry.js'

const base = { baseDelayMs: 500, maxDelayMs: 10_000, remainingMs: 60_000 }

describe('isRetryableStatus', () => {
  it('retries 5xx and 429 only', () => {
    expect([500, 502, 503, 504, 599, 429].every(isRetryableStatus)).toBe(true)
    expect([200, 204, 301, 400, 401, 403, 404, 409, 422, 428].some(isRetryableStatus)).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z')

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfter('0', now)).toBe(0)
  })

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0)
  })

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
  })
})

describe('computeRetryDelay', () => {
  it('doubles from the base delay, with the random half on top of a fixed half', () => {
    const low = (attempt: number) => computeRetryDelay({ ...base, attempt, random: () => 0 })
    const high = (attempt: number) =>
      computeRetryDelay({ ...base, attempt, random: () => 0.999999 })
    expect([1, 2, 3, 4].map(low)).toEqual([250, 500, 1000, 2000])
    expect([1, 2, 3, 4].map(high)).toEqual([500, 1000, 2000, 4000])
  })

  it('caps the backoff at maxDelayMs', () => {
    expect(computeRetryDelay({ ...base, attempt: 20, random: () => 0.999999 })).toBe(10_000)
  })

  it('spreads delays with jitter', () => {
    const seen = new Set(
      Array.from({ length: 50 }, () => computeRetryDelay({ ...base, attempt: 3 }))
    )
    expect(seen.size).toBeGreaterThan(5)
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(1000)
  })

  it('obeys Retry-After as given, beyond maxDelayMs and without jitter', () => {
    expect(computeRetryDelay({ ...base, attempt: 1, retryAfterMs: 1000 })).toBe(1000)
    expect(computeRetryDelay({ ...base, attempt: 1, retryAfterMs: 30_000 })).toBe(30_000)
    expect(computeRetryDelay({ ...base, attempt: 1, retryAfterMs: 0 })).toBe(0)
  })

  it('gives up when the wait does not fit in the remaining budget', () => {
    expect(
      computeRetryDelay({ ...base, attempt: 1, retryAfterMs: 5000, remainingMs: 4000 })
    ).toBeUndefined()
    expect(
      computeRetryDelay({ ...base, attempt: 4, remainingMs: 1000, random: () => 0 })
    ).toBeUndefined()
    expect(computeRetryDelay({ ...base, attempt: 1, remainingMs: 1000, random: () => 0 })).toBe(250)
  })
})
