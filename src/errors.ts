/**
 * Named error classes. Every error the user can cause is one of these and carries a one-line message
 * that names the file, key, handler or flag at fault; the front doors (CLI, actions) print only that line.
 */
export class CicdError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** Bad or missing configuration: config.yaml, secrets.yaml, app config, bases. */
export class ConfigError extends CicdError {
  constructor(
    message: string,
    /** File at fault, when known (used for annotations). */
    readonly file?: string,
    /** 1-based line in `file`, when known. */
    readonly line?: number
  ) {
    super(message)
  }
}

/** Bad command-line or action input: unknown flag, conflicting operations, malformed --set. */
export class UsageError extends CicdError {}

/** A template failed to parse or render, or tried to leave the sandbox. */
export class TemplateError extends CicdError {}

/** A malformed JSONPath expression or property path, or a path that crosses a non-mapping value. */
export class PathError extends CicdError {}

/** No context data is stored under the id. */
export class NotFoundError extends CicdError {}

/** A datasource could not be read or written (connection refused, timeout, I/O error). */
export class StoreError extends CicdError {}

/** A read-modify-write kept colliding with concurrent writers past its retry budget. */
export class ConflictError extends StoreError {}

/**
 * A `github-events` run refused because its handler file cannot be shown to come from the default
 * branch (events that run with secrets on someone else's text: src/github-events/trust.ts).
 */
export class TrustError extends CicdError {}

/** One or more event handlers failed under `on-error: fail` (after what succeeded was persisted). */
export class HandlerError extends CicdError {
  constructor(
    message: string,
    /** Every handler outcome of the run, for summaries. */
    readonly outcomes: readonly unknown[] = [],
    /** What was persisted anyway (the operation's result), so callers can still publish outputs. */
    readonly result?: unknown
  ) {
    super(message)
  }
}

/** The message of anything thrown, never `undefined` and never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  // Errors from another realm (vm contexts, jest) fail instanceof but still carry a message.
  const message = (error as { message?: unknown } | null)?.message
  if (typeof message === 'string') return message
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

/** The first line of an error's message (or of a text): what a one-line error message quotes. */
export function firstLine(error: unknown): string {
  return errorMessage(error).split('\n', 1)[0] ?? ''
}

/** A bridge approval given to a dispatched run was missing, forged, altered, expired or replayed. */
export class ApprovalError extends CicdError {}
