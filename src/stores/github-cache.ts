/**
 * @actions/cache on its own, bundled as ESM like github-storage.ts (see there why), but apart from
 * @actions/artifact: the actions-cache store loads it on every write and every read that downloads, and
 * the smaller bundle starts in about half the time (~120 ms against ~250 ms on Node 20, bench/README.md).
 */
export { restoreCache, saveCache } from '@actions/cache'
