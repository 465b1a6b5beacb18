import { TemplateError } from '../../errors.js'
import { checkKey } from './policy.js'

/**
 * The Python methods Jinja2 templates call on dicts and strings (`d.items()`, `s.strip()`). The
 * sandbox hides JavaScript's prototype methods, so these are the only methods data values have;
 * every key a dict method touches passes the same name check as a lookup.
 */
type Method = (...args: unknown[]) => unknown
type Dict = Record<string, unknown>

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key)

function dictKey(key: unknown): string {
  const name = String(key)
  checkKey(name)
  return name
}

function isKeywords(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && hasOwn(value, '__keywords')
}

function update(d: Dict, ...sources: unknown[]): null {
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue
    for (const key of Object.keys(source)) {
      if (key !== '__keywords' || !isKeywords(source)) d[dictKey(key)] = (source as Dict)[key]
    }
  }
  return null
}

function pop(d: Dict, key: unknown, fallback?: unknown): unknown {
  const name = dictKey(key)
  if (!hasOwn(d, name)) {
    if (fallback !== undefined) return fallback
    throw new TemplateError(`KeyError: '${name}'`)
  }
  const value = d[name]
  delete d[name]
  return value
}

function popitem(d: Dict): unknown[] {
  // Python 3 dicts pop the most recently inserted item.
  const key = Object.keys(d).pop()
  if (key === undefined) throw new TemplateError("KeyError: 'popitem(): dictionary is empty'")
  return [key, pop(d, key)]
}

const DICT_METHODS: Record<string, (d: Dict) => Method> = {
  items: (d) => () => Object.keys(d).map((k) => [k, d[k]]),
  keys: (d) => () => Object.keys(d),
  values: (d) => () => Object.keys(d).map((k) => d[k]),
  get: (d) => (key, fallback) => {
    const name = dictKey(key)
    return hasOwn(d, name) && d[name] !== undefined ? d[name] : fallback
  },
  has_key: (d) => (key) => hasOwn(d, dictKey(key)),
  pop: (d) => (key, fallback) => pop(d, key, fallback),
  popitem: (d) => () => popitem(d),
  setdefault:
    (d) =>
    (key, fallback = null) => {
      const name = dictKey(key)
      if (!hasOwn(d, name)) d[name] = fallback
      return d[name]
    },
  update:
    (d) =>
    (...sources) =>
      update(d, ...sources)
}
DICT_METHODS.iteritems = DICT_METHODS.items
DICT_METHODS.iterkeys = DICT_METHODS.keys
DICT_METHODS.itervalues = DICT_METHODS.values

function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? null : String(chars)
  const strippable = (c: string): boolean => (set === null ? /\s/.test(c) : set.includes(c))
  let start = 0
  let end = s.length
  while (left && start < end && strippable(s.charAt(start))) start++
  while (right && end > start && strippable(s.charAt(end - 1))) end--
  return s.slice(start, end)
}

function splitWhitespace(s: string, limit: number): string[] {
  const parts: string[] = []
  let rest = s.replace(/^\s+/, '')
  while (rest !== '') {
    const gap = /\s+/.exec(rest)
    if (parts.length === limit || !gap) {
      parts.push(rest)
      break
    }
    parts.push(rest.slice(0, gap.index))
    rest = rest.slice(gap.index + gap[0].length)
  }
  return parts
}

function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  const limit = typeof maxsplit === 'number' && maxsplit >= 0 ? maxsplit : Infinity
  if (sep === undefined || sep === null) return splitWhitespace(s, limit)
  const separator = String(sep)
  if (separator === '') throw new TemplateError('ValueError: empty separator')
  const parts = s.split(separator)
  if (parts.length - 1 <= limit) return parts
  return [...parts.slice(0, limit), parts.slice(limit).join(separator)]
}

function replace(s: string, old: unknown, replacement: unknown, count: unknown): string {
  const parts = s.split(String(old))
  const limit = typeof count === 'number' && count >= 0 ? count : Infinity
  if (parts.length - 1 <= limit) return parts.join(String(replacement))
  return (
    parts.slice(0, limit + 1).join(String(replacement)) +
    String(old) +
    parts.slice(limit + 1).join(String(old))
  )
}

function affixTest(test: (prefix: string) => boolean): Method {
  return (affix) =>
    Array.isArray(affix) ? affix.some((a) => test(String(a))) : test(String(affix))
}

function join(s: string, items: unknown): string {
  if (Array.isArray(items)) return items.map(String).join(s)
  if (typeof items === 'string') return items.split('').join(s)
  if (typeof items === 'object' && items !== null) return Object.keys(items).join(s)
  throw new TemplateError('TypeError: join() needs a list')
}

const STRING_METHODS: Record<string, (s: string) => Method> = {
  upper: (s) => () => s.toUpperCase(),
  lower: (s) => () => s.toLowerCase(),
  strip: (s) => (chars) => strip(s, chars, true, true),
  lstrip: (s) => (chars) => strip(s, chars, true, false),
  rstrip: (s) => (chars) => strip(s, chars, false, true),
  split: (s) => (sep, maxsplit) => split(s, sep, maxsplit),
  replace: (s) => (old, replacement, count) => replace(s, old, replacement, count),
  startswith: (s) => affixTest((p) => s.startsWith(p)),
  endswith: (s) => affixTest((p) => s.endsWith(p)),
  join: (s) => (items) => join(s, items),
  find: (s) => (sub) => s.indexOf(String(sub)),
  count: (s) => (sub) => s.split(String(sub)).length - 1,
  capitalize: (s) => () => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  title: (s) => () =>
    s
      .toLowerCase()
      .replace(/(^|[^\p{L}])(\p{L})/gu, (_m, before: string, c: string) => before + c.toUpperCase())
}

export function dictMethod(d: Dict, name: string): Method | undefined {
  return hasOwn(DICT_METHODS, name) ? DICT_METHODS[name](d) : undefined
}

export function stringMethod(s: string, name: string): Method | undefined {
  return hasOwn(STRING_METHODS, name) ? STRING_METHODS[name](s) : undefined
}
