import { describe, expect, it } from '@jest/globals'
import { revisionName, revisionOf, revisionPrefix } from '../../src/stores/artifact-archive.js'
import { mergeChanges } from '../../src/stores/artifact-merge.js'

describe('revision names', () => {
  it('escape every character GitHub forbids, one-to-one', () => {
    expect(revisionName('app/pr-7', 12)).toBe('cicdstatemgr-state-app%2Fpr-7.r0000000012')
    expect(revisionPrefix('a/b')).not.toBe(revisionPrefix('a_b'))
    expect(revisionPrefix('50%')).toBe('cicdstatemgr-state-50%25.r')
    expect(revisionName('x:"<>|*?\\\n', 1)).not.toMatch(/[":<>|*?\\/\r\n]/)
  })

  it('read the revision back only for the same id', () => {
    expect(revisionOf('a', revisionName('a', 7))).toBe(7)
    expect(revisionOf('a', revisionName('a.r0000000001', 7))).toBeUndefined()
    expect(revisionOf('a', 'cicdstatemgr-state-a.r12')).toBeUndefined()
  })
})

describe('mergeChanges (three-way)', () => {
  it('applies what the fork changed and keeps what the current line changed', () => {
    const base = { state: { a: 1, b: 1, list: ['x'], gone: true } }
    const fork = { state: { a: 1, b: 2, list: ['x', 'y'], added: 'f' } }
    const current = { state: { a: 5, b: 1, list: ['x'], gone: true, mine: 'c' } }
    expect(mergeChanges(base, fork, current)).toEqual({
      state: { a: 5, b: 2, list: ['x', 'y'], added: 'f', mine: 'c' }
    })
  })
})
