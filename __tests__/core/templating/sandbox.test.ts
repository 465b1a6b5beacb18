import { describe, it, expect, afterEach } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { TemplateError } from '../../../src/errors.js'
import { renderTemplate } from '../../../src/core/templating/render.js'

/**
 * Escape payloads. Each one that can run code writes `globalThis.MARK`; the sandbox must refuse
 * every one with a TemplateError and the marker must never be written. The control test runs the
 * code-running ones against stock nunjucks (jinja-compat, no sandbox) in a child process, to show
 * that each payload really is an escape there.
 */
interface Payload {
  name: string
  template: string
  context?: Record<string, unknown>
}

const CODE = 'globalThis.MARK = 1'

const ESCAPES: Payload[] = [
  { name: 'range.constructor', template: `{{ range.constructor("${CODE}")() }}` },
  { name: 'cycler.constructor', template: `{{ cycler.constructor("${CODE}")() }}` },
  { name: 'joiner.constructor', template: `{{ joiner.constructor("${CODE}")() }}` },
  { name: "''.constructor.constructor", template: `{{ ''.constructor.constructor("${CODE}")() }}` },
  { name: "'a'.sub.constructor", template: `{{ 'a'.sub.constructor("${CODE}")() }}` },
  { name: '[].map.constructor', template: `{{ [].map.constructor("${CODE}")() }}` },
  {
    name: "x['constr' ~ 'uctor']",
    template: `{{ x['constr' ~ 'uctor']['constr' ~ 'uctor']("${CODE}")() }}`,
    context: { x: {} }
  },
  {
    name: 'range[c] with c = constructor',
    template: `{% set c = 'constructor' %}{{ range[c]("${CODE}")() }}`
  },
  { name: 'bare constructor', template: `{{ constructor.constructor("${CODE}")() }}` },
  { name: 'bare __proto__', template: `{{ __proto__.constructor.constructor("${CODE}")() }}` },
  { name: 'range.call.constructor', template: `{{ range.call.constructor("${CODE}")() }}` },
  {
    name: '(range|string).constructor',
    template: `{{ (range|string).constructor.constructor("${CODE}")() }}`
  },
  {
    name: 'macro.constructor',
    template: `{% macro m() %}{% endmacro %}{{ m.constructor("${CODE}")() }}`
  },
  {
    name: "x[['constructor']] (array key)",
    template: `{{ x[['constructor']][['constructor']]("${CODE}")() }}`,
    context: { x: {} }
  },
  {
    name: "dict.get('constructor')",
    template: `{{ x.get('constructor').constructor("${CODE}")() }}`,
    context: { x: {} }
  },
  // nunjucks pastes names into its generated JavaScript unescaped:
  {
    name: 'quote in a filter name',
    template: '{{ 1|a"&Function`globalThis\\u002eMARK\\u003d1```&"b }}'
  },
  {
    name: 'quote in a bare name',
    template: '{{ a"&Function`globalThis\\u002eMARK\\u003d1```&"b }}'
  },
  { name: 'string as a test name', template: '{{ 1 is "a\\",globalThis.MARK=1,\\"" }}' },
  {
    name: 'backslash in a called name',
    template: '{{ foo["\\\\\\",globalThis.MARK=1,context,[])),0);//"]() }}',
    context: { foo: {} }
  },
  { name: 'string as a set target', template: '{% set "x\\", 1);globalThis.MARK=1;(\\"" = 1 %}' }
]

const REFUSED: Payload[] = [
  { name: '(range|dump).constructor', template: '{{ (range|dump).constructor }}' },
  { name: 'joiner.constructor (no call)', template: '{{ joiner.constructor }}' },
  { name: 'x.__proto__.polluted', template: '{{ x.__proto__.polluted }}', context: { x: {} } },
  { name: 'process', template: '{{ process }}' },
  { name: 'process.env', template: '{{ process.env.HOME }}' },
  { name: 'require', template: "{{ require('fs') }}" },
  { name: 'global', template: '{{ global }}' },
  { name: 'globalThis', template: '{{ globalThis }}' },
  { name: 'Function', template: "{{ Function('return 1')() }}" },
  { name: 'a function’s attributes', template: '{{ range.name }}' },
  { name: 'filter table through valueOf', template: '{{ (1|valueOf).env.opts }}' },
  { name: 'test table through valueOf', template: '{{ 1 is valueOf }}' },
  { name: 'regex literal', template: '{{ r/x/.source }}' },
  { name: 'macro argument named __proto__', template: '{% macro m(__proto__) %}{% endmacro %}' },
  { name: 'keyword argument named constructor', template: '{{ range(constructor=1) }}' },
  { name: 'loop variable named __proto__', template: '{% for __proto__ in [1] %}{% endfor %}' }
]

const POLLUTERS: Payload[] = [
  {
    name: 'constructor.assign',
    template: "{{ constructor.assign(constructor.prototype, {'polluted': 1}) }}"
  },
  {
    name: 'x.__proto__.update',
    template: "{{ x.__proto__.update({'polluted': 1}) }}",
    context: { x: {} }
  },
  {
    name: "dict literal with '__proto__'",
    template: "{{ x.update({'__proto__': {'polluted': 1}}) }}",
    context: { x: {} }
  },
  {
    name: 'update with a JSON __proto__ key',
    template: '{{ x.update(\'{"__proto__": {"polluted": 1}}\'|from_json) }}',
    context: { x: {} }
  },
  {
    name: "setdefault('__proto__')",
    template: "{{ x.setdefault('__proto__', {'polluted': 1}) }}",
    context: { x: {} }
  }
]

