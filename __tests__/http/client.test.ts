import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { StreamLogger } from '../../src/core/logger.js'
import {
  HttpRequestError,
  PACKAGE_VERSION,
  createHttpClient,
  type HttpClientOptions
} from '../../src/http/client.js'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'

// Small limits keep every retry and timeout case well under a second.
const fast: HttpClientOptions = {
  connectTimeoutMs: 500,
  requestTimeoutMs: 1000,
  maxAttempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 20,
  maxTotalMs: 3000,
  env: {}
}

let standIn: StandIn

beforeAll(async () => {
  standIn = await startStandIn()
})
afterEach(() => standIn.reset())
afterAll(() => standIn.close())

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('request bodies and headers', () => {
  it('sends the rendered body byte for byte', async () => {
    const body =
      '{"text": "say \\"hi\\" \\\\ back", "nested": "{\\"a\\": [1, 2]}", "emoji": "🚀✅", ' +
      '"cjk": "部署成功", "sep": "a\u2028b\u2029c", "raw": "tab\there"}'
    const client = createHttpClient(fast)
    const res = await client.request({ method: 'POST', url: `${standIn.url}/post`, body })
    expect(res.status).toBe(200)
    const [seen] = standIn.requests
    expect(seen.rawBody.equals(Buffer.from(body, 'utf8'))).toBe(true)
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(body, 'utf8')))
    expect((JSON.parse(res.body) as { data: string }).data).toBe(body)
  })

  it('sends and receives bytes unchanged, logging them only as a length', async () => {
    const bytes = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xff, 0xc3, 0x28, 0x0a])
    standIn.respondWith('/blob', { status: 200, body: bytes })
    const lines: string[] = []
    const logger = new StreamLogger('debug', (line) => lines.push(line))
    const res = await createHttpClient({ ...fast, logger }).request({
      method: 'PUT',
      url: `${standIn.url}/blob`,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(bytes)
    })
    expect(standIn.requests[0]?.rawBody.equals(bytes)).toBe(true)
    expect(standIn.requests[0]?.headers['content-length']).toBe(String(bytes.length))
    expect(res.bytes.equals(bytes)).toBe(true)
    const log = lines.join('')
    expect(log).toContain(`request body: ${bytes.length} bytes`)
    expect(log).toContain(`response body: ${bytes.length} bytes`)
  })

  it('names the project and version in User-Agent and sends JSON defaults', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(PACKAGE_VERSION).toBe(pkg.version)
    const client = createHttpClient(fast)
    await client.request({ method: 'POST', url: `${standIn.url}/post`, body: '{}' })
    const { headers } = standIn.requests[0]
    expect(headers['user-agent']).toBe(`cicdstatemgr-actions/${pkg.version}`)
    expect(headers['content-type']).toBe('application/json; charset=UTF-8')
    expect(headers.accept).toBe('*/*')
  })

  it('sends caller headers, which override defaults whatever their case', async () => {
    const client = createHttpClient(fast)
    await client.request({
      method: 'PUT',
      url: `${standIn.url}/echo/put?x=1`,
      body: 'a=1',
      headers: {
        authorization: 'Bearer xoxb-1',
        'content-type': 'application/x-www-form-urlencoded',
        'Cache-Control': 'no-cache',
        'Content-Length': '999'
      }
    })
    const seen = standIn.requests[0]
    expect(seen.method).toBe('PUT')
    expect(seen.query).toEqual({ x: '1' })
    expect(seen.headers.authorization).toBe('Bearer xoxb-1')
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(seen.headers['cache-control']).toBe('no-cache')
    expect(seen.headers['content-length']).toBe('3')
  })

  it('returns status, lowercased headers and the body text', async () => {
    standIn.respondWith('/teapot', { status: 418, headers: { 'X-Thing': 'yes' }, body: 'short ☕' })
    const res = await createHttpClient(fast).request({
      method: 'GET',
      url: `${standIn.url}/teapot`
    })
    expect(res).toMatchObject({ status: 418, body: 'short ☕', attempts: 1 })
    expect(res.headers['x-thing']).toBe('yes')
  })
})

