import { describe, it, expect } from '@jest/globals'
import { TemplateError } from '../../../src/errors.js'
import {
  getEnvironment,
  MAX_RANGE,
  RANDOM_MAX,
  RANDOM_MIN
} from '../../../src/core/templating/environment.js'
import { internals } from '../../../src/core/templating/nunjucks-internals.js'
import {
  isPlainText,
  renderPlainText,
  renderTemplate
} from '../../../src/core/templating/render.js'

const render = (template: string, context: Record<string, unknown> = {}): string =>
  renderTemplate(template, context, { name: 'test.tmpl' })

function errorOf(
  template: string,
  context: Record<string, unknown> = {},
  name?: string
): TemplateError {
  try {
    renderTemplate(template, context, name === undefined ? {} : { name })
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError)
    return err as TemplateError
  }
  throw new Error(`expected ${JSON.stringify(template)} to fail`)
}

describe('Jinja2 compatibility', () => {
  it('knows True, False and None', () => {
    expect(
      render('{% if True and not False %}yes{% endif %}|{{ "none" if x == None }}', { x: null })
    ).toBe('yes|none')
  })

  it('iterates dict.items() in document order', () => {
    const out = render(
      '{% for k, v in d.items() %}{{ k }}={{ v }}{{ "," if not loop.last }}{% endfor %}',
      {
        d: { b: 1, a: 2 }
      }
    )
    expect(out).toBe('b=1,a=2')
  })

  it('slices lists and strings, and indexes from the end', () => {
    expect(
      render('{{ l[1:] }}|{{ s[1:3] }}|{{ s[::-1] }}|{{ l[-1] }}|{{ s[-2] }}', {
        l: [1, 2, 3],
        s: 'abcd'
      })
    ).toBe('[2, 3]|bc|dcba|3|c')
  })

  it('does not escape HTML', () => {
    expect(render('{{ x }}', { x: '<b>"Tom" & \'Jerry\'</b>' })).toBe('<b>"Tom" & \'Jerry\'</b>')
  })

  it('renders an undefined name, or a missing attribute of a defined one, as empty', () => {
    expect(render('[{{ nothing }}][{{ foo.bar }}][{{ none.bar }}]', { foo: {}, none: null })).toBe(
      '[][][]'
    )
  })

  it('fails on an attribute of an undefined name, naming the name', () => {
    expect(errorOf('{{ foo.bar }}').message).toContain("'foo' is undefined")
    expect(errorOf('{{ foo.bar.baz }}', { foo: {} }).message).toContain("'foo.bar' is undefined")
    expect(errorOf('{{ foo[0].x }}', { foo: [] }).message).toContain("'foo[0]' is undefined")
  })

  it('drops exactly one trailing newline and reads CRLF as LF', () => {
    expect(render('{{ x }}\n', { x: 1 })).toBe('1')
    expect(render('{{ x }}\n\n', { x: 1 })).toBe('1\n')
    expect(render('a\r\n{{ x }}\r\n', { x: 1 })).toBe('a\n1')
  })

  it('supports range and the loop variables', () => {
    const out = render(
      '{% for i in range(1, 4) %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.length }}' +
        '{{ "F" if loop.first }}{{ "L" if loop.last }};{% endfor %}'
    )
    expect(out).toBe('1033F;2123;3213L;')
  })

  it('supports set, macro with defaults, if/elif and whitespace control', () => {
    const out = render(
      '{% set greeting = "hi" %}{% macro greet(who, punct="!") -%}\n  {{ greeting }} {{ who }}{{ punct }}\n{%- endmacro %}' +
        '{% if n > 1 %}many{% elif n == 1 %}{{ greet("bob") }}{% else %}none{% endif %}\n  {%- if true %} end{% endif %}',
      { n: 1 }
    )
    expect(out).toBe('hi bob! end')
  })

  it('answers `in` from a mapping’s own keys', () => {
    expect(
      render('{{ "a" in d }}|{{ "constructor" in d }}|{{ "b" in "abc" }}', { d: { a: 1 } })
    ).toBe('True|False|True')
  })

  it('offers the Python string and dict methods templates call', () => {
    const out = render(
      '{{ s.strip() }}|{{ s.split() }}|{{ "a,b,,c".split(",", 2) }}|{{ s.upper() }}|{{ "x-y-x".replace("x", "z") }}|' +
        '{{ "abc".startswith(["z", "a"]) }}|{{ "-".join(["a", "b"]) }}|{{ d.get("a") }}{{ d.get("zz", "dflt") }}|{{ d.keys() }}',
      { s: '  hello  world ', d: { a: 1, b: 2 } }
    )
    expect(out).toBe(
      "hello  world|['hello', 'world']|['a', 'b', ',c']|  HELLO  WORLD |z-y-z|True|a-b|1dflt|['a', 'b']"
    )
  })

  it('lets own data win over a dict method of the same name', () => {
    expect(render('{{ helm.values.image }}', { helm: { values: { image: 'nginx' } } })).toBe(
      'nginx'
    )
  })
})

