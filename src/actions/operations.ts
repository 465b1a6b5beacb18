import * as core from '@actions/core'
import { formatDryRun, valueText } from '../cli/output.js'
import { HandlerError, UsageError } from '../errors.js'
import type { OperationResult } from '../core/context-manager.js'
import { parseEventRef } from '../core/events.js'
import { deleteContext } from '../core/store-maintenance.js'
import { parseSetPairs, splitSetArgs, type SetOperation } from '../core/set-args.js'
import { defined, isJsonObject } from '../core/types.js'
import { artifactEncryptionKey } from '../stores/artifact-settings.js'
import { loadFromRun } from '../stores/load-from-run.js'
import type {
  CommonSettings,
  GetSetSettings,
  HandleEventSettings,
  InitSettings
} from '../inputs.js'
import type { ActionLogger } from './action-logger.js'
import { verifiedApproval, type RecordedApproval } from './approval.js'
import { exportForLaterSteps } from './job-env.js'
import { closeSession, exportEnv, openSession, uploadArtifact, type Session } from './session.js'
import type { SummaryInput } from './summary.js'

/**
 * The three operations as steps: each reads its settings, calls the shared core (the same the CLI
 * uses), then publishes outputs, env, artifact and summary. Outputs are documented in the action.yml files.
 */

export async function initStep(s: InitSettings, logger: ActionLogger): Promise<SummaryInput> {
  return withSession(s, logger, async (session) => {
    if (s.event?.trim() === 'github') {
      const operation = githubOperation(s, session, { contextName: s.contextName })
      return afterOperation(operation, (result) => publishInit(s, result, session))
    }
    // With load-from-run the loaded snapshot is the context; init then only applies `set` and `event`.
    const operation = s.loadFromRun
      ? session.manager.update({
          id: s.id,
          sets: setOperations(s),
          tmplCtxVars: s.tmplCtxVars,
          dryRun: s.dryRun,
          ...(s.event ? { event: parseEventRef(s.event) } : {})
        })
      : session.manager.initNew({
          id: s.id,
          contextName: s.contextName,
          appConfigPath: s.appConfig,
          ...(s.basesDir ? { basesDir: s.basesDir } : {}),
          cwd: s.workingDirectory,
          sets: setOperations(s),
          tmplCtxVars: s.tmplCtxVars,
          dryRun: s.dryRun,
          ...(s.event ? { event: parseEventRef(s.event) } : {})
        })
    return afterOperation(operation, (result) => publishInit(s, result, session))
  })
}

async function publishInit(
  s: InitSettings,
  result: OperationResult,
  session: Session
): Promise<SummaryInput> {
  core.setOutput('id', result.id)
  core.setOutput('document', JSON.stringify(result.document))
  core.setOutput('state', JSON.stringify(result.document.state))
  // Later steps of this job find the context, config and secrets without repeating the inputs.
  if (!s.dryRun) exportForLaterSteps(s, result.id)
  return publish(s, result, session, { dryRun: s.dryRun })
}

export async function getSetStep(s: GetSetSettings, logger: ActionLogger): Promise<SummaryInput> {
  if (s.delete) return deleteStep(s, logger)
  return withSession(s, logger, async (session) => {
    const approved = await approvalOf(s, session)
    const sets = [...setOperations(s), ...(approved?.sets ?? [])]
    const result = sets.length > 0 ? await session.manager.update({ id: s.id, sets }) : undefined
    const read: NonNullable<SummaryInput['read']> = []
    const values: Record<string, string> = {}
    const answers = s.gets.length
      ? await session.manager.getAll(
          s.id,
          s.gets.map((g) => g.expression),
          s.tmplCtxVars
        )
      : []
    for (const [i, { name, expression }] of s.gets.entries()) {
      const got = answers[i] as { found: boolean; value: unknown }
      const text = got.found ? valueText(got.value) : ''
      core.setOutput(name, text)
      values[name] = text
      read.push({ name, expression, value: text })
    }
    if (s.gets.length === 1) core.setOutput('value', read[0]?.value ?? '')
    core.setOutput('values', JSON.stringify(values))
    if (result) return { ...(await publish(s, result, session, {})), read }
    const exported = s.exportEnv || s.uploadArtifact ? await publishLoaded(s, session) : {}
    return { id: s.id, read, ...exported }
  })
}

