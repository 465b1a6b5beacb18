/**
 * Uploads the final context document as a workflow artifact (`<id>.yaml` plus `<id>.json`, zipped)
 * so people can download it from the run page. Artifacts are immutable and their names unique per
 * run, so the caller picks a name that differs per job or step; a taken name is a clear error.
 * Not a datasource: nothing reads it back.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DefaultArtifactClient } from '@actions/artifact'
import type { Logger } from '../core/logger.js'
import type { ContextDocument } from '../core/types.js'
import { stringifyYaml } from '../core/yaml.js'
import { StoreError, UsageError, firstLine } from '../errors.js'

export interface SnapshotOptions {
  /** Days GitHub keeps the artifact (1-90; capped by the repository setting). Default: the repository's. */
  retentionDays?: number
  logger: Logger
}

export interface Snapshot {
  id: number
  name: string
  /** Bytes uploaded (the zip). */
  size: number
}

/** What @actions/artifact refuses in a name (NTFS limits), with how to say it. */
const FORBIDDEN: ReadonlyArray<[string, string]> = [
  ['"', 'a double quote'],
  [':', 'a colon'],
  ['<', "'<'"],
  ['>', "'>'"],
  ['|', "'|'"],
  ['*', "'*'"],
  ['?', "'?'"],
  ['\r', 'a carriage return'],
  ['\n', 'a line feed'],
  ['\\', 'a backslash'],
  ['/', 'a forward slash']
]

export async function uploadSnapshot(
  name: string,
  doc: ContextDocument,
  opts: SnapshotOptions
): Promise<Snapshot> {
  checkName(name)
  checkRetention(opts.retentionDays)
  checkEnvironment()
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'cicdstatemgr-snapshot-'))
  try {
    const files = await writeSnapshotFiles(dir, doc)
    const options = opts.retentionDays ? { retentionDays: opts.retentionDays } : {}
    const result = await upload(name, files, dir, options)
    opts.logger.info(`uploaded the context document as artifact '${name}' (id ${result.id})`)
    return { id: result.id, name, size: result.size }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function checkName(name: string): void {
  if (name.trim() === '') throw new UsageError('artifact name is empty')
  const bad = FORBIDDEN.find(([ch]) => name.includes(ch))
  if (bad) {
    throw new UsageError(
      `artifact name '${name.replace(/[\r\n]/g, ' ')}' contains ${bad[1]}, which GitHub does not ` +
        'allow in artifact names (forbidden: " : < > | * ? \\ / and line breaks)'
    )
  }
}

function checkRetention(days: number | undefined): void {
  if (days === undefined) return
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    throw new UsageError(
      `artifact retention must be a whole number of days from 1 to 90, got ${days}`
    )
  }
}

function checkEnvironment(): void {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((n) => !process.env[n])
  if (missing.length > 0) {
    throw new StoreError(
      'uploading an artifact only works inside GitHub Actions, in a JavaScript action step: ' +
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`
    )
  }
}

async function writeSnapshotFiles(dir: string, doc: ContextDocument): Promise<string[]> {
  const stem = fileStem(doc.state.cicdContextDataId)
  const yamlPath = join(dir, `${stem}.yaml`)
  const jsonPath = join(dir, `${stem}.json`)
  await writeFile(yamlPath, stringifyYaml(doc), 'utf8')
  await writeFile(jsonPath, `${JSON.stringify(doc, null, 2)}\n`, 'utf8')
  return [yamlPath, jsonPath]
}

/** A file name from the id that every file system and the artifact service accept. */
function fileStem(id: unknown): string {
  const text = typeof id === 'string' ? id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) : ''
  return /^[._]*$/.test(text) ? 'context' : text
}

async function upload(
  name: string,
  files: string[],
  root: string,
  options: { retentionDays?: number }
): Promise<{ id: number; size: number }> {
  try {
    const result = await new DefaultArtifactClient().uploadArtifact(name, files, root, options)
    if (result.id === undefined) throw new Error('the service returned no artifact id')
    return { id: result.id, size: result.size ?? 0 }
  } catch (err) {
    const first = firstLine(err)
    if (/\(409\)|already exists/i.test(first)) {
      throw new StoreError(
        `artifact '${name}' already exists in this workflow run: artifact names must be unique per ` +
          'run, so give each job or step its own name',
        { cause: err }
      )
    }
    throw new StoreError(`uploading artifact '${name}' failed: ${first}`, { cause: err })
  }
}
