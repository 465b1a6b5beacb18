import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StreamLogger } from '../../src/core/logger.js'
import { createHttpClient, type HttpClientOptions } from '../../src/http/client.js'
import { isLoopbackHost, matchesNoProxy, proxyForUrl } from '../../src/http/proxy.js'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { startProxyStandIn, type ProxyStandIn } from '../../__fixtures__/proxy-stand-in.js'

const proxyFor = (url: string, env: NodeJS.ProcessEnv) => proxyForUrl(new URL(url), env)?.url.href

describe('proxy selection', () => {
  const env = { HTTPS_PROXY: 'http://secure.proxy:3128', HTTP_PROXY: 'http://plain.proxy:8080' }

  it('picks the variable of the target scheme, lowercase first', () => {
    expect(proxyFor('https://slack.com/api', env)).toBe('http://secure.proxy:3128/')
    expect(proxyFor('http://example.com/', env)).toBe('http://plain.proxy:8080/')
    expect(proxyFor('https://slack.com/', { ...env, https_proxy: 'http://lower:1' })).toBe(
      'http://lower:1/'
    )
    expect(
      proxyFor('https://slack.com/', { HTTP_PROXY: 'http://plain.proxy:8080' })
    ).toBeUndefined()
    expect(proxyFor('https://slack.com/', {})).toBeUndefined()
  })

  it('reads a proxy given without a scheme as plain http, and refuses other schemes', () => {
    expect(proxyFor('https://slack.com/', { HTTPS_PROXY: 'corp:3128' })).toBe('http://corp:3128/')
    expect(() => proxyFor('https://slack.com/', { HTTPS_PROXY: 'socks5://corp:1080' })).toThrow(
      /HTTPS_PROXY uses unsupported proxy protocol socks5:/
    )
  })

  it('never proxies loopback, whatever the settings', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://127.4.5.6/',
      'http://localhost:3000/',
      'http://api.localhost/',
      'http://[::1]:9000/',
      'http://[::ffff:127.0.0.1]/'
    ]) {
      expect(proxyFor(url, { ...env, NO_PROXY: '' })).toBeUndefined()
    }
    expect(isLoopbackHost('128.0.0.1')).toBe(false)
    expect(isLoopbackHost('localhost.example.com')).toBe(false)
  })

  it('honours NO_PROXY: names, subdomains, wildcards, ports, CIDR and *', () => {
    expect(matchesNoProxy('github.com', 443, 'github.com')).toBe(true)
    expect(matchesNoProxy('api.github.com', 443, 'github.com')).toBe(true)
    expect(matchesNoProxy('api.github.com', 443, '.github.com')).toBe(true)
    expect(matchesNoProxy('api.github.com', 443, '*.github.com')).toBe(true)
    expect(matchesNoProxy('notgithub.com', 443, 'github.com')).toBe(false)
    expect(matchesNoProxy('Internal.Corp', 80, 'foo, internal.corp bar')).toBe(true)
    expect(matchesNoProxy('internal.corp', 8080, 'internal.corp:8080')).toBe(true)
    expect(matchesNoProxy('internal.corp', 443, 'internal.corp:8080')).toBe(false)
    expect(matchesNoProxy('10.1.2.3', 443, '10.0.0.0/8')).toBe(true)
    expect(matchesNoProxy('11.1.2.3', 443, '10.0.0.0/8')).toBe(false)
    expect(matchesNoProxy('[fd00::1]', 443, 'fd00::/8')).toBe(true)
    expect(matchesNoProxy('anything', 1, '*')).toBe(true)
    expect(proxyFor('https://api.github.com/', { ...env, no_proxy: 'github.com' })).toBeUndefined()
    expect(proxyFor('https://slack.com/', { ...env, no_proxy: 'github.com' })).toBeDefined()
  })
})

