import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { getBooleanInput, getInput, getMultilineInput } from '@actions/core'
import { defined } from './core/types.js'
import { UsageError } from './errors.js'

/**
 * The only module that reads action inputs: each action gets one typed settings object, built here.
 * Defaults mirror the action.yml files so a missing INPUT_* (local runs, tests) behaves the same.
 */

/** Settings every action shares. */
export interface CommonSettings {
  /** Directory relative paths resolve against (input `working-directory`, default the workspace). */
  workingDirectory: string
  /** config.yaml path; none means the defaults (GitHub cache as the primary). */
  configPath?: string
  /** secrets.yaml path, when `secrets` names a file. */
  secretsPath?: string
  /** Inline secrets YAML text, when `secrets` holds YAML (e.g. from a GitHub secret). */
  secretsText?: string
  /** `path=value` lines to set. */
  sets: string[]
  /** Input `allow-file-values`: `file://` values may read regular files inside the workspace (default off). */
  allowFileValues?: boolean
  /** The directory `file://` values are confined to (GITHUB_WORKSPACE; default the working directory). */
  workspace?: string
  /** `path=EXPR` lines placed in the template context. */
  tmplCtxVars: string[]
  /** Export the flattened state to GITHUB_ENV as CICD_state__key. */
  exportEnv: boolean
  /** Upload the final document as a workflow artifact. */
  uploadArtifact: boolean
  /** Artifact name (default derived from id, job and step). */
  artifactName?: string
  /** Artifact retention in days (default: the repository's setting). */
  artifactRetentionDays?: number
  /**
   * Input `load-from-run`: a workflow run id or `latest`; that run's (the newest) snapshot of the
   * context is written into the primary before the operation.
   */
  loadFromRun?: string
  /** Token of the GitHub handlers (input `github-token`, default `${{ github.token }}`); masked. */
  githubToken?: string
}

export interface InitSettings extends CommonSettings {
  id: string
  appConfig: string
  basesDir?: string
  contextName: string
  event?: string
  dryRun: boolean
}

/**
 * A run started by the Slack bridge (inputs `approval`, `approval-key`, `approval-choice`): the signed
 * approval is verified before `state.approvals.<target>` is recorded (src/actions/approval.ts).
 */
export interface ApprovalInput {
  /** The bridge's signed approval (the `approval` workflow_dispatch input); empty on a hand-made dispatch. */
  token: string
  /** The target's key secrets, one per line (current and previous during a rotation); masked. */
  keys: string[]
  /** The choice the run acts on (`inputs.choice`); the approval must name it. */
  choice?: string
  /** This run (GITHUB_RUN_ID): a re-run of the same run may record the same approval again. */
  runId?: string
}

export interface GetSetSettings extends CommonSettings {
  id: string
  approval?: ApprovalInput
  /** Each get with the output name it becomes. */
  gets: Array<{ name: string; expression: string }>
  /** `delete: true`: delete the context `id` (alone: no `set`, no `get`). */
  delete: boolean
}

export interface HandleEventSettings extends CommonSettings {
  id: string
  approval?: ApprovalInput
  /** `pipeline=event`, or `github`: the app config's `github-events` entries for this run's event. */
  event: string
  dryRun: boolean
  /** Input `app-config`: where `event: github` reads the `github-events` entries from. */
  appConfig?: string
  basesDir?: string
}

export type Command = 'init' | 'get-set' | 'handle-event'

function optional(name: string): string | undefined {
  return getInput(name) || undefined
}

/**
 * What an earlier `init` step of this job exported for the later steps (src/actions/job-env.ts): the
 * config and secrets paths (the CLI's variable names) and the working directory. An input always wins.
 */
const JOB_ENV = {
  config: 'CICDSTATEMGR_CONFIG_PATH',
  secrets: 'CICDSTATEMGR_SECRETS_PATH',
  workingDirectory: 'CICDSTATEMGR_WORKING_DIRECTORY'
} as const

function fromJob(name: keyof typeof JOB_ENV): string | undefined {
  return process.env[JOB_ENV[name]] || undefined
}

