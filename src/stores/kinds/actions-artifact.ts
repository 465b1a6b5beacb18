import type { StoreKind } from '../../core/store.js'
import { defined } from '../../core/types.js'
import type { ActionsArtifactSettings } from '../artifact-settings.js'

/** `actions-artifact`: revisions as workflow artifacts, readable from any later run on any branch. */
export const actionsArtifactKind: StoreKind<ActionsArtifactSettings> = {
  type: 'actions-artifact',
  canBePrimary: true,
  readSettings: (f, common) => ({
    ...common,
    name: 'actions-artifact',
    type: 'actions-artifact',
    ...defined({
      retentionDays: f.int('retentionDays'),
      encryptionKey: f.str('encryptionKey'),
      maxAttempts: f.int('maxAttempts'),
      token: f.str('token')
    })
  }),
  create: async (settings, logger) =>
    (await import('../actions-artifact-store.js')).createActionsArtifactStore(settings, logger)
}
