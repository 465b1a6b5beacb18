/**
 * Several workflow runs of one repository against one artifact service: the cache/artifact stand-in
 * (Twirp, driven by @actions/artifact) linked to the REST stand-in (Octokit), so what "run A" uploads
 * "run B" lists, downloads and deletes. `asRun` gives a body the environment a runner gives a
 * JavaScript action of that run (the libraries read process.env when called).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import {
  startCacheService,
  type CacheServiceStandIn,
  type StandInRunInfo
} from '../../__fixtures__/cache-service-stand-in.js'
import { startGithubStandIn, type GithubStandIn } from '../../__fixtures__/github-rest-stand-in.js'
import type { Logger } from '../../src/core/logger.js'

export const REPO = 'octo-org/app'

export interface ArtifactWorld {
  svc: CacheServiceStandIn
  gh: GithubStandIn
  /** Runs `fn` with run `run`'s environment (own RUNNER_TEMP: each job has one). */
  asRun<T>(
    run: Partial<StandInRunInfo> & { id: number; cacheScope?: string },
    fn: () => Promise<T>
  ): Promise<T>
  close(): Promise<void>
}

const PASSED = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_MODE',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE',
  'GITHUB_SERVER_URL',
  'GITHUB_API_URL',
  'GITHUB_REPOSITORY',
  'GITHUB_RUN_ID',
  'GITHUB_REF',
  'GITHUB_TOKEN'
]

export async function startArtifactWorld(): Promise<ArtifactWorld> {
  const svc = await startCacheService()
  const gh = await startGithubStandIn({ artifacts: svc.artifactBackend })
  return {
    svc,
    gh,
    asRun: async (run, fn) => {
      const temp = await mkdtemp(join(svc.runnerTemp, `run-${run.id}-`))
      const env: Record<string, string | undefined> = {
        ...svc.runEnv(run),
        RUNNER_TEMP: temp,
        ACTIONS_CACHE_URL: undefined,
        ACTIONS_CACHE_MODE: undefined,
        GITHUB_API_URL: gh.url,
        GITHUB_REPOSITORY: REPO,
        GITHUB_TOKEN: gh.installationToken
      }
      const before = Object.fromEntries(PASSED.map((k) => [k, process.env[k]]))
      const apply = (values: Record<string, string | undefined>): void => {
        for (const [k, v] of Object.entries(values)) {
          if (v === undefined) delete process.env[k]
          else process.env[k] = v
        }
      }
      apply(env)
      try {
        return await fn()
      } finally {
        apply(before)
        await rm(temp, { recursive: true, force: true })
      }
    },
    close: async () => {
      await gh.close()
      await svc.close()
    }
  }
}

/** A logger that keeps every line (secrets registered are listed too). */
export class RecordingLogger implements Logger {
  readonly lines: string[] = []
  readonly secrets: string[] = []
  readonly isDebug = true
  debug(message: string): void {
    this.lines.push(`debug ${message}`)
  }
  info(message: string): void {
    this.lines.push(`info ${message}`)
  }
  warning(message: string): void {
    this.lines.push(`warning ${message}`)
  }
  error(message: string): void {
    this.lines.push(`error ${message}`)
  }
  addSecret(value: string): void {
    this.secrets.push(value)
  }
  /** The lines of one level, without the level. */
  at(level: 'debug' | 'info' | 'warning' | 'error'): string[] {
    return this.lines.filter((l) => l.startsWith(`${level} `)).map((l) => l.slice(level.length + 1))
  }
}
