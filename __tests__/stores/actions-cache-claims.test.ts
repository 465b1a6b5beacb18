import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { CacheServiceStandIn } from '../../__fixtures__/cache-service-stand-in.js'
import { startCacheService } from '../../__fixtures__/cache-service-stand-in.js'
import { silentLogger } from '../../src/core/logger.js'
import type { StateStore } from '../../src/core/store.js'
import type { ContextDocument } from '../../src/core/types.js'
import { StoreError } from '../../src/errors.js'

type StoreModule = typeof import('../../src/stores/actions-cache-store.js')

const ENV_NAMES = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_MODE',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE',
  'GITHUB_SERVER_URL'
]
const FAST = {
  conflictBackoffMs: 5,
  pendingCheckDelaysMs: [5, 5],
  lookupAttempts: 2,
  lookupBaseDelayMs: 5
}

let svc: CacheServiceStandIn
let mod: StoreModule
const savedEnv: Record<string, string | undefined> = {}
const savedCwd = process.cwd()

function doc(id: string, n: string): ContextDocument {
  return { state: { cicdContextDataId: id, cicdContextName: 'stage', n } }
}

async function newStore(): Promise<StateStore> {
  return mod.createActionsCacheStore(
    { name: 'actions-cache', type: 'actions-cache', isPrimary: true },
    silentLogger,
    FAST
  )
}

beforeAll(async () => {
  // @actions/core writes workflow commands to stdout: kept out of the test report.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  svc = await startCacheService()
  for (const name of ENV_NAMES) savedEnv[name] = process.env[name]
  delete process.env.ACTIONS_CACHE_URL
  delete process.env.ACTIONS_CACHE_MODE
  Object.assign(process.env, svc.env)
  process.chdir(svc.workspace)
  mod = await import('../../src/stores/actions-cache-store.js')
})

afterAll(async () => {
  jest.restoreAllMocks()
  process.chdir(savedCwd)
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  await svc?.close()
})

describe('actions-cache: create and delete against the cache service stand-in', () => {
  it('creates revision 1 only when no revision exists; of 3 concurrent claims one wins', async () => {
    const stores = await Promise.all([newStore(), newStore(), newStore()])
    const claims = await Promise.all(
      stores.map((s, n) => s.create?.('claim', doc('claim', `${n}`)))
    )
    expect(claims.filter(Boolean)).toHaveLength(1)
    const winner = claims.indexOf(true)
    const reader = await newStore()
    expect(await reader.load('claim')).toEqual(doc('claim', `${winner}`))
    // A later revision exists: still no create.
    await reader.update('claim', (d) => ({ ...(d as ContextDocument), extra: 'x' }))
    expect(await reader.create?.('claim', doc('claim', 'late'))).toBe(false)
  })

  it('refuses delete with a message saying how, and the context stays', async () => {
    const s = await newStore()
    await s.save('kept', doc('kept', '1'))
    await expect(s.delete?.('kept')).rejects.toThrow(StoreError)
    await expect(s.delete?.('kept')).rejects.toThrow(
      /runtime cache service cannot delete entries; delete context 'kept' with `gh cache list --key cicdstatemgr-/
    )
    expect(await (await newStore()).load('kept')).toEqual(doc('kept', '1'))
  })
})
