import type { StoreSettings } from '../core/store.js'

/** `datasources.actions-artifact` (see src/stores/actions-artifact-store.ts). */
export interface ActionsArtifactSettings extends StoreSettings {
  type: 'actions-artifact'
  /** Days GitHub keeps each revision (1-90; capped by the repository setting). Default the repository's. */
  retentionDays?: number
  /**
   * Secret for AES-256-GCM encryption of the stored document (put it in secrets.yaml). Artifacts of a
   * public repository are readable by anyone signed in to GitHub.
   */
  encryptionKey?: string
  /** Attempts of a read-modify-write before ConflictError (default 10). */
  maxAttempts?: number
  /** Token with `actions: read` (and `actions: write` to delete); default env GITHUB_TOKEN. */
  token?: string
}

/** The configured encryptionKey of the actions-artifact datasource, if any (load-from-run reads it). */
export function artifactEncryptionKey(config: {
  datasources: readonly StoreSettings[]
}): string | undefined {
  const found = config.datasources.find((d) => d.type === 'actions-artifact') as
    ActionsArtifactSettings | undefined
  return found?.encryptionKey
}
