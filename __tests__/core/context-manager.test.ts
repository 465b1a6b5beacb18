import { beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/core/config.js'
import { ContextManager } from '../../src/core/context-manager.js'
import { silentLogger } from '../../src/core/logger.js'
import { defaultRegistry } from '../../src/handlers/registry.js'
import { NotFoundError, PathError, UsageError } from '../../src/errors.js'
import { createStores } from '../../src/stores/create-stores.js'
import { put } from '../helpers/cli.js'

/** The operations through the library, as another program would embed them. */
describe('ContextManager', () => {
  let dir: string
  let manager: ContextManager
  let close: () => Promise<void>

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'manager-'))
    put(
      dir,
      'config.yaml',
      'cicdstatemgr:\n  datasources:\n    jsonfile: {path: ctx.json, isPrimary: true}\n    idfile: {path: ctx.id}\n'
    )
    put(
      dir,
      'app.yaml',
      `variables:
  v: "{{ state.a }}-{{ app }}"
cicd-contexts:
  stage:
    app: demo
    pipelines:
      p:
        event-handlers:
          e:
            set-values:
              set: [{from: "{{ state.a }}!", to: state.b}]
        generators:
          g: {set: [{key: state.gen, value: "{{ app }}"}]}
`
    )
    const config = loadConfig({ configPath: 'config.yaml', cwd: dir })
    const stores = await createStores(config.datasources, silentLogger)
    manager = new ContextManager({
      config,
      stores,
      logger: silentLogger,
      handlers: defaultRegistry
    })
    close = () => stores.close()
  })

  it('init, set, get, generate and handle-event compose, persisting each step', async () => {
    try {
      const init = await manager.initNew({
        id: 'm1',
        contextName: 'stage',
        appConfigPath: 'app.yaml',
        cwd: dir,
        sets: [{ path: 'state.a', value: 'x' }]
      })
      expect(init.document.variables).toEqual({ v: 'x-demo' })
      await manager.update({ id: 'm1', sets: [{ path: 'state.list[]', value: '1,2' }] })
      expect(await manager.get('m1', 'state.list')).toEqual({ found: true, value: ['1', '2'] })
      await manager.generate('m1', 'pipelines.p.generators')
      const handled = await manager.update({ id: 'm1', event: { pipeline: 'p', event: 'e' } })
      expect(handled.outcomes).toEqual([
        expect.objectContaining({
          handler: 'set-values',
          status: 'ok',
          captured: { 'state.b': 'x!' }
        })
      ])
      const stored = JSON.parse(readFileSync(join(dir, 'ctx.json'), 'utf8'))
      expect(stored.state).toMatchObject({ a: 'x', list: ['1', '2'], gen: 'demo', b: 'x!' })
      expect(readFileSync(join(dir, 'ctx.id'), 'utf8')).toBe('m1')
    } finally {
      await close()
    }
  })

  it('rejects a bad set without writing, and an unknown id', async () => {
    try {
      await manager.initNew({
        id: 'm2',
        contextName: 'stage',
        appConfigPath: 'app.yaml',
        cwd: dir,
        sets: [{ path: 'state.a', value: 'x' }]
      })
      const before = readFileSync(join(dir, 'ctx.json'), 'utf8')
      await expect(
        manager.update({ id: 'm2', sets: [{ path: 'state.a.b', value: '1' }] })
      ).rejects.toThrow(PathError)
      expect(readFileSync(join(dir, 'ctx.json'), 'utf8')).toBe(before)
      await expect(manager.get('other', 'state.a')).rejects.toThrow(NotFoundError)
    } finally {
      await close()
    }
  })

  it('refuses a blank or control-character id where ids enter (CLI and init action alike)', async () => {
    try {
      for (const id of ['', '  ', 'a\nb', 'a\u0000b']) {
        await expect(
          manager.initNew({ id, contextName: 'stage', appConfigPath: 'app.yaml', cwd: dir })
        ).rejects.toThrow(UsageError)
      }
      expect(existsSync(join(dir, 'ctx.json'))).toBe(false)
    } finally {
      await close()
    }
  })

  it('init refuses reserved and prototype paths in its sets, yet writes variables.<name> itself', async () => {
    try {
      const init = (path: string) =>
        manager.initNew({
          id: 'm3',
          contextName: 'stage',
          appConfigPath: 'app.yaml',
          cwd: dir,
          sets: [{ path, value: 'x' }]
        })
      await expect(init('state.cicdContextDataId')).rejects.toThrow(
        "cannot set 'state.cicdContextDataId': 'state.cicdContextDataId' is reserved"
      )
      await expect(init('variables')).rejects.toThrow("'variables' is reserved")
      await expect(init('state.__proto__.a')).rejects.toThrow("'__proto__' is not allowed")
      expect(existsSync(join(dir, 'ctx.json'))).toBe(false)
      expect((await init('state.a')).document.variables).toEqual({ v: 'x-demo' })
    } finally {
      await close()
    }
  })

  it('a generator key cannot reach a prototype or replace the id', async () => {
    put(
      dir,
      'app.yaml',
      `cicd-contexts:
  stage:
    proto:
      gen: {set: [{key: "state.{{ state.k }}.polluted", value: "1"}]}
    identity:
      gen: {set: [{key: state.cicdContextDataId, value: other}]}
`
    )
    try {
      await manager.initNew({
        id: 'm4',
        contextName: 'stage',
        appConfigPath: 'app.yaml',
        cwd: dir,
        sets: [{ path: 'state.k', value: '__proto__' }]
      })
      const before = readFileSync(join(dir, 'ctx.json'), 'utf8')
      await expect(manager.generate('m4', 'identity')).rejects.toThrow(
        "'state.cicdContextDataId' is reserved"
      )
      await expect(manager.generate('m4', 'proto')).rejects.toThrow(
        "invalid property path 'state.__proto__.polluted': '__proto__' is not allowed as a key"
      )
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(readFileSync(join(dir, 'ctx.json'), 'utf8')).toBe(before)
    } finally {
      await close()
    }
  })
})
