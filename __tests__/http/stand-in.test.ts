import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createHttpClient, type HttpResponse } from '../../src/http/client.js'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'

// The stand-in is shared by many handler tests; these pin down the answers they rely on.
let standIn: StandIn
const client = createHttpClient({ maxAttempts: 1, env: {} })
const bearer = { Authorization: 'Bearer xoxb-test' }

beforeAll(async () => {
  standIn = await startStandIn()
})
afterEach(() => standIn.reset())
afterAll(() => standIn.close())

function post(path: string, body: string, headers: Record<string, string> = bearer) {
  return client.request({ method: 'POST', url: `${standIn.url}${path}`, body, headers })
}
const json = (res: HttpResponse): Record<string, unknown> =>
  JSON.parse(res.body) as Record<string, unknown>

describe('http stand-in', () => {
  it('answers chat.postMessage like Slack, with a unique ts per message', async () => {
    const body = '{"channel":"#deploys","text":"hi","blocks":[{"type":"section"}]}'
    const first = json(await post('/api/chat.postMessage', body))
    const second = json(await post('/api/chat.postMessage', body))
    expect(first).toMatchObject({
      ok: true,
      channel: 'C0123456789',
      message: { text: 'hi', blocks: [{ type: 'section' }], ts: first.ts }
    })
    expect(first.ts).toMatch(/^1700000000\.\d{6}$/)
    expect(second.ts).not.toBe(first.ts)
    expect(standIn.requests[0].json).toEqual(JSON.parse(body))
  })

  it('reads form-encoded Slack calls and refuses calls without a token or with bad JSON', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
    const viaForm = await post('/api/chat.postMessage', 'token=xoxb-1&channel=C1&text=hey', form)
    expect(json(viaForm)).toMatchObject({ ok: true, message: { text: 'hey', channel: 'C1' } })
    expect(json(viaForm).message).not.toHaveProperty('token')
    expect(json(await post('/api/chat.postMessage', '{"text":"x"}', {}))).toEqual({
      ok: false,
      error: 'not_authed'
    })
    const bad = await post('/api/chat.postMessage', '{"text": oops}')
    expect(bad.status).toBe(200)
    expect(json(bad)).toEqual({ ok: false, error: 'invalid_json' })
  })

  it('answers chat.update, response_url and webhook calls', async () => {
    const update = await post('/api/chat.update', '{"channel":"C1","ts":"1.2","text":"done"}')
    expect(json(update)).toMatchObject({ ok: true, channel: 'C1', ts: '1.2', text: 'done' })
    expect(json(await post('/api/chat.update', '{"channel":"C1"}'))).toMatchObject({
      ok: false,
      error: 'message_not_found'
    })
    expect(json(await post('/response/abc', '{"text":"x"}'))).toEqual({ ok: true })
    const hook = await post('/hooks/T/B/X', '{"text":"x"}')
    expect(hook.body).toBe('ok')
    expect(hook.headers['content-type']).toMatch(/^text\/plain/)
    expect((await post('/nowhere', '{}')).status).toBe(404)
  })

  it('echoes like postman-echo', async () => {
    const res = await client.request({
      method: 'POST',
      url: `${standIn.url}/post?a=1&b=two`,
      body: '{"x": [1]}',
      headers: { 'X-Custom': 'yes' }
    })
    expect(json(res)).toMatchObject({
      args: { a: '1', b: 'two' },
      data: '{"x": [1]}',
      json: { x: [1] },
      headers: { 'x-custom': 'yes' },
      url: `${standIn.url}/post?a=1&b=two`
    })
  })

  it('plays canned replies and queued faults in order, and waits for requests', async () => {
    standIn.respondWith(/^\/api\//, (req) => ({ status: 201, body: { saw: req.path } }))
    standIn.failNext(1, 500)
    const waiting = standIn.waitForRequests(2)
    expect((await post('/api/x', '{}')).status).toBe(500)
    const canned = await post('/api/x', '{}')
    expect(canned.status).toBe(201)
    expect(json(canned)).toEqual({ saw: '/api/x' })
    await expect(waiting).resolves.toHaveLength(2)
    await expect(standIn.waitForRequests(3, 50)).rejects.toThrow(/saw 2 of 3 requests/)
  })
})