const FILTER_BYPASSES: Payload[] = [
  { name: 'join(attribute)', template: "{{ [1]|join(',', 'constructor') }}" },
  { name: 'sum(attribute)', template: "{{ [1]|sum('constructor') }}" },
  { name: 'selectattr', template: "{{ [1]|selectattr('constructor')|length }}" },
  { name: 'rejectattr', template: "{{ [1]|rejectattr('__proto__')|length }}" },
  {
    name: 'sort(attribute)',
    template: "{{ [x]|sort(attribute='constructor.name') }}",
    context: { x: {} }
  },
  { name: 'groupby', template: "{{ [x]|groupby('__proto__') }}", context: { x: {} } }
]

const LOADERS: Payload[] = [
  { name: 'include', template: '{% include "/etc/passwd" %}' },
  { name: 'import', template: '{% import "/etc/passwd" as p %}' },
  { name: 'from import', template: '{% from "/etc/passwd" import root %}' },
  { name: 'extends', template: '{% extends "/etc/passwd" %}' }
]

let counter = 0
function withMarker(payload: Payload): { template: string; marker: string } {
  const marker = `__templating_sandbox_${process.pid}_${counter++}`
  return { template: payload.template.replaceAll('MARK', marker), marker }
}

const globals = globalThis as Record<string, unknown>

function expectRefused(template: string, context: Record<string, unknown> = {}): TemplateError {
  let outcome: unknown
  try {
    outcome = renderTemplate(template, context, { name: 'payload' })
  } catch (err) {
    outcome = err
  }
  expect(outcome).toBeInstanceOf(TemplateError)
  return outcome as TemplateError
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})

describe('sandbox', () => {
  it.each(ESCAPES.map((p) => [p.name, p] as const))(
    'refuses %s without running code',
    (_name, payload) => {
      const { template, marker } = withMarker(payload)
      expectRefused(template, payload.context)
      expect(globals[marker]).toBeUndefined()
      expect(process.env[marker]).toBeUndefined()
    }
  )

  it.each(REFUSED.map((p) => [p.name, p] as const))('refuses %s', (_name, payload) => {
    expectRefused(payload.template, payload.context)
  })

  it('names the refused property', () => {
    expect(expectRefused('{{ range.constructor }}').message).toContain(
      "'constructor' is not allowed"
    )
    expect(expectRefused("{% set c = '__pro' ~ 'to__' %}{{ x[c] }}", { x: {} }).message).toContain(
      "'__proto__' is not allowed"
    )
    expect(expectRefused('{{ process }}').message).toContain("'process' is not allowed")
  })

  it('lets a template’s own variables and data use runtime names, which never reach the runtime', () => {
    expect(renderTemplate("{% set process = 'mine' %}{{ process }}", {})).toBe('mine')
    expect(renderTemplate('{{ process.name }}', { process: { name: 'build' } })).toBe('build')
    expect(expectRefused('a\n{{ process }}').message).toContain('at line 2')
  })

  it.each(POLLUTERS.map((p) => [p.name, p] as const))(
    'blocks prototype pollution via %s',
    (_name, payload) => {
      expectRefused(payload.template, payload.context)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty('polluted')
    }
  )

  it.each(FILTER_BYPASSES.map((p) => [p.name, p] as const))(
    'checks the attribute name of %s',
    (_name, payload) => {
      expect(expectRefused(payload.template, payload.context).message).toMatch(
        /attribute '(constructor|__proto__)' is not allowed/
      )
    }
  )

  it('still lets attribute filters and data lookups work on ordinary names', () => {
    const people = [
      { name: 'b', age: 2, admin: true },
      { name: 'a', age: 1, admin: false }
    ]
    const out = renderTemplate(
      "{{ people|sort(attribute='name')|join(',', 'name') }}|{{ people|sum('age') }}|" +
        "{{ people|selectattr('admin')|length }}|{% for admin, group in people|groupby('admin') %}{{ admin }}{{ group|length }}{% endfor %}|" +
        "{% set c = cycler('x', 'y') %}{{ c.next() }}{{ c.next() }}|{{ people[0]['name'] }}",
      { people }
    )
    expect(out).toBe('a,b|3|1|true1false1|xy|b')
  })

  it.each(LOADERS.map((p) => [p.name, p] as const))(
    'cannot read files with {%% %s %%}',
    (_name, payload) => {
      const err = expectRefused(payload.template)
      expect(err.message).toContain('cannot load other templates')
      expect(err.message).not.toContain('root:')
    }
  )

  it('control: every escape payload runs code on stock nunjucks', () => {
    const cases = [...ESCAPES, ...POLLUTERS.slice(0, 2)].map((payload) => ({
      ...withMarker(payload),
      context: payload.context ?? {}
    }))
    const script = [
      "const nunjucks = require('nunjucks')",
      'nunjucks.installJinjaCompat()',
      'const env = new nunjucks.Environment([], { autoescape: false })',
      "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'))",
      'for (const c of cases) { try { env.renderString(c.template, c.context) } catch {} }',
      'const ran = cases.filter((c) => globalThis[c.marker] === 1).map((c) => c.marker)',
      'console.log(JSON.stringify({ ran, polluted: ({}).polluted === 1 }))'
    ].join('\n')
    const child = spawnSync(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      input: JSON.stringify(cases),
      encoding: 'utf8',
      timeout: 10_000
    })
    expect(child.stderr).toBe('')
    const result = JSON.parse(child.stdout) as { ran: string[]; polluted: boolean }
    expect(result.ran).toEqual(cases.slice(0, ESCAPES.length).map((c) => c.marker))
    expect(result.polluted).toBe(true)
  })
})
