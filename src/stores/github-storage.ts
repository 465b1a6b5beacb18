/**
 * GitHub-native storage (@actions/cache, @actions/artifact), bundled on its own as ESM: those libraries
 * only work as ES modules (Azure's crc64 shim breaks in a CommonJS bundle), while the entry bundles stay
 * CommonJS for start-up speed. Loaded through github-storage-loader.ts, only when configured.
 */
export { createActionsCacheStore } from './actions-cache-store.js'
export { uploadSnapshot } from './artifact-snapshot.js'
