import type { HandlerRegistry } from '../core/events.js'

/** Every handler kind, imported only when an event uses it. */
export const defaultRegistry: HandlerRegistry = new Map([
  ['set-values', async () => (await import('./set-values.js')).setValuesHandler]
])
