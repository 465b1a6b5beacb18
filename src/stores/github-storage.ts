/**
 * GitHub-native storage (@actions/artifact), bundled on its own as ESM: it only works as an ES module
 * (Azure's crc64 shim breaks in a CommonJS bundle), while the entry bundles stay
 * CommonJS for start-up speed. Loaded through github-storage-loader.ts, only when configured.
 */
// @actions/cache is not here: it works from the CommonJS entry bundles (a lazy chunk, see
// github-storage-loader.ts), so the actions-cache store loads neither this bundle nor @actions/artifact.
export { uploadSnapshot } from './artifact-snapshot.js'
export {
  deleteOwn,
  downloadInto,
  uploadFiles,
  ArtifactNameTakenError
} from './artifact-transfer.js'
