import { describe, expect, it } from '@jest/globals'
import { renderInterpolation } from '../../../src/core/templating/interpolate.js'
import { renderOne } from '../../../src/core/renderer.js'
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
  const tricky = {
    msg: 'Quote " backslash \\ json {"a": [1]} <b>&\'x\' ünï 😀\nline2\u2028',
    n: 1.5,
    flag: false,
    nothing: null,
    list: ['a', 2, true, null, { k: 'v' }],
    obj: { z: 1, a: ['<', '>'], s: "it's" }
  }
  const filteredForms = Object.keys(tricky).flatMap((k) => [
    `"{{ ${k} | json_dumps(stripLeadingTrailingQuotes=True) }}"`,
    `{{ ${k}|json_dumps }}`,
    `{{ ${k} | json_dumps() }}`,
    `{{ ${k} | tojson }}`
  ])
  it.each(filteredForms)('renders %s exactly as the engine does', (tmpl) => {
    const quick = renderInterpolation(tmpl, tricky)
    expect(quick).toBeDefined()
    expect(quick).toBe(renderTemplate(tmpl, tricky))
  })

  it('renders a typical notify payload without the engine', () => {
    const payload =
      '{"channel": "{{ channel }}", "text": "{{ notify.message | json_dumps(stripLeadingTrailingQuotes=True) }}"}\n'
    const ctx = { channel: 'C1', notify: { message: tricky.msg } }
    expect(renderInterpolation(payload, ctx)).toBe(renderTemplate(payload, ctx))
    expect(JSON.parse(renderInterpolation(payload, ctx) as string)).toEqual({
      channel: 'C1',
      text: tricky.msg
    })
  })

  it('leaves filtered undefined values and other filter forms to the engine', () => {
    expect(renderInterpolation('{{ missing | tojson }}', tricky)).toBeUndefined()
    expect(renderInterpolation('{{ msg | json_dumps(indent=2) }}', tricky)).toBeUndefined()
    expect(
      renderInterpolation('{{ msg | json_dumps(stripLeadingTrailingQuotes=False) }}', tricky)
    ).toBeUndefined()
  })

  it('leaves a name that a document macro shadows to the engine', () => {
    const withMacro = {
      ...context,
      hello: 'data',
      jinja2Macros: { byName: { hello: '…' }, all: '' }
    }
    expect(renderInterpolation('{{ hello }}', withMacro)).toBeUndefined()
    expect(renderInterpolation('{{ plain }}', withMacro)).toBe('p')
  })
  it.each(deferred)('leaves %j to the engine', (tmpl) => {
    expect(renderInterpolation(tmpl, context)).toBeUndefined()
  })
})

describe('line endings: the quick paths and the engine agree byte for byte', () => {
  const values = { who: 'w', multi: 'x\r\ny\n' }
  const bodies = ['a{{ who }}', 'a', '{{ multi }}', '', 'a{{ who }}{{ multi }}b']
  const endings = ['\r\n', '\r', '\n']
  const templates = bodies.flatMap((body) =>
    endings.flatMap((eol) => [
      `${body}${eol}`,
      `${body}${eol}b${eol}`,
      `${body}${eol}${eol}`,
      `${eol}${body}`
    ])
  )
  it.each(templates)('renderOne(%j) is the engine output', async (tmpl) => {
    const engine = renderTemplate(tmpl, values)
    expect(await renderOne(tmpl, values, 't')).toBe(engine)
    const quick = renderInterpolation(tmpl, values)
    if (quick !== undefined) expect(quick).toBe(engine)
  })

  it("renders 'a\\r\\nb\\r\\n' as the engine does: 'a\\nb'", async () => {
    expect(renderTemplate('a\r\nb\r\n', {})).toBe('a\nb')
    expect(await renderOne('a\r\nb\r\n', {}, 't')).toBe('a\nb')
    expect(renderInterpolation('{{ who }}\r\nb\r\n', values)).toBe('w\nb')
  })
})
