import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/core/config.js'
import { ContextManager } from '../../src/core/context-manager.js'
import type { EventHandler, HandlerRegistry } from '../../src/core/events.js'
import { silentLogger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { createStores, type StoreSet } from '../../src/stores/create-stores.js'
import { put } from '../helpers/cli.js'

/**
 * HandlerContext.commit/reload: a handler persists what it set so far mid-event (the progress comment
 * does, before writing the comment); the final persist replays only later changes, and a concurrent
 * writer's keys survive both writes.
 */
describe('handler commit hook', () => {
  let dir: string
  let stores: StoreSet
  let seen: { committed?: ContextDocument; reloaded?: ContextDocument }

  // Registered under an existing kind whose block is open in the app-config schema (respond).
  const probe: EventHandler = {
    kind: 'respond',
    singleBlockKey: 'message',
    contextKey: 'respond',
    async run(_block, name, _tc, ctx) {
      ctx.work.set('state.items[]', 'a')
      ctx.work.set('state.section', 'mine')
      seen.committed = await ctx.commit()
      // Another writer commits between this handler's commit and the final persist.
      await stores.primary.update('c1', (doc) => {
        ;(doc!.state as Record<string, unknown>).other = 'theirs'
        return doc!
      })
      seen.reloaded = await ctx.reload()
      ctx.work.set('state.after', 'later')
      return { handler: 'respond', block: name, status: 'ok', onError: 'fail' }
    }
  }
  const registry: HandlerRegistry = new Map([['respond', async () => probe]])

  beforeEach(async () => {
    seen = {}
    dir = mkdtempSync(join(tmpdir(), 'commit-'))
    put(
      dir,
      'config.yaml',
      'cicdstatemgr:\n  datasources:\n    yamlfile: {path: ctx.yaml, isPrimary: true}\n'
    )
    put(
      dir,
      'app.yaml',
      'cicd-contexts:\n  stage:\n    pipelines:\n      p:\n        event-handlers:\n          e:\n            respond: {message: probe}\n'
    )
    stores = await createStores(
      loadConfig({ configPath: 'config.yaml', cwd: dir }).datasources,
      silentLogger
    )
  })

  afterEach(async () => {
    await stores.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const manager = (): ContextManager =>
    new ContextManager({
      config: loadConfig({ configPath: 'config.yaml', cwd: dir }),
      stores,
      logger: silentLogger,
      handlers: registry
    })

  it('update: commit persists now, an append is not replayed twice, a concurrent key survives', async () => {
    const m = manager()
    await m.initNew({ id: 'c1', contextName: 'stage', appConfigPath: 'app.yaml', cwd: dir })
    const result = await m.update({ id: 'c1', event: { pipeline: 'p', event: 'e' } })
    expect(seen.committed?.state).toMatchObject({ items: ['a'], section: 'mine' })
    expect(seen.reloaded?.state).toMatchObject({ items: ['a'], other: 'theirs' })
    const stored = await stores.primary.load('c1')
    expect(stored?.state).toMatchObject({
      items: ['a'],
      section: 'mine',
      other: 'theirs',
      after: 'later'
    })
    expect(result.changed).toEqual(['state.items[]', 'state.section', 'state.after'])
  })

  it('init: the first commit writes the new document, the final persist keeps concurrent keys', async () => {
    await manager().initNew({
      id: 'c1',
      contextName: 'stage',
      appConfigPath: 'app.yaml',
      cwd: dir,
      event: { pipeline: 'p', event: 'e' }
    })
    const stored = await stores.primary.load('c1')
    expect(stored?.state).toMatchObject({ items: ['a'], other: 'theirs', after: 'later' })
  })

  it('dry run: commit and reload write nothing', async () => {
    const m = manager()
    await m.initNew({ id: 'c1', contextName: 'stage', appConfigPath: 'app.yaml', cwd: dir })
    const before = await stores.primary.load('c1')
    probe.run = (async (_b, name, _t, ctx) => {
      ctx.work.set('state.section', 'mine')
      seen.committed = await ctx.commit()
      return { handler: 'respond', block: name, status: 'dry-run', onError: 'fail' }
    }) as EventHandler['run']
    await m.update({ id: 'c1', event: { pipeline: 'p', event: 'e' }, dryRun: true })
    expect(seen.committed?.state).toMatchObject({ section: 'mine' })
    expect(await stores.primary.load('c1')).toEqual(before)
  })
})
