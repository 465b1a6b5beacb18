import { describe, it, expect } from '@jest/globals'
import { TemplateError } from '../../../src/errors.js'
import { parseYaml } from '../../../src/core/yaml.js'
import { renderTemplate } from '../../../src/core/templating/render.js'

const render = (template: string, context: Record<string, unknown> = {}): string =>
  renderTemplate(template, context, { name: 'filters' })

describe('to_nice_yaml', () => {
  const data = { name: 'app', ports: [80, 443], nested: { b: true, a: 'x: y' } }

  it('writes block YAML, indent 2, keys in document order', () => {
    const out = render('{{ d|to_nice_yaml }}', { d: data })
    expect(out).toBe("name: app\nports:\n- 80\n- 443\nnested:\n  b: true\n  a: 'x: y'\n")
    expect(parseYaml(out, 'rendered')).toEqual(data)
  })

  it('takes indent and sort_keys', () => {
    expect(
      render('{{ d|to_nice_yaml(indent=4, sort_keys=True) }}', { d: { b: { k: 1 }, a: 1 } })
    ).toBe('a: 1\nb:\n    k: 1\n')
  })
})

describe('from_json', () => {
  it('parses JSON text into data the template can use', () => {
    expect(
      render('{% set d = s|from_json %}{{ d.a[1] }}{{ d.b.c }}', {
        s: '{"a": [1, 2], "b": {"c": "!"}}'
      })
    ).toBe('2!')
  })

  it('fails on bad JSON, naming the filter but not echoing the text, which may be a secret', () => {
    expect(() => render('{{ "{nope"|from_json }}')).toThrow(TemplateError)
    expect(() => render('{{ "{nope"|from_json }}')).toThrow(/from_json: invalid JSON/)
    let message = ''
    try {
      render('{{ token|from_json }}', { token: 's3cr3t-value' })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain('from_json: invalid JSON')
    expect(message).not.toContain('s3cr3t')
  })
})

describe('json_dumps', () => {
  it('writes Python json.dumps text', () => {
    expect(render('{{ d|json_dumps }}', { d: { a: 1, b: ['x', null, true], c: 'é' } })).toBe(
      '{"a": 1, "b": ["x", null, true], "c": "\\u00e9"}'
    )
  })

  it('takes indent by keyword or position', () => {
    const expected = '{\n  "a": [\n    1\n  ]\n}'
    expect(render('{{ d|json_dumps(indent=2) }}', { d: { a: [1] } })).toBe(expected)
    expect(render('{{ d|json_dumps(2) }}', { d: { a: [1] } })).toBe(expected)
  })

  it('with stripLeadingTrailingQuotes, embeds any message in a JSON string literal', () => {
    const message = 'He said "hi" \\ then\nleft: ünïcödé ✓ 🚀 </script>'
    const template =
      '{"message": "{{ notify.message|json_dumps(stripLeadingTrailingQuotes=True) }}"}'
    const out = render(template, { notify: { message } })
    expect(JSON.parse(out)).toEqual({ message })
    const positional = render('{"m": "{{ m|json_dumps(None, True) }}"}', { m: message })
    expect(JSON.parse(positional)).toEqual({ m: message })
  })

  it('only strips the quotes of a string result, and accepts macro output', () => {
    expect(render('{{ [1]|json_dumps(stripLeadingTrailingQuotes=True) }}')).toBe('[1]')
    const macros = { all: '{%- macro m() -%}say "x"{%- endmacro -%}' }
    expect(render('{{ m()|json_dumps }}', { jinja2Macros: macros })).toBe('"say \\"x\\""')
  })

  it('refuses an undefined value instead of writing null', () => {
    expect(() => render('{{ missing|json_dumps }}')).toThrow(/json_dumps: the value is undefined/)
  })
})

describe('kv_comma_pairs_to_json', () => {
  it('turns a=1,b=2 into a JSON object of strings', () => {
    expect(render('{{ "a=1,b=2"|kv_comma_pairs_to_json }}')).toBe('{"a": "1", "b": "2"}')
  })

  it('skips items without a key and keeps everything after the first =', () => {
    expect(render('{{ "a=x=y,,novalue,=v,b="|kv_comma_pairs_to_json }}')).toBe(
      '{"a": "x=y", "b": ""}'
    )
  })
})

describe('to_base64', () => {
  it('encodes the UTF-8 bytes', () => {
    expect(render('{{ "héllo ✓"|to_base64 }}')).toBe(
      Buffer.from('héllo ✓', 'utf8').toString('base64')
    )
  })
})

describe('tojson', () => {
  it('sorts keys and escapes HTML-sensitive characters like Jinja2', () => {
    const out = render('{{ d|tojson }}', { d: { b: '<x>', a: "it's & co" } })
    expect(out).toBe('{"a": "it\\u0027s \\u0026 co", "b": "\\u003cx\\u003e"}')
    expect(JSON.parse(out)).toEqual({ a: "it's & co", b: '<x>' })
  })

  it('takes indent, and chains into to_base64 as the Python configs do', () => {
    expect(render('{{ {"z": 1, "a": 2}|tojson(indent=1) }}')).toBe('{\n "a": 2,\n "z": 1\n}')
    const encoded = render('{{ {"trigger": "deploy"}|tojson|to_base64 }}')
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe('{"trigger": "deploy"}')
  })
})
