import { describe, expect, it, beforeEach } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadAppConfig, selectContext } from '../../src/core/app-config.js'
import { buildDocument } from '../../src/core/document.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-'))
  mkdirSync(join(dir, 'bases'))
  writeFileSync(
    join(dir, 'bases/b1.yaml'),
    'cicd-contexts:\n  stage:\n    channel: base\n    deep: {a: 1, b: 2}\n    list: [1, 2]\njinja2-macros:\n  base: "{%- macro base() -%}B{%- endmacro -%}\\n"\n'
  )
  writeFileSync(join(dir, 'bases/b2.yaml'), 'cicd-contexts:\n  stage:\n    deep: {b: 3}\n')
  writeFileSync(
    join(dir, 'app.yaml'),
    'bases: [b1.yaml, b2.yaml]\njinja2-macros:\n  echo: "  {%- macro echo(m) -%}{{m}}{%- endmacro -%}  "\ncicd-contexts:\n  stage:\n    list: [9]\n    pipelines: {build: {}}\n  prod: {channel: prod}\n'
  )
})

describe('app config and the document', () => {
  it('merges bases in order, then the app file; lists are replaced', () => {
    const app = loadAppConfig('app.yaml', join(dir, 'bases'), dir)
    expect(selectContext(app, 'stage')).toEqual({
      channel: 'base',
      deep: { a: 1, b: 3 },
      list: [9],
      pipelines: { build: {} }
    })
  })

  it('builds the document layout of ARCHITECTURE.md', () => {
    const app = loadAppConfig('app.yaml', join(dir, 'bases'), dir)
    const doc = buildDocument('ctx-1', 'stage', app)
    expect(doc.state).toEqual({ cicdContextDataId: 'ctx-1', cicdContextName: 'stage' })
    expect(doc.appPipelinesConfig).toEqual(app.app)
    expect(doc.jinja2Macros).toEqual({
      byName: {
        base: '{%- macro base() -%}B{%- endmacro -%}\n',
        echo: '  {%- macro echo(m) -%}{{m}}{%- endmacro -%}  '
      },
      all: '{%- macro base() -%}B{%- endmacro -%}{%- macro echo(m) -%}{{m}}{%- endmacro -%}'
    })
    expect(doc.channel).toBe('base')
  })

  it('names the unknown context, the missing base and the type clash', () => {
    const app = loadAppConfig('app.yaml', join(dir, 'bases'), dir)
    expect(() => selectContext(app, 'qa')).toThrow(
      "app.yaml: unknown cicd context 'qa' (defined: stage, prod)"
    )
    writeFileSync(join(dir, 'missing.yaml'), 'bases: [nope.yaml]\ncicd-contexts: {stage: {}}\n')
    expect(() => loadAppConfig('missing.yaml', join(dir, 'bases'), dir)).toThrow(
      "base file 'nope.yaml' listed in missing.yaml not found"
    )
    writeFileSync(
      join(dir, 'clash.yaml'),
      'bases: [b1.yaml]\ncicd-contexts:\n  stage:\n    deep: scalar\n'
    )
    expect(() => loadAppConfig('clash.yaml', join(dir, 'bases'), dir)).toThrow(
      "cannot merge 'cicd-contexts.stage.deep': it is a mapping in"
    )
  })
})
