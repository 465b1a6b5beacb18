import { describe, expect, it } from '@jest/globals'
import { cloneJson } from '../../src/core/clone-json.js'
import { parseYaml } from '../../src/core/yaml.js'

/** Every object and array reachable from `v`. */
function containers(v: unknown, out = new Set<object>()): Set<object> {
  if (v !== null && typeof v === 'object') {
    out.add(v)
    for (const child of Object.values(v)) containers(child, out)
  }
  return out
}

describe('cloneJson', () => {
  it('copies JSON-like values deeply, sharing no object or array with the original', () => {
    const value = {
      s: 'x',
      n: 1.5,
      i: -3,
      b: false,
      z: null,
      list: [1, 'two', { three: [3] }, [], {}],
      nested: { a: { b: { c: ['d'] } } }
    }
    const copy = cloneJson(value)
    expect(copy).toStrictEqual(value)
    expect(copy).toStrictEqual(structuredClone(value))
    const originals = containers(value)
    for (const c of containers(copy)) expect(originals.has(c)).toBe(false)
    copy.nested.a.b.c.push('e')
    copy.list.push(4)
    expect(value.nested.a.b.c).toEqual(['d'])
    expect(value.list).toHaveLength(5)
  })

  it('keeps key order, integer-like keys included', () => {
    const value = JSON.parse('{"b": 1, "a": 2, "10": 3, "2": 4, "_": {"y": 1, "x": 2}}') as object
    const copy = cloneJson(value)
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value))
    expect(Object.keys(copy)).toEqual(Object.keys(structuredClone(value)))
  })

  it('copies a __proto__ key from JSON or YAML as an own data key, never as a prototype', () => {
    for (const value of [
      JSON.parse('{"a": {"__proto__": {"polluted": true}, "b": 1}}') as Record<string, object>,
      parseYaml('a:\n  __proto__:\n    polluted: true\n  b: 1\n', 't.yaml') as Record<
        string,
        object
      >
    ]) {
      const copy = cloneJson(value)
      const inner = copy.a as Record<string, unknown>
      expect(Object.getPrototypeOf(inner)).toBe(Object.prototype)
      expect(Object.hasOwn(inner, '__proto__')).toBe(true)
      expect(Object.keys(inner)).toEqual(['__proto__', 'b'])
      expect(inner.__proto__).toEqual({ polluted: true })
      expect(inner.__proto__).not.toBe((value.a as Record<string, unknown>).__proto__)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(JSON.stringify(copy)).toBe(JSON.stringify(value))
    }
  })

  it('returns scalars as they are and copies null-prototype objects as plain ones', () => {
    expect(cloneJson('s')).toBe('s')
    expect(cloneJson(null)).toBe(null)
    expect(cloneJson(0)).toBe(0)
    const bare = Object.assign(Object.create(null) as object, { k: [1] })
    const copy = cloneJson(bare)
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(copy).toEqual({ k: [1] })
  })

  it('leaves what is not JSON-like to structuredClone: the same copies, the same refusals', () => {
    const date = new Date(0)
    const copy = cloneJson({ when: date, map: new Map([['k', 1]]) })
    // structuredClone builds its copies in Node's realm, not the test's: compare by tag and time.
    expect(Object.prototype.toString.call(copy.when)).toBe('[object Date]')
    expect(copy.when.getTime()).toBe(0)
    expect(copy.when).not.toBe(date)
    expect(copy.map.get('k')).toBe(1)
    expect(() => cloneJson({ f: () => 1 })).toThrow(/could not be cloned/)
  })

  it('copies values deeper than its own walk goes (a JSON primary may hold them) as structuredClone does', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 1500; i++) deep = i % 2 ? { k: deep } : [deep]
    const copy = cloneJson(deep)
    expect(JSON.stringify(copy)).toBe(JSON.stringify(deep))
    expect(copy).not.toBe(deep)
  })
})
