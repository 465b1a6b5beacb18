import { describe, expect, it } from '@jest/globals'
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
