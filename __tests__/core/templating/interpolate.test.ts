import { describe, expect, it } from '@jest/globals'
import { renderInterpolation } from '../../../src/core/templating/interpolate.js'
import { renderTemplate } from '../../../src/core/templating/render.js'

const context = {
  ctx: { who: 'world', n: 42, flag: true, nothing: null, list: ['a'], obj: { x: 1 } },
  plain: 'p'
}

describe('interpolation fast path', () => {
  const same = [
    'hello {{ ctx.who }}',
    '{{ctx.n}} items\n',
    'a {{ plain }} b {{ ctx.who }}\n\n',
    'no markers at all'
  ]
  it.each(same)('renders %j exactly as the engine does', (tmpl) => {
    expect(renderInterpolation(tmpl, context)).toBe(renderTemplate(tmpl, context))
  })

  const deferred = [
    '{{ ctx.flag }}',
    '{{ ctx.nothing }}',
    '{{ ctx.list }}',
    '{{ ctx.obj }}',
    '{{ ctx.missing }}',
    '{{ missing.attr }}',
    '{{ ctx.who | upper }}',
    '{{ ctx.who() }}',
    '{% if x %}y{% endif %}',
    '{# c #}{{ ctx.who }}',
    '{{- ctx.who }}',
    '{{ ctx.constructor }}',
    '{{ process }}',
    '{{ ctx["who"] }}'
  ]
  it.each(deferred)('leaves %j to the engine', (tmpl) => {
    expect(renderInterpolation(tmpl, context)).toBeUndefined()
  })
})