describe('requests through a proxy', () => {
  let standIn: StandIn
  let tlsStandIn: StandIn
  let proxy: ProxyStandIn
  let tlsProxy: ProxyStandIn
  let cert: string
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'http-proxy-test-'))
    // A throwaway certificate for a name only the proxy stand-in can reach.
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=proxied.test', '-addext', 'subjectAltName=DNS:proxied.test'
    ], { stdio: 'ignore' }) // prettier-ignore
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8')
    const key = readFileSync(join(dir, 'key.pem'), 'utf8')
    standIn = await startStandIn()
    tlsStandIn = await startStandIn({ tls: { key, cert } })
    proxy = await startProxyStandIn(standIn.url)
    tlsProxy = await startProxyStandIn(tlsStandIn.port)
  })
  afterEach(() => {
    standIn.reset()
    proxy.reset()
    tlsProxy.reset()
  })
  afterAll(async () => {
    await Promise.all([standIn.close(), tlsStandIn.close(), proxy.close(), tlsProxy.close()])
    rmSync(dir, { recursive: true, force: true })
  })

  const options = (env: NodeJS.ProcessEnv): HttpClientOptions => ({
    env,
    maxAttempts: 1,
    connectTimeoutMs: 1000,
    requestTimeoutMs: 2000
  })

  it('forwards an http request to a remote name through HTTP_PROXY', async () => {
    const url = `http://proxied.test:${standIn.port}/post`
    const client = createHttpClient(options({ HTTP_PROXY: proxy.url }))
    const res = await client.request({ method: 'POST', url, body: '{"a":"ü"}' })
    expect(res.status).toBe(200)
    expect(proxy.requests.map((r) => `${r.method} ${r.target}`)).toEqual([`POST ${url}`])
    expect(standIn.requests[0].headers.host).toBe(`proxied.test:${standIn.port}`)
    expect(standIn.requests[0].body).toBe('{"a":"ü"}')
  })

  it('tunnels an https request with CONNECT through HTTPS_PROXY, sending proxy credentials', async () => {
    const lines: string[] = []
    const logger = new StreamLogger('debug', (line) => lines.push(line))
    const env = { HTTPS_PROXY: tlsProxy.url.replace('//', '//bob:pr0xy-pass@') }
    const client = createHttpClient({ ...options(env), ca: cert, logger })
    const res = await client.request({
      method: 'POST',
      url: 'https://proxied.test/post',
      body: '{}'
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ url: 'https://proxied.test/post' })
    expect(tlsProxy.requests.map((r) => `${r.method} ${r.target}`)).toEqual([
      'CONNECT proxied.test:443'
    ])
    const basic = `Basic ${Buffer.from('bob:pr0xy-pass').toString('base64')}`
    expect(tlsProxy.requests[0].headers['proxy-authorization']).toBe(basic)
    const log = lines.join('')
    expect(log).toContain('via proxy http://***@127.0.0.1')
    expect(log).not.toContain('pr0xy-pass')
  })

  it('goes direct to loopback even with a proxy set and no NO_PROXY', async () => {
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }
    const client = createHttpClient(options(env))
    for (const host of ['127.0.0.1', 'localhost']) {
      const res = await client.request({
        method: 'POST',
        url: `http://${host}:${standIn.port}/post`
      })
      expect(res.status).toBe(200)
    }
    expect(standIn.requests).toHaveLength(2)
    expect(proxy.requests).toEqual([])
  })

  it('goes direct to a host listed in NO_PROXY', async () => {
    // 0.0.0.0 is not loopback by name, yet a connection to it lands on this machine (Linux, macOS),
    // so the same URL can be reached with and without the proxy.
    const url = `http://0.0.0.0:${standIn.port}/post`
    await createHttpClient(options({ HTTP_PROXY: proxy.url })).request({ method: 'POST', url })
    expect(proxy.requests).toHaveLength(1)
    proxy.reset()
    const direct = createHttpClient(
      options({ HTTP_PROXY: proxy.url, NO_PROXY: 'example.com,0.0.0.0' })
    )
    const res = await direct.request({ method: 'POST', url })
    expect(res.status).toBe(200)
    expect(proxy.requests).toEqual([])
    expect(standIn.requests).toHaveLength(2)
  })
})
