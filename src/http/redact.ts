/**
 * What of a request may be shown in logs and error messages. The logger masks registered secrets on
 * its own; this covers what it cannot know: credentials in URLs and secret headers whose values were
 * never registered (a token typed straight into a config file).
 */

/** Headers whose values are secret whatever the caller says. */
const ALWAYS_SECRET = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie']

/** The URL with user-info and query values replaced by `***`; `url` must already be parsed. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href)
  const hadCredentials = copy.username !== '' || copy.password !== ''
  copy.username = ''
  copy.password = ''
  const query = [...copy.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=***`)
  copy.search = ''
  let text = copy.href
  if (hadCredentials) text = text.replace('://', '://***@')
  return query.length > 0 ? `${text}?${query.join('&')}` : text
}

/**
 * `text` as it may be printed when it should be a URL: user-info and query values hidden as redactUrl
 * does; text that does not parse has anything between `://` and `@`, and its query, hidden.
 */
export function redactUrlText(text: string): string {
  try {
    return redactUrl(new URL(text))
  } catch {
    return text.replace(/:\/\/[^/?#\s]*@/, '://***@').replace(/\?[^#\s]*/, '?***')
  }
}

/** Everything redactUrl hides (user name, password, query values), for scrubbing printed text. */
export function urlSecrets(text: string): string[] {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return []
  }
  const parts = [url.password, url.username, ...url.searchParams.values()]
  const decoded = parts.flatMap((p) => [p, safeDecode(p)])
  return [...new Set(decoded)].filter((p) => p.length >= 3)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Lowercased names of the headers to hide, the built-in ones plus the caller's. */
export function secretHeaderNames(extra: readonly string[] = []): Set<string> {
  return new Set([...ALWAYS_SECRET, ...extra.map((name) => name.toLowerCase())])
}

/**
 * The raw secret strings among `headers`, longest first: each whole value and, for
 * `Scheme credentials` values such as `Bearer xoxb-…`, the credentials alone (they may be echoed in a
 * body). Values under three characters are skipped: they would blank out ordinary text.
 */
export function secretValues(headers: Record<string, string>, names: Set<string>): string[] {
  const found = new Set<string>()
  for (const [name, value] of Object.entries(headers)) {
    if (!names.has(name.toLowerCase())) continue
    found.add(value)
    const credentials = /^\S+\s+(.+)$/.exec(value)?.[1]
    if (credentials) found.add(credentials)
  }
  return [...found].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length)
}

/** Replaces every occurrence of each secret with `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) out = out.split(secret).join('***')
  return out
}

/**
 * Headers as `Name: value` pairs with secret values shown as `***`. Values stay unescaped on purpose:
 * an escaped secret (quotes, backslashes) would no longer match what the logger masks.
 */
export function headersForLog(headers: Record<string, string>, names: Set<string>): string {
  const pairs = Object.entries(headers).map(([name, value]) =>
    names.has(name.toLowerCase()) ? `${name}: ***` : `${name}: ${value}`
  )
  return `{${pairs.join(', ')}}`
}
