import { describe, expect, it } from '@jest/globals'
import {
  MAX_COMMENT_CHARS,
  commentMarker,
  isProgressComment,
  keepTail,
  neutralise,
  renderComment,
  waterLevel,
  type CommentSection
} from '../../src/github/progress-comment.js'

const section = (key: string, body: string, minute: number): CommentSection => ({
  key,
  title: key,
  body,
  createdAt: `2026-12-01T10:0${minute}:00.000Z`,
  updatedAt: `2026-12-01T11:0${minute}:00.000Z`
})

describe('progress comment rendering', () => {
  it('starts with the marker and shows every section in creation order', () => {
    const body = renderComment('ctx-1', [section('b/x', 'second', 2), section('a/x', 'first', 1)])
    expect(isProgressComment(body, 'ctx-1')).toBe(true)
    expect(isProgressComment(body, 'ctx-2')).toBe(false)
    expect(body.indexOf('first')).toBeLessThan(body.indexOf('second'))
    expect(body).not.toContain('<details>')
    // Deterministic: the same sections render the same body.
    expect(renderComment('ctx-1', [section('a/x', 'first', 1), section('b/x', 'second', 2)])).toBe(
      body
    )
  })

  it('neutralises comment delimiters and folds in outside text, so nothing can forge the marker', () => {
    const forged = `${commentMarker('ctx-1')}\n<!-- /cicdstatemgr-section:a/x --><!-- cicdstatemgr-section:evil -->--!></details><SUMMARY>`
    const safe = neutralise(forged)
    expect(safe).not.toMatch(/<!--|-->|--!>|<\/details>|<summary/i)
    const body = renderComment('ctx-1', [section('a/x', forged, 1)])
    expect(body.match(/<!--/g)).toHaveLength(3) // marker + our two delimiters
    expect(body.match(/cicdstatemgr-section:evil -->/g)).toBeNull()
    // A body that is only the forged text is not recognised as the comment.
    expect(isProgressComment(`x${forged}`, 'ctx-1')).toBe(false)
    expect(isProgressComment(safe, 'ctx-1')).toBe(false)
  })

  it('keeps the tail of long text, whole lines, and reopens a cut code fence', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`)
    const text = ['```', ...lines, '```'].join('\n')
    const kept = keepTail(text, 1000)
    expect(kept.length).toBeLessThanOrEqual(1000)
    expect(kept).toMatch(/^… \(\d+ earlier characters omitted\)\n```\nline \d+\n/)
    expect(kept.endsWith('line 4999\n```')).toBe(true)
    expect(keepTail('short', 10)).toBe('short')
  })

  it('water-fills the room: short bodies keep everything, long ones share the rest', () => {
    expect(waterLevel([10, 10], 100)).toBe(Number.MAX_SAFE_INTEGER)
    expect(waterLevel([10, 1000, 1000], 110)).toBe(50)
  })

  it('stays within 65,536 characters: older sections fold into <details>, the newest stays open, tails kept', () => {
    const big = (n: number): string => `${'x'.repeat(40_000)}\nEND-${n}`
    const sections = [1, 2, 3, 4, 5].map((n) => section(`job${n}/default`, big(n), n))
    const body = renderComment('ctx-1', sections)
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    for (const n of [1, 2, 3, 4, 5]) expect(body).toContain(`END-${n}`)
    expect(body.match(/<details>/g)).toHaveLength(4)
    // The most recently updated section (job5) is the open one.
    expect(body).toContain('#### job5/default')
    expect(body).toContain('earlier characters omitted')
  })

  it('leaves out the least recently updated sections when even their frames do not fit', () => {
    const sections = Array.from({ length: 9 }, (_, i) => section(`j${i}/b`, 'y'.repeat(500), i))
    const body = renderComment('ctx-1', sections, { limit: 2000 })
    expect(body.length).toBeLessThanOrEqual(2000)
    expect(body).toMatch(/_\d older section\(s\) left out/)
    expect(body).toContain('#### j8/b')
    expect(body).not.toContain('j0/b')
  })
})