function commonSettings(): CommonSettings {
  const workspace = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd())
  const workingDirectory = resolve(
    workspace,
    getInput('working-directory') || fromJob('workingDirectory') || '.'
  )
  const secrets = getInput('secrets', { trimWhitespace: false })
  const days = optional('artifact-retention-days')
  const retention = days === undefined ? undefined : Number(days)
  if (
    retention !== undefined &&
    !(Number.isInteger(retention) && retention >= 1 && retention <= 90)
  ) {
    throw new UsageError(
      `input 'artifact-retention-days' must be a whole number from 1 to 90, got '${days}'`
    )
  }
  return {
    workingDirectory,
    ...defined({ configPath: optional('config') ?? fromJob('config') }),
    ...(secrets.trim() || !fromJob('secrets')
      ? secretsSource(secrets, workingDirectory)
      : { secretsPath: fromJob('secrets') as string }),
    sets: getMultilineInput('set'),
    allowFileValues: booleanInput('allow-file-values', false),
    workspace,
    tmplCtxVars: getMultilineInput('tmpl-ctx-var'),
    exportEnv: booleanInput('export-env', false),
    uploadArtifact: booleanInput('upload-artifact', false),
    ...defined({ artifactName: optional('artifact-name'), artifactRetentionDays: retention }),
    ...defined({ loadFromRun: loadFromRunInput() }),
    ...defined({ githubToken: optional('github-token') })
  }
}

function loadFromRunInput(): string | undefined {
  const value = optional('load-from-run')?.trim()
  if (value === undefined || value === '') return undefined
  if (value !== 'latest' && !/^[1-9]\d{0,17}$/.test(value)) {
    throw new UsageError(
      `input 'load-from-run' must be a workflow run id or 'latest', got '${value.replace(/[\r\n]/g, ' ')}'`
    )
  }
  return value
}

/**
 * Registers the raw `secrets` input as a secret (whole and line by line) before anything else runs, so
 * no error, annotation or log can show it, whichever way it is later read.
 */
export function maskSecretsInput(addSecret: (value: string) => void): void {
  const value = getInput('secrets', { trimWhitespace: false })
  if (value.trim()) addSecret(value)
  for (const key of getMultilineInput('approval-key')) addSecret(key)
}

/** Inputs `approval`, `approval-key`, `approval-choice`; undefined when the step uses none of them. */
function approvalInput(): ApprovalInput | undefined {
  const token = getInput('approval')
  const keys = getMultilineInput('approval-key')
  const choice = optional('approval-choice')
  if (!token && keys.length === 0 && choice === undefined) return undefined
  if (keys.length === 0) {
    throw new UsageError(
      "input 'approval-key' is required with 'approval' / 'approval-choice' (the bridge target's key, from a secret)"
    )
  }
  return { token, keys, ...defined({ choice, runId: process.env.GITHUB_RUN_ID || undefined }) }
}

/**
 * `secrets` is either a path to secrets.yaml or the YAML itself (a GitHub secret holding the file). A
 * single line naming an existing file is a path; anything else is YAML. A single line that is neither is
 * most likely a secret pasted in place of the file, so the error names the input, never its value.
 */
function secretsSource(
  value: string,
  cwd: string
): Pick<CommonSettings, 'secretsPath' | 'secretsText'> {
  const text = value.trim()
  if (!text) return {}
  const single = !text.includes('\n')
  if (single && existsSync(isAbsolute(text) ? text : resolve(cwd, text))) {
    return { secretsPath: text }
  }
  if (single && !text.includes(':')) {
    throw new UsageError(
      "input 'secrets' is neither an existing file nor YAML with a 'cicdstatemgr:' mapping"
    )
  }
  return { secretsText: value }
}

function booleanInput(name: string, fallback: boolean): boolean {
  return getInput(name) === '' ? fallback : getBooleanInput(name)
}

