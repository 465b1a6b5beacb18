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

/** Replaces every registered secret (longest first, so overlapping secrets mask whole). */
export class SecretMasker {
  private secrets: string[] = []

  add(value: string): void {
    // Very short values would mask ordinary words and make logs unreadable without protecting anything.
    if (value.length < 3 || this.secrets.includes(value)) return
    this.secrets.push(value)
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
