import { describe, expect, it } from '@jest/globals'
import { parseGets } from '../src/inputs.js'
import { UsageError } from '../src/errors.js'

describe('get lines', () => {
  it('name outputs explicitly or after the expression', () => {
    expect(parseGets(['state.appVersion', 'tags = state.tags[*]', "state['my-key']"])).toEqual([
      { name: 'state_appVersion', expression: 'state.appVersion' },
      { name: 'tags', expression: 'state.tags[*]' },
      { name: 'state__my-key__', expression: "state['my-key']" }
    ])
  })

  it('refuse duplicate and reserved output names', () => {
    expect(() => parseGets(['a=state.x', 'a=state.y'])).toThrow(
      /two lines produce the output name 'a'/
    )
    expect(() => parseGets(['value=state.x'])).toThrow(UsageError)
    expect(() => parseGets(['results=state.x'])).toThrow(/'results' is reserved/)
  })
})
