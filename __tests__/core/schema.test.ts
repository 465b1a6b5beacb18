import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadAppConfig } from '../../src/core/app-config.js'
import { loadConfig } from '../../src/core/config.js'
import { lineOfPath } from '../../src/core/schema/locate.js'
import { checkSchema, type SchemaName } from '../../src/core/schema/validate.js'
import { parseYaml } from '../../src/core/yaml.js'
import { ConfigError } from '../../src/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'schema-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string): string {
  mkdirSync(dirname(join(dir, name)), { recursive: true })
  writeFileSync(join(dir, name), text)
  return name
}

/** The ConfigError a file raises (its message, file and line). */
function failure(run: () => unknown): { message: string; file?: string; line?: number } {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    const e = error as ConfigError
    return { message: e.message, file: e.file, line: e.line }
  }
  throw new Error('expected a ConfigError')
}

const CONFIG = (datasource: string): string => `cicdstatemgr:
  datasources:
    yamlfile:
      path: a.yaml
      isPrimary: true
${datasource}
  myOwnSection: { anything: [1, 2] }   # configData: the user's keys
`

const APP = (handlers: string): string => `cicd-contexts:
  stage:
    channel: c1
    anyKeyOfMine: { deep: true }
    pipelines:
      build:
        owner: me
        event-handlers:
          success:
${handlers}
`