describe('retries', () => {
  it('retries 503 twice, then succeeds on the third attempt', async () => {
    standIn.failNext(2, 503)
    const res = await createHttpClient(fast).request({
      method: 'POST',
      url: `${standIn.url}/hooks/T/B/X`,
      body: '{"text":"hi"}'
    })
    expect(res).toMatchObject({ status: 200, body: 'ok', attempts: 3 })
    expect(standIn.requests).toHaveLength(3)
    expect(standIn.requests.every((r) => r.body === '{"text":"hi"}')).toBe(true)
  })

  it('returns the last 503 once maxAttempts are used up', async () => {
    standIn.failNext(10, 503)
    const res = await createHttpClient(fast).request({ method: 'POST', url: `${standIn.url}/post` })
    expect(res.status).toBe(503)
    expect(res.attempts).toBe(3)
    expect(standIn.requests).toHaveLength(3)
  })

  it('does not retry a 4xx', async () => {
    standIn.respondWith('/api/chat.postMessage', { status: 400, body: { ok: false } })
    const res = await createHttpClient(fast).request({
      method: 'POST',
      url: `${standIn.url}/api/chat.postMessage`,
      body: '{}'
    })
    expect(res).toMatchObject({ status: 400, attempts: 1 })
    expect(standIn.requests).toHaveLength(1)
  })

  it('waits as long as Retry-After asks on a 429, then retries', async () => {
    standIn.rateLimitNext(1, 1)
    const started = Date.now()
    const res = await createHttpClient(fast).request({ method: 'POST', url: `${standIn.url}/post` })
    const waited = Date.now() - started
    expect(res).toMatchObject({ status: 200, attempts: 2 })
    expect(waited).toBeGreaterThanOrEqual(950)
    expect(waited).toBeLessThan(2000)
  })

  it('stops at once when Retry-After exceeds the remaining budget', async () => {
    standIn.rateLimitNext(1, 30)
    const started = Date.now()
    const res = await createHttpClient(fast).request({ method: 'POST', url: `${standIn.url}/post` })
    expect(res).toMatchObject({ status: 429, attempts: 1 })
    expect(res.headers['retry-after']).toBe('30')
    expect(Date.now() - started).toBeLessThan(500)
  })

  it('retries a dropped connection and succeeds', async () => {
    standIn.dropNext(1)
    const res = await createHttpClient(fast).request({ method: 'POST', url: `${standIn.url}/post` })
    expect(res).toMatchObject({ status: 200, attempts: 2 })
    expect(standIn.requests).toHaveLength(2)
  })
})

describe('failures without an answer', () => {
  it('times out a request that never answers, after every attempt', async () => {
    standIn.hangNext(5)
    const client = createHttpClient({ ...fast, requestTimeoutMs: 150, maxAttempts: 2 })
    const started = Date.now()
    const error = await client
      .request({ method: 'POST', url: `${standIn.url}/post` })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpRequestError)
    expect((error as HttpRequestError).attempts).toBe(2)
    expect((error as Error).message).toBe(
      `POST ${standIn.url}/post failed after 2 attempts: no response within 150 ms (request timeout)`
    )
    expect(standIn.requests).toHaveLength(2)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('stops at the total time limit even when one attempt could last longer', async () => {
    standIn.hangNext(5)
    const client = createHttpClient({ ...fast, requestTimeoutMs: 10_000, maxTotalMs: 200 })
    const started = Date.now()
    await expect(client.request({ method: 'GET', url: `${standIn.url}/x` })).rejects.toThrow(
      /failed after 1 attempt: total time limit of 200 ms reached$/
    )
    expect(Date.now() - started).toBeLessThan(600)
  })

  it('reports a refused connection in one line, without credentials or query values', async () => {
    const port = await freePort()
    const client = createHttpClient(fast)
    const error = await client
      .request({ method: 'POST', url: `http://user:pa55word@127.0.0.1:${port}/x?token=s3cret` })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpRequestError)
    const { message, attempts } = error as HttpRequestError
    expect(attempts).toBe(3)
    expect(message).toBe(
      `POST http://***@127.0.0.1:${port}/x?token=*** failed after 3 attempts: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}`
    )
  })

  it('rejects a malformed URL without echoing it', async () => {
    const client = createHttpClient(fast)
    const error = await client
      .request({ method: 'POST', url: 'hooks.slack.com/services/T/B/s3cret' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpRequestError)
    expect((error as HttpRequestError).attempts).toBe(0)
    expect((error as Error).message).not.toContain('s3cret')
  })

  it('rejects a bad option with a message naming it', () => {
    expect(() => createHttpClient({ maxAttempts: 0 })).toThrow(/maxAttempts/)
  })
})

describe('debug logging', () => {
  function captureLogger(level: 'debug' | 'info') {
    const lines: string[] = []
    const logger = new StreamLogger(level, (line) => lines.push(line))
    return { logger, text: () => lines.join('') }
  }

  it('shows method, URL and status, never a token or a registered secret', async () => {
    const { logger, text } = captureLogger('debug')
    logger.addSecret('registered-s3cret')
    standIn.failNext(1, 502)
    const client = createHttpClient({ ...fast, logger })
    await client.request({
      method: 'POST',
      url: `${standIn.url}/post`,
      headers: { Authorization: 'Bearer xoxb-never-registered', 'X-Api-Key': 'key-123456' },
      secretHeaders: ['x-api-key'],
      body: '{"text":"registered-s3cret and xoxb-never-registered"}'
    })
    const out = text()
    expect(out).toContain(`POST ${standIn.url}/post attempt 1/3`)
    expect(out).toContain('-> 502')
    expect(out).toContain('-> 200 OK')
    expect(out).toContain('Authorization: ***')
    expect(out).toContain('X-Api-Key: ***')
    expect(out).toContain('"text":"*** and ***"')
    // The echo answer repeats every header and the body: still masked.
    for (const secret of ['xoxb-never-registered', 'registered-s3cret', 'key-123456']) {
      expect(out).not.toContain(secret)
    }
  })

  it('logs nothing above debug level', async () => {
    const { logger, text } = captureLogger('info')
    await createHttpClient({ ...fast, logger }).request({ method: 'GET', url: `${standIn.url}/x` })
    expect(text()).toBe('')
  })
})
