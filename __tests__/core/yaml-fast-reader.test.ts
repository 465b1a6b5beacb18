import { describe, expect, it } from '@jest/globals'
import { readWrittenYaml } from '../../src/core/yaml-fast-reader.js'
import { parseStoredYaml, parseYaml, resolvePlain, stringifyYaml } from '../../src/core/yaml.js'
import { generator, prng } from '../helpers/yaml-documents.js'

/** Deep equality that also compares key order, -0 and NaN (toStrictEqual ignores key order). */
function same(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return Object.is(a, b)
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

function jsYaml(text: string): { value: unknown } | { error: unknown } {
  try {
    return { value: parseYaml(text, 'gen.yaml') }
  } catch (error) {
    return { error }
  }
}

/** The fast reader either declines or returns exactly what js-yaml returns (and never reads what js-yaml refuses). */
function expectAgrees(text: string): boolean {
  const fast = readWrittenYaml(text, resolvePlain)
  if (fast === undefined) return false
  const slow = jsYaml(text)
  if (!('value' in slow) || !same(fast, slow.value)) {
    throw new Error(
      `fast reader disagrees with js-yaml on:\n${text}\nfast: ${JSON.stringify(fast)}`
    )
  }
  return true
}

describe('the fast reader of our own YAML', () => {
  it('returns what js-yaml returns for thousands of documents written by stringifyYaml', () => {
    const next = generator(13)
    let read = 0
    const total = 4000
    for (let i = 0; i < total; i++) {
      const text = stringifyYaml(next())
      if (expectAgrees(text)) read++
    }
    // Most documents are in the subset, or the comparison above would prove little.
    expect(read).toBeGreaterThan(total * 0.6)
  })

  it('declines or agrees on damaged and hand-edited variants of written documents', () => {
    const next = generator(7)
    const rand = prng(99)
    const EDITS = [
      ' ',
      '#',
      '- ',
      ':',
      '\n',
      '  ',
      "'",
      '"',
      '|',
      '&a ',
      '*a',
      '---\n',
      '? ',
      '\t',
      '{',
      '['
    ]
    for (let i = 0; i < 3000; i++) {
      const text = stringifyYaml(next())
      const at = Math.floor(rand() * text.length)
      const edit = EDITS[Math.floor(rand() * EDITS.length)] as string
      const variants = [
        text.slice(0, at) + edit + text.slice(at),
        text.slice(0, at) + text.slice(at + 1),
        text.slice(0, at) + edit + text.slice(at + 1)
      ]
      for (const variant of variants) expectAgrees(variant)
    }
  })

  it('reads the edge cases the writer produces exactly as js-yaml does', () => {
    const doc = {
      state: { cicdContextDataId: 'edge', cicdContextName: 'stage' },
      quoted: [
        "it's",
        '"dq"',
        'a: b',
        'x #y',
        ' lead',
        'trail ',
        '',
        '-',
        '- x',
        '?',
        '@at',
        '`tick`'
      ],
      keys: { 'a: b': 1, "it's": 2, ' sp': 3, '1': 4, yes: 5, '~': 6, '': 7, '#k': 8, '-k': 9 },
      multi: ['line1\nline2', 'line1\nline2\n', 'trailing\n\n\n', ' indented\ntext', 'a\n\nb'],
      numbersAsStrings: [
        '1',
        '1.0',
        '0777',
        '0x1F',
        '1_000',
        '1:20',
        '.inf',
        '-.inf',
        '.nan',
        '1e5'
      ],
      nulls: [null, '~', 'null', 'Null', 'NULL'],
      booleans: [true, false, 'yes', 'no', 'on', 'off', 'y', 'n', 'True', 'FALSE'],
      dates: ['2020-01-01', '2020-1-1', '2020-01-01T10:00:00Z', '2020-01-01 10:00:00.5 +01:00'],
      numbers: [0, -1, 1.5, -0, 1e21, 1e-7, 2 ** 53 + 2, NaN, Infinity, -Infinity],
      empty: { map: {}, list: [], nested: [[], {}, [[]], [{}]] },
      lists: [[1, [2, [3]]], [{ a: 1, b: [{ c: null }] }], ['x', { y: 'z' }]],
      unicode: ['é', '😀', 'Ω≈', '\u0085', '\u2028', '\x1b', '\x00', '\t', '\r\n'],
      __proto__: 'not a prototype' as unknown
    }
    Object.defineProperty(doc, '__proto__', { value: { polluted: true }, enumerable: true })
    const text = stringifyYaml(doc)
    expect(expectAgrees(text)).toBe(true)
    expect(parseStoredYaml(text, 'edge.yaml')).toStrictEqual(parseYaml(text, 'edge.yaml'))
    // A text that starts with an empty line (`|-` then a blank line) is left to js-yaml.
    expect(expectAgrees(stringifyYaml({ multi: '\nleading' }))).toBe(false)
    for (const part of Object.keys(doc)) {
      expectAgrees(stringifyYaml({ [part]: (doc as Record<string, unknown>)[part] }))
    }
  })

  it('types plain scalars as js-yaml does', () => {
    const tokens = (
      '~ null Null NULL nul n y yes No ON off True fAlse 0 -0 +1 0777 0x1F 0b101 1_000 1:20 -1:20:30 ' +
      '1.5 -.5 .5 1e5 1.0e+5 .inf -.Inf .NaN 2020-01-01 2020-1-1T10:00:00Z -x . x1'
    ).split(' ')
    for (const token of tokens) {
      const expected = (parseYaml(`k: ${token}\n`, 't.yaml') as { k: unknown }).k
      expect(resolvePlain(token).value).toStrictEqual(expected)
    }
  })

  it('leaves YAML outside the subset to js-yaml', () => {
    for (const text of [
      'a: 1 # comment\n',
      '# comment\na: 1\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: {b: 1}\n',
      'a: [1, 2]\n',
      'a: >\n  folded\n',
      "a: 'multi\n  line'\n",
      '---\na: 1\n',
      'a:\n    b: 1\n',
      'a:\n\n  b: 1\n',
      'a: 1',
      '? a\n: 1\n',
      'base: {x: 1}\nm:\n  <<: {y: 2}\n',
      'a:\tb\n',
      'a: b\r\n'
    ]) {
      expect(readWrittenYaml(text, resolvePlain)).toBeUndefined()
      expect(parseStoredYaml(text, 'hand.yaml')).toStrictEqual(parseYaml(text, 'hand.yaml'))
    }
  })

  it('names the file and line of a malformed document, as js-yaml does', () => {
    expect(() => parseStoredYaml('a: 1\n  b: 2\n', 'bad.yaml')).toThrow(/bad\.yaml:\d/)
  })
})
