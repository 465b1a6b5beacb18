import { getInitSettings } from '../inputs.js'
import { initStep } from './operations.js'
import { runAction } from './session.js'

/** The `init` action: create a context from the app config. */
export async function run(): Promise<void> {
  await runAction('init', (logger) => initStep(getInitSettings(), logger))
}
