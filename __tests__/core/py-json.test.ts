import { describe, expect, it } from '@jest/globals'
import { pyJsonDumps } from '../../src/core/py-json.js'

describe("pyJsonDumps matches Python's json.dumps", () => {
  it('uses Python separators and escapes non-ASCII', () => {
    expect(pyJsonDumps(['a', 'b'])).toBe('["a", "b"]')
    expect(pyJsonDumps({ a: 1, b: [true, null] })).toBe('{"a": 1, "b": [true, null]}')
    expect(pyJsonDumps('héllo 😀')).toBe('"h\\u00e9llo \\ud83d\\ude00"')
    expect(pyJsonDumps('é', { ensureAscii: false })).toBe('"é"')
  })
  it('indents like Python and sorts keys on request', () => {
    expect(pyJsonDumps({ b: 1, a: [1] }, { indent: 2, sortKeys: true })).toBe(
      '{\n  "a": [\n    1\n  ],\n  "b": 1\n}'
    )
    expect(pyJsonDumps({}, { indent: 2 })).toBe('{}')
  })
})
