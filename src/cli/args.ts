import { parseArgs, type ParseArgsConfig } from 'node:util'
import { parseEventRef } from '../core/events.js'
import { checkSyntax } from '../core/jsonpath.js'
import { parseAge } from '../core/store-maintenance.js'
import { PathError, UsageError, firstLine } from '../errors.js'
import { parseRunSpec } from '../stores/load-from-run.js'

/**
 * The Python tool's flags, parsed with node:util's parseArgs (standard library: no start-up cost, strict
 * about unknown flags and missing values).
 */
export interface CliArgs {
  config?: string
  secrets?: string
  initNew?: string
  initBasesDir?: string
  initAppConfigFile?: string
  initCicdContextName: string
  id?: string
  set: string[]
  get?: string
  load: boolean
  generate?: string
  delete?: string
  prune?: string
  loadFromRun?: string
  artifactRevisions?: string
  mergeRevision?: string
  handleEvent?: string
  /** `--handle-github-event`: run the app config's `github-events` entries for a GitHub event. */
  handleGithubEvent: boolean
  eventFile?: string
  eventName?: string
  tmplCtxVar: string[]
  preSetForceReload: boolean
  logLevel?: string
  dryRun: boolean
  restrictValues: boolean
  help: boolean
  version: boolean
}

const OPTIONS = {
  config: { type: 'string' },
  secrets: { type: 'string' },
  'init-new': { type: 'string' },
  'init-bases-dir': { type: 'string' },
  'init-app-config-file': { type: 'string' },
  'init-cicd-context-name': { type: 'string', default: 'stage' },
  id: { type: 'string' },
  set: { type: 'string', multiple: true, default: [] as string[] },
  get: { type: 'string' },
  load: { type: 'boolean', default: false },
  generate: { type: 'string' },
  delete: { type: 'string' },
  prune: { type: 'string' },
  'load-from-run': { type: 'string' },
  'artifact-revisions': { type: 'string' },
  'merge-revision': { type: 'string' },
  'handle-event': { type: 'string' },
  'handle-github-event': { type: 'boolean', default: false },
  'event-file': { type: 'string' },
  'event-name': { type: 'string' },
  'tmpl-ctx-var': { type: 'string', multiple: true, default: [] as string[] },
  'pre-set-force-reload': { type: 'boolean', default: false },
  'log-level': { type: 'string', short: 'l' },
  'dry-run': { type: 'boolean', default: false },
  'restrict-values': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false }
} satisfies ParseArgsConfig['options']

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    throw new UsageError(firstLine((error as Error).message))
  }
  return {
    config: values.config,
    secrets: values.secrets,
    initNew: values['init-new'],
    initBasesDir: values['init-bases-dir'],
    initAppConfigFile: values['init-app-config-file'],
    initCicdContextName: values['init-cicd-context-name'],
    id: values.id,
    set: values.set,
    get: values.get,
    load: values.load,
    generate: values.generate,
    delete: values.delete,
    prune: values.prune,
    loadFromRun: values['load-from-run'],
    artifactRevisions: values['artifact-revisions'],
    mergeRevision: values['merge-revision'],
    handleEvent: values['handle-event'],
    handleGithubEvent: values['handle-github-event'],
    eventFile: values['event-file'],
    eventName: values['event-name'],
    tmplCtxVar: values['tmpl-ctx-var'],
    preSetForceReload: values['pre-set-force-reload'],
    logLevel: values['log-level'],
    dryRun: values['dry-run'],
    restrictValues: values['restrict-values'],
    help: values.help,
    version: values.version
  }
}

/** The one operation a command line asks for; combinations the Python tool silently ignored are errors. */
export type Operation =
  | 'init-new'
  | 'load'
  | 'get'
  | 'generate'
  | 'handle-event'
  | 'set'
  | 'delete'
  | 'prune'
  | 'artifact-revisions'
  | 'merge-revision'

