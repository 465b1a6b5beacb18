import { getGetSetSettings } from '../inputs.js'
import { getSetStep } from './operations.js'
import { runAction } from './session.js'

/** The `get-set` action: set values, then read values into outputs. */
export async function run(): Promise<void> {
  await runAction('get-set', (logger) => getSetStep(getGetSetSettings(), logger))
}
