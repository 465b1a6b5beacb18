import { describe, expect, it } from '@jest/globals'
import { parseYaml, stringifyYaml } from '../../src/core/yaml.js'
import { ConfigError } from '../../src/errors.js'

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
    expect(text).toContain('s1: "yes"')
    expect(text).toContain('s4: "2020-01-01"')
    expect(parseYaml(text, 'round-trip')).toEqual(value)
  })

  it('names the file and line of a syntax error', () => {
    expect(() => parseYaml('a: 1\nb: [1,\nc: d\n  e: f: g\n', 'bad.yaml')).toThrow(ConfigError)
    expect(() => parseYaml('a: 1\n  b: 2\n', 'bad.yaml')).toThrow(
      /^malformed YAML in bad\.yaml:\d+: /
    )
  })
})
