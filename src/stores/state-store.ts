// The store interface belongs to the core (src/core/store.ts); re-exported for existing imports.
export type { Mutation, StateStore } from '../core/store.js'