/** The context id: the input, else the one a previous step of this job exported, else derived from the run. */
function contextId(derive: boolean): string {
  const id = optional('id') ?? process.env.CICDSTATEMGR_CONTEXT_DATA_ID
  if (id) return id
  if (!derive) {
    throw new UsageError(
      "input 'id' is required (or an earlier init step in this job exporting CICDSTATEMGR_CONTEXT_DATA_ID)"
    )
  }
  const repo = (process.env.GITHUB_REPOSITORY ?? 'local/context').split('/').pop() ?? 'context'
  return `${repo}-${process.env.GITHUB_RUN_ID ?? Date.now()}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}`
}

export function getInitSettings(): InitSettings {
  const common = commonSettings()
  return {
    ...common,
    id: contextId(true),
    // With load-from-run the snapshot is the context: no app config is needed.
    appConfig: getInput('app-config', { required: common.loadFromRun === undefined }),
    ...defined({ basesDir: optional('bases-dir'), event: optional('event') }),
    contextName: getInput('context-name') || 'stage',
    dryRun: booleanInput('dry-run', false)
  }
}

export function getGetSetSettings(): GetSetSettings {
  return {
    ...commonSettings(),
    id: contextId(false),
    gets: parseGets(getMultilineInput('get')),
    delete: booleanInput('delete', false),
    ...defined({ approval: approvalInput() })
  }
}

export function getHandleEventSettings(): HandleEventSettings {
  return {
    ...commonSettings(),
    id: contextId(false),
    event: getInput('event', { required: true }),
    dryRun: booleanInput('dry-run', false),
    ...defined({
      appConfig: optional('app-config'),
      basesDir: optional('bases-dir'),
      approval: approvalInput()
    })
  }
}

export function getCommand(): Command {
  const command = getInput('command', { required: true })
  if (command === 'init' || command === 'get-set' || command === 'handle-event') return command
  throw new UsageError(`input 'command' must be init, get-set or handle-event, got '${command}'`)
}

/**
 * Each `get` line is `[name=]expression`. Without a name the output is named after the expression, every
 * character outside [A-Za-z0-9_-] replaced by `_` (`state.appVersion` -> `state_appVersion`).
 */
/** Outputs the actions set themselves; a `get` line may not take these names. */
const RESERVED_OUTPUTS = new Set([
  'value',
  'values',
  'changed',
  'results',
  'failed',
  'artifact-id',
  'id',
  'document',
  'state',
  'approved-choice',
  'approved-by',
  'recorded-sha'
])

export function parseGets(lines: string[]): Array<{ name: string; expression: string }> {
  const gets = lines.map((line) => {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.+)$/.exec(line)
    const expression = m ? (m[2] as string).trim() : line
    const name = m ? (m[1] as string) : line.replace(/[^A-Za-z0-9_-]/g, '_')
    return { name, expression }
  })
  const seen = new Set<string>()
  for (const { name } of gets) {
    if (RESERVED_OUTPUTS.has(name)) {
      throw new UsageError(
        `input 'get': the output name '${name}' is reserved; name the line (name=expression)`
      )
    }
    if (seen.has(name))
      throw new UsageError(
        `input 'get': two lines produce the output name '${name}'; give one a name (name=expression)`
      )
    seen.add(name)
  }
  return gets
}

/** The `run` action: a script run with the CLI, the context's env and the runtime token in its own process. */
export interface RunSettings extends Pick<
  CommonSettings,
  'workingDirectory' | 'configPath' | 'secretsPath' | 'secretsText'
> {
  /** Context id for CICDSTATEMGR_CONTEXT_DATA_ID (input `id`, else the one an earlier step exported). */
  id?: string
  /** The script (input `run`), verbatim. */
  script: string
  /** Input `shell`: bash (default), sh, python, or a command line with `{0}` for the script file. */
  shell: string
}

export function getRunSettings(): RunSettings {
  const { workingDirectory, configPath, secretsPath, secretsText } = commonSettings()
  return {
    workingDirectory,
    ...defined({ configPath, secretsPath, secretsText }),
    ...defined({ id: optional('id') ?? (process.env.CICDSTATEMGR_CONTEXT_DATA_ID || undefined) }),
    script: getInput('run', { required: true, trimWhitespace: false }),
    shell: getInput('shell') || 'bash'
  }
}
