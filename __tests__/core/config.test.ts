import { describe, expect, it, beforeEach } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/core/config.js'
import { ConfigError } from '../../src/errors.js'

let dir: string
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text)
  return name
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-'))
})

describe('loadConfig', () => {
  it('deep-merges secrets datasources over config and collects secret values', () => {
    write(
      'config.yaml',
      'cicdstatemgr:\n  datasources:\n    redis: {host: localhost, port: 6379, isPrimary: true}\n    yamlfile: {path: localdata/c.yaml}\n  slack: {url: http://x}\n'
    )
    write(
      'secrets.yaml',
      'cicdstatemgr:\n  datasources:\n    redis: {username: u, password: s3cret-pw}\n  slack: {token: xoxb-123}\n'
    )
    const c = loadConfig({ configPath: 'config.yaml', secretsPath: 'secrets.yaml', cwd: dir })
    expect(c.datasources).toEqual([
      {
        name: 'redis',
        type: 'redis',
        isPrimary: true,
        host: 'localhost',
        port: 6379,
        username: 'u',
        password: 's3cret-pw'
      },
      { name: 'yamlfile', type: 'yamlfile', isPrimary: false, path: join(dir, 'localdata/c.yaml') }
    ])
    expect(c.secretValues).toEqual(expect.arrayContaining(['s3cret-pw', 'xoxb-123']))
    expect(c.config.slack).toEqual({ url: 'http://x' })
    expect(c.secrets.slack).toEqual({ token: 'xoxb-123' })
  })

  it('requires exactly one primary', () => {
    write('none.yaml', 'cicdstatemgr:\n  datasources:\n    yamlfile: {path: a.yaml}\n')
    write(
      'two.yaml',
      'cicdstatemgr:\n  datasources:\n    yamlfile: {path: a.yaml, isPrimary: true}\n    jsonfile: {path: a.json, isPrimary: true}\n'
    )
    expect(() => loadConfig({ configPath: 'none.yaml', cwd: dir })).toThrow(
      "none.yaml: no datasource has 'isPrimary: true' (exactly one must)"
    )
    expect(() => loadConfig({ configPath: 'two.yaml', cwd: dir })).toThrow(
      'two.yaml: 2 datasources have'
    )
  })

  it('rejects a write-only primary, unknown datasources and bad field types', () => {
    write(
      'shell.yaml',
      'cicdstatemgr:\n  datasources:\n    shellfile: {path: a.sh, isPrimary: true}\n'
    )
    write('unknown.yaml', 'cicdstatemgr:\n  datasources:\n    mongo: {isPrimary: true}\n')
    write('port.yaml', 'cicdstatemgr:\n  datasources:\n    redis: {port: abc, isPrimary: true}\n')
    expect(() => loadConfig({ configPath: 'shell.yaml', cwd: dir })).toThrow(
      "datasource 'shellfile' cannot be primary"
    )
    expect(() => loadConfig({ configPath: 'unknown.yaml', cwd: dir })).toThrow(
      "unknown datasource 'mongo'"
    )
    expect(() => loadConfig({ configPath: 'port.yaml', cwd: dir })).toThrow(
      'port.yaml:3: cicdstatemgr.datasources.redis.port must be a whole number'
    )
  })

  it('reads redis sentinels and cluster nodes; a bad entry names its key', () => {
    write(
      'sentinel.yaml',
      [
        'cicdstatemgr:',
        '  datasources:',
        '    redis:',
        '      isPrimary: true',
        '      sentinelName: mymaster',
        '      sentinels:',
        '        - {host: s1.internal, port: 26379}',
        "        - {host: s2.internal, port: '26379'}",
        ''
      ].join('\n')
    )
    write(
      'secrets.yaml',
      'cicdstatemgr:\n  datasources:\n    redis: {sentinelPassword: s3nt-pw, password: m4ster-pw}\n'
    )
    const c = loadConfig({ configPath: 'sentinel.yaml', secretsPath: 'secrets.yaml', cwd: dir })
    expect(c.datasources[0]).toMatchObject({
      sentinelName: 'mymaster',
      sentinelPassword: 's3nt-pw',
      password: 'm4ster-pw',
      sentinels: [
        { host: 's1.internal', port: 26379 },
        { host: 's2.internal', port: 26379 }
      ]
    })
    expect(c.secretValues).toContain('s3nt-pw')

    const bad = (name: string, redis: string): (() => unknown) => {
      write(name, `cicdstatemgr:\n  datasources:\n    redis: ${redis}\n`)
      return () => loadConfig({ configPath: name, cwd: dir })
    }
    expect(
      bad('c1.yaml', '{isPrimary: true, cluster: [{host: a, port: 7000}, {port: 7001}]}')
      // The JSON Schema check (file and line) catches a missing host before the field reader does.
    ).toThrow('c1.yaml:3: cicdstatemgr.datasources.redis.cluster.1.host is required')
    expect(bad('c2.yaml', '{isPrimary: true, cluster: a:7000}')).toThrow(
      'c2.yaml:3: cicdstatemgr.datasources.redis.cluster must be a list or null'
    )
    expect(bad('c3.yaml', '{isPrimary: true, sentinels: [{host: a, port: 0}]}')).toThrow(
      'c3.yaml: datasources.redis.sentinels[0].port must be from 1 to 65535'
    )
  })

  it('names the file for missing files, a missing top key and malformed YAML', () => {
    write('notop.yaml', 'other: 1\n')
    write('bad.yaml', 'cicdstatemgr:\n  datasources: [\n')
    expect(() => loadConfig({ configPath: 'nope.yaml', cwd: dir })).toThrow(
      'config file not found: nope.yaml'
    )
    expect(() => loadConfig({ configPath: 'notop.yaml', cwd: dir })).toThrow(
      "notop.yaml: missing top-level key 'cicdstatemgr:'"
    )
    expect(() => loadConfig({ configPath: 'bad.yaml', cwd: dir })).toThrow(
      /^malformed YAML in bad\.yaml:\d+/
    )
    expect(() => loadConfig({ configPath: 'bad.yaml', cwd: dir })).toThrow(ConfigError)
  })

  it('uses a default primary when none is marked (the actions default)', () => {
    write('files.yaml', 'cicdstatemgr:\n  datasources:\n    shellfile: {path: a.sh}\n')
    const c = loadConfig({ configPath: 'files.yaml', cwd: dir, defaultPrimary: 'actions-cache' })
    expect(c.datasources[0]).toEqual({
      name: 'actions-cache',
      type: 'actions-cache',
      isPrimary: true
    })
  })
})
