import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { StoreSet } from '../../src/core/store.js'
import type { ContextDocument } from '../../src/core/types.js'
import type { ActionsCacheSettings } from '../../src/stores/settings.js'
import type { StateStore } from '../../src/stores/state-store.js'
import {
  RecordingLogger,
  startArtifactWorld,
  type ArtifactWorld
} from '../helpers/artifact-runs.js'

type LoadModule = typeof import('../../src/stores/load-from-run.js')
type SnapshotModule = typeof import('../../src/stores/artifact-snapshot.js')
type CacheModule = typeof import('../../src/stores/actions-cache-store.js')

const FAST = {
  conflictBackoffMs: 5,
  pendingCheckDelaysMs: [5],
  lookupAttempts: 2,
  lookupBaseDelayMs: 5
}
const PR_RUN = { id: 101, headBranch: 'feature/x', cacheScope: 'refs/pull/7/merge' }
const MAIN_RUN = { id: 102, headBranch: 'main' }
const FORK_RUN = {
  id: 103,
  headBranch: 'patch-1',
  headRepositoryId: 4242,
  cacheScope: 'refs/pull/8/merge'
}

let world: ArtifactWorld
let load: LoadModule
let snapshot: SnapshotModule
let cache: CacheModule
let savedApiUrl: string | undefined

function doc(id: string, state: Record<string, string>): ContextDocument {
  return { channel: 'builds', state: { cicdContextDataId: id, cicdContextName: 'stage', ...state } }
}

/** A cache store per branch scope: the stand-in does not scope entries, so each run gets its prefix. */
async function cacheStore(keyPrefix: string, logger = new RecordingLogger()): Promise<StateStore> {
  const settings: ActionsCacheSettings = {
    name: 'actions-cache',
    type: 'actions-cache',
    isPrimary: true,
    keyPrefix
  }
  return cache.createActionsCacheStore(settings, logger, FAST)
}

function storeSet(primary: StateStore): StoreSet {
  return { primary, copies: [], saveCopies: async () => undefined, close: async () => undefined }
}

beforeAll(async () => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  world = await startArtifactWorld()
  // @actions/github (inside @actions/artifact's download) reads GITHUB_API_URL once, when imported.
  savedApiUrl = process.env.GITHUB_API_URL
  process.env.GITHUB_API_URL = world.gh.url
  load = await import('../../src/stores/load-from-run.js')
  snapshot = await import('../../src/stores/artifact-snapshot.js')
  cache = await import('../../src/stores/actions-cache-store.js')
})

afterAll(async () => {
  jest.restoreAllMocks()
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
  else process.env.GITHUB_API_URL = savedApiUrl
  await world?.close()
})

/** What `upload-artifact: true` does at the end of a step (default name of a step `s1` in job `build`). */
async function uploadFromRun(
  run: typeof PR_RUN | typeof FORK_RUN,
  d: ContextDocument
): Promise<number> {
  return world.asRun(run, async () => {
    const id = String(d.state.cicdContextDataId)
    const result = await snapshot.uploadSnapshot(`cicdstatemgr-${id}-build-s1`, d, {
      logger: new RecordingLogger()
    })
    return result.id
  })
}

