import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ContextDocument } from '../../src/core/types.js'
import { runActionInProcess } from '../helpers/action-runner.js'
import {
  RecordingLogger,
  startArtifactWorld,
  type ArtifactWorld
} from '../helpers/artifact-runs.js'

let world: ArtifactWorld
let dir: string
let savedApiUrl: string | undefined

const PR = { id: 401, headBranch: 'feature/y', cacheScope: 'refs/pull/12/merge' }
const MAIN = { id: 402, headBranch: 'main' }

/** The stand-in does not scope cache entries by branch: each "scope" gets its own key prefix. */
const config = (prefix: string): string =>
  `cicdstatemgr:\n  datasources:\n    actions-cache:\n      isPrimary: true\n      keyPrefix: ${prefix}\n`

beforeAll(async () => {
  world = await startArtifactWorld()
  // @actions/github (inside @actions/artifact's download) reads GITHUB_API_URL once, when imported.
  savedApiUrl = process.env.GITHUB_API_URL
  process.env.GITHUB_API_URL = world.gh.url
  dir = await mkdtemp(join(tmpdir(), 'load-from-run-action-'))
  await writeFile(join(dir, 'pr.yaml'), config('pr12-'))
  await writeFile(join(dir, 'main.yaml'), config('main-'))
})

afterAll(async () => {
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
  else process.env.GITHUB_API_URL = savedApiUrl
  await world?.close()
  await rm(dir, { recursive: true, force: true })
})

/** A step of `run` with the runner's environment of that run. */
async function step(
  run: typeof PR | typeof MAIN,
  name: 'get-set' | 'handle-event' | 'init',
  inputs: Record<string, string>
): ReturnType<typeof runActionInProcess> {
  const env = await world.asRun(run, async () => ({ ...process.env }))
  env.RUNNER_TEMP = world.svc.runnerTemp
  delete env.GITHUB_WORKSPACE
  return runActionInProcess(name, inputs, { workspace: dir, env })
}

describe('load-from-run input', () => {
  it('hands a context from a pull-request run (upload-artifact) to a run on main with another cache scope', async () => {
    await world.asRun(PR, async () => {
      const { createActionsCacheStore } = await import('../../src/stores/actions-cache-store.js')
      const store = await createActionsCacheStore(
        { name: 'actions-cache', type: 'actions-cache', isPrimary: true, keyPrefix: 'pr12-' },
        new RecordingLogger()
      )
      const seed = { state: { cicdContextDataId: 'ho', cicdContextName: 'stage' } }
      await store.update('ho', () => seed as unknown as ContextDocument)
    })
    const pr = await step(PR, 'get-set', {
      config: 'pr.yaml',
      id: 'ho',
      set: 'state.version=9.9.9',
      'upload-artifact': 'true'
    })
    expect(pr.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([])
    expect(pr.code).toBe(0)
    expect(pr.outputs['artifact-id']).toMatch(/^\d+$/)

    const before = await step(MAIN, 'get-set', {
      config: 'main.yaml',
      id: 'ho',
      get: 'v=state.version'
    })
    expect(before.code).toBe(1)

    const main = await step(MAIN, 'get-set', {
      config: 'main.yaml',
      id: 'ho',
      'load-from-run': String(PR.id),
      'github-token': world.gh.installationToken,
      get: 'v=state.version'
    })
    expect(main.code).toBe(0)
    expect(main.outputs.v).toBe('9.9.9')
    // Registered as a secret, and in no other line.
    const lines = main.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
    expect(lines.filter((l) => l.includes(world.gh.installationToken))).toEqual([])
    expect(world.gh.violations).toEqual([])
  })

  it('init with load-from-run latest takes the snapshot as the context (no app config)', async () => {
    await writeFile(join(dir, 'main2.yaml'), config('main2-'))
    const init = await step(MAIN, 'init', {
      config: 'main2.yaml',
      id: 'ho',
      'load-from-run': 'latest',
      'github-token': world.gh.installationToken,
      set: 'state.stage=promoted'
    })
    expect(init.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([])
    expect(JSON.parse(init.outputs.state ?? '{}')).toMatchObject({
      version: '9.9.9',
      stage: 'promoted'
    })
  })

  it('runs get-set on the actions-artifact primary with the github-token input as its REST token', async () => {
    await writeFile(
      join(dir, 'artifact.yaml'),
      'cicdstatemgr:\n  datasources:\n    actions-artifact:\n      isPrimary: true\n'
    )
    await world.asRun({ id: 403 }, async () => {
      const { createActionsArtifactStore } =
        await import('../../src/stores/actions-artifact-store.js')
      const store = await createActionsArtifactStore(
        { name: 'actions-artifact', type: 'actions-artifact', isPrimary: true },
        new RecordingLogger()
      )
      const seed = { state: { cicdContextDataId: 'art', cicdContextName: 'stage' } }
      await store.update('art', () => seed as unknown as ContextDocument)
    })
    const env = await world.asRun({ id: 404 }, async () => ({ ...process.env }))
    delete env.GITHUB_TOKEN
    delete env.GITHUB_WORKSPACE
    env.RUNNER_TEMP = world.svc.runnerTemp
    const set = await runActionInProcess(
      'get-set',
      {
        config: 'artifact.yaml',
        id: 'art',
        set: 'state.stage=deployed',
        'github-token': world.gh.installationToken
      },
      { workspace: dir, env }
    )
    expect(set.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([])
    const names = world.svc.artifacts().map((a) => a.name)
    expect(names).toContain('cicdstatemgr-state-art.r0000000002')
    const get = await runActionInProcess(
      'get-set',
      {
        config: 'artifact.yaml',
        id: 'art',
        get: 'v=state.stage',
        'github-token': world.gh.installationToken
      },
      { workspace: dir, env }
    )
    expect(get.outputs.v).toBe('deployed')
  })

  it('rejects a malformed value with one line naming the input', async () => {
    const run = await step(MAIN, 'get-set', {
      config: 'main.yaml',
      id: 'ho',
      'load-from-run': 'last week',
      get: 'v=state.version'
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      "::error::input 'load-from-run' must be a workflow run id or 'latest', got 'last week'"
    )
  })
})
