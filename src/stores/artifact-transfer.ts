/**
 * Moving artifacts with @actions/artifact (part of the GitHub-storage bundle, see github-storage.ts):
 * upload into this run (Twirp, runtime token), download any run's artifact (REST with a token:
 * `findBy`), delete one of this run's artifacts (Twirp). Errors come back as one line; a taken name
 * (HTTP 409: artifact names are unique per run) is its own error class, since callers retry on it.
 */
import { DefaultArtifactClient } from '@actions/artifact'
import { StoreError, firstLine } from '../errors.js'

/** The artifact name is already used in this run (another job or step of the run won the race). */
export class ArtifactNameTakenError extends StoreError {}

export interface FindBy {
  token: string
  workflowRunId: number
  repositoryOwner: string
  repositoryName: string
}

export async function uploadFiles(
  name: string,
  files: string[],
  root: string,
  retentionDays: number | undefined
): Promise<{ id: number; size: number }> {
  try {
    const options = retentionDays ? { retentionDays } : {}
    const result = await new DefaultArtifactClient().uploadArtifact(name, files, root, options)
    if (result.id === undefined) throw new Error('the service returned no artifact id')
    return { id: result.id, size: result.size ?? 0 }
  } catch (err) {
    const first = firstLine(err)
    if (/\(409\)|already exists/i.test(first)) {
      throw new ArtifactNameTakenError(`artifact '${name}' already exists in this run`, {
        cause: err
      })
    }
    throw new StoreError(`uploading artifact '${name}' failed: ${first}`, { cause: err })
  }
}

/** Downloads and unzips artifact `id` of run `findBy.workflowRunId` into `dir`. */
export async function downloadInto(id: number, dir: string, findBy: FindBy): Promise<void> {
  try {
    const result = await new DefaultArtifactClient().downloadArtifact(id, { path: dir, findBy })
    if (result.digestMismatch) throw new Error('the downloaded content does not match its digest')
  } catch (err) {
    throw new StoreError(`downloading artifact ${id} failed: ${firstLine(err)}`, { cause: err })
  }
}

/** Deletes artifact `name` of this run (the runtime token may do that; no REST token needed). */
export async function deleteOwn(name: string): Promise<void> {
  try {
    await new DefaultArtifactClient().deleteArtifact(name)
  } catch (err) {
    throw new StoreError(`deleting artifact '${name}' of this run failed: ${firstLine(err)}`, {
      cause: err
    })
  }
}