describe('{% break %} and {% continue %}', () => {
  it('break and continue inside a for loop', () => {
    const out = render(
      '{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{% endfor %}'
    )
    expect(out).toBe('0134')
  })

  it('break leaves only the innermost loop, and works over dict pairs and with whitespace control', () => {
    const out = render(
      '{% for a in [1, 2] %}{% for b in [1, 2, 3] %}{%- if b == 2 -%}{%- break -%}{%- endif -%}{{ a }}{{ b }} {% endfor %}{% endfor %}' +
        '|{% for k, v in d.items() %}{% if v == 2 %}{% break %}{% endif %}{{ k }}{% endfor %}',
      { d: { x: 1, y: 2, z: 3 } }
    )
    expect(out).toBe('11 21 |x')
  })

  it('keeps the loop scope intact after a break', () => {
    expect(render('{% set x = "outer" %}{% for x in [1, 2] %}{% break %}{% endfor %}{{ x }}')).toBe(
      'outer'
    )
  })

  it('continue inside a switch inside a loop continues the loop', () => {
    const out = render(
      '{% for i in [1, 2, 3] %}{% switch i %}{% case 2 %}{% continue %}{% endswitch %}{{ i }}{% endfor %}'
    )
    expect(out).toBe('13')
  })

  it.each([
    ['{% break %}', 'outside of a for loop'],
    ['{% if true %}{% continue %}{% endif %}', 'outside of a for loop'],
    [
      '{% for i in [1] %}{% macro m() %}{% break %}{% endmacro %}{% endfor %}',
      'outside of a for loop'
    ],
    [
      '{% for i in [1] %}{% set x %}{% continue %}{% endset %}{% endfor %}',
      'outside of a for loop'
    ],
    [
      '{% for i in [1] %}{% switch i %}{% case 1 %}{% break %}{% endswitch %}{% endfor %}',
      'inside {% switch %}'
    ]
  ])('rejects %s', (template, problem) => {
    expect(errorOf(template).message).toContain(problem)
  })
})

describe('globals', () => {
  it(`random() gives a 9-digit integer between ${RANDOM_MIN} and ${RANDOM_MAX}`, () => {
    const values = Array.from({ length: 20 }, () => render('{{ random() }}'))
    for (const value of values) {
      expect(value).toMatch(/^\d{9}$/)
      expect(Number(value)).toBeGreaterThanOrEqual(RANDOM_MIN)
      expect(Number(value)).toBeLessThanOrEqual(RANDOM_MAX)
    }
    expect(new Set(values).size).toBeGreaterThan(1)
  })

  it('keeps the random filter, and random(list) picks an item', () => {
    expect(['a', 'b', 'c']).toContain(render('{{ ["a", "b", "c"]|random }}'))
    expect(['x', 'y']).toContain(render('{{ random(["x", "y"]) }}'))
  })

  it('lets a document macro named random replace the global', () => {
    const macros = { all: '{%- macro random() -%}fixed{%- endmacro -%}' }
    expect(render('{{ random() }}', { jinja2Macros: macros })).toBe('fixed')
  })

  it(`caps range() at ${MAX_RANGE} items so a template cannot exhaust memory`, () => {
    expect(render('{{ range(MAX)|length }}', { MAX: MAX_RANGE })).toBe(String(MAX_RANGE))
    expect(errorOf('{{ range(0, 1000000000)|length }}').message).toContain('exceeds the limit')
    expect(errorOf('{{ range(0, 5, 0) }}').message).toContain('step must not be zero')
  })
})

