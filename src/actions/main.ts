import {
  getCommand,
  getGetSetSettings,
  getHandleEventSettings,
  getInitSettings
} from '../inputs.js'
import { getSetStep, handleEventStep, initStep } from './operations.js'
import { runAction } from './session.js'

/** The root action: input `command` selects init, get-set or handle-event. */
export async function run(): Promise<void> {
  await runAction('step', async (logger) => {
    const command = getCommand()
    if (command === 'init') return initStep(getInitSettings(), logger)
    if (command === 'get-set') return getSetStep(getGetSetSettings(), logger)
    return handleEventStep(getHandleEventSettings(), logger)
  })
}
