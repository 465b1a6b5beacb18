import * as core from '@actions/core'
import { ConfigError, errorMessage, HandlerError, UsageError } from '../errors.js'
import { openContext } from '../context-setup.js'
import { collectStrings, type LoadedConfig } from '../core/config.js'
import type { ContextManager } from '../core/context-manager.js'
import type { HandlerOutcome } from '../core/events.js'
import { isJsonObject, type ContextDocument, type JsonObject } from '../core/types.js'
import { parseYaml } from '../core/yaml.js'
import { maskSecretsInput, type CommonSettings } from '../inputs.js'
import type { StoreSet } from '../stores/create-stores.js'
import { loadGithubStorage } from '../stores/github-storage-loader.js'
import { flattenForShell } from '../stores/shell-format.js'
import { ActionLogger } from './action-logger.js'
import { writeSummary, type SummaryInput } from './summary.js'

/** What one step works with: validated config, open stores, the manager. */
export interface Session {
  config: LoadedConfig
  stores: StoreSet
  manager: ContextManager
  logger: ActionLogger
}

/**
 * Runs an action body: catches once at the top, reports through the runner (config errors as
 * annotations on the file and line), writes the job summary, and always closes the stores.
 */
export async function runAction(
  title: string,
  body: (logger: ActionLogger) => Promise<SummaryInput>
): Promise<void> {
  const logger = new ActionLogger()
  try {
    maskSecretsInput((value) => logger.addSecret(value))
    await writeSummary(title, await body(logger), logger)
  } catch (error) {
    const message = logger.mask(errorMessage(error))
    if (error instanceof HandlerError) {
      await writeSummary(
        title,
        { outcomes: error.outcomes as HandlerOutcome[], failure: message },
        logger
      ).catch(() => undefined)
    }
    if (error instanceof ConfigError && error.file) {
      // setFailed takes no annotation properties; this is what it does, with the file and line.
      process.exitCode = core.ExitCode.Failure
      core.error(message, { file: error.file, ...(error.line ? { startLine: error.line } : {}) })
    } else {
      core.setFailed(message)
    }
  }
}

/** Masks the secrets, loads config, opens the stores. The caller closes them (`closeSession`). */
export async function openSession(
  settings: CommonSettings,
  logger: ActionLogger
): Promise<Session> {
  const secretsText =
    settings.secretsText === undefined ? undefined : inlineSecrets(settings.secretsText, logger)
  const inActions = process.env.GITHUB_ACTIONS === 'true'
  const opened = await openContext(
    {
      ...(settings.configPath ? { configPath: settings.configPath } : {}),
      ...(settings.secretsPath ? { secretsPath: settings.secretsPath } : {}),
      ...(secretsText ? { secretsText } : {}),
      cwd: settings.workingDirectory,
      ...(inActions ? { defaultPrimary: 'actions-cache' as const } : {})
    },
    logger,
    [logger],
    { env: process.env, ...(settings.githubToken ? { token: settings.githubToken } : {}) }
  )
  return { ...opened, logger }
}

export async function closeSession(session: Session | undefined): Promise<void> {
  await session?.stores.close()
}

/**
 * Inline secrets YAML: every string in it is masked before anything else can print it. Errors name the
 * input and carry no `file=` annotation: there is no file, and nothing of the value may be echoed.
 */
function inlineSecrets(text: string, logger: ActionLogger): JsonObject {
  let parsed: unknown
  try {
    parsed = parseYaml(text, "input 'secrets'")
  } catch (error) {
    throw new UsageError(logger.mask(errorMessage(error)))
  }
  collectStrings(parsed).forEach((s) => logger.addSecret(s))
  if (!isJsonObject(parsed)) {
    throw new UsageError("input 'secrets' must be a path or YAML with a 'cicdstatemgr:' mapping")
  }
  return parsed
}

/** `export-env`: state and variables to GITHUB_ENV with the shell file's names (CICD_state__key). */
export function exportEnv(doc: ContextDocument, logger: ActionLogger): number {
  const pairs = flattenForShell({
    state: doc.state,
    ...(doc.variables ? { variables: doc.variables } : {})
  })
  for (const [name, value] of pairs) core.exportVariable(name, value)
  logger.debug(`exported ${pairs.length} variables to GITHUB_ENV`)
  return pairs.length
}

/** `upload-artifact`: the final document as a workflow artifact; a failure is a warning, not a failed step. */
export async function uploadArtifact(
  settings: CommonSettings,
  id: string,
  doc: ContextDocument,
  logger: ActionLogger
): Promise<string | undefined> {
  const name = settings.artifactName ?? defaultArtifactName(id)
  try {
    const { uploadSnapshot } = await loadGithubStorage()
    const result = await uploadSnapshot(name, doc, {
      logger,
      ...(settings.artifactRetentionDays ? { retentionDays: settings.artifactRetentionDays } : {})
    })
    return String(result.id)
  } catch (error) {
    logger.warning(`could not upload the document as an artifact: ${errorMessage(error)}`)
    return undefined
  }
}

function defaultArtifactName(id: string): string {
  const parts = ['cicdstatemgr', id, process.env.GITHUB_JOB, process.env.GITHUB_ACTION].filter(
    Boolean
  )
  // Artifact names may not contain these characters (upload-artifact's rule).
  return parts.join('-').replace(/[":<>|*?\\/\r\n]/g, '_')
}