describe('load-from-run', () => {
  it('hands a context written on a pull-request ref over to a run on main with another cache scope', async () => {
    const written = doc('handoff', { version: '1.2.3', stage: 'built' })
    await world.asRun(PR_RUN, async () => {
      const prStore = await cacheStore('pr7-')
      await prStore.update('handoff', () => written)
    })
    await uploadFromRun(PR_RUN, written)

    const logger = new RecordingLogger()
    const after = await world.asRun(MAIN_RUN, async () => {
      const mainStore = await cacheStore('main-')
      expect(await mainStore.load('handoff')).toBeUndefined()
      await load.loadFromRun(storeSet(mainStore), {
        id: 'handoff',
        from: String(PR_RUN.id),
        token: process.env.GITHUB_TOKEN,
        env: process.env,
        logger
      })
      const stored = await (
        await cacheStore('main-')
      ).update('handoff', (d) => ({
        ...d!,
        state: { ...d!.state, stage: 'deployed' }
      }))
      return stored
    })
    expect(after.state).toMatchObject({ version: '1.2.3', stage: 'deployed' })
    expect(logger.at('info').join('\n')).toMatch(
      /context 'handoff' loaded from artifact 'cicdstatemgr-handoff-build-s1' \(id \d+\) of run 101 on feature\/x into the actions-cache primary/
    )
    expect(logger.secrets).toContain(world.gh.installationToken)
    expect(world.gh.violations).toEqual([])
  })

  it("with 'latest' takes the newest snapshot of the id and ignores a fork pull request's newer one", async () => {
    await uploadFromRun(PR_RUN, doc('latest-id', { stage: 'trusted' }))
    await uploadFromRun(FORK_RUN, doc('latest-id', { stage: 'poisoned' }))
    const logger = new RecordingLogger()
    const found = await world.asRun(MAIN_RUN, () =>
      load.findSnapshot({
        id: 'latest-id',
        from: 'latest',
        token: process.env.GITHUB_TOKEN,
        env: process.env,
        logger
      })
    )
    expect(found.document.state.stage).toBe('trusted')
    expect(found.artifact.runId).toBe(PR_RUN.id)
    expect(logger.at('warning')).toEqual([
      expect.stringMatching(
        /^ignoring artifact 'cicdstatemgr-latest-id-build-s1' \(id \d+, run 103\): its run's head repository is not octo-org\/app/
      )
    ])
    expect(world.gh.violations).toEqual([])
  })

  it('skips an expired snapshot with a clear message and reports when none is left', async () => {
    const artifactId = await uploadFromRun(PR_RUN, doc('old-id', { stage: 'old' }))
    world.svc.expireArtifact(artifactId)
    const logger = new RecordingLogger()
    const attempt = world.asRun(MAIN_RUN, () =>
      load.findSnapshot({
        id: 'old-id',
        from: 'latest',
        token: process.env.GITHUB_TOKEN,
        env: process.env,
        logger
      })
    )
    await expect(attempt).rejects.toThrow(
      /^load-from-run: the repository has no usable snapshot of context 'old-id' \(.*1 found, 0 usable\)$/
    )
    await expect(attempt).rejects.toHaveProperty('name', 'NotFoundError')
    expect(logger.at('info')).toContainEqual(
      expect.stringMatching(/^skipping artifact 'cicdstatemgr-old-id-build-s1' .* it has expired/)
    )
  })

  it('fails with one line and leaves the primary untouched when the REST API keeps failing', async () => {
    await uploadFromRun(PR_RUN, doc('down-id', { stage: 'x' }))
    world.gh.failNext(10, { status: 502, match: /artifacts/ })
    const before = doc('down-id', { stage: 'local' })
    const sleeps: number[] = []
    await world.asRun(MAIN_RUN, async () => {
      const store = await cacheStore('down-')
      await store.update('down-id', () => before)
      const attempt = load.loadFromRun(storeSet(store), {
        id: 'down-id',
        from: String(PR_RUN.id),
        token: process.env.GITHUB_TOKEN,
        env: process.env,
        logger: new RecordingLogger(),
        clock: { now: () => 0, sleep: async (ms) => void sleeps.push(ms) }
      })
      await expect(attempt).rejects.toThrow(
        /^listing workflow artifacts failed: GET \/repos\/octo-org\/app\/actions\/runs\/101\/artifacts: HTTP 502/
      )
      expect(await store.load('down-id')).toEqual(before)
    })
    expect(sleeps.length).toBeGreaterThan(0)
    world.gh.failNext(0, { status: 502 })
  })

  it('rejects a malformed run id and a missing token before any request', async () => {
    const requests = world.gh.requests.length
    expect(() => load.parseRunSpec('12abc', "input 'load-from-run'")).toThrow(
      "input 'load-from-run': expected a workflow run id or 'latest', got '12abc'"
    )
    await expect(
      load.findSnapshot({
        id: 'x',
        from: '5',
        token: undefined,
        env: { GITHUB_REPOSITORY: 'o/r' },
        logger: new RecordingLogger()
      })
    ).rejects.toThrow(/needs a token with actions: read/)
    expect(world.gh.requests.length).toBe(requests)
  })
})
