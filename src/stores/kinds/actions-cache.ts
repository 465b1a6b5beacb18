import type { StoreKind } from '../../core/store.js'
import { defined } from '../../core/types.js'
import type { ActionsCacheSettings } from '../settings.js'

/** `actions-cache`: GitHub's cache service, spoken to directly (actions-cache-client.ts). */
export const actionsCacheKind: StoreKind<ActionsCacheSettings> = {
  type: 'actions-cache',
  canBePrimary: true,
  readSettings: (f, common) => ({
    ...common,
    name: 'actions-cache',
    type: 'actions-cache',
    ...defined({
      keyPrefix: f.str('keyPrefix'),
      workDir: f.str('workDir'),
      maxAttempts: f.int('maxAttempts')
    })
  }),
  create: async (settings, logger) =>
    (await import('../actions-cache-store.js')).createActionsCacheStore(settings, logger)
}