/** `delete: true`: the context leaves the primary and the local copies that hold it. */
async function deleteStep(s: GetSetSettings, logger: ActionLogger): Promise<SummaryInput> {
  if (s.gets.length > 0 || s.sets.length > 0) {
    throw new UsageError("input 'delete' cannot be combined with 'set' or 'get'")
  }
  return withSession(s, logger, async (session) => {
    await deleteContext(session.stores, s.id, logger)
    return { id: s.id }
  })
}

export async function handleEventStep(
  s: HandleEventSettings,
  logger: ActionLogger
): Promise<SummaryInput> {
  return withSession(s, logger, async (session) => {
    const approved = await approvalOf(s, session)
    const sets = [...setOperations(s), ...(approved?.sets ?? [])]
    const operation =
      s.event.trim() === 'github'
        ? githubOperation(s, session, undefined, sets)
        : session.manager.update({
            id: s.id,
            sets,
            event: parseEventRef(s.event),
            tmplCtxVars: s.tmplCtxVars,
            dryRun: s.dryRun
          })
    return afterOperation(operation, async (result) => {
      if (s.dryRun) logger.info(formatDryRun(result.outcomes))
      return publish(s, result, session, { dryRun: s.dryRun })
    })
  })
}

/**
 * `event: github`: the `github-events` entries of `app-config` matching this run's event
 * (GITHUB_EVENT_NAME / GITHUB_EVENT_PATH), after the trust check for events on someone else's text; an
 * init creates the context first.
 */
async function githubOperation(
  s: CommonSettings & { id: string; dryRun: boolean; appConfig?: string; basesDir?: string },
  session: Session,
  init?: { contextName: string },
  sets: SetOperation[] = setOperations(s)
): Promise<OperationResult> {
  if (!s.appConfig) throw new UsageError("input 'app-config' is required with 'event: github'")
  const appConfigPath = s.appConfig
  const [{ loadAppConfig }, { readGithubEvent }, { checkTrustedConfig }, { handleGithubEvent }] =
    await Promise.all([
      import('../core/app-config.js'),
      import('../github-events/event-source.js'),
      import('../github-events/trust.js'),
      import('../github-events/run.js')
    ])
  const event = readGithubEvent({}, process.env, s.workingDirectory)
  const appConfig = loadAppConfig(appConfigPath, s.basesDir, s.workingDirectory)
  checkTrustedConfig({
    eventName: event.name,
    payload: event.payload,
    files: [appConfigPath, ...(s.basesDir ? [`${s.basesDir}/.`] : [])],
    cwd: s.workingDirectory,
    env: process.env
  })
  const { operation } = await handleGithubEvent({
    manager: session.manager,
    appConfig,
    id: s.id,
    ...(init
      ? {
          init: {
            contextName: init.contextName,
            cwd: s.workingDirectory,
            ...(s.basesDir ? { basesDir: s.basesDir } : {})
          }
        }
      : {}),
    eventName: event.name,
    payload: event.payload,
    sets,
    tmplCtxVars: s.tmplCtxVars,
    dryRun: s.dryRun
  })
  return operation
}

/**
 * A bridge-dispatched run's approval, verified before anything is written (a refusal throws and the step
 * records nothing); its outputs are set at once, the record goes with the step's own sets.
 */
async function approvalOf(
  s: GetSetSettings | HandleEventSettings,
  session: Session
): Promise<RecordedApproval | undefined> {
  if (!s.approval) return undefined
  const approved = await verifiedApproval(s.approval, s.id, session.manager)
  for (const [name, value] of Object.entries(approved.outputs)) core.setOutput(name, value)
  session.logger.info(
    `approval verified: '${approved.outputs['approved-choice']}' by ${approved.outputs['approved-by']}`
  )
  return approved
}

/**
 * The step's `set` lines. In the actions `file://` is off unless `allow-file-values` turns it on, and then
 * reads only inside the workspace: `set` lines are routinely built from text an outsider controls.
 */
