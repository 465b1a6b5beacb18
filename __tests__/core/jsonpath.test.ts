import { describe, expect, it } from '@jest/globals'
import { queryValue, tryQueryValue } from '../../src/core/jsonpath.js'
import { PathError } from '../../src/errors.js'

const doc = {
  state: { key1: 'v1', list: ['a', 'b', 'c'], 'my-key': 'dash', zero: 0, no: false },
  a: { b: [{ c: 1 }, { c: 2 }, { d: 3 }] }
}

describe('JSONPath in the jsonpath-ng dialect', () => {
  it('reads dotted paths, indexes, wildcards and descendants', () => {
    expect(queryValue(doc, 'state.key1')).toEqual({ found: true, value: 'v1' })
    expect(queryValue(doc, 'state.list[2]')).toEqual({ found: true, value: 'c' })
    expect(queryValue(doc, 'a.b[*].c')).toEqual({ found: true, value: [1, 2] })
    expect(queryValue(doc, '$..d')).toEqual({ found: true, value: 3 })
    expect(queryValue(doc, 'state.my-key').value).toBe('dash')
    expect(queryValue(doc, "state['my-key']").value).toBe('dash')
    expect(queryValue(doc, 'state.list[0:2]').value).toEqual(['a', 'b'])
  })

  it('finds falsy values and reports no match', () => {
    expect(queryValue(doc, 'state.zero')).toEqual({ found: true, value: 0 })
    expect(queryValue(doc, 'state.no')).toEqual({ found: true, value: false })
    expect(queryValue(doc, 'state.missing')).toEqual({ found: false, value: undefined })
  })

  it('rejects malformed expressions and script filters', () => {
    expect(() => queryValue(doc, 'state.list[0')).toThrow(PathError)
    expect(() => queryValue(doc, 'state.')).toThrow(PathError)
    expect(() => queryValue(doc, 'a.b[?(@.c==1)]')).toThrow(/not supported/)
    expect(tryQueryValue(doc, 'x=1 y=2')).toEqual({ found: false, value: undefined })
  })
})
