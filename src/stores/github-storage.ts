/**
 * GitHub-native storage (@actions/artifact), bundled on its own as ESM: it only works as an ES module
 * (Azure's crc64 shim breaks in a CommonJS bundle), while the entry bundles stay
 * CommonJS for start-up speed. Loaded through github-storage-loader.ts, only when configured.
 */
// The actions-cache store does not use this bundle: it speaks to the cache service itself.
export { uploadSnapshot } from './artifact-snapshot.js'
export {
  deleteOwn,
  downloadInto,
  uploadFiles,
  ArtifactNameTakenError
} from './artifact-transfer.js'
