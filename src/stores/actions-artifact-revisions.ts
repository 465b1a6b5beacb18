import type { StateStore } from '../core/store.js'
import type { ContextDocument } from '../core/types.js'

/** One line of `--artifact-revisions`. */
export interface RevisionInfo {
  revision: number
  artifactId: number
  runId: number | undefined
  branch: string | undefined
  createdAt: string
  status: 'current' | 'fork' | 'older'
}

/** The extra operations of this store (the CLI's `--artifact-revisions`, `--merge-revision`). */
export interface ArtifactRevisionStore extends StateStore {
  revisions(id: string): Promise<RevisionInfo[]>
  mergeRevision(id: string, artifactId: number): Promise<ContextDocument>
}

export function isArtifactRevisionStore(store: StateStore): store is ArtifactRevisionStore {
  return typeof (store as Partial<ArtifactRevisionStore>).mergeRevision === 'function'
}
