import type { HandlerRegistry } from '../core/events.js'

/** Every handler kind, imported only when an event uses it. */
export const defaultRegistry: HandlerRegistry = new Map([
  ['notify', async () => (await import('./notify.js')).notifyHandler],
  ['manual-choice', async () => (await import('./manual-choice.js')).manualChoiceHandler],
  ['respond', async () => (await import('./respond.js')).respondHandler],
  ['trigger-pipeline', async () => (await import('./trigger-pipeline.js')).triggerPipelineHandler],
  ['set-values', async () => (await import('./set-values.js')).setValuesHandler],
  [
    'workflow-dispatch',
    async () => (await import('./workflow-dispatch.js')).workflowDispatchHandler
  ],
  [
    'repository-dispatch',
    async () => (await import('./repository-dispatch.js')).repositoryDispatchHandler
  ],
  ['comment', async () => (await import('./comment.js')).commentHandler],
  ['commit-status', async () => (await import('./commit-status.js')).commitStatusHandler],
  ['shell', async () => (await import('./shell.js')).shellHandler]
])
