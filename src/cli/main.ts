import { appendFileSync } from 'node:fs'
import { openContext } from '../context-setup.js'
import type { LoadedConfig } from '../core/config.js'
import type { ContextManager, OperationResult } from '../core/context-manager.js'
import { parseEventRef } from '../core/events.js'
import { parseLogLevel, SecretMasker, StreamLogger, type Logger } from '../core/logger.js'
import { loadAppConfig } from '../core/app-config.js'
import { parseSetPairs, splitSetArgs, type SetOperation } from '../core/set-args.js'
import { deleteContext, parseAge, pruneContexts } from '../core/store-maintenance.js'
import { errorMessage, UsageError } from '../errors.js'
import type { StoreSet } from '../stores/create-stores.js'
import { VERSION } from '../version.js'
import { defined } from '../core/types.js'
import { isArtifactRevisionStore } from '../stores/actions-artifact-revisions.js'
import { artifactEncryptionKey } from '../stores/artifact-settings.js'
import { loadFromRun } from '../stores/load-from-run.js'
import {
  checkFlagValues,
  HELP,
  parseCliArgs,
  selectOperation,
  type CliArgs,
  type Operation
} from './args.js'
import { formatDryRun, formatValue } from './output.js'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
}

const defaultIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd()
})

/** Runs one command line; returns the exit code. Errors are one line on stderr, never the help text. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  // A subcommand, loaded only when asked for: the flag-style commands start as before.
  if (argv[0] === 'poll') return (await import('../poll/command.js')).runPoll(argv.slice(1), io)
  // `bridge …` is a long-running server with its own flags; loaded only when asked for, so the other
  // commands start exactly as before.
  if (argv[0] === 'bridge') {
    const { runBridgeCli } = await import('../bridge/node-server.js')
    return runBridgeCli(argv.slice(1), io)
  }
  const logger = new StreamLogger('warning', io.stderr)
  let stores: StoreSet | undefined
  try {
    const args = parseCliArgs(argv)
    if (args.help) return (io.stdout(HELP), 0)
    if (args.version) return (io.stdout(`${VERSION}\n`), 0)
    const level = args.logLevel === undefined ? 'warning' : parseLogLevel(args.logLevel)
    if (!level)
      throw new UsageError(`--log-level '${args.logLevel}': expected DEBUG, INFO, WARNING or ERROR`)
    const log = new StreamLogger(level, io.stderr)
    const op = selectOperation(args)
    checkFlagValues(args)
    // The GitHub handlers' default token; masked like every secret even though only they use it.
    const githubToken = nonEmpty(io.env.GITHUB_TOKEN)
    const opened = await openContext(
      {
        configPath: args.config ?? nonEmpty(io.env.CICDSTATEMGR_CONFIG_PATH) ?? requiredConfig(),
        secretsPath: args.secrets ?? nonEmpty(io.env.CICDSTATEMGR_SECRETS_PATH),
        cwd: io.cwd
      },
      log,
      [log, logger],
      { env: io.env, ...(githubToken ? { token: githubToken } : {}) }
    )
    stores = opened.stores
    if (args.loadFromRun !== undefined) {
      await loadFromRun(stores, {
        id: contextId(args, io),
        from: args.loadFromRun,
        token: githubToken,
        env: io.env,
        logger: log,
        ...defined({ encryptionKey: artifactEncryptionKey(opened.config) })
      })
    }
    if (op === 'delete' || op === 'prune') await runMaintenance(op, args, stores, io, log)
    else if (op === 'artifact-revisions' || op === 'merge-revision')
      await runRevisions(op, args, stores, io)
    else await runOperation(op, args, opened.manager, opened.config, io, log)
    return 0
  } catch (error) {
    logger.error(errorMessage(error))
    return error instanceof UsageError ? 2 : 1
  } finally {
    await stores
      ?.close()
      .catch((e: unknown) => logger.warning(`closing datasources: ${errorMessage(e)}`))
  }
}

async function runOperation(
  op: Operation,
  args: CliArgs,
  manager: ContextManager,
  config: LoadedConfig,
  io: CliIo,
  log: Logger
): Promise<void> {
  const restrict =
    args.restrictValues || /^(1|true|yes)$/i.test(io.env.CICDSTATEMGR_RESTRICT_VALUES ?? '')
  // Restricted (Tekton-style steps that interpolate parameters): file:// only inside the working
  // directory and never .git, as in the actions. Default: the Python tool's behaviour.
  const sets = parseSetPairs(splitSetArgs(args.set), {
    cwd: io.cwd,
    files: restrict ? 'workspace' : 'any',
    rule: '--restrict-values',
    env: io.env
  })
  if (args.handleGithubEvent) {
    const result = await runGithubEvent(op, args, manager, io, sets)
    if (args.dryRun) io.stdout(formatDryRun(result.outcomes))
    else if (op === 'init-new') io.stdout(`${result.id}\n`)
    writeHandlerSummaries(result, io, config)
    return
  }
  const event = args.handleEvent !== undefined ? parseEventRef(args.handleEvent) : undefined
  const common = {
    sets,
    tmplCtxVars: args.tmplCtxVar,
    dryRun: args.dryRun,
    ...(event ? { event } : {})
  }
  if (args.preSetForceReload)
    log.debug('--pre-set-force-reload: every write already reads the primary first')
  let result: OperationResult
  switch (op) {
    case 'get': {
      const got = await manager.get(contextId(args, io), args.get as string, args.tmplCtxVar)
      if (got.found) io.stdout(formatValue(got.value))
      return
    }
    case 'generate':
      await manager.generate(contextId(args, io), args.generate as string, args.tmplCtxVar)
      return
    case 'init-new':
      result = await manager.initNew({
        ...common,
        id: args.initNew as string,
        contextName: args.initCicdContextName,
        appConfigPath:
          args.initAppConfigFile ??
          nonEmpty(io.env.CICDSTATEMGR_INIT_APP_CONFIG_PATH) ??
          fail(
            '--init-new needs --init-app-config-file PATH (or env CICDSTATEMGR_INIT_APP_CONFIG_PATH)'
          ),
        ...optional('basesDir', args.initBasesDir ?? nonEmpty(io.env.CICDSTATEMGR_BASES_DIR_PATH)),
        cwd: io.cwd
      })
      if (!args.dryRun) io.stdout(`${result.id}\n`)
      break
    default:
      result = await manager.update({ ...common, id: contextId(args, io) })
  }
  if (args.dryRun) io.stdout(formatDryRun(result.outcomes))
  writeHandlerSummaries(result, io, config)
}

/**
 * `--handle-github-event`: the entries come from the app config file (with its bases) given now — not from
 * the stored context — so the file in the checkout decides what runs (see trust.ts).
 */