describe('macros and whitespace', () => {
  const macros = [
    '{%- macro shout(msg) -%}',
    '  {{ msg|upper }}!',
    '{%- endmacro -%}',
    '{%- macro broken() -%}',
    '  {{ nope.x }}',
    '{%- endmacro -%}'
  ].join('\n')
  const context = { jinja2Macros: { all: macros }, who: 'ann' }

  it('makes jinja2Macros.all callable and keeps the template’s leading whitespace', () => {
    expect(render('  \n  {{ shout(who) }}', context)).toBe('  \n  ANN!')
  })

  it('reports error lines of the user’s template, not of the combined source', () => {
    const err = errorOf('line one\nline two\n{{ missing.attr }}', context, 'notify.message')
    expect(err.message).toBe("template error in notify.message at line 3: 'missing' is undefined")
  })

  it('attributes an error on the template’s first line to the template', () => {
    expect(errorOf('{{ a.b }}', context).message).toBe("template error at line 1: 'a' is undefined")
    expect(errorOf('{{ x(  }}', context).message).toMatch(/^template error at line 1: /)
  })

  it('reports an error inside a macro as a jinja2Macros line', () => {
    expect(errorOf('ok\n{{ broken() }}', context).message).toBe(
      "template error at jinja2Macros line 5: 'nope' is undefined"
    )
  })

  it('reports syntax errors with their line, as one line of text', () => {
    const err = errorOf('a\nb\n{% if %}', {}, 'state.greeting')
    expect(err.message).toMatch(/^template error in state\.greeting at line 3: \S/)
    expect(err.message).not.toContain('\n')
  })

  it('never returns an error marker: failures are thrown', () => {
    expect(() => render('{{ x(  }}')).toThrow(TemplateError)
    expect(() => render('{{ undefinedFn() }}')).toThrow(/undefinedFn/)
    expect(() => render('{{ 1|nosuchfilter }}')).toThrow(/unknown filter 'nosuchfilter'/)
  })
})

describe('plain text and the engine', () => {
  it('isPlainText spots every template marker', () => {
    expect(isPlainText('just text, {braces} and 50% off #1')).toBe(true)
    for (const text of ['{{ x }}', 'a {% if %}', 'a {# note #}'])
      expect(isPlainText(text)).toBe(false)
  })

  it('renders plain text exactly as the engine would', () => {
    expect(renderPlainText('a\r\nb\n')).toBe('a\nb')
    expect(render('a\r\nb\n')).toBe(renderPlainText('a\r\nb\n'))
  })

  it('builds the environment once and never re-installs its patches', () => {
    const env = getEnvironment()
    render('{{ a.b }}', { a: { b: 1 } })
    const { memberLookup, contextOrFrameLookup, callWrap } = internals.runtime
    for (let i = 0; i < 3; i++) expect(render(`{{ a.b }}${i}`, { a: { b: i } })).toBe(`${i}${i}`)
    expect(getEnvironment()).toBe(env)
    expect(internals.runtime.memberLookup).toBe(memberLookup)
    expect(internals.runtime.contextOrFrameLookup).toBe(contextOrFrameLookup)
    expect(internals.runtime.callWrap).toBe(callWrap)
  })

  it('reuses compiled templates without leaking one render’s data into the next', () => {
    expect(render('{{ who }}', { who: 'a' })).toBe('a')
    expect(render('{{ who }}', { who: 'b' })).toBe('b')
    expect(render('{{ who }}', {})).toBe('')
  })
})

describe('the ~ operator', () => {
  it('renders an undefined operand as empty and others as Python str(), as Jinja2 does', () => {
    expect(renderTemplate("{{ 'a' ~ missing ~ 'b' ~ nothing }}", { nothing: null })).toBe('abNone')
    expect(renderTemplate("{{ 'v' ~ n ~ flag }}", { n: 2, flag: true })).toBe('v2True')
  })
})

describe('output of non-string values (Python str)', () => {
  it('prints booleans, None, lists and mappings as Jinja2 does', () => {
    const ctx = {
      t: true,
      f: false,
      n: null,
      l: ['a', 1, true, null],
      d: { k: "it's", q: 'say "hi"' }
    }
    expect(renderTemplate('{{ t }} {{ f }} {{ n }} {{ missing }}|', ctx)).toBe('True False None |')
    expect(renderTemplate('{{ l }}', ctx)).toBe("['a', 1, True, None]")
    expect(renderTemplate('{{ d }}', ctx)).toBe(`{'k': "it's", 'q': 'say "hi"'}`)
    expect(renderTemplate('{{ d | tojson }}', ctx)).toBe('{"k": "it\\u0027s", "q": "say \\"hi\\""}')
  })
})
