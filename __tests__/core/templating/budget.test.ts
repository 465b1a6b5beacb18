import { describe, expect, it } from '@jest/globals'
import { TemplateError } from '../../../src/errors.js'
import { MAX_CALL_DEPTH, MAX_STEPS, MAX_TEXT } from '../../../src/core/templating/budget.js'
import { renderTemplate } from '../../../src/core/templating/render.js'

/** Issue 7 item 8: limits per render, not per call, each failure naming the template. */

function failure(template: string, context: Record<string, unknown> = {}): string {
  try {
    renderTemplate(template, context, { name: 'notify.message' })
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError)
    const message = (err as Error).message
    expect(message.split('\n')).toHaveLength(1)
    return message
  }
  throw new Error(`expected ${JSON.stringify(template)} to fail`)
}

describe('render budget', () => {
  it('two nested loops over range(100000) fail fast, naming the template', () => {
    const message = failure(
      '{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}'
    )
    expect(message).toMatch(/^template error in notify\.message at line 1: /)
    expect(message).toContain(`more than ${MAX_STEPS} steps`)
  })

  it('loops that output nothing are bounded too', () => {
    expect(
      failure('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}')
    ).toContain(`more than ${MAX_STEPS} steps`)
  })

  it('a loop that calls an O(n) method each time is charged for the items walked', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i)
    expect(
      failure('{% for i in range(100000) %}{% if 1 in big %}{% endif %}{% endfor %}', { big })
    ).toContain(`more than ${MAX_STEPS} steps`)
    expect(
      failure('{% for i in range(100000) %}{% set s = big|sort %}{% endfor %}', { big })
    ).toContain(`more than ${MAX_STEPS} steps`)
  })

  it('a macro that calls itself twice per level (exponential, shallow) is bounded', () => {
    const macro =
      '{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}'
    expect(failure(macro)).toContain(`more than ${MAX_STEPS} steps`)
  })

  it('unbounded recursion stops at the call depth limit', () => {
    expect(failure('{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}')).toContain(
      `calls nested deeper than ${MAX_CALL_DEPTH}`
    )
  })

  it('output and built strings are capped', () => {
    expect(
      failure('{% for i in range(100000) %}{{ chunk }}{% endfor %}', { chunk: 'x'.repeat(100) })
    ).toContain(`the output is longer than ${MAX_TEXT} characters`)
    expect(
      failure(
        '{% set s = "xxxxxxxx" %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s|length }}'
      )
    ).toContain(`a string built with ~ is longer than ${MAX_TEXT} characters`)
    expect(failure('{{ "x"|center(1000000000) }}')).toContain('center() width is longer than')
  })

  it('each render has its own budget: renders that together exceed it all succeed', () => {
    // About 200,000 steps each (the range's items and the iterations): six exceed one budget.
    const template = '{% for i in range(100000) %}{% endfor %}{{ n }}'
    for (let n = 0; n < 6; n++) {
      expect(renderTemplate(template, { n }, { name: 't' })).toBe(String(n))
    }
  })

  it('typical templates are far below the limits', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ name: `r${i}`, tags: ['a', 'b'] }))
    const out = renderTemplate(
      '{% for r in rows %}{{ r.name }}:{{ r.tags|join(",") }}{% if "a" in r.tags %}!{% endif %};{% endfor %}',
      { rows },
      { name: 't' }
    )
    expect(out.split(';')).toHaveLength(2001)
  })
})