function setOperations(s: CommonSettings): SetOperation[] {
  return parseSetPairs(splitSetArgs(s.sets), {
    cwd: s.workingDirectory,
    files: s.allowFileValues ? 'workspace' : 'off',
    root: s.workspace ?? s.workingDirectory,
    rule: "input 'allow-file-values'"
  })
}

/**
 * Publishes an operation's outputs — also when handlers failed: what succeeded was persisted, and a
 * later `if: failure()` step still needs the id and the results. The step then fails as usual.
 */
async function afterOperation(
  operation: Promise<OperationResult>,
  publishResult: (result: OperationResult) => Promise<SummaryInput>
): Promise<SummaryInput> {
  let result: OperationResult
  try {
    result = await operation
  } catch (error) {
    if (error instanceof HandlerError && error.result)
      await publishResult(error.result as OperationResult)
    throw error
  }
  return publishResult(result)
}

async function withSession(
  s: CommonSettings,
  logger: ActionLogger,
  fn: (session: Session) => Promise<SummaryInput>
): Promise<SummaryInput> {
  let session: Session | undefined
  if (s.loadFromRun && (s as { dryRun?: boolean }).dryRun) {
    throw new UsageError(
      "input 'load-from-run' cannot be combined with 'dry-run' (loading stores the snapshot)"
    )
  }
  try {
    session = await openSession(s, logger)
    if (s.loadFromRun) await loadSnapshot(s, s.loadFromRun, session)
    return await fn(session)
  } finally {
    await closeSession(session)
  }
}

/** `load-from-run`: the snapshot into this run's primary (and copies) before the operation. */
async function loadSnapshot(s: CommonSettings, from: string, session: Session): Promise<void> {
  const id = (s as { id?: string }).id
  if (!id) throw new UsageError("input 'load-from-run' needs the context 'id'")
  await loadFromRun(session.stores, {
    id,
    from,
    token: s.githubToken ?? process.env.GITHUB_TOKEN,
    env: process.env,
    logger: session.logger,
    ...(s.artifactName ? { artifactName: s.artifactName } : {}),
    ...defined({ encryptionKey: artifactEncryptionKey(session.config) })
  })
}

/** Outputs every mutating step has, then env export and artifact. */
async function publish(
  s: CommonSettings,
  result: OperationResult,
  session: Session,
  extra: Pick<SummaryInput, 'dryRun'>
): Promise<SummaryInput> {
  const outcomes = result.outcomes.map((o) => ({ ...o, request: undefined }))
  core.setOutput('changed', JSON.stringify(result.changed))
  core.setOutput('results', JSON.stringify(outcomes))
  core.setOutput('failed', String(outcomes.filter((o) => o.status === 'failed').length))
  const summary: SummaryInput = {
    id: result.id,
    changed: [...new Set(result.changed)].map((path) => ({
      path,
      value: valueAt(result.document, path)
    })),
    outcomes: result.outcomes,
    ...extra
  }
  if (extra.dryRun) return summary
  if (s.exportEnv) summary.exported = exportEnv(result.document, session.logger)
  if (s.uploadArtifact) {
    const artifactId = await uploadArtifact(s, result.id, result.document, session.logger)
    if (artifactId) {
      core.setOutput('artifact-id', artifactId)
      summary.artifactId = artifactId
    }
  }
  return summary
}

async function publishLoaded(s: GetSetSettings, session: Session): Promise<Partial<SummaryInput>> {
  const { document } = await session.manager.update({ id: s.id })
  const out: Partial<SummaryInput> = {}
  if (s.exportEnv) out.exported = exportEnv(document, session.logger)
  if (s.uploadArtifact) {
    const artifactId = await uploadArtifact(s, s.id, document, session.logger)
    if (artifactId) {
      core.setOutput('artifact-id', artifactId)
      out.artifactId = artifactId
    }
  }
  return out
}

function valueAt(doc: unknown, path: string): unknown {
  let node = doc
  for (const key of path.replace(/(\[\]|\{\})$/, '').split('.'))
    node = isJsonObject(node) ? node[key] : undefined
  return node
}
