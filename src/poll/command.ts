/**
 * `cicdstatemgr poll`: loaded only for this command (src/cli/main.ts imports it on demand), so the
 * other commands start as before.
 */
import { basename, dirname, extname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadAppConfig, type AppConfig } from '../core/app-config.js'
import { parseLogLevel, StreamLogger, type Logger } from '../core/logger.js'
import type { StateStore } from '../core/store.js'
import { openContext, type OpenContext } from '../context-setup.js'
import { CicdError, errorMessage, StoreError, UsageError } from '../errors.js'
import { createGithubClient } from '../github/client.js'
import { parseRepository, type RepoRef } from '../github/env.js'
import { GithubApiError } from '../github/errors.js'
import type { FileSettings } from '../stores/settings.js'
import { createFileStore } from '../stores/file-store.js'
import { checkPollable } from './event-names.js'
import { Poller, type PassReport } from './poller.js'
import type { EventSink } from './sink.js'

export interface PollIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
}

export interface PollArgs {
  repository: RepoRef
  appConfigPath: string
  basesDir?: string
  contextId?: string
  contextName: string
  once: boolean
  intervalS: number
  retryInterrupted: boolean
  handleExisting: boolean
}

/** Builds the sink from the opened context: the handler file's entries (default) or, in tests, another. */
export type SinkFactory = (setup: {
  opened: OpenContext
  appConfig: AppConfig
  args: PollArgs
  io: PollIo
}) => EventSink | Promise<EventSink>

const OPTIONS = {
  repository: { type: 'string' },
  'app-config': { type: 'string' },
  'bases-dir': { type: 'string' },
  id: { type: 'string' },
  'init-cicd-context-name': { type: 'string', default: 'stage' },
  once: { type: 'boolean', default: false },
  interval: { type: 'string' },
  'retry-interrupted': { type: 'boolean', default: false },
  'handle-existing': { type: 'boolean', default: false },
  config: { type: 'string' },
  secrets: { type: 'string' },
  'log-level': { type: 'string', short: 'l' },
  help: { type: 'boolean', short: 'h', default: false }
} as const

export const POLL_HELP = `usage: cicdstatemgr poll --repository OWNER/REPO --app-config FILE [--once] [--interval S]

Reads the repository events API and runs the app config's github-events entries for each new event,
once across all pollers (the cursor and the claims live in the primary datasource of config.yaml).

  --repository OWNER/REPO       the repository (env GITHUB_REPOSITORY)
  --app-config FILE             the handler file (env CICDSTATEMGR_INIT_APP_CONFIG_PATH)
  --bases-dir DIR               its bases directory (env CICDSTATEMGR_BASES_DIR_PATH)
  --id ID                       run every event on this context; default: a new context per event,
                                poll-<event id>, from --init-cicd-context-name (default: stage)
  --once                        one pass, then exit (scheduled workflows); else poll until SIGTERM
  --interval S                  seconds between passes (default 60; never less than X-Poll-Interval)
  --retry-interrupted           run events whose poller died while handling them once more
  --handle-existing             on the first pass, run the listed events instead of recording them
  --config PATH, --secrets PATH, -l/--log-level LEVEL   as for the other commands
  env: GITHUB_TOKEN (required), GITHUB_API_URL (default https://api.github.com)
`

/** Runs `poll` (argv without the word `poll`); returns the exit code. */
export async function runPoll(
  argv: readonly string[],
  io: PollIo,
  makeSink: SinkFactory = defaultSink
): Promise<number> {
  const fallback = new StreamLogger('warning', io.stderr)
  let opened: OpenContext | undefined
  let cursorStore: StateStore | undefined
  try {
    const values = parse(argv)
    if (values.help) return (io.stdout(POLL_HELP), 0)
    const level = values['log-level'] === undefined ? 'info' : parseLogLevel(values['log-level'])
    if (!level)
      throw new UsageError(
        `--log-level '${values['log-level']}': expected DEBUG, INFO, WARNING or ERROR`
      )
    const log = new StreamLogger(level, io.stderr)
    const args = pollArgs(values, io.env)
    const token = nonEmpty(io.env.GITHUB_TOKEN) ?? fail('poll needs env GITHUB_TOKEN')
    const configPath =
      values.config ??
      nonEmpty(io.env.CICDSTATEMGR_CONFIG_PATH) ??
      fail('--config PATH is required (or env CICDSTATEMGR_CONFIG_PATH)')
    const secretsPath = values.secrets ?? nonEmpty(io.env.CICDSTATEMGR_SECRETS_PATH)
    opened = await openContext(
      { configPath, ...(secretsPath ? { secretsPath } : {}), cwd: io.cwd },
      log,
      [log, fallback],
      { env: io.env, token }
    )
    const appConfig = loadAppConfig(args.appConfigPath, args.basesDir, io.cwd)
    const sink = await makeSink({ opened, appConfig, args, io })
    checkPollable(sink.entries(), args.appConfigPath)
    cursorStore = await cursorStoreFor(opened, args.repository, log)
    const client = await createGithubClient({
      token,
      apiUrl: nonEmpty(io.env.GITHUB_API_URL) ?? 'https://api.github.com',
      debug: (line) => log.debug(line)
    })
    const poller = new Poller({
      store: cursorStore,
      client,
      repo: args.repository,
      sink,
      logger: log,
      retryInterrupted: args.retryInterrupted,
      handleExisting: args.handleExisting
    })
    return await (args.once ? once(poller, args, io) : loop(poller, args, io, log))
  } catch (error) {
    fallback.error(errorMessage(error))
    return error instanceof UsageError ? 2 : 1
  } finally {
    if (cursorStore && cursorStore !== opened?.stores.primary)
      await cursorStore.close().catch(() => {})
    await opened?.stores
      .close()
      .catch((e: unknown) => fallback.warning(`closing datasources: ${errorMessage(e)}`))
  }
}

