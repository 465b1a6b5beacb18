import { isJsonObject, type JsonValue } from './types.js'

/**
 * Which strings are credentials, and scrubbing them out of data that gets persisted or output.
 *
 * Every string in secrets.yaml is masked in logs, but not every one is a credential: a Redis `username`
 * or `keyPrefix` is ordinary text that may legitimately appear in stored state. A credential is:
 *  - a secrets.yaml string whose key (for a list item: the key holding the list) is named like one —
 *    one of its words (split on camelCase, `_`, `-`, `.`) is token, password, passwd, passphrase, secret,
 *    credential(s), apikey or cookie, or its LAST word is key(s), auth, authorization, pwd, pass or pat
 *    (`apiKey`, `slackToken`, `basic_auth`; not `keyPrefix`, not `username`);
 *  - the password of a URL anywhere in secrets.yaml (`redis://user:pass@host`);
 *  - the value of a secret header actually sent (Authorization, Cookie, or a header named like a
 *    credential) and its credentials part (`xoxb-…` of `Bearer xoxb-…`);
 *  - the runner's own tokens when present in the environment (ACTIONS_RUNTIME_TOKEN,
 *    ACTIONS_ID_TOKEN_REQUEST_TOKEN, GITHUB_TOKEN).
 * Strings under three characters never count: they would blank out ordinary text.
 */

const ANY_WORD = new Set([
  'token',
  'tokens',
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'credential',
  'credentials',
  'apikey',
  'cookie',
  'cookies'
])
const LAST_WORD = new Set(['key', 'keys', 'auth', 'authorization', 'pwd', 'pass', 'pat'])

/** True for names like `token`, `apiKey`, `SLACK_TOKEN`, `basic-auth`; false for `keyPrefix`, `author`. */
export function isCredentialName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.-]+/)
    .filter(Boolean)
  const last = words[words.length - 1]
  return words.some((w) => ANY_WORD.has(w)) || (last !== undefined && LAST_WORD.has(last))
}

const RUNNER_TOKENS = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'GITHUB_TOKEN']

/** The credentials among secrets.yaml's values (see the rule above) plus the runner's tokens. */
export function credentialValues(
  secrets: JsonValue,
  env: Readonly<Record<string, string | undefined>> = process.env
): string[] {
  const found = new Set<string>()
  const walk = (value: JsonValue, key: string | undefined): void => {
    if (typeof value === 'string') {
      if (key !== undefined && isCredentialName(key)) found.add(value)
      const password = urlPassword(value)
      if (password) found.add(password)
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key)
    } else if (isJsonObject(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, k)
    }
  }
  walk(secrets, undefined)
  for (const name of RUNNER_TOKENS) {
    const token = env[name]
    if (token) found.add(token)
  }
  return sortForScrub(found)
}

function urlPassword(text: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@/i.test(text)) return undefined
  try {
    return decodeURIComponent(new URL(text).password) || undefined
  } catch {
    return undefined
  }
}

/** Distinct strings of three characters or more, longest first (so overlapping values scrub whole). */
export function sortForScrub(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length)
}

/** `text` with every credential replaced by `***`. */
export function scrubText(text: string, credentials: readonly string[]): string {
  let out = text
  for (const c of credentials) if (out.includes(c)) out = out.split(c).join('***')
  return out
}

/** A copy of `value` with every credential in its strings (and mapping keys) replaced by `***`. */
export function scrubJson(value: JsonValue, credentials: readonly string[]): JsonValue {
  if (credentials.length === 0) return value
  if (typeof value === 'string') return scrubText(value, credentials)
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, credentials))
  if (isJsonObject(value)) {
    const out: Record<string, JsonValue> = {}
    for (const [k, v] of Object.entries(value)) {
      // defineProperty: a `__proto__` key in a response body stays a plain key.
      Object.defineProperty(out, scrubText(k, credentials), {
        value: scrubJson(v, credentials),
        enumerable: true,
        writable: true,
        configurable: true
      })
    }
    return out
  }
  return value
}
