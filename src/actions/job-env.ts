import * as core from '@actions/core'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import type { CommonSettings } from '../inputs.js'

/**
 * What `init` leaves in the job environment so that later steps of the job find the same context
 * without repeating its inputs (src/inputs.ts reads these back; an input always wins):
 *
 * - CICDSTATEMGR_CONTEXT_DATA_ID: the context id
 * - CICDSTATEMGR_CONFIG_PATH / CICDSTATEMGR_SECRETS_PATH: absolute paths (the CLI's own variables, so
 *   `run: cicdstatemgr ...` steps find them too)
 * - CICDSTATEMGR_WORKING_DIRECTORY: the directory relative paths resolved against
 *
 * Inline secrets (the `secrets` input holding YAML) are written to a file under RUNNER_TEMP (mode 0600 in
 * a 0700 directory; the runner empties RUNNER_TEMP after the job) and only the path is exported: secret
 * text never enters GITHUB_ENV, where every later process of the job would inherit it.
 */
export function exportForLaterSteps(s: CommonSettings, id: string): void {
  core.exportVariable('CICDSTATEMGR_CONTEXT_DATA_ID', id)
  core.exportVariable('CICDSTATEMGR_WORKING_DIRECTORY', s.workingDirectory)
  if (s.configPath)
    core.exportVariable('CICDSTATEMGR_CONFIG_PATH', absolute(s.configPath, s.workingDirectory))
  const secretsPath = s.secretsPath
    ? absolute(s.secretsPath, s.workingDirectory)
    : s.secretsText !== undefined
      ? writeSecretsFile(s.secretsText)
      : undefined
  if (secretsPath) core.exportVariable('CICDSTATEMGR_SECRETS_PATH', secretsPath)
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path)
}

function writeSecretsFile(text: string): string {
  const base = process.env.RUNNER_TEMP || tmpdir()
  mkdirSync(base, { recursive: true })
  const dir = mkdtempSync(join(base, 'cicdstatemgr-'))
  chmodSync(dir, 0o700)
  const file = join(dir, 'secrets.yaml')
  // mode applies at creation (umask can only remove bits); the file is new in a fresh directory.
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' })
  return file
}