describe('JSON Schema validation of the config files', () => {
  it('the committed schemas and validator are what npm run schemas writes', () => {
    const r = spawnSync(process.execPath, ['scripts/build-schemas.mjs', '--check'], {
      encoding: 'utf8'
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  const files: Array<[SchemaName, string]> = [
    ['config', 'examples/basic/config.yaml'],
    ['secrets', 'examples/basic/secrets.yaml'],
    ['app-config', 'examples/basic/app.yaml'],
    ['app-config', 'examples/basic/bases/base.yaml'],
    ['config', 'examples/github/.cicd/config.yaml'],
    ['secrets', 'examples/github/.cicd/secrets.example.yaml'],
    ['app-config', 'examples/github/.cicd/app.yaml'],
    ['config', '.github/e2e/config-redis.yaml'],
    ['secrets', '.github/e2e/secrets.yaml'],
    ['app-config', '.github/e2e/app.yaml'],
    ['app-config', '.github/e2e/base.yaml']
  ]
  it.each(files)('%s: %s validates and names its schema for editors', (schema, file) => {
    const text = readFileSync(file, 'utf8')
    expect(() => checkSchema(schema, parseYaml(text, file), file)).not.toThrow()
    if (file.startsWith('examples/')) {
      expect(text).toMatch(
        new RegExp(
          `^# yaml-language-server: \\$schema=(\\.\\./)+schemas/${schema}\\.schema\\.json$`,
          'm'
        )
      )
    }
  })

  it('accepts unknown keys where users own them: configData, contexts, pipelines, respond', () => {
    const config = write('ok/config.yaml', CONFIG('    idfile: { path: id.txt }'))
    expect(() => loadConfig({ configPath: config, cwd: dir })).not.toThrow()
    const app = write(
      'ok/app.yaml',
      APP(`            respond:
              message: hi
              url: "{{ state.url }}"
              anyField: rendered into the payload
            notify:
              first: { message: one, on-error: warn }
              second: { message: two, enabled: "false" }`)
    )
    expect(() => loadAppConfig(app, undefined, dir)).not.toThrow()
  })

  it('a typo in a handler key is an error naming the file, the line and the known keys', () => {
    const app = write(
      'typo/app.yaml',
      APP(`            notify:
              message: hi
              capture-respose-data: []`)
    )
    expect(failure(() => loadAppConfig(app, undefined, dir))).toEqual({
      message:
        "typo/app.yaml:12: unknown key 'capture-respose-data' in cicd-contexts.stage.pipelines.build.event-handlers.success.notify (known: enabled, if, on-error, message, update-ts, update-channel, capture-response-data)",
      file: app,
      line: 12
    })
  })

  it('an unknown handler kind, a mistyped block and a bad on-error are errors', () => {
    const kind = write('kind/app.yaml', APP('            notfy: { message: hi }'))
    expect(failure(() => loadAppConfig(kind, undefined, dir)).message).toMatch(
      /^kind\/app\.yaml:10: unknown event handler 'notfy' in .*success \(known: notify, manual-choice, respond, trigger-pipeline, workflow-dispatch, repository-dispatch, comment, commit-status, shell, set-values\)$/
    )
    const block = write(
      'block/app.yaml',
      APP(`            set-values:
              named:
                set:
                  - from: x
                    too: state.y`)
    )
    expect(failure(() => loadAppConfig(block, undefined, dir))).toMatchObject({
      message: expect.stringMatching(
        /^block\/app\.yaml:13: .*set-values\.named\.set\.0\.to is required$/
      ),
      line: 13
    })
    const onError = write(
      'onerror/app.yaml',
      APP('            notify: { message: hi, on-error: ignore }')
    )
    expect(failure(() => loadAppConfig(onError, undefined, dir)).message).toMatch(
      /^onerror\/app\.yaml:10: .*notify\.on-error must be one of \["fail","warn",null\]$/
    )
  })

  it('checks every base file too', () => {
    write(
      'bases/b.yaml',
      'cicd-contexts:\n  stage:\n    pipelines:\n      p:\n        event-handlers:\n          e:\n            set-values: { set: [], sett: 1 }\n'
    )
    const app = write('bases/app.yaml', 'bases: [b.yaml]\ncicd-contexts: { stage: {} }\n')
    const f = failure(() => loadAppConfig(app, undefined, dir))
    expect(f.message).toMatch(/b\.yaml:7: unknown key 'sett' in .*set-values/)
    expect(f.file).toBe(join(dir, 'bases/b.yaml'))
  })

  it('datasources are closed: an unknown field or a wrong type names file and line', () => {
    const field = write('ds/field.yaml', CONFIG('    redis:\n      host: r\n      prot: 6379'))
    expect(failure(() => loadConfig({ configPath: field, cwd: dir }))).toEqual({
      message:
        "ds/field.yaml:8: unknown key 'prot' in cicdstatemgr.datasources.redis (known: isPrimary, host, port, db, username, password, url, keyPrefix, ttlSeconds, tls, connectTimeoutMs, commandTimeoutMs, maxAttempts, sentinels, sentinelName, sentinelUsername, sentinelPassword, cluster)",
      file: field,
      line: 8
    })
    const type = write(
      'ds/type.yaml',
      CONFIG('    shellfile:\n      path: a.sh\n      excludeKeyNames: state')
    )
    expect(failure(() => loadConfig({ configPath: type, cwd: dir })).message).toBe(
      'ds/type.yaml:8: cicdstatemgr.datasources.shellfile.excludeKeyNames must be a list or null'
    )
  })

  it('secrets are checked too, and inline secrets (no file) are named without a line', () => {
    const config = write('sec/config.yaml', CONFIG(''))
    const secrets = write(
      'sec/secrets.yaml',
      'cicdstatemgr:\n  datasources:\n    redis: { pasword: x }\n'
    )
    expect(
      failure(() => loadConfig({ configPath: config, secretsPath: secrets, cwd: dir })).message
    ).toMatch(/^sec\/secrets\.yaml:3: unknown key 'pasword' in cicdstatemgr\.datasources\.redis/)
    const inline = { cicdstatemgr: { datasources: { redis: { pasword: 'x' } } } }
    const f = failure(() => loadConfig({ configPath: config, secretsText: inline, cwd: dir }))
    expect(f.message).toMatch(/^secrets: unknown key 'pasword'/)
    expect(f.message).not.toContain("'x'")
    expect(f.line).toBeUndefined()
  })
})

describe('lineOfPath', () => {
  const text = [
    'a:',
    '  # comment',
    '  b:',
    '    c: 1',
    '  list:',
    '  - from: x',
    '    to: y',
    '  - from: z',
    '    to: w',
    '  c: { flow: 1 }',
    '"quoted": 2'
  ].join('\n')
  it.each([
    [['a'], 1],
    [['a', 'b', 'c'], 4],
    [['a', 'c'], 10],
    [['a', 'c', 'flow'], 10],
    [['a', 'list', '0', 'to'], 7],
    [['a', 'list', '1', 'from'], 8],
    [['a', 'list', '1', 'to'], 9],
    [['quoted'], 11],
    [['missing'], undefined]
  ])('%j is on line %s', (path, line) => {
    expect(lineOfPath(text, path as string[])).toBe(line)
  })
})
