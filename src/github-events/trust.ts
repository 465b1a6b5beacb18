import { execFileSync } from 'node:child_process'
import { dirname, isAbsolute, resolve } from 'node:path'
import { TrustError } from '../errors.js'
import { isJsonObject, type JsonObject } from '../core/types.js'

/**
 * Events that run with the base repository's secrets on text someone else controls: the handler file
 * must be the default branch's, never the pull request's.
 */
export const UNTRUSTED_EVENTS: ReadonlySet<string> = new Set([
  'pull_request_target',
  'issue_comment',
  'workflow_run'
])

export interface TrustInput {
  eventName: string
  payload: JsonObject
  /** The app config file and the bases directory (every file the entries can come from). */
  files: string[]
  cwd: string
  env: Readonly<Record<string, string | undefined>>
}

/**
 * The rule, enforced inside GitHub Actions (GITHUB_ACTIONS=true) for UNTRUSTED_EVENTS:
 * 1. the run is on the default branch: GITHUB_REF = refs/heads/<repository.default_branch>;
 * 2. each directory holding the handler file (and its bases) is a git checkout whose HEAD is GITHUB_SHA
 *    (the default branch commit the event runs on), with no modified or untracked file under it.
 * A workflow that checks out the pull request's head, or copies its files over the config, is refused.
 * Outside Actions (the CLI on a laptop against an event file) nothing is checked: the user chose the file.
 */
export function checkTrustedConfig(input: TrustInput): void {
  const { eventName, payload, env } = input
  if (env.GITHUB_ACTIONS !== 'true' || !UNTRUSTED_EVENTS.has(eventName)) return
  const repository = isJsonObject(payload.repository) ? payload.repository : {}
  const branch = typeof repository.default_branch === 'string' ? repository.default_branch : ''
  const ref = env.GITHUB_REF ?? ''
  if (!branch || ref !== `refs/heads/${branch}`) {
    throw new TrustError(
      `${eventName}: refusing to run handlers: GITHUB_REF '${ref}' is not the default branch '${branch || '?'}' (the handler file of this event must come from the default branch)`
    )
  }
  const sha = env.GITHUB_SHA ?? ''
  const dirs = new Set(input.files.map((f) => dirname(isAbsolute(f) ? f : resolve(input.cwd, f))))
  for (const dir of dirs) checkCheckout(dir, sha, eventName)
}

function checkCheckout(dir: string, sha: string, eventName: string): void {
  const git = (...args: string[]): string | undefined => {
    try {
      return execFileSync('git', ['-C', dir, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 30_000
      }).trim()
    } catch {
      return undefined
    }
  }
  const head = git('rev-parse', 'HEAD')
  if (head === undefined) {
    throw new TrustError(
      `${eventName}: refusing to run handlers: ${dir} is not a git checkout, so the handler file cannot be shown to come from the default branch`
    )
  }
  if (head !== sha) {
    throw new TrustError(
      `${eventName}: refusing to run handlers: the checkout at ${dir} is at ${head.slice(0, 12)}, not GITHUB_SHA ${sha.slice(0, 12) || '(unset)'} (check out the default branch, never the pull request, for the handler file)`
    )
  }
  const changed = git('status', '--porcelain', '--untracked-files=all', '--', '.')
  if (changed === undefined || changed !== '') {
    throw new TrustError(
      `${eventName}: refusing to run handlers: files under ${dir} differ from the default branch commit`
    )
  }
}
