/**
 * One workflow run's writers of the actions-artifact store, as a child process (each run has its own
 * environment: runtime token, run id). Run with `node --import tsx`; the environment is the run's.
 * argv: <context id> <label> <writers>. Each writer appends `<label>-<n>` to state.steps; prints the
 * warnings and infos as JSON on stdout.
 */
import { createActionsArtifactStore } from '../src/stores/actions-artifact-store.js'
import type { ContextDocument } from '../src/core/types.js'
import type { Logger } from '../src/core/logger.js'

const [id = 'ctx', label = 'run', count = '2'] = process.argv.slice(2)
const lines: string[] = []
const logger: Logger = {
  isDebug: false,
  debug: () => undefined,
  info: (m) => void lines.push(`info ${m}`),
  warning: (m) => void lines.push(`warning ${m}`),
  error: (m) => void lines.push(`error ${m}`),
  addSecret: () => undefined
}
const settings = { name: 'actions-artifact', type: 'actions-artifact' as const, isPrimary: true }
const tuning = { conflictBackoffMs: 20 }

const append =
  (item: string) =>
  (current: ContextDocument | undefined): ContextDocument => {
    const d = current ?? ({ state: { cicdContextDataId: id } } as ContextDocument)
    const steps = Array.isArray(d.state.steps) ? (d.state.steps as string[]) : []
    return { ...d, state: { ...d.state, steps: [...steps, item] } }
  }

const writers = await Promise.all(
  Array.from({ length: Number(count) }, () => createActionsArtifactStore(settings, logger, tuning))
)
await Promise.all(writers.map((s, i) => s.update(id, append(`${label}-${i}`))))
process.stdout.write(`${JSON.stringify(lines)}\n`)
