import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../../src/core/logger.js'
import { silentLogger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { ConfigError } from '../../src/errors.js'
import { closeStores, createStores } from '../../src/stores/create-stores.js'
import type { DatasourceSettings } from '../../src/stores/settings.js'
import type { StateStore } from '../../src/stores/state-store.js'
import { redisUrl } from '../helpers/redis-server.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stores-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function fileSettings(primary: 'yamlfile' | 'shellfile' | 'none' | 'both'): DatasourceSettings[] {
  return [
    {
      name: 'yamlfile',
      type: 'yamlfile',
      isPrimary: primary === 'yamlfile' || primary === 'both',
      path: join(dir, 'ctx.yaml')
    },
    {
      name: 'jsonfile',
      type: 'jsonfile',
      isPrimary: primary === 'both',
      path: join(dir, 'ctx.json')
    },
    {
      name: 'shellfile',
      type: 'shellfile',
      isPrimary: primary === 'shellfile',
      path: join(dir, 'ctx.sh'),
      excludeKeyNames: []
    },
    { name: 'idfile', type: 'idfile', isPrimary: false, path: join(dir, 'id') }
  ]
}

const doc: ContextDocument = { state: { cicdContextDataId: 'id-1', cicdContextName: 'stage' } }

describe('createStores', () => {
  it('builds the primary and the copies in configured order', async () => {
    const set = await createStores(fileSettings('yamlfile'), silentLogger)
    try {
      expect(set.primary.name).toBe('yamlfile')
      expect(set.copies.map((s) => s.name)).toEqual(['jsonfile', 'shellfile', 'idfile'])
      await set.primary.update('id-1', () => doc)
      for (const copy of set.copies) await copy.save('id-1', doc)
      expect(readFileSync(join(dir, 'id'), 'utf8')).toBe('id-1')
      expect(JSON.parse(readFileSync(join(dir, 'ctx.json'), 'utf8'))).toEqual(doc)
      await expect(set.primary.load('id-1')).resolves.toEqual(doc)
    } finally {
      await set.close()
    }
  })

  it('builds a redis primary from a URL', async () => {
    const set = await createStores(
      [{ name: 'redis', type: 'redis', isPrimary: true, url: redisUrl(0), keyPrefix: 'cs-test:' }],
      silentLogger
    )
    try {
      await set.primary.save('id-1', doc)
      await expect(set.primary.load('id-1')).resolves.toEqual(doc)
    } finally {
      await set.close()
    }
  })

  it('requires exactly one primary, and a loadable one', async () => {
    await expect(createStores(fileSettings('none'), silentLogger)).rejects.toThrow(ConfigError)
    await expect(createStores(fileSettings('none'), silentLogger)).rejects.toThrow(
      'exactly one datasource must have isPrimary: true (found 0)'
    )
    await expect(createStores(fileSettings('both'), silentLogger)).rejects.toThrow(
      '(found 2: yamlfile, jsonfile)'
    )
    await expect(createStores(fileSettings('shellfile'), silentLogger)).rejects.toThrow(
      'datasource shellfile cannot be primary'
    )
  })
})

describe('closeStores', () => {
  it('closes every store even when one fails, and reports the failure as a warning', async () => {
    const closed: string[] = []
    const fake = (name: string, fail: boolean): StateStore => ({
      name,
      loadable: false,
      load: async () => undefined,
      update: async () => doc,
      save: async () => {},
      close: async () => {
        if (fail) throw new Error(`${name} close failed`)
        closed.push(name)
      }
    })
    const warnings: string[] = []
    const logger: Logger = { ...silentLogger, warning: (m) => warnings.push(m) }
    await closeStores([fake('a', false), fake('b', true), fake('c', false)], logger)
    expect(closed).toEqual(['a', 'c'])
    expect(warnings).toEqual(['could not close datasource b: b close failed'])
  })
})
