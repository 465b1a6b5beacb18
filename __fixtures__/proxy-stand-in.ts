/**
 * A tiny forward proxy on 127.0.0.1 for proxy tests. It speaks both ways clients use a proxy —
 * absolute-form requests (`GET http://host/path`, for http targets) and CONNECT tunnels (for https
 * targets) — and sends everything to one upstream port on 127.0.0.1 whatever host was asked for. So a
 * test can use a name only the proxy "resolves" (`proxied.test`): a request that reaches the upstream
 * through that name must have gone through the proxy, and `requests` shows which targets it saw.
 *
 *   const proxy = await startProxyStandIn(standIn.url)
 *   const env = { HTTP_PROXY: proxy.url }
 *   // request http://proxied.test:${standIn.port}/post, then:
 *   expect(proxy.requests.map((r) => r.target)).toEqual([`http://proxied.test:${standIn.port}/post`])
 */
import * as http from 'node:http'
import * as net from 'node:net'
import type { AddressInfo, Socket } from 'node:net'

export interface ProxiedRequest {
  /** `CONNECT` for tunnels, else the forwarded request's method. */
  method: string
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string
  headers: http.IncomingHttpHeaders
}

export interface ProxyStandIn {
  /** e.g. `http://127.0.0.1:PORT`, ready for HTTP_PROXY / HTTPS_PROXY. */
  url: string
  port: number
  requests: ProxiedRequest[]
  reset(): void
  close(): Promise<void>
}

/** Starts the proxy; every target is served by `upstream` (a base URL or a port on 127.0.0.1). */
export async function startProxyStandIn(upstream: string | number): Promise<ProxyStandIn> {
  const upstreamPort = typeof upstream === 'number' ? upstream : Number(new URL(upstream).port)
  const requests: ProxiedRequest[] = []
  const sockets = new Set<Socket>()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }

  const server = http.createServer((req, res) => {
    const target = req.url ?? ''
    requests.push({ method: req.method ?? '', target, headers: { ...req.headers } })
    forward(req, res, target, upstreamPort)
  })
  server.on('connection', track)
  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: { ...req.headers } })
    tunnel(client, head, upstreamPort, track)
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    reset: () => {
      requests.length = 0
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    }
  }
}

function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: string,
  upstreamPort: number
): void {
  if (!/^https?:\/\//i.test(target)) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('proxy stand-in expects absolute-form')
    return
  }
  const url = new URL(target)
  const headers = { ...req.headers }
  // Hop-by-hop: meant for the proxy, never for the origin.
  delete headers['proxy-authorization']
  delete headers['proxy-connection']
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port: upstreamPort,
      method: req.method,
      path: url.pathname + url.search,
      headers
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    }
  )
  upstream.on('error', () => res.destroy())
  req.pipe(upstream)
}

function tunnel(
  client: Socket,
  head: Buffer,
  upstreamPort: number,
  track: (s: Socket) => void
): void {
  const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length > 0) upstream.write(head)
    upstream.pipe(client)
    client.pipe(upstream)
  })
  track(upstream)
  upstream.on('error', () => client.destroy())
  client.on('error', () => upstream.destroy())
  client.on('close', () => upstream.destroy())
  upstream.on('close', () => client.destroy())
}
