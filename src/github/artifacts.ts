/**
 * Finding workflow artifacts across the repository (REST, a token with `actions: read`), for
 * `load-from-run` and the `actions-artifact` datasource.
 *
 * Trust: a pull request from a fork runs in the base repository and can upload artifacts there, so an
 * artifact counts only when its run's head repository is this repository (`workflow_run.head_repository_id
 * == workflow_run.repository_id`); the others are ignored with a warning naming them. Expired artifacts
 * are still listed by GitHub but cannot be downloaded: they are skipped with a message saying so.
 */
import type { Logger } from '../core/logger.js'
import { isJsonObject } from '../core/types.js'
import { StoreError, errorMessage } from '../errors.js'
import { loadGithubStorage } from '../stores/github-storage-loader.js'
import type { GithubClient } from './client.js'
import type { RepoRef } from './env.js'

export interface ArtifactRecord {
  id: number
  name: string
  sizeInBytes: number
  expired: boolean
  createdAt: string
  /** The run that uploaded it (undefined when GitHub did not say). */
  runId: number | undefined
  headBranch: string | undefined
  /** Its run's head repository is this repository (not a fork's pull request). */
  fromThisRepository: boolean
}

/** Newest first: GitHub's ids grow with creation. */
export const newestFirst = (a: ArtifactRecord, b: ArtifactRecord): number => b.id - a.id

export class ArtifactFinder {
  constructor(
    private readonly client: GithubClient,
    readonly repo: RepoRef,
    private readonly token: string,
    private readonly logger: Logger
  ) {}

  /** Every artifact of the repository with exactly this name (all pages). */
  async named(name: string): Promise<ArtifactRecord[]> {
    return this.pages('GET /repos/{owner}/{repo}/actions/artifacts', { name })
  }

  /** Every artifact a run uploaded. */
  async ofRun(runId: number): Promise<ArtifactRecord[]> {
    return this.pages('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
      run_id: runId
    })
  }

  /**
   * The repository's artifacts whose name `match`es, newest first, page by page until a page holds one
   * that may be read (of this repository, not expired); GitHub lists newest first, so later pages hold
   * only older ones. Returns every match seen (forks and expired ones too, for `usable` to report).
   */
  async newestMatching(match: (name: string) => boolean): Promise<ArtifactRecord[]> {
    const seen: ArtifactRecord[] = []
    for (let page = 1; ; page++) {
      const { items, more } = await this.page(
        'GET /repos/{owner}/{repo}/actions/artifacts',
        {},
        page
      )
      const hits = items.filter((a) => match(a.name))
      seen.push(...hits)
      if (hits.some((a) => a.fromThisRepository && !a.expired) || !more) return seen
    }
  }

  /** Every artifact of the repository whose name `match`es (all pages: for deleting and listing ids). */
  async all(match: (name: string) => boolean): Promise<ArtifactRecord[]> {
    const listed = await this.pages('GET /repos/{owner}/{repo}/actions/artifacts', {})
    return listed.filter((a) => match(a.name))
  }

  /**
   * The artifacts that may be read, newest first: fork pull requests' artifacts are dropped with a
   * warning naming them, expired ones with a message.
   */
  usable(list: readonly ArtifactRecord[]): ArtifactRecord[] {
    const kept: ArtifactRecord[] = []
    for (const a of list) {
      const where = `artifact '${a.name}' (id ${a.id}, run ${a.runId ?? 'unknown'})`
      if (!a.fromThisRepository) {
        this.logger.warning(
          `ignoring ${where}: its run's head repository is not ${this.repo.owner}/${this.repo.repo} ` +
            '(a pull request from a fork can upload artifacts here; they are never trusted)'
        )
      } else if (a.expired) {
        this.logger.info(`skipping ${where}: it has expired (past its retention period)`)
      } else {
        kept.push(a)
      }
    }
    return kept.sort(newestFirst)
  }

  /** Downloads and unzips an artifact into `dir` (@actions/artifact, REST download redirect). */
  async download(artifact: ArtifactRecord, dir: string): Promise<void> {
    if (artifact.runId === undefined) {
      throw new StoreError(`artifact ${artifact.id}: GitHub did not name the run that uploaded it`)
    }
    const { downloadInto } = await loadGithubStorage()
    await downloadInto(artifact.id, dir, {
      token: this.token,
      workflowRunId: artifact.runId,
      repositoryOwner: this.repo.owner,
      repositoryName: this.repo.repo
    })
  }

  /** Deletes an artifact (a token with `actions: write`); false when it was already gone. */
  async remove(id: number): Promise<boolean> {
    try {
      await this.client.call('DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}', {
        ...this.repo,
        artifact_id: id
      })
      return true
    } catch (err) {
      if ((err as { status?: number }).status === 404) return false
      throw new StoreError(`deleting artifact ${id} failed: ${errorMessage(err)}`, { cause: err })
    }
  }

  private async pages(route: string, params: Record<string, unknown>): Promise<ArtifactRecord[]> {
    const all: ArtifactRecord[] = []
    for (let page = 1; ; page++) {
      const { items, more } = await this.page(route, params, page)
      all.push(...items)
      if (!more) return all
    }
  }

  private async page(
    route: string,
    params: Record<string, unknown>,
    page: number
  ): Promise<{ items: ArtifactRecord[]; more: boolean }> {
    let res
    try {
      res = await this.client.call(route, { ...this.repo, ...params, per_page: 100, page })
    } catch (err) {
      throw new StoreError(`listing workflow artifacts failed: ${errorMessage(err)}`, {
        cause: err
      })
    }
    const data = res.data as { artifacts?: unknown } | undefined
    const raw = Array.isArray(data?.artifacts) ? data.artifacts : []
    const items = raw.filter(isJsonObject).map(readArtifact)
    return { items, more: /rel="next"/.test(String(res.headers.link ?? '')) && items.length > 0 }
  }
}

function readArtifact(raw: Record<string, unknown>): ArtifactRecord {
  const run = isJsonObject(raw.workflow_run) ? raw.workflow_run : undefined
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)
  const repositoryId = num(run?.repository_id)
  const headRepositoryId = num(run?.head_repository_id)
  return {
    id: Number(raw.id),
    name: String(raw.name ?? ''),
    sizeInBytes: Number(raw.size_in_bytes ?? 0),
    expired: raw.expired === true,
    createdAt: typeof raw.created_at === 'string' ? raw.created_at : '',
    runId: num(run?.id),
    headBranch: typeof run?.head_branch === 'string' ? run.head_branch : undefined,
    fromThisRepository: repositoryId !== undefined && repositoryId === headRepositoryId
  }
}
