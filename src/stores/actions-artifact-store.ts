/**
 * The `actions-artifact` datasource: context documents as workflow artifacts, readable from any later
 * run on any branch of the repository (the cache store is branch-scoped). For pipelines whose steps
 * write one after another across runs (build → deploy → promote).
 *
 * Every write uploads a new revision: revision n of id X is the artifact `cicdstatemgr-state-<X>.r<n>`
 * (artifact-archive.ts). A read takes the newest revision.
 *
 * Concurrency (what is guaranteed, and where it stops):
 * - Writers in one run: artifact names are unique per run, so of two writers creating revision n+1 the
 *   service refuses the second (409); it reloads, re-applies its change and retries (bounded).
 * - Writers in different runs: both uploads succeed. After uploading, a writer re-lists revision n+1 and
 *   the lowest artifact id wins; a loser deletes its upload and retries on the winner.
 * - GitHub's listing can lag, so two writers can still both see themselves alone and both win. Readers
 *   then take the lowest artifact id (deterministic), warn naming both runs, and the other revision is
 *   kept: it stays listed in the archive's `forks` until merged (`--artifact-revisions ID`,
 *   `--merge-revision ARTIFACT_ID`), so no update vanishes without a trace, but it is not applied
 *   automatically.
 * - Artifacts expire (retention): a context not written for longer than the retention is gone.
 *
 * Trust: only artifacts of runs whose head repository is this repository are read (see
 * src/github/artifacts.ts). Uploads use the runtime token (JavaScript action steps only); listing,
 * downloading and deleting use a REST token (`actions: read`, deleting `actions: write`).
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../core/logger.js'
import type { Mutation, StateStore } from '../core/store.js'
import type { ContextDocument } from '../core/types.js'
import { ConfigError, ConflictError, NotFoundError, StoreError, errorMessage } from '../errors.js'
import { ArtifactFinder, type ArtifactRecord } from '../github/artifacts.js'
import { createGithubClient, realClock, type Clock } from '../github/client.js'
import { readGithubEnv } from '../github/env.js'
import {
  FORMAT,
  deriveKey,
  readDownloaded,
  revisionName,
  revisionOf,
  revisionPrefix,
  writeArchive,
  type ForkRecord,
  type RevisionArchive
} from './artifact-archive.js'
import type { ArtifactRevisionStore, RevisionInfo } from './actions-artifact-revisions.js'
import { mergeChanges } from './artifact-merge.js'
import type { ActionsArtifactSettings } from './artifact-settings.js'
import { loadGithubStorage } from './github-storage-loader.js'

export interface ActionsArtifactTuning {
  /** Base of the jittered wait before re-applying an update that lost a race. */
  conflictBackoffMs: number
  clock: Clock
  /** Attempts of one REST call (5xx and network errors are retried). */
  restAttempts: number
}

const DEFAULT_TUNING: ActionsArtifactTuning = {
  conflictBackoffMs: 500,
  clock: realClock,
  restAttempts: 4
}
const DEFAULT_MAX_ATTEMPTS = 10
const NAME_PREFIX = 'cicdstatemgr-state-'

type Archive = RevisionArchive

interface Revision {
  archive: Archive
  artifact: ArtifactRecord
}

