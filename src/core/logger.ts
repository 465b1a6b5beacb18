/**
 * The one logging interface of the core. The CLI writes to stderr, the actions map onto @actions/core;
 * both mask every registered secret before a line leaves the process.
 */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error' | 'silent'

export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  error(message: string): void
  /** Registers a secret value; it is replaced by `***` in every later line. */
  addSecret(value: string): void
  /** True when debug lines are emitted (lets callers skip building expensive messages). */
  readonly isDebug: boolean
  /** The text with every registered secret replaced by `***` (for text that is stored, not logged). */
  mask?(text: string): string
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warning: 30, error: 40, silent: 99 }

/** Python logging level names (`DEBUG`, `WARN`, …) and ours, case-insensitive. */
export function parseLogLevel(text: string): LogLevel | undefined {
  const t = text.trim().toLowerCase()
  if (t === 'warn') return 'warning'
  if (t === 'critical' || t === 'fatal') return 'error'
  if (t === 'notset') return 'debug'
  return t in LEVELS ? (t as LogLevel) : undefined
}

/**
 * What to register for one secret, as the toolkit does for multi-line secrets: the whole value and each
 * non-empty line (trimmed), since a log line, an annotation or an escaped `%0A` form only ever shows a
 * multi-line secret piecewise. Lines under three characters and lines that are only a YAML mapping key
 * (`cicdstatemgr:`, `redis:` of an inline secrets.yaml) hold no secret and would blank out ordinary text.
 */
export function secretParts(value: string): string[] {
  if (!/[\r\n]/.test(value)) return [value]
  const lines = value
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 3 && !BARE_KEY.test(line))
  return [...new Set([value, ...lines])]
}

const BARE_KEY = /^(?:-\s+)?[A-Za-z0-9_.-]+:$|^(?:---|\.\.\.)$/

/** Replaces every registered secret (longest first, so overlapping secrets mask whole). */
export class SecretMasker {
  private secrets: string[] = []

  add(value: string): void {
    for (const part of secretParts(value)) {
      // Very short values would mask ordinary words and make logs unreadable without protecting anything.
      if (part.length < 3 || this.secrets.includes(part)) continue
      this.secrets.push(part)
    }
    this.secrets.sort((a, b) => b.length - a.length)
  }

  mask(text: string): string {
    let out = text
    for (const s of this.secrets) out = out.split(s).join('***')
    return out
  }

  get values(): readonly string[] {
    return this.secrets
  }
}

/** A logger writing `LEVEL message` lines to a stream (stderr for the CLI). */
export class StreamLogger implements Logger {
  private readonly masker = new SecretMasker()

  constructor(
    private readonly level: LogLevel,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line)
  ) {}

  get isDebug(): boolean {
    return LEVELS[this.level] <= LEVELS.debug
  }

  addSecret(value: string): void {
    this.masker.add(value)
  }

  mask(text: string): string {
    return this.masker.mask(text)
  }

  debug(message: string): void {
    this.emit('debug', message)
  }
  info(message: string): void {
    this.emit('info', message)
  }
  warning(message: string): void {
    this.emit('warning', message)
  }
  error(message: string): void {
    this.emit('error', message)
  }

  private emit(level: LogLevel, message: string): void {
    if (LEVELS[level] < LEVELS[this.level]) return
    this.write(`${level.toUpperCase()} ${this.masker.mask(message)}\n`)
  }
}

/** Discards everything; for library callers that do not want logs. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warning: () => {},
  error: () => {},
  addSecret: () => {},
  isDebug: false
}
