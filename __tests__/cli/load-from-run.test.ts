import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { ContextDocument } from '../../src/core/types.js'
import { runCli } from '../helpers/cli.js'
import {
  RecordingLogger,
  startArtifactWorld,
  type ArtifactWorld
} from '../helpers/artifact-runs.js'

type SnapshotModule = typeof import('../../src/stores/artifact-snapshot.js')

let world: ArtifactWorld
let snapshot: SnapshotModule
let dir: string
let savedApiUrl: string | undefined

const DOC = {
  channel: 'builds',
  state: { cicdContextDataId: 'cli-ctx', cicdContextName: 'stage', version: '3.1.4' }
} as unknown as ContextDocument

beforeAll(async () => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  world = await startArtifactWorld()
  savedApiUrl = process.env.GITHUB_API_URL
  process.env.GITHUB_API_URL = world.gh.url
  snapshot = await import('../../src/stores/artifact-snapshot.js')
  dir = await mkdtemp(join(tmpdir(), 'cli-load-from-run-'))
  await writeFile(
    join(dir, 'config.yaml'),
    'cicdstatemgr:\n  datasources:\n    yamlfile:\n      path: state.yaml\n      isPrimary: true\n'
  )
  await world.asRun({ id: 301, headBranch: 'feature/cli', cacheScope: 'refs/pull/9/merge' }, () =>
    snapshot.uploadSnapshot('cicdstatemgr-cli-ctx-build-s1', DOC, { logger: new RecordingLogger() })
  )
})

afterAll(async () => {
  jest.restoreAllMocks()
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
  else process.env.GITHUB_API_URL = savedApiUrl
  await world?.close()
  await rm(dir, { recursive: true, force: true })
})

/** The CLI in a `run:` step of run 302 on main. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return world.asRun({ id: 302, headBranch: 'main' }, () =>
    runCli(['--config', 'config.yaml', ...args], { cwd: dir, env: { ...process.env } })
  )
}

describe('cicdstatemgr --load-from-run', () => {
  it('alone stores the snapshot of a run in the primary; --get then reads it', async () => {
    const loaded = await cli(['--load-from-run', '301', '--id', 'cli-ctx'])
    expect(loaded).toMatchObject({ code: 0, stdout: '' })
    expect(await readFile(join(dir, 'state.yaml'), 'utf8')).toMatch(/version: 3\.1\.4/)
    const got = await cli(['--id', 'cli-ctx', '--get', 'state.version'])
    expect(got).toMatchObject({ code: 0, stdout: '3.1.4\n' })
    expect(`${loaded.stderr}${got.stderr}`).not.toContain(world.gh.installationToken)
    expect(world.gh.violations).toEqual([])
  })

  it('with latest before --set carries on from the newest snapshot', async () => {
    const run = await cli([
      '--load-from-run',
      'latest',
      '--id',
      'cli-ctx',
      '--set',
      'state.stage=deployed'
    ])
    expect(run.code).toBe(0)
    const text = await readFile(join(dir, 'state.yaml'), 'utf8')
    expect(text).toMatch(/version: 3\.1\.4/)
    expect(text).toMatch(/stage: deployed/)
  })

  it('bad values and combinations are usage errors (exit 2) before anything is read', async () => {
    const requests = world.gh.requests.length
    const bad = await cli(['--load-from-run', 'yesterday', '--id', 'cli-ctx'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim()).toBe(
      "ERROR --load-from-run 'yesterday': expected a workflow run id or 'latest', got 'yesterday'"
    )
    const combined = await cli(['--load-from-run', '301', '--delete', 'cli-ctx'])
    expect(combined.code).toBe(2)
    expect(combined.stderr.trim()).toBe('ERROR --load-from-run cannot be combined with --delete')
    const merge = await cli(['--id', 'cli-ctx', '--merge-revision', 'abc'])
    expect(merge.stderr.trim()).toBe(
      "ERROR --merge-revision 'abc': expected an artifact id (a number)"
    )
    expect(world.gh.requests.length).toBe(requests)
  })

  it('--artifact-revisions needs the actions-artifact primary', async () => {
    const run = await cli(['--artifact-revisions', 'cli-ctx'])
    expect(run.code).toBe(2)
    expect(run.stderr.trim()).toBe(
      'ERROR --artifact-revisions needs the actions-artifact datasource as the primary, not yamlfile'
    )
  })

  it('a run without a snapshot of the id: one line, exit 1, primary unchanged', async () => {
    const before = await readFile(join(dir, 'state.yaml'), 'utf8')
    const run = await cli(['--load-from-run', '999', '--id', 'cli-ctx'])
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/load-from-run: run 999 has no usable snapshot of context 'cli-ctx'/)
    expect(await readFile(join(dir, 'state.yaml'), 'utf8')).toBe(before)
  })
})
