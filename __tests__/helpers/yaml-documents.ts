/**
 * Seeded generators of documents for the YAML fast paths' tests: every run writes the same documents,
 * full of the strings PyYAML and js-yaml treat specially (types, indicators, quotes, line breaks).
 */
/** A small seeded PRNG (mulberry32): the generated documents are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = [
  ...'abcxyzABZ_019',
  'value',
  'k1',
  ' ',
  '  ',
  '#',
  ' #',
  ':',
  ': ',
  '-',
  '- ',
  '\n',
  '\n\n',
  '\t',
  "'",
  '"',
  '\\',
  'é',
  '😀',
  '\u0085',
  '\u2028',
  '\x00',
  '\x1b',
  '\r',
  '<<',
  '*a',
  '&a',
  '!t',
  '|',
  '>',
  '%',
  '@',
  '`',
  '[',
  ']',
  '{',
  '}',
  ',',
  '?',
  '---',
  '...',
  '__proto__',
  'yes',
  'No',
  'on',
  'null',
  'Null',
  '~',
  '1.0',
  '0x1F',
  '0777',
  '0b11',
  '1_000',
  '1:20',
  '.inf',
  '.nan',
  '-1',
  '+1',
  '1e5',
  '2020-01-01',
  '2020-01-01 10:00:00',
  'true',
  '='
]

export function generator(seed: number): () => unknown {
  const rand = prng(seed)
  const int = (n: number): number => Math.floor(rand() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T
  const text = (): string => {
    const n = int(5)
    let s = ''
    for (let i = 0; i < n; i++) s += pick(PIECES)
    return rand() < 0.05 ? s.repeat(30) : s
  }
  const scalar = (): unknown => {
    const r = rand()
    if (r < 0.55) return rand() < 0.5 ? `value ${int(1000)}, (x=${int(9)}+1)` : text()
    if (r < 0.7)
      return pick([0, 1, -1, 42, 2 ** 53 + 2, -(2 ** 31), 1.5, -0.25, 1e21, 1e-7, -0, NaN])
    if (r < 0.75) return pick([Infinity, -Infinity, 123456789.125])
    if (r < 0.9) return rand() < 0.5
    return null
  }
  const key = (): string => (rand() < 0.6 ? `k${int(100)}` : text())
  const value = (depth: number): unknown => {
    const r = rand()
    if (depth >= 4 || r < 0.5) return scalar()
    if (r < 0.75) {
      const out: Record<string, unknown> = {}
      for (let i = int(6); i > 0; i--) {
        Object.defineProperty(out, key(), {
          value: value(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true
        })
      }
      return out
    }
    return Array.from({ length: int(5) }, () => value(depth + 1))
  }
  return () => {
    const doc: Record<string, unknown> = { state: { cicdContextDataId: 'id' } }
    for (let i = int(8); i > 0; i--) doc[`top${i}`] = value(1)
    return doc
  }
}
