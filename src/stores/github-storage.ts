/**
 * GitHub-native storage (@actions/cache, @actions/artifact), bundled on its own as ESM: those libraries
 * only work as ES modules (Azure's crc64 shim breaks in a CommonJS bundle), while the entry bundles stay
 * CommonJS for start-up speed. Loaded through github-storage-loader.ts, only when configured.
 */
// The actions-cache store itself lives in the entry bundles and loads this only to download or upload,
// so a step whose read is served by the job-local copy never loads @actions/cache.
export { restoreCache, saveCache } from '@actions/cache'
export { uploadSnapshot } from './artifact-snapshot.js'
export {
  deleteOwn,
  downloadInto,
  uploadFiles,
  ArtifactNameTakenError
} from './artifact-transfer.js'