async function once(poller: Poller, args: PollArgs, io: PollIo): Promise<number> {
  const report = await poller.pass()
  io.stdout(summary(args.repository, report))
  const problems: string[] = []
  if (report.failed.length) problems.push(`handlers failed for event ${report.failed.join(', ')}`)
  if (report.interrupted.length) {
    problems.push(
      `event ${report.interrupted.join(', ')} interrupted (its poller died while handling it; run with --retry-interrupted to run it once more)`
    )
  }
  if (problems.length === 0) return 0
  throw new CicdError(`poll: ${problems.join('; ')}`)
}

/** Polls until SIGTERM/SIGINT; the event in hand is finished first. A pass that fails on the store or the API is retried next time. */
async function loop(poller: Poller, args: PollArgs, io: PollIo, log: Logger): Promise<number> {
  const stop = new AbortController()
  const onSignal = (signal: string): void => {
    log.info(`poll: ${signal}: stopping after the event in hand`)
    poller.stop()
    stop.abort()
  }
  const onTerm = (): void => onSignal('SIGTERM')
  const onInt = (): void => onSignal('SIGINT')
  process.on('SIGTERM', onTerm)
  process.on('SIGINT', onInt)
  try {
    while (!stop.signal.aborted) {
      let waitS = args.intervalS
      try {
        const report = await poller.pass()
        if (report.listed) io.stdout(summary(args.repository, report))
        waitS = Math.max(waitS, report.pollIntervalS ?? 0)
      } catch (error) {
        if (!(error instanceof StoreError || error instanceof GithubApiError)) throw error
        log.warning(`poll: pass failed, retrying in ${waitS} s: ${errorMessage(error)}`)
      }
      await sleep(waitS * 1000, stop.signal)
    }
    return 0
  } finally {
    process.off('SIGTERM', onTerm)
    process.off('SIGINT', onInt)
  }
}

function summary(repo: RepoRef, r: PassReport): string {
  return (
    `poll ${repo.owner}/${repo.repo}: ${r.listed ? '' : 'no change (304), '}${r.handled.length} handled, ` +
    `${r.failed.length} failed, ${r.skipped} skipped, ${r.interrupted.length} interrupted\n`
  )
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}

/**
 * The store the cursor lives in: the primary itself, except a file primary, which holds one document
 * (writing the cursor there would replace the context it holds, and the handlers' contexts would
 * replace the cursor): then a file of the same format beside it, `<name>.poll-<owner>-<repo><ext>`,
 * with the same locking.
 */
async function cursorStoreFor(
  opened: OpenContext,
  repo: RepoRef,
  log: Logger
): Promise<StateStore> {
  const settings = opened.config.datasources.find((s) => s.isPrimary)
  if (settings?.type !== 'yamlfile' && settings?.type !== 'jsonfile') return opened.stores.primary
  const file = settings as FileSettings
  const ext = extname(file.path)
  const path = join(
    dirname(file.path),
    `${basename(file.path, ext)}.poll-${repo.owner}-${repo.repo}${ext}`
  )
  log.debug(`poll: cursor in ${path} (a ${file.type} primary holds one document)`)
  return createFileStore({ ...file, path }, log)
}

interface Values {
  repository?: string
  'app-config'?: string
  'bases-dir'?: string
  id?: string
  'init-cicd-context-name': string
  once: boolean
  interval?: string
  'retry-interrupted': boolean
  'handle-existing': boolean
  config?: string
  secrets?: string
  'log-level'?: string
  help: boolean
}

function parse(argv: readonly string[]): Values {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false })
      .values
  } catch (error) {
    throw new UsageError(`poll: ${(error as Error).message.split('\n', 1)[0]}`)
  }
}

function pollArgs(v: Values, env: NodeJS.ProcessEnv): PollArgs {
  const repository =
    v.repository ??
    nonEmpty(env.GITHUB_REPOSITORY) ??
    fail('poll needs --repository OWNER/REPO (or env GITHUB_REPOSITORY)')
  let repo: RepoRef
  try {
    repo = parseRepository(repository, '--repository')
  } catch (error) {
    throw new UsageError(errorMessage(error))
  }
  const interval = v.interval ?? '60'
  if (!/^\d+$/.test(interval) || Number(interval) < 1) {
    throw new UsageError(
      `--interval '${interval}': expected a whole number of seconds (at least 1)`
    )
  }
  const basesDir = v['bases-dir'] ?? nonEmpty(env.CICDSTATEMGR_BASES_DIR_PATH)
  return {
    repository: repo,
    appConfigPath:
      v['app-config'] ??
      nonEmpty(env.CICDSTATEMGR_INIT_APP_CONFIG_PATH) ??
      fail('poll needs --app-config FILE (or env CICDSTATEMGR_INIT_APP_CONFIG_PATH)'),
    ...(basesDir ? { basesDir } : {}),
    ...(v.id ? { contextId: v.id } : {}),
    contextName: v['init-cicd-context-name'],
    once: v.once,
    intervalS: Number(interval),
    retryInterrupted: v['retry-interrupted'],
    handleExisting: v['handle-existing']
  }
}

const defaultSink: SinkFactory = async ({ opened, appConfig, args, io }) => {
  const { handlerSink } = await import('./handler-sink.js')
  return handlerSink({
    manager: opened.manager,
    primary: opened.stores.primary,
    appConfig,
    ...(args.contextId ? { contextId: args.contextId } : {}),
    init: {
      contextName: args.contextName,
      cwd: io.cwd,
      ...(args.basesDir ? { basesDir: args.basesDir } : {})
    }
  })
}

function fail(message: string): never {
  throw new UsageError(message)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
