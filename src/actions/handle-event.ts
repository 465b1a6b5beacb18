import { getHandleEventSettings } from '../inputs.js'
import { handleEventStep } from './operations.js'
import { runAction } from './session.js'

/** The `handle-event` action: run an event's handlers. */
export async function run(): Promise<void> {
  await runAction('handle-event', (logger) => handleEventStep(getHandleEventSettings(), logger))
}
