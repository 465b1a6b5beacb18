import { describe, expect, it } from '@jest/globals'
import { writeYamlFast } from '../../src/core/yaml-fast-writer.js'
import { SCALARS, stringifyYaml, stringifyYamlWithJsYaml } from '../../src/core/yaml.js'
import { generator } from '../helpers/yaml-documents.js'

describe('the fast writer of our YAML', () => {
  it('writes byte for byte what js-yaml writes, for thousands of generated documents', () => {
    let written = 0
    for (const seed of [1, 2, 3]) {
      const next = generator(seed)
      for (let i = 0; i < 1500; i++) {
        const doc = next()
        const expected = stringifyYamlWithJsYaml(doc)
        const text = writeYamlFast(doc, SCALARS)
        if (text === undefined) continue
        written++
        if (text !== expected) throw new Error(`differs from js-yaml:\n${expected}\n---\n${text}`)
        expect(stringifyYaml(doc)).toBe(expected)
      }
    }
    // Nearly all are in the fast writer's reach, or the comparison above would prove little.
    expect(written).toBeGreaterThan(4500 * 0.8)
  })

  it('writes the edge cases as js-yaml does', () => {
    const long = 'k'.repeat(1100)
    const docs: unknown[] = [
      {},
      { a: [] },
      { a: {} },
      { a: [[], {}, [[]], [{}], [[1, [2]]]] },
      { a: [{ b: [{ c: 'multi\nline\n' }], d: 'x' }] },
      { deep: { deeper: { deepest: ['  lead\ntext', 'keep\n\n', 'strip'] } } },
      { 'multi\nline key': 1 },
      { [long]: 'long key' },
      { k: long },
      { '': '', ' ': ' ', '-': '-', '<<': '<<', yes: 'yes', '1': 1, '~': null },
      { n: [0, -0, 1.5, 1e21, 1e-7, 2 ** 53 + 2, NaN, Infinity, -Infinity, true, false, null] },
      { u: ['é', '😀', '\u0085', '\u2028', '\x1b', '\x00', '\t', '\r\n', '\ufeff'] }
    ]
    const withProto = { a: 1 } as Record<string, unknown>
    Object.defineProperty(withProto, '__proto__', { value: { b: 'c' }, enumerable: true })
    docs.push(withProto)
    for (const doc of docs) expect(stringifyYaml(doc)).toBe(stringifyYamlWithJsYaml(doc))
  })

  it('refuses what js-yaml refuses', () => {
    expect(() => stringifyYaml({ f: () => 1 })).toThrow()
    expect(() => stringifyYaml({ b: BigInt(1) })).toThrow()
  })
})
