import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { CacheServiceStandIn } from '../../__fixtures__/cache-service-stand-in.js'
import { startCacheService } from '../../__fixtures__/cache-service-stand-in.js'
import { silentLogger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { parseYaml } from '../../src/core/yaml.js'

type SnapshotModule = typeof import('../../src/stores/artifact-snapshot.js')
type ArtifactModule = typeof import('@actions/artifact')

const ENV_NAMES = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE',
  'GITHUB_SERVER_URL'
]

const DOC: ContextDocument = {
  channel: 'builds',
  variables: { greeting: 'hello: "world"' },
  state: { cicdContextDataId: 'ctx-42', cicdContextName: 'stage', list: ['a', 'b'], flag: false }
} as unknown as ContextDocument

let svc: CacheServiceStandIn
let mod: SnapshotModule
let artifact: ArtifactModule
const savedEnv: Record<string, string | undefined> = {}

beforeAll(async () => {
  // @actions/core prints workflow commands on stdout; keep them out of the test report.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  svc = await startCacheService()
  for (const name of ENV_NAMES) savedEnv[name] = process.env[name]
  Object.assign(process.env, svc.env)
  mod = await import('../../src/stores/artifact-snapshot.js')
  artifact = await import('@actions/artifact')
})

afterAll(async () => {
  jest.restoreAllMocks()
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  await svc?.close()
})

describe('uploadSnapshot', () => {
  it('uploads the document as YAML and JSON that download back unchanged', async () => {
    const result = await mod.uploadSnapshot('context-build', DOC, {
      retentionDays: 5,
      logger: silentLogger
    })
    expect(result.name).toBe('context-build')
    const stored = svc.artifacts().find((a) => a.id === result.id)
    expect(stored).toMatchObject({ name: 'context-build', runId: 'run-1', size: result.size })
    expect(stored?.expiresAt).toBeDefined()

    const into = await mkdtemp(join(svc.runnerTemp, 'download-'))
    try {
      await new artifact.DefaultArtifactClient().downloadArtifact(result.id, { path: into })
      expect((await readdir(into)).sort()).toEqual(['ctx-42.json', 'ctx-42.yaml'])
      const yamlText = await readFile(join(into, 'ctx-42.yaml'), 'utf8')
      expect(parseYaml(yamlText, 'ctx-42.yaml')).toEqual(DOC)
      expect(JSON.parse(await readFile(join(into, 'ctx-42.json'), 'utf8'))).toEqual(DOC)
    } finally {
      await rm(into, { recursive: true, force: true })
    }
    expect((await readdir(svc.runnerTemp)).filter((n) => n.startsWith('cicdstatemgr-'))).toEqual([])
  })

  it('says so clearly when the name is already taken in this run', async () => {
    await mod.uploadSnapshot('taken', DOC, { logger: silentLogger })
    const again = mod.uploadSnapshot('taken', DOC, { logger: silentLogger })
    await expect(again).rejects.toThrow(/artifact 'taken' already exists in this workflow run/)
    await expect(again).rejects.toHaveProperty('name', 'StoreError')
    expect(svc.artifacts().filter((a) => a.name === 'taken')).toHaveLength(1)
  })

  it('rejects names and retention GitHub would refuse, before uploading anything', async () => {
    const before = svc.calls('CreateArtifact')
    await expect(mod.uploadSnapshot('ctx/1', DOC, { logger: silentLogger })).rejects.toThrow(
      /artifact name 'ctx\/1' contains a forward slash/
    )
    await expect(mod.uploadSnapshot('a:b', DOC, { logger: silentLogger })).rejects.toThrow(
      /contains a colon/
    )
    await expect(mod.uploadSnapshot(' ', DOC, { logger: silentLogger })).rejects.toThrow(
      /name is empty/
    )
    await expect(
      mod.uploadSnapshot('ok-name', DOC, { retentionDays: 91, logger: silentLogger })
    ).rejects.toThrow(/retention must be a whole number of days from 1 to 90/)
    expect(svc.calls('CreateArtifact')).toBe(before)
  })

  it('reports a service failure as one StoreError line', async () => {
    svc.failNext('CreateArtifact', 1, 400)
    const failed = mod.uploadSnapshot('will-fail', DOC, { logger: silentLogger })
    await expect(failed).rejects.toThrow(/^uploading artifact 'will-fail' failed: .*\(400\)[^\n]*$/)
    await expect(failed).rejects.toHaveProperty('name', 'StoreError')
  })

  it('fails clearly outside GitHub Actions', async () => {
    const token = process.env.ACTIONS_RUNTIME_TOKEN
    delete process.env.ACTIONS_RUNTIME_TOKEN
    try {
      await expect(mod.uploadSnapshot('outside', DOC, { logger: silentLogger })).rejects.toThrow(
        /only works inside GitHub Actions.*ACTIONS_RUNTIME_TOKEN is not set/
      )
    } finally {
      process.env.ACTIONS_RUNTIME_TOKEN = token
    }
  })
})
