import * as core from '@actions/core'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Writable } from 'node:stream'
import { collectStrings } from '../core/config.js'
import { parseYaml } from '../core/yaml.js'
import { errorMessage, UsageError } from '../errors.js'
import { getRunSettings, maskSecretsInput, type RunSettings } from '../inputs.js'
import { ActionLogger } from './action-logger.js'

/**
 * The `run` action: a user's script in a child process of its own, with the `cicdstatemgr` CLI on its
 * PATH, the context's CICDSTATEMGR_* variables and the runner's runtime token (ACTIONS_RUNTIME_TOKEN,
 * ACTIONS_RESULTS_URL, which only node actions receive) in that child's environment only. Nothing is
 * exported to GITHUB_ENV, so no later step of the job can use the token to write the cache.
 *
 * The script's output is logged line by line with every secret masked, inside `::stop-commands::`, so a
 * line it prints (e.g. untrusted text echoed from a PR) is never read as a workflow command.
 */
export async function run(): Promise<void> {
  const logger = new ActionLogger()
  const work = { dir: undefined as string | undefined }
  try {
    maskSecretsInput((value) => logger.addSecret(value))
    const settings = getRunSettings()
    work.dir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'cicdstatemgr-run-'))
    chmodSync(work.dir, 0o700)
    const env = childEnv(settings, work.dir, logger)
    const result = await runScript(settings, env, work.dir, logger)
    if (result.code !== 0) {
      core.error(`run: the script ${result.reason}`)
      process.exitCode = result.code
    }
  } catch (error) {
    core.setFailed(logger.mask(errorMessage(error)))
  } finally {
    if (work.dir) rmSync(work.dir, { recursive: true, force: true })
  }
}

/**
 * The child's environment: this step's own (runtime token included) without the action's INPUT_*
 * variables (the `secrets` input may hold secret text), plus the context's CICDSTATEMGR_* variables and
 * the CLI's directory first on PATH. Every secret value is registered for masking first.
 */
function childEnv(s: RunSettings, dir: string, logger: ActionLogger): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_'))
  )
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(s.workingDirectory, p))
  const secretsPath = s.secretsPath
    ? abs(s.secretsPath)
    : s.secretsText !== undefined
      ? writePrivate(join(dir, 'secrets.yaml'), s.secretsText)
      : undefined
  if (secretsPath) maskSecretsFile(secretsPath, logger)
  // The runner masks its own tokens too; masked here as well, since this step prints the script's output.
  for (const name of ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'])
    logger.addSecret(env[name] ?? '')
  env.CICDSTATEMGR_CONFIG_PATH = s.configPath
    ? abs(s.configPath)
    : writePrivate(join(dir, 'config.yaml'), CACHE_PRIMARY)
  if (secretsPath) env.CICDSTATEMGR_SECRETS_PATH = secretsPath
  if (s.id) env.CICDSTATEMGR_CONTEXT_DATA_ID = s.id
  env.CICDSTATEMGR_WORKING_DIRECTORY = s.workingDirectory
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  writeCliWrapper(join(bin, 'cicdstatemgr'))
  env.PATH = [bin, env.PATH].filter(Boolean).join(':')
  return env
}

/** No config: GitHub's cache as the primary, as in the other actions (the CLI needs a config file). */
const CACHE_PRIMARY = 'cicdstatemgr:\n  datasources:\n    actions-cache:\n      isPrimary: true\n'

/** Every string in the secrets YAML is masked before the script can print it. */
function maskSecretsFile(path: string, logger: ActionLogger): void {
  let parsed: unknown
  try {
    parsed = parseYaml(readFileSync(path, 'utf8'), path)
  } catch (error) {
    throw new UsageError(logger.mask(errorMessage(error)))
  }
  collectStrings(parsed).forEach((value) => logger.addSecret(value))
}

function writePrivate(file: string, text: string): string {
  // mode applies at creation; the file is new in a fresh 0700 directory.
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' })
  return file
}

/**
 * `cicdstatemgr` for the script: the bundled CLI (dist/cli next to this bundle's dist/run) under this
 * step's Node, so the script needs no `node` of its own on PATH.
 */
function writeCliWrapper(file: string): void {
  const bundle = cliBundle()
  writeFileSync(file, `#!/bin/sh\nexec ${shQuote(process.execPath)} ${shQuote(bundle)} "$@"\n`, {
    mode: 0o700
  })
}

function cliBundle(): string {
  // Inside the bundle __dirname is dist/run (the runner starts `node <action>/../dist/run/index.js`).
  const dir = typeof __dirname === 'string' ? __dirname : dirname(process.argv[1] ?? '.')
  return resolve(dir, '..', 'cli', 'index.js')
}

function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** The command line the runner would use for `shell:` (bash: no profile, errexit, pipefail). */
export function shellCommand(shell: string, file: string): [string, string[]] {
  const known: Record<string, string[]> = {
    bash: ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '{0}'],
    sh: ['sh', '-e', '{0}'],
    python: ['python3', '{0}']
  }
  const words = known[shell] ?? shell.trim().split(/\s+/)
  if (!words.includes('{0}')) {
    throw new UsageError(
      `input 'shell' must be bash, sh, python or a command with {0} for the script file, got '${shell}'`
    )
  }
  const [command, ...args] = words.map((w) => (w === '{0}' ? file : w)) as [string, ...string[]]
  return [command, args]
}

interface ScriptResult {
  code: number
  reason: string
}

async function runScript(
  s: RunSettings,
  env: NodeJS.ProcessEnv,
  dir: string,
  logger: ActionLogger
): Promise<ScriptResult> {
  const file = writePrivate(join(dir, 'script'), s.script)
  const [command, args] = shellCommand(s.shell, file)
  // A fresh token per step: the script cannot know it in advance to switch commands back on.
  const token = randomBytes(16).toString('hex')
  process.stdout.write(`::stop-commands::${token}\n`)
  try {
    return await new Promise<ScriptResult>((done, fail) => {
      // No stdin: a script that reads it ends at once instead of hanging the job.
      const child = spawn(command, args, {
        cwd: s.workingDirectory,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      const streams = [
        logLines(child.stdout, process.stdout, logger),
        logLines(child.stderr, process.stderr, logger)
      ]
      child.on('error', (e) =>
        fail(new UsageError(`run: cannot start '${command}' (input 'shell'): ${e.message}`))
      )
      child.on('close', (code, signal) => {
        void Promise.all(streams).then(() =>
          done(
            signal
              ? { code: 1, reason: `was killed by ${signal}` }
              : { code: code ?? 1, reason: `exited with code ${code}` }
          )
        )
      })
    })
  } finally {
    process.stdout.write(`::${token}::\n`)
  }
}

/** Copies a stream line by line (a secret is never split across writes), masked. */
function logLines(
  input: NodeJS.ReadableStream,
  output: Writable,
  logger: ActionLogger
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity })
  // Commands are off while the script runs, so the libraries' `::debug::` lines (the CLI's cache client)
  // would show as text: they are kept only when the run has debug logging on, as the runner would.
  const debug = process.env.RUNNER_DEBUG === '1'
  lines.on('line', (line) => {
    if (debug || !line.startsWith('::debug::')) output.write(`${logger.mask(line)}\n`)
  })
  return new Promise((done) => lines.on('close', done))
}
