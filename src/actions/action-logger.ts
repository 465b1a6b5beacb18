import { SecretMasker, secretParts, type Logger } from '../core/logger.js'
import * as core from '@actions/core'

/**
 * The core's Logger on the runner: debug lines only with step debugging on, warnings and errors as
 * annotations. Secrets are registered with the runner (`::add-mask::`) and also masked here, so they
 * never leave the process even where the runner does not mask (files, summaries).
 */
export class ActionLogger implements Logger {
  readonly masker = new SecretMasker()

  get isDebug(): boolean {
    return core.isDebug()
  }

  addSecret(value: string): void {
    if (!value || this.masker.values.includes(value)) return
    // The runner masks an `::add-mask::` value only as one string; each line is registered on its own.
    for (const part of secretParts(value)) core.setSecret(part)
    this.masker.add(value)
  }

  mask(text: string): string {
    return this.masker.mask(text)
  }

  debug(message: string): void {
    core.debug(this.mask(message))
  }
  info(message: string): void {
    core.info(this.mask(message))
  }
  warning(message: string): void {
    core.warning(this.mask(message))
  }
  error(message: string): void {
    core.error(this.mask(message))
  }
}
