/**
 * Proxy selection from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (self-hosted runners often sit behind one).
 *
 * The matching is written here rather than taken from `proxy-from-env` because that package reads
 * `process.env` only, and the client must take its environment from an option (tests, and library
 * callers that build a child environment). The rules follow curl and @actions/http-client:
 * lowercase variables win over uppercase, NO_PROXY entries match the host and its subdomains, may carry
 * a port, and may be `*`; IP ranges in CIDR form are honoured too. Loopback is never proxied.
 */
import type { Agent } from 'node:http'
import { BlockList, isIP } from 'node:net'

export interface ProxyChoice {
  /** The proxy URL, scheme included. */
  url: URL
  /** The variable it came from (for error messages). */
  variable: string
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 }

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1 (also IPv4-mapped); brackets allowed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = bare(hostname)
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  const family = isIP(host)
  if (family === 0) return false
  return loopback.check(host, family === 4 ? 'ipv4' : 'ipv6')
}

/** The proxy to use for `target`, or undefined for a direct connection. Throws on a malformed setting. */
export function proxyForUrl(target: URL, env: NodeJS.ProcessEnv): ProxyChoice | undefined {
  const scheme = target.protocol.replace(/:$/, '')
  if (isLoopbackHost(target.hostname)) return undefined
  const found = readEnv(env, `${scheme}_proxy`)
  if (!found) return undefined
  const noProxy = readEnv(env, 'no_proxy')
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0
  if (noProxy && matchesNoProxy(target.hostname, port, noProxy.value)) return undefined
  return { url: parseProxyUrl(found.value, found.variable), variable: found.variable }
}

/** True when `hostname:port` is excluded from proxying by the NO_PROXY list. */
export function matchesNoProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = bare(hostname).toLowerCase()
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .some((entry) => entryMatches(host, port, entry.toLowerCase()))
}

/**
 * An agent that sends the request through `proxy`: CONNECT tunnelling for https targets, absolute-form
 * requests for http ones. The agent modules are imported here, on first use, so runs without a proxy
 * never pay for loading them.
 */
export async function createProxyAgent(target: URL, proxy: URL): Promise<Agent> {
  // keepAlive stays off: a pooled socket would hold the process open after the last request.
  if (target.protocol === 'https:') {
    const { HttpsProxyAgent } = await import('https-proxy-agent')
    return new HttpsProxyAgent(proxy, { keepAlive: false })
  }
  const { HttpProxyAgent } = await import('http-proxy-agent')
  return new HttpProxyAgent(proxy, { keepAlive: false })
}

function entryMatches(host: string, port: number, entry: string): boolean {
  if (entry === '*') return true
  const { name, entryPort } = splitEntry(entry)
  if (entryPort !== undefined && entryPort !== port) return false
  if (name.includes('/')) return inCidr(host, name)
  const suffix = name.replace(/^\*/, '').replace(/^\./, '')
  if (suffix === '') return false
  return host === suffix || host.endsWith(`.${suffix}`)
}

function splitEntry(entry: string): { name: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { name: bracketed[1], entryPort: optionalPort(bracketed[2]) }
  // A bare IPv6 address has several colons and no port.
  if (isIP(entry) === 6) return { name: entry }
  const withPort = /^(.+):(\d+)$/.exec(entry)
  if (withPort) return { name: withPort[1], entryPort: Number(withPort[2]) }
  return { name: entry }
}

function optionalPort(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text)
}

function inCidr(host: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/')
  const family = isIP(network)
  const prefix = Number(bits)
  if (family === 0 || isIP(host) === 0 || !Number.isInteger(prefix)) return false
  const type = family === 4 ? 'ipv4' : 'ipv6'
  try {
    const range = new BlockList()
    range.addSubnet(network, prefix, type)
    return range.check(host, isIP(host) === 4 ? 'ipv4' : 'ipv6')
  } catch {
    // An out-of-range prefix is a typo in NO_PROXY; it simply matches nothing, as in curl.
    return false
  }
}

function readEnv(
  env: NodeJS.ProcessEnv,
  name: string
): { value: string; variable: string } | undefined {
  for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[variable]?.trim()
    if (value) return { value, variable }
  }
  return undefined
}

function parseProxyUrl(value: string, variable: string): URL {
  // `proxy.corp:3128` without a scheme is common in the wild and means plain HTTP.
  const text = value.includes('://') ? value : `http://${value}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`${variable} is not a valid proxy URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `${variable} uses unsupported proxy protocol ${url.protocol} (use http:// or https://)`
    )
  }
  return url
}

function bare(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '')
}
