import { describe, expect, it, beforeAll } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSetPairs, splitSetArgs } from '../../src/core/set-args.js'
import { UsageError } from '../../src/errors.js'

describe('splitSetArgs', () => {
  it('splits pairs on | only when a path= follows', () => {
    expect(splitSetArgs(['a=1|b=2', 'c=x|y', 'cmd=echo a | grep b=c'])).toEqual([
      'a=1',
      'b=2',
      'c=x|y',
      'cmd=echo a | grep b=c'
    ])
  })
  it('treats \\| as a literal pipe', () => {
    expect(splitSetArgs(['a=x\\|b=2'])).toEqual(['a=x|b=2'])
  })
})

describe('parseSetPairs', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'set-args-'))
    writeFileSync(join(dir, 'v.json'), '{"a": [1, 2], "b": "x"}')
    writeFileSync(join(dir, 'v.yaml'), 'a:\n  - 1\nb: x\n')
    writeFileSync(join(dir, 'v.txt'), 'line one\n  line two: with colon\nline three\n')
  })

  it('splits on the first = and keeps the rest of the value', () => {
    expect(parseSetPairs(['state.url=http://x/?a=1&b=2'], dir)).toEqual([
      { path: 'state.url', value: 'http://x/?a=1&b=2' }
    ])
  })

  it('sets an empty string for k=', () => {
    expect(parseSetPairs(['state.k='], dir)).toEqual([{ path: 'state.k', value: '' }])
  })

  it('reads file:// as JSON, then YAML, then raw text kept intact', () => {
    const [json, yaml, text] = parseSetPairs(
      ['a=file://v.json', 'b=file://v.yaml', 'c=file://v.txt'],
      dir
    )
    expect(json?.value).toEqual({ a: [1, 2], b: 'x' })
    expect(yaml?.value).toEqual({ a: [1], b: 'x' })
    expect(text?.value).toBe('line one\n  line two: with colon\nline three\n')
  })

  it('fails clearly on a missing file or a pair without =', () => {
    expect(() => parseSetPairs(['a=file://nope.json'], dir)).toThrow(
      '--set a: file not found: nope.json'
    )
    expect(() => parseSetPairs(['novalue'], dir)).toThrow(UsageError)
  })
})