async function runGithubEvent(
  op: Operation,
  args: CliArgs,
  manager: ContextManager,
  io: CliIo,
  sets: SetOperation[]
): Promise<OperationResult> {
  const appConfigPath =
    args.initAppConfigFile ??
    nonEmpty(io.env.CICDSTATEMGR_INIT_APP_CONFIG_PATH) ??
    fail(
      '--handle-github-event needs --init-app-config-file PATH (or env CICDSTATEMGR_INIT_APP_CONFIG_PATH)'
    )
  const basesDir = args.initBasesDir ?? nonEmpty(io.env.CICDSTATEMGR_BASES_DIR_PATH)
  // Loaded only for this operation: the other commands keep their start-up time.
  const [{ readGithubEvent }, { checkTrustedConfig }, { handleGithubEvent }] = await Promise.all([
    import('../github-events/event-source.js'),
    import('../github-events/trust.js'),
    import('../github-events/run.js')
  ])
  const event = readGithubEvent({ name: args.eventName, file: args.eventFile }, io.env, io.cwd)
  const appConfig = loadAppConfig(appConfigPath, basesDir, io.cwd)
  checkTrustedConfig({
    eventName: event.name,
    payload: event.payload,
    files: [appConfigPath, ...(basesDir ? [`${basesDir}/.`] : [])],
    cwd: io.cwd,
    env: io.env
  })
  const id = op === 'init-new' ? (args.initNew as string) : contextId(args, io)
  const { operation } = await handleGithubEvent({
    manager,
    appConfig,
    id,
    ...(op === 'init-new'
      ? {
          init: {
            contextName: args.initCicdContextName,
            cwd: io.cwd,
            ...optional('basesDir', basesDir)
          }
        }
      : {}),
    eventName: event.name,
    payload: event.payload,
    sets,
    tmplCtxVars: args.tmplCtxVar,
    dryRun: args.dryRun
  })
  return operation
}

