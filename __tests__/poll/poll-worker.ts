/**
 * `cicdstatemgr poll` as a process, with the recording sink of sinks.ts instead of the handler file's
 * entries: the real command (flags, config.yaml, stores, cursor, loop, signals) around a sink a test can
 * count and block. Run with `node --import tsx __tests__/poll/poll-worker.ts <poll flags>`; the sink is
 * set by env: POLL_LOG (log file), POLL_FIFO + POLL_BLOCK (comma-separated event ids to block on).
 */
import { runPoll } from '../../src/poll/command.js'
import { RecordingSink } from './sinks.js'

const env = process.env
const block = env.POLL_FIFO
  ? { fifo: env.POLL_FIFO, ids: new Set((env.POLL_BLOCK ?? '').split(',').filter(Boolean)) }
  : undefined
const code = await runPoll(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env,
    cwd: process.cwd()
  },
  () =>
    new RecordingSink({
      ...(env.POLL_LOG ? { log: env.POLL_LOG } : {}),
      ...(block ? { blockOn: block } : {})
    })
)
process.exitCode = code
