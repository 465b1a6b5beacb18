import { describe, expect, it } from '@jest/globals'
import { deepMerge } from '../../src/core/merge.js'
import { setAtPath } from '../../src/core/prop-path.js'
import type { JsonObject } from '../../src/core/types.js'
import { PathError } from '../../src/errors.js'

describe('setAtPath (--set semantics)', () => {
  it('creates intermediate mappings', () => {
    const doc: JsonObject = {}
    setAtPath(doc, 'state.a.b', 'x')
    expect(doc).toEqual({ state: { a: { b: 'x' } } })
  })

  it('appends comma-split items with [] and keeps order', () => {
    const doc: JsonObject = { state: {} }
    setAtPath(doc, 'state.list[]', 'a,b')
    setAtPath(doc, 'state.list[]', 'b,c')
    expect(doc.state).toEqual({ list: ['a', 'b', 'b', 'c'] })
  })

  it('appends unique items in first-seen order with {}', () => {
    const doc: JsonObject = {}
    setAtPath(doc, 'state.tags{}', 'b,a,b')
    setAtPath(doc, 'state.tags{}', 'c,a')
    expect(doc).toEqual({ state: { tags: ['b', 'a', 'c'] } })
  })

  it('clears a list with the value []', () => {
    const doc: JsonObject = { state: { list: ['a'] } }
    setAtPath(doc, 'state.list[]', '[]')
    expect(doc).toEqual({ state: { list: [] } })
    setAtPath(doc, 'state.set{}', '[]')
    expect(doc).toEqual({ state: { list: [], set: [] } })
  })

  it('refuses to cross a scalar instead of silently replacing it', () => {
    const doc: JsonObject = { state: { a: 'scalar' } }
    expect(() => setAtPath(doc, 'state.a.b', 'x')).toThrow(PathError)
    expect(() => setAtPath(doc, 'state.a.b', 'x')).toThrow(
      "cannot set 'state.a.b': 'state.a' is the string \"scalar\", not a mapping"
    )
    expect(doc).toEqual({ state: { a: 'scalar' } })
  })

  it('refuses to append to a non-list', () => {
    expect(() => setAtPath({ a: 'x' }, 'a[]', 'y')).toThrow(/not a list/)
  })

  it('rejects empty keys and inner [] markers', () => {
    expect(() => setAtPath({}, 'a..b', 'x')).toThrow(/empty key/)
    expect(() => setAtPath({}, 'a[].b', 'x')).toThrow(/only allowed at the end/)
  })
})

describe('prototype keys (issue 7 item 1)', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses %s anywhere in a path, naming the path',
    (segment) => {
      for (const path of [
        `${segment}.a`,
        `state.${segment}.a`,
        `state.a.${segment}`,
        `state.${segment}[]`
      ]) {
        const doc: JsonObject = { state: { a: {} } }
        expect(() => setAtPath(doc, path, '1')).toThrow(
          new PathError(`invalid property path '${path}': '${segment}' is not allowed as a key`)
        )
        expect(doc).toEqual({ state: { a: {} } })
      }
      expect(({} as Record<string, unknown>).a).toBeUndefined()
    }
  )

  it('walks only own keys: a data key named like an inherited member is created, not crossed', () => {
    const doc: JsonObject = {}
    setAtPath(doc, 'state.toString.x', '1')
    setAtPath(doc, 'state.valueOf[]', 'a')
    expect(doc).toEqual({ state: { toString: { x: '1' }, valueOf: ['a'] } })
  })

  it('sets inside a `__proto__` key that data brought in, without touching a prototype', () => {
    const doc = JSON.parse('{"state": {"__proto__": {"a": 1}}}') as JsonObject
    setAtPath(doc, 'state.b', '2')
    expect(Object.keys(doc.state as JsonObject)).toEqual(['__proto__', 'b'])
    expect(({} as Record<string, unknown>).b).toBeUndefined()
  })
})

describe('deepMerge keeps data keys as data', () => {
  it('a `__proto__` key from a file is merged as an own key, never as a prototype', () => {
    const base = JSON.parse('{"ctx": {"__proto__": {"enabled": false}, "a": 1}}') as JsonObject
    const over = JSON.parse('{"ctx": {"__proto__": {"b": 2}}, "__proto__": {"c": 3}}') as JsonObject
    const merged = deepMerge(base, over, '', ['base.yaml', 'app.yaml'])
    expect(JSON.stringify(merged)).toBe(
      '{"ctx":{"__proto__":{"enabled":false,"b":2},"a":1},"__proto__":{"c":3}}'
    )
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(merged.ctx)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).enabled).toBeUndefined()
  })
})