export async function createActionsArtifactStore(
  settings: ActionsArtifactSettings,
  logger: Logger,
  tuning: Partial<ActionsArtifactTuning> = {}
): Promise<StateStore> {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_REPOSITORY'].filter(
    (n) => !process.env[n]
  )
  if (missing.length > 0) {
    throw new StoreError(
      'the actions-artifact datasource only works inside GitHub Actions, in a JavaScript action step: ' +
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`
    )
  }
  const token = settings.token ?? process.env.GITHUB_TOKEN
  if (!token) {
    throw new ConfigError(
      'actions-artifact: no token to list artifacts with: set datasources.actions-artifact.token ' +
        '(in secrets.yaml) or GITHUB_TOKEN (the actions pass their github-token input)'
    )
  }
  logger.addSecret(token)
  if (settings.encryptionKey) logger.addSecret(settings.encryptionKey)
  checkSettings(settings)
  const t = { ...DEFAULT_TUNING, ...tuning }
  const gh = readGithubEnv(process.env)
  const client = await createGithubClient({
    token,
    apiUrl: gh.apiUrl,
    clock: t.clock,
    maxAttempts: t.restAttempts,
    debug: (line) => logger.debug(line)
  })
  const finder = new ArtifactFinder(client, gh.repository!, token, logger)
  return new ActionsArtifactStore(settings, finder, t, logger)
}

function checkSettings(s: ActionsArtifactSettings): void {
  const days = s.retentionDays
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 90)) {
    throw new ConfigError(
      `actions-artifact: retentionDays must be a whole number from 1 to 90, got ${days}`
    )
  }
  if (s.maxAttempts !== undefined && !(Number.isInteger(s.maxAttempts) && s.maxAttempts >= 1)) {
    throw new ConfigError(
      `actions-artifact: maxAttempts must be a whole number >= 1, got ${s.maxAttempts}`
    )
  }
  if (s.encryptionKey !== undefined && s.encryptionKey.length < 16) {
    throw new ConfigError(
      'actions-artifact: encryptionKey must be at least 16 characters (use 32 random bytes)'
    )
  }
}

class ActionsArtifactStore implements ArtifactRevisionStore {
  readonly name = 'actions-artifact'
  readonly loadable = true
  private readonly key: Buffer | undefined
  /** Newest revision seen per id: later reads probe upward from it instead of listing the repository. */
  private readonly known = new Map<string, number>()
  /** Downloaded archives by artifact id (artifacts are immutable). */
  private readonly downloaded = new Map<number, Archive>()
  /** Ids whose unmerged forks were already reported by this process. */
  private readonly warned = new Set<string>()

  constructor(
    private readonly settings: ActionsArtifactSettings,
    private readonly finder: ArtifactFinder,
    private readonly tuning: ActionsArtifactTuning,
    private readonly logger: Logger
  ) {
    this.key = settings.encryptionKey ? deriveKey(settings.encryptionKey) : undefined
  }

  async load(id: string): Promise<ContextDocument | undefined> {
    return (await this.newest(id))?.archive.document
  }

  async update(id: string, mutate: Mutation): Promise<ContextDocument> {
    return this.updateDropping(id, mutate, undefined)
  }

  /** `update`, also dropping fork `merged` from the recorded forks (it is being merged). */
  private async updateDropping(
    id: string,
    mutate: Mutation,
    merged: number | undefined
  ): Promise<ContextDocument> {
    const max = this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
    for (let attempt = 1; attempt <= max; attempt++) {
      const current = await this.newest(id)
      const forks: ForkRecord[] = (current?.archive.forks ?? []).filter(
        (f) => f.artifactId !== merged
      )
      const archive: Archive = {
        format: FORMAT,
        id,
        revision: (current?.archive.revision ?? 0) + 1,
        writer: randomUUID(),
        runId: process.env.GITHUB_RUN_ID ?? '',
        document: mutate(current?.archive.document),
        ...(forks.length ? { forks } : {})
      }
      if (await this.write(archive)) return archive.document
      if (attempt < max) {
        this.logger.info(
          `actions-artifact: another writer stored revision ${archive.revision} of context '${id}' ` +
            `first; reloading and re-applying the change (attempt ${attempt + 1} of ${max})`
        )
        await this.tuning.clock.sleep(jitter(this.tuning.conflictBackoffMs, attempt))
      }
    }
    throw new ConflictError(
      `actions-artifact: gave up updating context '${id}' after ${max} attempts: other jobs kept ` +
        'writing it at the same time (raise maxAttempts or use redis)'
    )
  }

  async save(id: string, doc: ContextDocument): Promise<void> {
    await this.update(id, () => doc)
  }

  async delete(id: string): Promise<boolean> {
    const all = await this.finder.all((name) => revisionOf(id, name) !== undefined)
    let deleted = false
    for (const a of all.filter((x) => x.fromThisRepository)) {
      deleted = (await this.finder.remove(a.id)) || deleted
    }
    this.known.delete(id)
    return deleted
  }

  async list(): Promise<string[]> {
    const all = await this.finder.all((name) => name.startsWith(NAME_PREFIX))
    const ids = all
      .filter((a) => a.fromThisRepository && !a.expired)
      .map((a) => idOfName(a.name))
      .filter((x): x is string => x !== undefined)
    return [...new Set(ids)].sort()
  }

  async writtenAt(id: string): Promise<number | undefined> {
    const newest = await this.newest(id)
    const at = newest ? Date.parse(newest.artifact.createdAt) : NaN
    return Number.isNaN(at) ? undefined : at
  }

  async close(): Promise<void> {}

  async revisions(id: string): Promise<RevisionInfo[]> {
    const all = this.finder.usable(await this.finder.all((n) => revisionOf(id, n) !== undefined))
    const top = Math.max(0, ...all.map((a) => revisionOf(id, a.name) ?? 0))
    const current = await this.newest(id)
    const forks = new Set((current?.archive.forks ?? []).map((f) => f.artifactId))
    return all
      .map((a) => ({
        revision: revisionOf(id, a.name) ?? 0,
        artifactId: a.id,
        runId: a.runId,
        branch: a.headBranch,
        createdAt: a.createdAt,
        status:
          a.id === current?.artifact.id
            ? ('current' as const)
            : forks.has(a.id) || revisionOf(id, a.name) === top
              ? ('fork' as const)
              : ('older' as const)
      }))
      .sort((x, y) => y.revision - x.revision || x.artifactId - y.artifactId)
  }

  /**
   * Applies what the forked revision `artifactId` changed (relative to the revision it started from)
   * to the newest document, as a normal update, and drops it from the recorded forks.
   */
  async mergeRevision(id: string, artifactId: number): Promise<ContextDocument> {
    const all = this.finder.usable(await this.finder.all((n) => revisionOf(id, n) !== undefined))
    const forked = all.find((a) => a.id === artifactId)
    if (!forked) {
      throw new NotFoundError(
        `actions-artifact: context '${id}' has no usable revision artifact with id ${artifactId}`
      )
    }
    const fork = await this.fetch(id, forked)
    const baseRevision = fork.revision - 1
    const baseArtifact = all
      .filter((a) => revisionOf(id, a.name) === baseRevision)
      .sort((a, b) => a.id - b.id)[0]
    const base = baseArtifact ? (await this.fetch(id, baseArtifact)).document : undefined
    const merged = await this.updateDropping(
      id,
      (current) =>
        mergeChanges(base ?? {}, fork.document, current ?? base ?? {}) as ContextDocument,
      artifactId
    )
    this.logger.info(
      `actions-artifact: merged revision ${fork.revision} (artifact ${artifactId}, run ` +
        `${forked.runId ?? '?'}) into context '${id}'`
    )
    return merged
  }

  // ---- reading ----

  /** The newest revision (lowest artifact id of it), undefined when the id has none. */
  private async newest(id: string): Promise<Revision | undefined> {
    let top = this.known.get(id) ?? (await this.discover(id))
    if (top === undefined) return undefined
    for (;;) {
      const next = this.finder.usable(await this.finder.named(revisionName(id, top + 1)))
      if (next.length === 0) break
      top += 1
    }
    const candidates = this.finder.usable(await this.finder.named(revisionName(id, top)))
    if (candidates.length === 0) {
      // The known revision was deleted or expired: look again from scratch.
      this.known.delete(id)
      const again = await this.discover(id)
      if (again === undefined || again === top) return undefined
      return this.newest(id)
    }
    candidates.sort((a, b) => a.id - b.id)
    const winner = candidates[0] as ArtifactRecord
    this.known.set(id, top)
    const archive = await this.fetch(id, winner)
    const others = candidates.slice(1)
    if (others.length > 0) this.reportFork(id, top, winner, others, archive)
    else if (archive.forks?.length && !this.warned.has(id)) {
      this.warned.add(id)
      const list = archive.forks.map(
        (f) => `revision ${f.revision} of run ${f.runId ?? '?'} (artifact ${f.artifactId})`
      )
      this.logger.warning(
        `actions-artifact: context '${id}' has unmerged concurrent changes: ${list.join(', ')}; ` +
          `merge with \`cicdstatemgr --id ${id} --merge-revision ARTIFACT_ID\``
      )
    }
    return { archive, artifact: winner }
  }

  /** The newest revision number found by listing the repository (newest artifacts first). */
  private async discover(id: string): Promise<number | undefined> {
    const hits = this.finder.usable(
      await this.finder.newestMatching((name) => revisionOf(id, name) !== undefined)
    )
    if (hits.length === 0) return undefined
    return Math.max(...hits.map((a) => revisionOf(id, a.name) ?? 0))
  }

  /**
   * Two writers both won revision n (GitHub's list lagged): the lowest id is read; the others are
   * recorded as forks in what this reader writes next, and named here.
   */
  private reportFork(
    id: string,
    revision: number,
    winner: ArtifactRecord,
    others: ArtifactRecord[],
    archive: Archive
  ): void {
    const named = others.map((a) => `run ${a.runId ?? '?'} (artifact ${a.id})`).join(', ')
    this.logger.warning(
      `actions-artifact: revision ${revision} of context '${id}' was written twice at the same time: ` +
        `reading run ${winner.runId ?? '?'} (artifact ${winner.id}); the change of ${named} is NOT ` +
        `applied but kept: inspect with \`cicdstatemgr --artifact-revisions ${id}\`, merge with ` +
        `\`cicdstatemgr --id ${id} --merge-revision ${others[0]?.id}\``
    )
    const forks = archive.forks ?? []
    for (const a of others) {
      if (!forks.some((f) => f.artifactId === a.id)) {
        forks.push({ revision, artifactId: a.id, runId: a.runId })
      }
    }
    archive.forks = forks
  }

  private async fetch(id: string, artifact: ArtifactRecord): Promise<Archive> {
    const held = this.downloaded.get(artifact.id)
    if (held) return structuredClone(held)
    const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'cicdstatemgr-revision-'))
    try {
      await this.finder.download(artifact, dir)
      const what = `actions-artifact: artifact '${artifact.name}' (id ${artifact.id})`
      const found = await readDownloaded(dir, id, this.key, what)
      if (!found || found.revision === undefined) {
        throw new StoreError(`${what} does not hold a revision of context '${id}'`)
      }
      const archive: Archive = {
        format: FORMAT,
        id,
        revision: found.revision,
        writer: found.writer ?? '',
        runId: String(artifact.runId ?? ''),
        document: found.document,
        ...(found.forks ? { forks: found.forks } : {})
      }
      this.downloaded.set(artifact.id, archive)
      return structuredClone(archive)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  // ---- writing ----

  /** True when `archive` is now revision n of its id; false when another writer holds it. */
  private async write(archive: Archive): Promise<boolean> {
    const name = revisionName(archive.id, archive.revision)
    const storage = await loadGithubStorage()
    const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'cicdstatemgr-write-'))
    let uploaded: { id: number }
    try {
      const file = await writeArchive(dir, archive, this.key)
      uploaded = await storage.uploadFiles(name, [file], dir, this.settings.retentionDays)
    } catch (err) {
      if ((err as Error).name === 'ArtifactNameTakenError') return false
      // Not "not stored": a reply lost after the upload finished leaves the revision in place.
      throw new StoreError(
        `actions-artifact: storing revision ${archive.revision} of context '${archive.id}' failed, ` +
          `the update is not confirmed: ${errorMessage(err)}`,
        { cause: err }
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    // Another run may have uploaded the same revision: the lowest artifact id wins.
    const rivals = this.finder.usable(await this.finder.named(name))
    const lowest = Math.min(uploaded.id, ...rivals.map((a) => a.id))
    if (lowest === uploaded.id) {
      this.known.set(archive.id, archive.revision)
      this.logger.debug(`actions-artifact: stored revision ${archive.revision} of '${archive.id}'`)
      return true
    }
    await storage.deleteOwn(name).catch((err: unknown) => {
      this.logger.warning(
        `actions-artifact: could not delete the losing upload '${name}' (artifact ${uploaded.id}): ` +
          `${errorMessage(err)}; readers ignore it (the lowest artifact id wins)`
      )
    })
    return false
  }
}

/** The id in a revision artifact name (the escape of artifact-archive.ts undone). */
function idOfName(name: string): string | undefined {
  const m = /^cicdstatemgr-state-(.*)\.r\d{10}$/.exec(name)
  if (!m) return undefined
  try {
    const id = decodeURIComponent(m[1] as string)
    return revisionPrefix(id) === `${name.slice(0, -10)}` ? id : undefined
  } catch {
    return undefined
  }
}

function jitter(base: number, attempt: number): number {
  const ceiling = base * Math.min(8, attempt)
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}
