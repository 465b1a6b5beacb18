/**
 * `load-from-run`: reads the context snapshot another workflow run uploaded (`upload-artifact: true`, or a
 * revision of the `actions-artifact` datasource) and writes it into this run's primary through its
 * normal no-lost-update `update`, so a run on `main` carries on with a context a pull-request run wrote
 * (the cache store is branch-scoped; artifacts are readable by every run of the repository).
 *
 * `RUN_ID` reads that run's artifacts; `latest` the repository's newest. Only artifacts of runs whose head
 * repository is this repository count (see src/github/artifacts.ts); the newest usable one that holds
 * the id wins.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../core/logger.js'
import type { StoreSet } from '../core/store.js'
import type { ContextDocument } from '../core/types.js'
import { NotFoundError, UsageError } from '../errors.js'
import { ArtifactFinder, type ArtifactRecord } from '../github/artifacts.js'
import { createGithubClient, type Clock } from '../github/client.js'
import { readGithubEnv } from '../github/env.js'
import { deriveKey, readDownloaded, revisionPrefix } from './artifact-archive.js'

export interface LoadFromRunOptions {
  id: string
  /** A run id, or `latest`. */
  from: string
  /** A token with `actions: read` (the action's `github-token`, the CLI's GITHUB_TOKEN). */
  token: string | undefined
  env: NodeJS.ProcessEnv
  /** `artifact-name` of the uploading step, when it was not the default. */
  artifactName?: string
  /** The `actions-artifact` datasource's encryptionKey, for encrypted revisions. */
  encryptionKey?: string
  logger: Logger
  /** Most candidate artifacts downloaded before giving up (default 10). */
  maxDownloads?: number
  clock?: Clock
}

export interface Loaded {
  document: ContextDocument
  artifact: ArtifactRecord
}

/** Checks the flag/input value; `what` names it in the message. */
export function parseRunSpec(from: string, what: string): number | 'latest' {
  const text = from.trim()
  if (text === 'latest') return 'latest'
  if (/^\d{1,18}$/.test(text) && Number(text) > 0) return Number(text)
  throw new UsageError(`${what}: expected a workflow run id or 'latest', got '${from}'`)
}

/** Finds and downloads the snapshot; stores it in the primary and the copies. */
export async function loadFromRun(stores: StoreSet, o: LoadFromRunOptions): Promise<Loaded> {
  const loaded = await findSnapshot(o)
  const stored = await stores.primary.update(o.id, () => loaded.document)
  await stores.saveCopies(o.id, stored)
  const a = loaded.artifact
  o.logger.info(
    `load-from-run: context '${o.id}' loaded from artifact '${a.name}' (id ${a.id}) of run ` +
      `${a.runId ?? '?'}${a.headBranch ? ` on ${a.headBranch}` : ''} into the ${stores.primary.name} primary`
  )
  return { document: stored, artifact: a }
}

export async function findSnapshot(o: LoadFromRunOptions): Promise<Loaded> {
  const spec = parseRunSpec(o.from, 'load-from-run')
  const gh = readGithubEnv(o.env)
  if (!gh.repository) throw new UsageError('load-from-run needs GITHUB_REPOSITORY (owner/repo)')
  if (!o.token) {
    throw new UsageError(
      'load-from-run needs a token with actions: read (input github-token, or GITHUB_TOKEN for the CLI)'
    )
  }
  o.logger.addSecret(o.token)
  const client = await createGithubClient({
    token: o.token,
    apiUrl: gh.apiUrl,
    ...(o.clock ? { clock: o.clock } : {}),
    debug: (line) => o.logger.debug(line)
  })
  const finder = new ArtifactFinder(client, gh.repository, o.token, o.logger)
  const isCandidate = candidateNames(o.id, o.artifactName)
  const listed =
    spec === 'latest'
      ? await finder.newestMatching(isCandidate)
      : (await finder.ofRun(spec)).filter((a) => isCandidate(a.name))
  const usable = finder.usable(listed).slice(0, o.maxDownloads ?? 10)
  const key = o.encryptionKey ? deriveKey(o.encryptionKey) : undefined
  for (const artifact of usable) {
    const document = await downloadDocument(finder, artifact, o.id, key)
    if (document) return { document, artifact }
  }
  const where = spec === 'latest' ? 'the repository' : `run ${spec}`
  throw new NotFoundError(
    `load-from-run: ${where} has no usable snapshot of context '${o.id}' ` +
      `(looked for artifacts named ${snapshotPrefix(o.id)}… or ${revisionPrefix(o.id)}…` +
      `${o.artifactName ? ` or ${o.artifactName}` : ''}; ${listed.length} found, ${usable.length} usable)`
  )
}

async function downloadDocument(
  finder: ArtifactFinder,
  artifact: ArtifactRecord,
  id: string,
  key: Buffer | undefined
): Promise<ContextDocument | undefined> {
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'cicdstatemgr-load-'))
  try {
    await finder.download(artifact, dir)
    const found = await readDownloaded(
      dir,
      id,
      key,
      `artifact '${artifact.name}' (id ${artifact.id})`
    )
    return found?.document
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The default `upload-artifact` name starts with this (src/actions/session.ts defaultArtifactName). */
function snapshotPrefix(id: string): string {
  return `cicdstatemgr-${id}`.replace(/[":<>|*?\\/\r\n]/g, '_')
}

function candidateNames(id: string, custom: string | undefined): (name: string) => boolean {
  const snapshot = snapshotPrefix(id)
  const revisions = revisionPrefix(id)
  return (name) =>
    name === custom ||
    name.startsWith(revisions) ||
    name === snapshot ||
    name.startsWith(`${snapshot}-`)
}
