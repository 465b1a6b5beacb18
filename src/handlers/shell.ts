import { resolve } from 'node:path'
import { ConfigError, errorMessage } from '../errors.js'
import { collectStrings } from '../core/config.js'
import type { EventHandler, HandlerContext } from '../core/events.js'
import { SecretMasker } from '../core/logger.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'
import { captureResponse } from './capture.js'
import { runProcess } from './shell-process.js'

/** Without `timeout`, a command is stopped after an hour: every step of the project is bounded. */
const DEFAULT_TIMEOUT_SECONDS = 3600
/** Characters of output stored in the context (`state.shell.<block>.outputTail`) and shown in comments. */
export const TAIL_CHARS = 4000

const SHELLS: Record<string, (script: string) => [string, string[]]> = {
  // GitHub's own `shell: bash` and `shell: sh` command lines.
  bash: (script) => ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script]],
  sh: (script) => ['sh', ['-e', '-c', script]]
}

const LITERAL_KEYS = ['run', 'shell', 'working-directory'] as const
const TEMPLATE_MARKER = /\{\{|\{%|\{#/
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `shell`: runs `run` with bash (default) or sh. `run`, `shell` and `working-directory` are literal: the
 * command text is never rendered, so nothing from an event payload or the context can become shell
 * syntax; templated values reach the command only as environment variables (`env`, each value rendered),
 * which the shell expands as data. Output is streamed to the log line by line, each line prefixed (so a
 * line of output can never start with `::` or `##[` and issue a workflow command), secrets masked.
 * Captures `state.shell.<block>` (exitCode, durationMs, timedOut, outputTail) and the block's
 * `capture-response-data` over that body. A non-zero exit or a timeout is a failed outcome.
 */
export const shellHandler: EventHandler = {
  kind: 'shell',
  singleBlockKey: 'run',
  contextKey: 'shell',
  async run(block, name, templateContext, ctx) {
    const where = `shell '${name}'`
    checkLiteral(block, where)
    const spec = readSpec(block, where, ctx.config.cwd ?? process.cwd())
    const env = await renderEnv(block, templateContext, ctx, where)
    const base = { handler: 'shell', block: name, onError: 'fail' as const }
    if (ctx.dryRun) {
      return {
        ...base,
        status: 'dry-run',
        request: { method: 'RUN', url: spec.shell, headers: {}, body: spec.run }
      }
    }
    const mask = masker(ctx)
    const prefix = `${name} | `
    const started = Date.now()
    const [command, args] = (SHELLS[spec.shell] as (script: string) => [string, string[]])(spec.run)
    const result = await runProcess({
      command,
      args,
      cwd: spec.cwd,
      env: childEnv(env),
      timeoutMs: spec.timeoutSeconds * 1000,
      onLine: (line) => ctx.logger.info(prefix + mask(line))
    }).catch((error: unknown) => {
      throw new ConfigError(`${where}: cannot start ${spec.shell}: ${errorMessage(error)}`)
    })
    const durationMs = Date.now() - started
    const outputTail = mask(result.tail).slice(-TAIL_CHARS)
    const body: JsonObject = {
      exitCode: result.exitCode,
      durationMs,
      timedOut: result.timedOut,
      outputTail
    }
    ctx.work.set(`state.shell.${safePart(name)}`, body)
    const captured = {
      [`state.shell.${safePart(name)}`]: body,
      ...(await captureResponse(ctx, 'shell', block, body))
    }
    const outcome = { ...base, captured, log: outputTail, durationMs }
    if (result.exitCode === 0 && !result.timedOut) return { ...outcome, status: 'ok' }
    const reason = result.timedOut
      ? `timed out after ${spec.timeoutSeconds} s (process group killed)`
      : result.exitCode === null
        ? `killed by ${result.signal ?? 'a signal'}`
        : `exit code ${result.exitCode}`
    return { ...outcome, status: 'failed', reason }
  }
}

interface ShellSpec {
  run: string
  shell: string
  cwd: string
  timeoutSeconds: number
}

/** `base`: the run's working directory (the actions' `working-directory` input, the CLI's cwd). */
function readSpec(block: JsonObject, where: string, base: string): ShellSpec {
  if (typeof block.run !== 'string' || !block.run.trim()) {
    throw new ConfigError(`${where}: 'run' must be a non-empty string`)
  }
  const shell = block.shell === undefined || block.shell === null ? 'bash' : String(block.shell)
  if (!Object.hasOwn(SHELLS, shell)) {
    throw new ConfigError(`${where}: shell '${shell}' is not supported (bash, sh)`)
  }
  const timeout = block.timeout ?? DEFAULT_TIMEOUT_SECONDS
  const timeoutSeconds = Number(timeout)
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new ConfigError(`${where}: timeout must be a positive number of seconds`)
  }
  const dir = block['working-directory']
  return {
    run: block.run,
    shell,
    cwd: dir === undefined || dir === null ? base : resolve(base, String(dir)),
    timeoutSeconds
  }
}

function checkLiteral(block: JsonObject, where: string): void {
  for (const key of LITERAL_KEYS) {
    const value = block[key]
    if (typeof value === 'string' && TEMPLATE_MARKER.test(value)) {
      throw new ConfigError(
        `${where}: '${key}' must be literal text (it holds a template marker); pass templated values through 'env' and use "$NAME" in the command`
      )
    }
  }
}

/** Every `shell` block of a handlers mapping checked before anything runs (a github-events entry). */
export function checkLiteralShellBlocks(handlers: JsonObject, where: string): void {
  const config = handlers.shell
  if (!isJsonObject(config)) return
  if (Object.hasOwn(config, 'run')) return checkLiteral(config, `${where} shell 'default'`)
  for (const [name, block] of Object.entries(config)) {
    if (isJsonObject(block)) checkLiteral(block, `${where} shell '${name}'`)
  }
}

async function renderEnv(
  block: JsonObject,
  templateContext: JsonObject,
  ctx: HandlerContext,
  where: string
): Promise<Record<string, string>> {
  const env = block.env
  if (env === undefined || env === null) return {}
  if (!isJsonObject(env)) throw new ConfigError(`${where}: 'env' must be a mapping`)
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) {
    if (!ENV_NAME.test(key)) throw new ConfigError(`${where}: env name '${key}' is not valid`)
    out[key] = await ctx.render(text(value), templateContext, `${where}.env.${key}`)
  }
  return out
}

function text(value: JsonValue): string {
  if (value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * The runner's environment without the action's own inputs (INPUT_SECRETS may hold the secrets YAML,
 * INPUT_GITHUB-TOKEN the token: a `run:` step does not see them either), plus the block's env.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_'))
  )
  return { ...inherited, ...env }
}

/** The logger's registered secrets plus every secrets.yaml value and the token, for stored text. */
function masker(ctx: HandlerContext): (text: string) => string {
  const own = new SecretMasker()
  collectStrings(ctx.config.secrets).forEach((s) => own.add(s))
  if (ctx.github?.token) own.add(ctx.github.token)
  return (text) => {
    const masked = own.mask(text)
    return ctx.logger.mask ? ctx.logger.mask(masked) : masked
  }
}

function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_'
}