export function selectOperation(a: CliArgs): Operation {
  const given: Array<[string, boolean]> = [
    ['--init-new', a.initNew !== undefined],
    ['--load', a.load],
    ['--get', a.get !== undefined],
    ['--generate', a.generate !== undefined],
    ['--delete', a.delete !== undefined],
    ['--prune', a.prune !== undefined],
    ['--artifact-revisions', a.artifactRevisions !== undefined],
    ['--merge-revision', a.mergeRevision !== undefined]
  ]
  const primary = given.filter(([, on]) => on).map(([flag]) => flag)
  if (primary.length > 1)
    throw new UsageError(`${primary[0]} cannot be combined with ${primary[1]}`)
  const op = primary[0]
  checkLoadFromRun(a, op)
  const alone = [
    '--get',
    '--generate',
    '--delete',
    '--prune',
    '--artifact-revisions',
    '--merge-revision'
  ]
  if (op !== undefined && alone.includes(op)) {
    const extra =
      a.set.length > 0
        ? '--set'
        : a.handleEvent !== undefined
          ? '--handle-event'
          : a.handleGithubEvent
            ? '--handle-github-event'
            : undefined
    if (extra) throw new UsageError(`${op} cannot be combined with ${extra}`)
    if (a.dryRun) throw new UsageError(`${op} cannot be combined with --dry-run`)
  }
  if (op) return op.slice(2) as Operation
  if (a.handleEvent !== undefined || a.handleGithubEvent) return 'handle-event'
  // Alone, --load-from-run stores the snapshot and refreshes the local files, like --load.
  if (a.loadFromRun !== undefined && a.set.length === 0) return 'load'
  if (a.set.length > 0) {
    if (a.dryRun)
      throw new UsageError('--set alone cannot be combined with --dry-run (use --handle-event)')
    return 'set'
  }
  throw new UsageError(
    'nothing to do: give one of --init-new, --load, --get, --set, --generate, --handle-event, --delete, --prune'
  )
}

/** --load-from-run goes before an operation that reads or writes the context, never with a dry run. */
function checkLoadFromRun(a: CliArgs, op: string | undefined): void {
  if (a.loadFromRun === undefined) return
  const refused = ['--init-new', '--delete', '--prune', '--artifact-revisions', '--merge-revision']
  if (op !== undefined && refused.includes(op))
    throw new UsageError(`--load-from-run cannot be combined with ${op}`)
  if (a.dryRun)
    throw new UsageError(
      '--load-from-run cannot be combined with --dry-run (loading stores the snapshot)'
    )
}

/**
 * Malformed flag values are usage errors (exit 2), reported before any file is read; the values are
 * parsed again where they are used.
 */
export function checkFlagValues(a: CliArgs): void {
  if (a.handleEvent !== undefined) parseEventRef(a.handleEvent)
  if (a.handleEvent !== undefined && a.handleGithubEvent)
    throw new UsageError('--handle-event cannot be combined with --handle-github-event')
  if (!a.handleGithubEvent && (a.eventFile !== undefined || a.eventName !== undefined)) {
    throw new UsageError(
      `${a.eventFile !== undefined ? '--event-file' : '--event-name'} needs --handle-github-event`
    )
  }
  for (const expression of [a.get, a.generate]) {
    try {
      if (expression !== undefined) checkSyntax(expression.trim())
    } catch (error) {
      throw error instanceof PathError ? new UsageError(error.message) : error
    }
  }
  if (a.loadFromRun !== undefined) parseRunSpec(a.loadFromRun, `--load-from-run '${a.loadFromRun}'`)
  if (a.artifactRevisions !== undefined && a.artifactRevisions.trim() === '')
    throw new UsageError('--artifact-revisions: expected an id')
  if (a.mergeRevision !== undefined && !/^[1-9]\d{0,17}$/.test(a.mergeRevision.trim()))
    throw new UsageError(
      `--merge-revision '${a.mergeRevision}': expected an artifact id (a number)`
    )
  if (a.delete !== undefined && a.delete.trim() === '')
    throw new UsageError('--delete: expected an id')
  if (a.prune !== undefined && parseAge(a.prune) === undefined) {
    throw new UsageError(
      `--prune '${a.prune}': expected a whole number and a unit s, m, h or d (e.g. 7d, 12h)`
    )
  }
  for (const pair of a.tmplCtxVar) {
    if (pair.indexOf('=') <= 0)
      throw new UsageError(`--tmpl-ctx-var '${pair}': expected path=expression`)
  }
}

