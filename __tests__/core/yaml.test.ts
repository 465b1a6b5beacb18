import { describe, expect, it } from '@jest/globals'
import { checkWritable, MAX_NESTING, parseYaml, stringifyYaml } from '../../src/core/yaml.js'
import { ConfigError, PathError } from '../../src/errors.js'

describe('YAML as PyYAML reads and writes it', () => {
  it('parses YAML 1.1 scalars and merge keys, keeping timestamps as strings', () => {
    const doc = parseYaml(
      'y: n\na: yes\nb: 2020-01-01\nc: on\nd: 0777\ne: "yes"\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\nt: |\n  line1\n  line2\n',
      'f.yaml'
    )
    expect(doc).toEqual({
      y: 'n',
      a: true,
      b: '2020-01-01',
      c: true,
      d: 511,
      e: 'yes',
      base: { x: 1 },
      m: { x: 1, y: 2 },
      t: 'line1\nline2\n'
    })
  })

  it('quotes strings that YAML 1.1 would read as other types, and round-trips', () => {
    const value = {
      s1: 'yes',
      s2: 'on',
      s3: '0777',
      s4: '2020-01-01',
      s5: 'multi\nline\n',
      s6: '1_000',
      n: 5,
      b: true,
      nul: null,
      long: 'x '.repeat(80)
    }
    const text = stringifyYaml(value)
    expect(text).toContain("s1: 'yes'")
    expect(text).toContain("s4: '2020-01-01'")
    expect(parseYaml(text, 'round-trip')).toEqual(value)
  })

  it('writes numbers PyYAML reads back as numbers', () => {
    const text = stringifyYaml({ big: 2 ** 70, small: 1e-7, half: 0.5, neg: -3, inf: Infinity })
    expect(text).toBe('big: 1180591620717411303424\nsmall: 1.0e-7\nhalf: 0.5\nneg: -3\ninf: .inf\n')
    expect(parseYaml(text, 'numbers')).toEqual({
      big: 2 ** 70,
      small: 1e-7,
      half: 0.5,
      neg: -3,
      inf: Infinity
    })
  })

  it('keeps a float without a dot as a string, as PyYAML does', () => {
    expect(parseYaml('a: 1e3\nb: 1.5e+3\nc: 0b101\nd: 0x1F\ne: 1_000\nf: 1:30\n', 'f')).toEqual({
      a: '1e3',
      b: 1500,
      c: 5,
      d: 31,
      e: 1000,
      f: 90
    })
  })

  it('lets a later duplicate key win and refuses alias bombs', () => {
    expect(parseYaml('a: 1\na: 2\n', 'dup')).toEqual({ a: 2 })
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(', ')}]`
      )
    expect(() => parseYaml(bomb.join('\n'), 'bomb.yaml')).toThrow(
      /bomb\.yaml: YAML expands to more than/
    )
  })

  it('sizes shared nodes once: a wide, deep bomb is refused at once and sharing within limits passes', () => {
    // Two references per level, 60 levels: 2^60 values expanded, 60 distinct nodes.
    const deep = ['l0: &l0 [x, y]']
    for (let i = 1; i <= 60; i++) deep.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`)
    const started = Date.now()
    expect(() => parseYaml(deep.join('\n'), 'deep.yaml')).toThrow(
      /^deep\.yaml: YAML expands to more than 2000000 values \(alias bomb\?\)$/
    )
    expect(Date.now() - started).toBeLessThan(2000)
    // Merge keys through aliases count too, and ordinary reuse stays fine.
    expect(parseYaml('base: &b {k: 1}\nx: {<<: *b, j: 2}\ny: *b\n', 'ok.yaml')).toEqual({
      base: { k: 1 },
      x: { k: 1, j: 2 },
      y: { k: 1 }
    })
  })

  it('names the file and line of a syntax error', () => {
    expect(() => parseYaml('a: 1\nb: [1,\nc: d\n  e: f: g\n', 'bad.yaml')).toThrow(ConfigError)
    expect(() => parseYaml('a: 1\n  b: 2\n', 'bad.yaml')).toThrow(
      /^malformed YAML in bad\.yaml:\d+: /
    )
  })
})

describe('what is written can always be read back (issue 7 item 3)', () => {
  /** `levels` values deep (the document itself is level 1), built from random maps and lists. */
  function nested(levels: number, seed: number): unknown {
    let v: unknown = ['x', {}, [], 'a\nb', 3][seed % 5]
    for (let i = 2; i < levels; i++) {
      const r = (seed * 31 + i * 7) % 4
      v = r === 0 ? { a: v } : r === 1 ? [v] : r === 2 ? [1, v, 2] : { a: 1, b: v, c: 'z' }
    }
    return { root: v }
  }

  it(`every shape up to MAX_NESTING (${MAX_NESTING}) levels round-trips`, () => {
    for (let seed = 0; seed < 60; seed++) {
      const doc = nested(MAX_NESTING, seed)
      expect(parseYaml(stringifyYaml(doc), 'doc.yaml')).toEqual(doc)
    }
  })

  it('one level more is refused by the writer, with the limit and the path in the message', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < MAX_NESTING; i++) deep = { a: deep }
    expect(() => stringifyYaml(deep)).toThrow(PathError)
    expect(() => stringifyYaml(deep)).toThrow(
      /^YAML document: 'a\.a\.a\.a\.…\.a' is nested deeper than 99 levels, the most the YAML reader accepts/
    )
    expect(() => checkWritable({ l: [[[[{ k: 'v' }]]]] }, 'doc')).not.toThrow()
  })

  it('the reader and the writer agree: the deepest writable document is read back', () => {
    let deepest: unknown = 'x'
    for (let i = 0; i < MAX_NESTING - 1; i++) deepest = { a: deepest }
    expect(parseYaml(stringifyYaml(deepest), 'doc.yaml')).toEqual(deepest)
  })

  it('odd keys and strings round-trip (long, multi-line, control characters, merge-like, surrogates)', () => {
    const doc = {
      ['k'.repeat(2000)]: { nested: 1 },
      '<<': { a: 1 },
      'a\nb': 1,
      'a\u0001b': 'x\u0000y',
      '': 'empty key',
      '? x': '- y',
      '~': null,
      lone: '\ud800',
      nel: 'x\u0085y\u2028z',
      star: '*alias &anchor',
      big: 2 ** 60
    }
    expect(parseYaml(stringifyYaml(doc), 'doc.yaml')).toEqual(doc)
  })
})
