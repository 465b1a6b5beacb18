import { describe, expect, it } from '@jest/globals'
import { queryValue, tryQueryValue } from '../../src/core/jsonpath.js'
import { PathError } from '../../src/errors.js'

const doc = {
  state: {
    key1: 'v1',
    list: ['a', 'b', 'c'],
    'my-key': 'dash',
    zero: 0,
    no: false,
    'with space': 1
  },
  a: { b: [{ c: 1 }, { c: 2 }, { d: 3 }] }
}

describe('JSONPath in the jsonpath-ng dialect', () => {
  it('reads plain paths (walked directly): fields, indexes, quoted keys, $ prefix', async () => {
    expect(await queryValue(doc, 'state.key1')).toEqual({ found: true, value: 'v1' })
    expect(await queryValue(doc, '$.state.key1')).toEqual({ found: true, value: 'v1' })
    expect(await queryValue(doc, 'state.list[2]')).toEqual({ found: true, value: 'c' })
    expect((await queryValue(doc, 'state.my-key')).value).toBe('dash')
    expect((await queryValue(doc, "state['my-key']")).value).toBe('dash')
    expect((await queryValue(doc, 'state["with space"]')).value).toBe(1)
    expect(await queryValue(doc, 'state.list[9]')).toEqual({ found: false, value: undefined })
    expect(await queryValue(doc, 'state.key1.deeper')).toEqual({ found: false, value: undefined })
    expect(await queryValue(doc, 'state.constructor')).toEqual({ found: false, value: undefined })
  })

  it('reads wildcards, descendants and slices through the full engine', async () => {
    expect(await queryValue(doc, 'a.b[*].c')).toEqual({ found: true, value: [1, 2] })
    expect(await queryValue(doc, '$..d')).toEqual({ found: true, value: 3 })
    expect((await queryValue(doc, 'state.list[0:2]')).value).toEqual(['a', 'b'])
    expect((await queryValue(doc, 'state.list[-1:]')).value).toBe('c')
  })

  it('finds falsy values and reports no match', async () => {
    expect(await queryValue(doc, 'state.zero')).toEqual({ found: true, value: 0 })
    expect(await queryValue(doc, 'state.no')).toEqual({ found: true, value: false })
    expect(await queryValue(doc, 'state.missing')).toEqual({ found: false, value: undefined })
  })

  it('rejects malformed expressions and script filters', async () => {
    await expect(queryValue(doc, 'state.list[0')).rejects.toThrow(PathError)
    await expect(queryValue(doc, 'state.')).rejects.toThrow(PathError)
    await expect(queryValue(doc, 'a.b[?(@.c==1)]')).rejects.toThrow(/not supported/)
    expect(await tryQueryValue(doc, 'x=1 y=2')).toEqual({ found: false, value: undefined })
  })
})
