import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { CacheServiceStandIn } from '../../__fixtures__/cache-service-stand-in.js'
import { startCacheService } from '../../__fixtures__/cache-service-stand-in.js'
import type { Logger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import type { ActionsCacheSettings } from '../../src/stores/settings.js'
import type { StateStore } from '../../src/stores/state-store.js'

type StoreModule = typeof import('../../src/stores/actions-cache-store.js')
type ServiceModule = typeof import('../../src/stores/actions-cache-service.js')
type KeysModule = typeof import('../../src/stores/actions-cache-keys.js')

const SETTINGS: ActionsCacheSettings = {
  name: 'actions-cache',
  type: 'actions-cache',
  isPrimary: true
}
// Waits shrunk so that the failure paths finish in milliseconds.
const FAST = {
  conflictBackoffMs: 5,
  pendingCheckDelaysMs: [5, 5],
  lookupAttempts: 2,
  lookupBaseDelayMs: 5
}

class RecordingLogger implements Logger {
  readonly lines: string[] = []
  readonly secrets: string[] = []
  readonly isDebug = true
  debug(message: string): void {
    this.lines.push(`debug ${message}`)
  }
  info(message: string): void {
    this.lines.push(`info ${message}`)
  }
  warning(message: string): void {
    this.lines.push(`warning ${message}`)
  }
  error(message: string): void {
    this.lines.push(`error ${message}`)
  }
  addSecret(value: string): void {
    this.secrets.push(value)
  }
}

function doc(id: string, state: Record<string, string> = {}): ContextDocument {
  return {
    channel: 'builds',
    state: { cicdContextDataId: id, cicdContextName: 'stage', ...state }
  }
}

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

let svc: CacheServiceStandIn
/** What @actions/core printed: workflow commands go to stdout, kept out of the test report. */
const coreOutput: string[] = []
let mod: StoreModule
let service: ServiceModule
let keys: KeysModule
const savedEnv: Record<string, string | undefined> = {}
const savedCwd = process.cwd()

async function newStore(logger: Logger = new RecordingLogger()): Promise<StateStore> {
  return mod.createActionsCacheStore(SETTINGS, logger, FAST)
}

/** Runs `fn` as another job would: its own, empty RUNNER_TEMP (the runner gives each job one). */
async function inOtherJob<T>(fn: () => Promise<T>): Promise<T> {
  const temp = await mkdtemp(join(svc.runnerTemp, 'other-job-'))
  try {
    return await withEnv({ RUNNER_TEMP: temp }, fn)
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

/** Stores `bytes` as an entry through the service's own protocol, as a foreign writer would. */
async function putRawEntry(key: string, version: string, bytes: Buffer): Promise<void> {
  const twirp = async (method: string, body: object): Promise<Record<string, unknown>> => {
    const response = await fetch(
      `${svc.url}twirp/github.actions.results.api.v1.CacheService/${method}`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${svc.env.ACTIONS_RUNTIME_TOKEN}`,
          'Content-Type': 'application/json'
        },
        body: JSON.stringify(body)
      }
    )
    return (await response.json()) as Record<string, unknown>
  }
  const { signed_upload_url: url } = await twirp('CreateCacheEntry', { key, version })
  const put = await fetch(String(url), {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: bytes
  })
  expect(put.status).toBe(201)
  await twirp('FinalizeCacheEntryUpload', { key, version, size_bytes: String(bytes.length) })
}

const COPIES_DIR = 'cicdstatemgr-cache-copies'

async function copyFiles(runnerTemp: string): Promise<string[]> {
  const names = await readdir(join(runnerTemp, COPIES_DIR)).catch(() => [])
  return names.map((n) => join(runnerTemp, COPIES_DIR, n))
}

async function withEnv<T>(
  changes: Record<string, string | undefined>,
  fn: () => Promise<T>
): Promise<T> {
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]))
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  apply(changes)
  try {
    return await fn()
  } finally {
    apply(before)
  }
}

beforeAll(async () => {
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    coreOutput.push(String(chunk))
    return true
  })
  svc = await startCacheService()
  for (const name of ENV_NAMES) savedEnv[name] = process.env[name]
  delete process.env.ACTIONS_CACHE_URL
  delete process.env.ACTIONS_CACHE_MODE
  Object.assign(process.env, svc.env)
  // A JavaScript action starts in the workspace; the libraries read env when called or imported.
  process.chdir(svc.workspace)
  mod = await import('../../src/stores/actions-cache-store.js')
  service = await import('../../src/stores/actions-cache-service.js')
  keys = await import('../../src/stores/actions-cache-keys.js')
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

describe('actions-cache store against the cache service stand-in', () => {
  it('saves a document and loads it back in another store, leaving the workspace empty', async () => {
    const writer = await newStore()
    await writer.save('round-trip', doc('round-trip', { appVersion: '1.2.3' }))
    await writer.close()

    const reader = await newStore()
    expect(await reader.load('round-trip')).toEqual(doc('round-trip', { appVersion: '1.2.3' }))
    expect(svc.entries().map((e) => e.key)).toContain('cicdstatemgr-round-trip-r0000000001')
    expect(await readdir(svc.workspace)).toEqual([])
  })

  it('answers undefined for an id that has no entry', async () => {
    const store = await newStore()
    expect(await store.load('never-written')).toBeUndefined()
  })

  it('writes each update as the next revision and loads the newest', async () => {
    const store = await newStore()
    await store.save('revisions', doc('revisions', { step: 'one' }))
    const applied = await store.update('revisions', (current) => {
      expect(current?.state.step).toBe('one')
      return doc('revisions', { step: 'two' })
    })
    expect(applied.state.step).toBe('two')
    await store.update('revisions', () => doc('revisions', { step: 'three' }))

    const keysOf = svc.entries().filter((e) => e.key.startsWith('cicdstatemgr-revisions-r'))
    expect(keysOf.map((e) => e.key)).toEqual([
      'cicdstatemgr-revisions-r0000000001',
      'cicdstatemgr-revisions-r0000000002',
      'cicdstatemgr-revisions-r0000000003'
    ])
    expect((await (await newStore()).load('revisions'))?.state.step).toBe('three')
  })

  it('keeps ids apart that are prefixes of each other', async () => {
    const store = await newStore()
    await store.save('a', doc('a', { who: 'a' }))
    await store.save('ab', doc('ab', { who: 'ab' }))
    await store.save('a-r0000000009', doc('a-r0000000009', { who: 'tricky' }))
    expect((await store.load('a'))?.state.who).toBe('a')
    expect((await store.load('ab'))?.state.who).toBe('ab')
    expect((await store.load('a-r0000000009'))?.state.who).toBe('tricky')
  })

  it('detects a concurrent writer and re-applies the losing update on top of the winner', async () => {
    await (await newStore()).save('race', doc('race', { base: 'yes' }))
    const logA = new RecordingLogger()
    const logB = new RecordingLogger()
    const [a, b] = [await newStore(logA), await newStore(logB)]
    const seen: string[] = []
    const conflictsBefore = svc.conflicts()

    await Promise.all([
      a.update('race', (current) => {
        seen.push(`a saw ${JSON.stringify(current?.state)}`)
        return {
          ...(current ?? doc('race')),
          state: { ...(current ?? doc('race')).state, fromA: 'a' }
        }
      }),
      b.update('race', (current) => {
        seen.push(`b saw ${JSON.stringify(current?.state)}`)
        return {
          ...(current ?? doc('race')),
          state: { ...(current ?? doc('race')).state, fromB: 'b' }
        }
      })
    ])

    const final = await (await newStore()).load('race')
    expect(final?.state).toMatchObject({ base: 'yes', fromA: 'a', fromB: 'b' })
    // Three mutation calls for two updates: one writer lost revision 2 and retried as revision 3.
    expect(seen).toHaveLength(3)
    expect(svc.conflicts() - conflictsBefore).toBe(1)
    const retried = [...logA.lines, ...logB.lines].filter((l) => l.includes('re-applying'))
    expect(retried).toHaveLength(1)
    expect(
      svc
        .entries()
        .filter((e) => e.key.startsWith('cicdstatemgr-race-r'))
        .map((e) => e.key)
    ).toEqual([
      'cicdstatemgr-race-r0000000001',
      'cicdstatemgr-race-r0000000002',
      'cicdstatemgr-race-r0000000003'
    ])
  })

  it('reports a failed save as a StoreError and leaves the stored document as it was', async () => {
    const store = await newStore()
    await store.save('save-fails', doc('save-fails', { value: 'kept' }))
    const before = svc.entries().length

    svc.failNext('CreateCacheEntry', 1, 400)
    const attempt = store.update('save-fails', () => doc('save-fails', { value: 'lost?' }))
    await expect(attempt).rejects.toThrow(
      /could not save revision 2 of context 'save-fails' .*HTTP 400.*the update was not stored/
    )
    await expect(attempt).rejects.toHaveProperty('name', 'StoreError')

    expect(svc.entries()).toHaveLength(before)
    expect((await store.load('save-fails'))?.state.value).toBe('kept')
  })

  it('recognises its own save when the reply to it was lost, and applies the change once', async () => {
    const store = await newStore()
    await store.save('lost-reply', doc('lost-reply', { count: '1' }))
    let calls = 0
    svc.failNext('FinalizeCacheEntryUpload', 1, 'lost-reply')
    const stored = await store.update('lost-reply', (current) => {
      calls += 1
      return doc('lost-reply', { count: String(Number(current?.state.count) + 1) })
    })
    expect(calls).toBe(1)
    expect(stored.state.count).toBe('2')
    expect((await store.load('lost-reply'))?.state.count).toBe('2')
    // The `r` after `-` is escaped in keys: `-r` marks where the id ends.
    const entries = svc.entries().filter((e) => e.key.startsWith('cicdstatemgr-lost-_72eply-r'))
    expect(entries).toHaveLength(2)
  })

  it('tells a failed lookup apart from a miss', async () => {
    const store = await newStore()
    await store.save('lookup-fails', doc('lookup-fails'))

    svc.failNext('GetCacheEntryDownloadURL', 1, 403)
    const failed = store.load('lookup-fails')
    await expect(failed).rejects.toThrow(
      /cache service failed while looking up context 'lookup-fails'.*403/
    )
    await expect(failed).rejects.toHaveProperty('name', 'StoreError')

    // Dropped connections are retried (twice here): only when every attempt fails is it an error.
    svc.failNext('GetCacheEntryDownloadURL', 2, 'drop')
    await expect(store.load('never-written-either')).rejects.toThrow(/cache service failed/)
    expect(await store.load('never-written-either')).toBeUndefined()
  })

  it('reports an entry that exists but cannot be downloaded as a service failure', async () => {
    await (await newStore()).save('download-fails', doc('download-fails'))
    // Another job: this job's copy of what it saved would spare it the download.
    await inOtherJob(async () => {
      const store = await newStore()
      svc.failNext('BlobDownload', 1, 404)
      await expect(store.load('download-fails')).rejects.toThrow(
        /failed while downloading entry 'cicdstatemgr-download-fails-r0000000001' of context 'download-fails': .*HTTP 404/
      )
      expect(await readdir(svc.workspace)).toEqual([])
      expect((await store.load('download-fails'))?.state.cicdContextDataId).toBe('download-fails')
    })
  })

  it('works when the working directory is not GITHUB_WORKSPACE and leaves both clean', async () => {
    const elsewhere = join(svc.runnerTemp, 'elsewhere')
    await mkdir(elsewhere, { recursive: true })
    process.chdir(elsewhere)
    try {
      const store = await newStore()
      await store.save('from-elsewhere', doc('from-elsewhere', { where: 'sub' }))
      process.chdir(svc.workspace)
      expect((await store.load('from-elsewhere'))?.state.where).toBe('sub')
      expect(await readdir(elsewhere)).toEqual([])
      expect(await readdir(svc.workspace)).toEqual([])
    } finally {
      process.chdir(svc.workspace)
      await rm(elsewhere, { recursive: true, force: true })
    }
  })

  it('computes the same cache version as @actions/cache', async () => {
    await (await newStore()).save('version-pin', doc('version-pin'))
    const entry = svc.entries().find((e) => e.key === 'cicdstatemgr-version-pin-r0000000001')
    const expected = service.cacheVersion(
      ['.cicdstatemgr-cache/version-pin.json'],
      service.compressionMethod()
    )
    expect(entry?.version).toBe(expected)
  })

  it('writes entries @actions/cache restores, and reads entries @actions/cache saved', async () => {
    const cache = await import('@actions/cache')
    const relPath = '.cicdstatemgr-cache/interop.json'
    await (await newStore()).save('interop', doc('interop', { by: 'store' }))
    const workspace = await mkdtemp(join(svc.runnerTemp, 'interop-'))
    try {
      await withEnv({ GITHUB_WORKSPACE: workspace }, async () => {
        process.chdir(workspace)
        // What an earlier version of this tool (which used @actions/cache) reads.
        expect(await cache.restoreCache([relPath], 'cicdstatemgr-interop-r')).toBe(
          'cicdstatemgr-interop-r0000000001'
        )
        const restored = JSON.parse(await readFile(join(workspace, relPath), 'utf8'))
        expect(restored).toMatchObject({ format: 1, id: 'interop', revision: 1 })
        expect(restored.document).toEqual(doc('interop', { by: 'store' }))
        // What an earlier version wrote: revision 2 through @actions/cache's tar and upload.
        const earlier = { ...restored, revision: 2, document: doc('interop', { by: 'earlier' }) }
        await writeFile(join(workspace, relPath), JSON.stringify(earlier))
        expect(
          await cache.saveCache([relPath], 'cicdstatemgr-interop-r0000000002')
        ).toBeGreaterThan(0)
      })
    } finally {
      process.chdir(svc.workspace)
      await rm(workspace, { recursive: true, force: true })
    }
    await inOtherJob(async () => {
      const store = await newStore()
      expect((await store.load('interop'))?.state.by).toBe('earlier')
      await store.update('interop', (current) => ({
        ...(current ?? doc('interop')),
        state: { ...(current ?? doc('interop')).state, by: 'store again' }
      }))
    })
    expect(svc.entries().filter((e) => e.key.startsWith('cicdstatemgr-interop-r'))).toHaveLength(3)
  })

  it('uses gzip and its cache version, as @actions/cache does, where no zstd program is installed', async () => {
    const bin = await mkdtemp(join(svc.runnerTemp, 'bin-'))
    try {
      await withEnv({ PATH: bin }, async () => {
        const store = await newStore()
        await store.save('no-zstd', doc('no-zstd', { packed: 'gzip' }))
        expect((await (await newStore()).load('no-zstd'))?.state.packed).toBe('gzip')
      })
    } finally {
      await rm(bin, { recursive: true, force: true })
    }
    const entry = svc.entries().find((e) => e.key === 'cicdstatemgr-no-zstd-r0000000001')
    expect(entry?.version).toBe(service.cacheVersion(['.cicdstatemgr-cache/no-zstd.json'], 'gzip'))
    // gzip's magic bytes: the tar inside was compressed with gzip, not zstd.
    expect(entry?.content.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
    // With zstd back on PATH it is another cache version, as for @actions/cache: a miss, not a mix-up.
    expect(await (await newStore()).load('no-zstd')).toBeUndefined()
  })

  it('refuses a damaged entry with a one-line error and writes nothing over it', async () => {
    const key = 'cicdstatemgr-damaged-r0000000001'
    const version = service.cacheVersion(
      ['.cicdstatemgr-cache/damaged.json'],
      service.compressionMethod()
    )
    await putRawEntry(key, version, Buffer.from('not a zstd frame, not a tar'))
    const store = await newStore()
    const load = store.load('damaged')
    await expect(load).rejects.toThrow(
      `actions-cache: cache entry ${key} cannot be read: the cache entry is not zstd-compressed as expected`
    )
    await expect(load).rejects.toHaveProperty('name', 'StoreError')
    await expect(store.update('damaged', () => doc('damaged'))).rejects.toThrow(/cannot be read/)
    expect(svc.entries().filter((e) => e.key.startsWith('cicdstatemgr-damaged-r'))).toHaveLength(1)
  })

  it('fails a write the service denies by policy at once, naming the denial', async () => {
    const store = await newStore()
    const msg = 'cache write denied: writes are not allowed for this workflow run'
    svc.failNext('CreateCacheEntry', 1, { status: 403, msg })
    const lookupsBefore = svc.calls('GetCacheEntryDownloadURL')
    const attempt = store.save('denied', doc('denied'))
    await expect(attempt).rejects.toThrow(
      /saving context 'denied': .*cache write denied: writes are not allowed/
    )
    await expect(attempt).rejects.toHaveProperty('name', 'StoreError')
    // One lookup (the read before the write), none of the checks made after an unclear failure.
    expect(svc.calls('GetCacheEntryDownloadURL') - lookupsBefore).toBe(1)
    expect(svc.entries().some((e) => e.key.includes('denied'))).toBe(false)
  })

  it('honours keyPrefix and registers the runtime token as a secret', async () => {
    const logger = new RecordingLogger()
    const printedBefore = coreOutput.length
    const store = await mod.createActionsCacheStore(
      { ...SETTINGS, keyPrefix: 'team-x/' },
      logger,
      FAST
    )
    await store.save('prefixed', doc('prefixed'))
    expect(svc.entries().map((e) => e.key)).toContain('team-x/prefixed-r0000000001')
    expect(logger.secrets).toContain(svc.env.ACTIONS_RUNTIME_TOKEN)
    expect(await store.load('prefixed')).toEqual(doc('prefixed'))
    // Neither the token nor a signed URL's signature is printed anywhere.
    const printed = [...logger.lines, ...coreOutput.slice(printedBefore)].join('\n')
    expect(printed).not.toContain(svc.env.ACTIONS_RUNTIME_TOKEN)
    expect(printed).not.toContain('stand-in-signature')
  })

  it('refuses writes that ACTIONS_CACHE_MODE forbids instead of dropping them', async () => {
    const store = await newStore()
    await withEnv({ ACTIONS_CACHE_MODE: 'read' }, async () => {
      await expect(store.save('read-only', doc('read-only'))).rejects.toThrow(
        /ACTIONS_CACHE_MODE=read does not permit cache writes/
      )
    })
    expect(svc.entries().some((e) => e.key.includes('read-only'))).toBe(false)
  })
})

describe('actions-cache job-local copy', () => {
  it('serves a read of the entry this job saved or read last with a lookup only', async () => {
    await (await newStore()).save('held', doc('held', { v: '1' }))
    const downloads = svc.calls('BlobDownload')
    const lookups = svc.calls('GetCacheEntryDownloadURL')
    expect((await (await newStore()).load('held'))?.state.v).toBe('1')
    expect((await (await newStore()).load('held'))?.state.v).toBe('1')
    expect(svc.calls('BlobDownload')).toBe(downloads)
    expect(svc.calls('GetCacheEntryDownloadURL')).toBe(lookups + 2)

    // Another job downloads once, then holds the entry too.
    await inOtherJob(async () => {
      expect((await (await newStore()).load('held'))?.state.v).toBe('1')
      expect(svc.calls('BlobDownload')).toBe(downloads + 1)
      expect((await (await newStore()).load('held'))?.state.v).toBe('1')
      expect(svc.calls('BlobDownload')).toBe(downloads + 1)
    })
  })

  it('downloads what another job wrote since, and updates on top of it', async () => {
    const store = await newStore()
    await store.save('shared', doc('shared', { a: '1' }))
    await inOtherJob(async () => {
      await (
        await newStore()
      ).update('shared', (d) => ({
        ...(d ?? doc('shared')),
        state: { ...(d ?? doc('shared')).state, b: '2' }
      }))
    })
    const downloads = svc.calls('BlobDownload')
    expect((await store.load('shared'))?.state).toMatchObject({ a: '1', b: '2' })
    expect(svc.calls('BlobDownload')).toBe(downloads + 1)
    await store.update('shared', (d) => ({
      ...(d ?? doc('shared')),
      state: { ...(d ?? doc('shared')).state, c: '3' }
    }))
    expect(svc.calls('BlobDownload')).toBe(downloads + 1)
    await inOtherJob(async () => {
      expect((await (await newStore()).load('shared'))?.state).toMatchObject({
        a: '1',
        b: '2',
        c: '3'
      })
    })
  })

  it('keeps the copy private (0600) and ignores a corrupted, foreign or exposed copy', async () => {
    await inOtherJob(async () => {
      const temp = process.env.RUNNER_TEMP ?? ''
      const store = await newStore()
      await store.save('other-id', doc('other-id', { who: 'other' }))
      const [foreign] = await copyFiles(temp)
      const foreignText = await readFile(foreign ?? '', 'utf8')
      await rm(foreign ?? '')

      await store.save('private', doc('private', { secretish: 'x' }))
      const [copy] = await copyFiles(temp)
      const path = copy ?? ''
      expect((await stat(path)).mode & 0o777).toBe(0o600)
      expect((await stat(join(temp, COPIES_DIR))).mode & 0o777).toBe(0o700)
      const good = await readFile(path, 'utf8')

      const attempts: Array<[string, () => Promise<void>]> = [
        ['not JSON', () => writeFile(path, '{"format":1,', { mode: 0o600 })],
        ['another id', () => writeFile(path, foreignText, { mode: 0o600 })],
        [
          'another revision under this key',
          () => writeFile(path, good.replace('"revision":1', '"revision":7'), { mode: 0o600 })
        ],
        [
          'another location',
          () =>
            writeFile(path, good.replace(/"location":"[0-9a-f]+"/, '"location":"00"'), {
              mode: 0o600
            })
        ],
        [
          'readable by others',
          async () => {
            await writeFile(path, good.replace('"secretish":"x"', '"secretish":"planted"'))
            await chmod(path, 0o644)
          }
        ]
      ]
      for (const [what, spoil] of attempts) {
        await rm(path, { force: true })
        await spoil()
        const downloads = svc.calls('BlobDownload')
        expect([what, (await (await newStore()).load('private'))?.state.secretish]).toEqual([
          what,
          'x'
        ])
        expect([what, svc.calls('BlobDownload')]).toEqual([what, downloads + 1])
      }
      // The download replaced the spoilt copy with a good one.
      expect((await stat(path)).mode & 0o777).toBe(0o600)
      const downloads = svc.calls('BlobDownload')
      expect((await (await newStore()).load('private'))?.state.secretish).toBe('x')
      expect(svc.calls('BlobDownload')).toBe(downloads)
    })
  })
})

describe('actions-cache store outside GitHub Actions', () => {
  it('fails with a StoreError naming the missing variable', async () => {
    await withEnv({ ACTIONS_RUNTIME_TOKEN: undefined }, async () => {
      const created = mod.createActionsCacheStore(SETTINGS, new RecordingLogger())
      await expect(created).rejects.toThrow(
        /actions-cache datasource only works inside GitHub Actions.*ACTIONS_RUNTIME_TOKEN is not set/
      )
      await expect(created).rejects.toHaveProperty('name', 'StoreError')
    })
    await withEnv(
      { ACTIONS_RESULTS_URL: undefined, ACTIONS_RUNTIME_TOKEN: undefined },
      async () => {
        await expect(mod.createActionsCacheStore(SETTINGS, new RecordingLogger())).rejects.toThrow(
          /ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL are not set/
        )
      }
    )
  })

  it('rejects the legacy cache service and a workDir that would change the cache version', async () => {
    await withEnv({ ACTIONS_CACHE_SERVICE_V2: undefined }, async () => {
      await expect(mod.createActionsCacheStore(SETTINGS, new RecordingLogger())).rejects.toThrow(
        /ACTIONS_CACHE_SERVICE_V2 is not set/
      )
    })
    await expect(
      mod.createActionsCacheStore({ ...SETTINGS, workDir: '/tmp/abs' }, new RecordingLogger())
    ).rejects.toThrow(/workDir '\/tmp\/abs' must be a plain relative directory/)
  })
})

describe('actions-cache key naming', () => {
  it('escapes ids so that no id is a key prefix of another', () => {
    expect(keys.escapeId('build-123.main')).toBe('build-123.main')
    expect(keys.escapeId('a-r1')).toBe('a-_721')
    expect(keys.escapeId('x,y_z/é')).toBe('x_2Cy_5Fz_2F_C3_A9')
    const names = (id: string): string => keys.entryNames('p-', '.c', id).prefix
    const ids = ['a', 'ab', 'a-', 'a-r', 'a-R0000000001', 'a_2D', 'a-b']
    for (const x of ids) {
      for (const y of ids) {
        const key = keys.revisionKey(keys.entryNames('p-', '.c', y), 1)
        expect(key.startsWith(names(x))).toBe(x === y)
      }
    }
  })
})
