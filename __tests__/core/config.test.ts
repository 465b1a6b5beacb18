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
