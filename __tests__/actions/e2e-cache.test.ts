import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  startCacheService,
  type CacheServiceStandIn
} from '../../__fixtures__/cache-service-stand-in.js'
import { put } from '../helpers/cli.js'
import { runAction, workspace } from '../helpers/action-runner.js'
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/built.js'

const APP = `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          success:
            set-values:
              set:
                - from: "built {{ state.version }}"
                  to: state.result
`

describe('actions end to end on GitHub cache storage (no Redis, no config)', () => {
  let cache: CacheServiceStandIn
  let id: string
  beforeAll(async () => {
    await ensureBuilt()
    cache = await startCacheService()
  }, BUILD_TIMEOUT)
  afterAll(() => cache.close())

  /** A fresh job: its own workspace (GITHUB_WORKSPACE) and the runner's cache service variables. */
  const job = (): { workspace: string; env: Record<string, string> } => {
    const ws = workspace()
    put(ws, 'app.yaml', APP)
    return { workspace: ws, env: { ...cache.env, GITHUB_WORKSPACE: ws } }
  }

  it('init with nothing but an app config stores the context in the cache', async () => {
    const r = await runAction(
      'init',
      { 'app-config': 'app.yaml', set: 'state.version=7', 'upload-artifact': 'true' },
      job()
    )
    expect(r.commands.filter((c) => c.command === 'error')).toEqual([])
    expect(r.code).toBe(0)
    id = r.outputs.id as string
    expect(cache.entries().map((e) => e.key)).toEqual([expect.stringContaining(id)])
    expect(r.outputs['artifact-id']).toMatch(/^\d+$/)
    expect(cache.artifacts()).toHaveLength(1)
  })

  it('a later job in a fresh workspace reads and updates it (handle-event)', async () => {
    const r = await runAction('handle-event', { id, event: 'build=success' }, job())
    expect(r.code).toBe(0)
    const got = await runAction('get-set', { id, get: 'state.result' }, job())
    expect(got.outputs.value).toBe('built 7')
    expect(cache.entries()).toHaveLength(2)
  })

  it('an unknown id says so', async () => {
    const r = await runAction('get-set', { id: 'no-such-id', get: 'state.x' }, job())
    expect(r.code).toBe(1)
    expect(r.commands.find((c) => c.command === 'error')?.message).toMatch(
      /no context data with id 'no-such-id'/
    )
  })

  it('a cache service failure is a failed step, not "no such context"', async () => {
    cache.failNext('GetCacheEntryDownloadURL', 10, 403)
    const r = await runAction('get-set', { id, get: 'state.result' }, job())
    expect(r.code).toBe(1)
    const message = r.commands.find((c) => c.command === 'error')?.message ?? ''
    expect(message).toMatch(/cache service failed/)
    expect(message).not.toMatch(/no context data/)
  })
})