/** `--delete ID` (prints nothing) and `--prune AGE` (prints each deleted id on its own line). */
async function runMaintenance(
  op: 'delete' | 'prune',
  args: CliArgs,
  stores: StoreSet,
  io: CliIo,
  log: Logger
): Promise<void> {
  if (op === 'delete') {
    await deleteContext(stores, args.delete as string, log)
    return
  }
  const pruned = await pruneContexts(
    stores,
    parseAge(args.prune as string) as number,
    Date.now(),
    log
  )
  for (const id of pruned) io.stdout(`${id}\n`)
}

/**
 * `--artifact-revisions ID` (one line per revision artifact: revision, artifact id, run, branch, created,
 * status) and `--merge-revision ARTIFACT_ID` (prints nothing): actions-artifact primary only.
 */
async function runRevisions(
  op: 'artifact-revisions' | 'merge-revision',
  args: CliArgs,
  stores: StoreSet,
  io: CliIo
): Promise<void> {
  const primary = stores.primary
  if (!isArtifactRevisionStore(primary)) {
    throw new UsageError(
      `--${op} needs the actions-artifact datasource as the primary, not ${primary.name}`
    )
  }
  if (op === 'merge-revision') {
    await primary.mergeRevision(contextId(args, io), Number(args.mergeRevision))
    return
  }
  for (const r of await primary.revisions(args.artifactRevisions as string)) {
    const run = r.runId === undefined ? '-' : String(r.runId)
    io.stdout(
      `${r.revision}\t${r.artifactId}\t${run}\t${r.branch ?? '-'}\t${r.createdAt}\t${r.status}\n`
    )
  }
}

/**
 * Text a handler could not deliver (the progress comment on a fork pull request): in a `run:` step it
 * goes to the job summary as in the actions, elsewhere to stderr. Masked like every log line.
 */
function writeHandlerSummaries(result: OperationResult, io: CliIo, config: LoadedConfig): void {
  const texts = result.outcomes.flatMap((o) => (o.summary ? [o.summary] : []))
  if (texts.length === 0) return
  const file = nonEmpty(io.env.GITHUB_STEP_SUMMARY)
  const masker = new SecretMasker()
  for (const secret of [...config.secretValues, io.env.GITHUB_TOKEN ?? '']) masker.add(secret)
  const masked = texts.map((t) => masker.mask(t)).join('\n')
  if (file) appendFileSync(file, `${masked}\n`)
  else io.stderr(`${masked}\n`)
}

function contextId(args: CliArgs, io: CliIo): string {
  return (
    args.id ??
    nonEmpty(io.env.CICDSTATEMGR_CONTEXT_DATA_ID) ??
    fail('--id ID is required (or env CICDSTATEMGR_CONTEXT_DATA_ID)')
  )
}

function requiredConfig(): never {
  return fail('--config PATH is required (or env CICDSTATEMGR_CONFIG_PATH)')
}

function fail(message: string): never {
  throw new UsageError(message)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
