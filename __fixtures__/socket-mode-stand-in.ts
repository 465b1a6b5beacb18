/**
 * A loopback stand-in for Slack's Socket Mode server: a real WebSocket server (`ws`) on 127.0.0.1 that
 * speaks the protocol Slack documents — on connect it sends `{"type":"hello", …}`; the test pushes
 * envelopes (`{"envelope_id", "type": "interactive", "payload", "accepts_response_payload"}`) and the
 * client answers each with `{"envelope_id"}` (its ack). Pair it with the HTTP stand-in answering
 * `apps.connections.open` with `wsUrl`, as Slack's API does with a `wss://` URL.
 *
 *   const ws = await startSocketModeStandIn()
 *   slack.respondWith('/api/apps.connections.open', { body: { ok: true, url: ws.wsUrl } })
 *   const id = ws.sendInteractive(payload)
 *   await ws.waitForAck(id)
 */
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

export interface SocketModeStandIn {
  /** `ws://127.0.0.1:PORT/link/?ticket=…`, what apps.connections.open returns. */
  wsUrl: string
  /** Every JSON message a client sent (acks). */
  received: Array<Record<string, unknown>>
  /** Resolves when a client has completed the handshake (it got `hello`). */
  connected(): Promise<void>
  /** Sends an `interactive` envelope to every connected client; returns its envelope id. */
  sendInteractive(payload: unknown): string
  /** Resolves with the ack for `envelopeId`; rejects after `timeoutMs` (default 5000). */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<Record<string, unknown>>
  close(): Promise<void>
}

export async function startSocketModeStandIn(): Promise<SocketModeStandIn> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const clients = new Set<WebSocket>()
  const received: Array<Record<string, unknown>> = []
  const waiters: Array<() => void> = []
  let onConnect: (() => void) | undefined
  const firstConnect = new Promise<void>((resolve) => (onConnect = resolve))
  server.on('connection', (socket) => {
    clients.add(socket)
    socket.on('close', () => clients.delete(socket))
    socket.on('message', (data) => {
      try {
        received.push(JSON.parse(String(data)) as Record<string, unknown>)
      } catch {
        received.push({ unparsed: String(data) })
      }
      for (const wake of waiters.splice(0)) wake()
    })
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-stand-in', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0BRIDGE01' }
      })
    )
    onConnect?.()
  })
  const findAck = (id: string) => received.find((m) => m.envelope_id === id)
  return {
    wsUrl: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=A0BRIDGE01`,
    received,
    connected: () => firstConnect,
    sendInteractive(payload) {
      const envelopeId = randomUUID()
      const message = JSON.stringify({
        envelope_id: envelopeId,
        payload,
        type: 'interactive',
        accepts_response_payload: false
      })
      for (const socket of clients) socket.send(message)
      return envelopeId
    },
    async waitForAck(envelopeId, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const ack = findAck(envelopeId)
        if (ack) return ack
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no ack for envelope ${envelopeId}`)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left)
          waiters.push(() => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
    },
    async close() {
      for (const socket of clients) socket.terminate()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