export const HELP = `usage: cicdstatemgr [options]
       cicdstatemgr poll --repository OWNER/REPO --app-config FILE [--once]   (poll --help)

CI/CD context data (config + state) across steps, jobs and runs; a drop-in for the Python cicdstatemgr.

operations (one per call):
  --init-new ID                 create the context ID from the app config (prints the id)
  --load                        read --id from the primary, apply --set/--handle-event, refresh local files
  --get EXPR                    print the value at a JSONPath (strings rendered as templates)
  --set PATH=VALUE              set values (repeatable; 'a=1|b=2'; key[]=a,b appends; key{}=a,b unique;
                                VALUE file://PATH reads JSON, YAML or text; env:NAME takes the
                                variable's value verbatim, never parsed (use it for untrusted text);
                                raw:TEXT is TEXT literally, e.g. raw:env:x for the text 'env:x')
  --generate EXPR               run the generator items at a JSONPath
  --handle-event PIPELINE=EVENT run the event's handlers (with --init-new, --load or alone)
  --handle-github-event         run the app config's github-events entries matching a GitHub event
                                (with --init-new, --load or alone; needs the app config file)
  --delete ID                   delete the context ID from the primary and the local copies holding it
  --prune AGE                   delete the contexts last written more than AGE ago (7d, 12h, 30m, 45s;
                                file and actions-artifact primaries: others cannot tell a context's age)
  --artifact-revisions ID       actions-artifact primary: list the revisions of ID (current, forks)
  --merge-revision ARTIFACT_ID  actions-artifact primary: apply what a forked revision changed to --id

  cicdstatemgr bridge serve --config bridge.yaml --port 8080
                                the Slack click → workflow_dispatch bridge server (bridge --help)

options:
  --config PATH                 config.yaml       (env CICDSTATEMGR_CONFIG_PATH)
  --secrets PATH                secrets.yaml      (env CICDSTATEMGR_SECRETS_PATH)
  --id ID                       context data id   (env CICDSTATEMGR_CONTEXT_DATA_ID)
  --init-app-config-file PATH   app config        (env CICDSTATEMGR_INIT_APP_CONFIG_PATH)
  --init-bases-dir DIR          bases directory   (env CICDSTATEMGR_BASES_DIR_PATH; default: app config's dir)
  --init-cicd-context-name NAME cicd context      (default: stage)
  --load-from-run RUN_ID|latest before the operation, store the snapshot of --id that run uploaded (or
                                the repository's newest) in the primary; alone like --load. Needs
                                GITHUB_REPOSITORY and GITHUB_TOKEN (actions: read); fork PR runs ignored
  --tmpl-ctx-var PATH=EXPR      template context value from a JSONPath, or the literal text (repeatable)
  --pre-set-force-reload        accepted for compatibility: every write already reads the primary first
  --event-file FILE             the event's webhook payload (default env GITHUB_EVENT_PATH)
  --event-name NAME             the event's name, e.g. push   (default env GITHUB_EVENT_NAME)
  --dry-run                     with --handle-event: print each request instead of sending; store nothing
  --restrict-values             file:// values only read regular files inside the current directory,
                                never .git; env: refuses INPUT_*, ACTIONS_* and credential-like names
                                (env CICDSTATEMGR_RESTRICT_VALUES=1; for steps that interpolate parameters)
  -l, --log-level LEVEL         DEBUG, INFO, WARNING (default), ERROR
  -h, --help                    this help
  --version                     print the version
`
