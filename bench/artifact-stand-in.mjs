// The artifact service stand-ins of the tests as their own process for the benchmark: the cache/artifact
// Twirp stand-in (__fixtures__/cache-service-stand-in.ts) linked to the OpenAPI-validated REST stand-in
// (__fixtures__/github-rest-stand-in.ts), so what one run uploads another lists and downloads. Run with
// `node --import tsx` (the fixtures are TypeScript importing ajv). Prints, as one JSON line, the
// environment of run 1 (uploads) and of run 2 (reads), each with GITHUB_API_URL, GITHUB_REPOSITORY and
// GITHUB_TOKEN.
//
//   node --import tsx bench/artifact-stand-in.mjs
import { startCacheService } from '../__fixtures__/cache-service-stand-in.ts'
import { startGithubStandIn } from '../__fixtures__/github-rest-stand-in.ts'

const svc = await startCacheService()
const gh = await startGithubStandIn({ artifacts: svc.artifactBackend })
const rest = {
  GITHUB_API_URL: gh.url,
  GITHUB_REPOSITORY: 'octo/bench',
  GITHUB_TOKEN: gh.installationToken
}
const runs = {
  writer: { ...svc.runEnv({ id: 1, headBranch: 'feature/bench' }), ...rest },
  reader: { ...svc.runEnv({ id: 2, headBranch: 'main' }), ...rest }
}
process.stdout.write(`${JSON.stringify(runs)}\n`)
process.on('SIGTERM', () => {
  Promise.all([gh.close(), svc.close()]).then(() => process.exit(0))
})
