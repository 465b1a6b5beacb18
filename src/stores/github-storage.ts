/**
 * GitHub-native storage (@actions/cache, @actions/artifact), bundled on its own as ESM: those libraries
 * only work as ES modules (Azure's crc64 shim breaks in a CommonJS bundle), while the entry bundles stay
 * CommonJS for start-up speed. Loaded through github-storage-loader.ts, only when configured.
 */
// @actions/cache has a bundle of its own (github-cache.ts), so the actions-cache store does not load
// @actions/artifact.
export { uploadSnapshot } from './artifact-snapshot.js'
export {
  deleteOwn,
  downloadInto,
  uploadFiles,
  ArtifactNameTakenError
} from './artifact-transfer.js'
