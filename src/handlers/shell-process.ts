import { spawn } from 'node:child_process'

export interface ProcessSpec {
  command: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  /** Milliseconds before the whole process group is killed. */
  timeoutMs: number
  /** Each complete output line (stdout and stderr interleaved as they arrive), without its line end. */
  onLine: (line: string) => void
  /** Characters of output kept for the tail. */
  keep?: number
}

export interface ProcessResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** The last `keep` characters of the output. */
  tail: string
  pid?: number
}

/** Characters of one output line held before it is logged anyway. */
const MAX_LINE = 16_384
/** After SIGTERM, how long the group has before SIGKILL. */
const KILL_GRACE_MS = 3000
/** After the command exits, how long leftover processes holding its output may keep it open. */
const CLOSE_GRACE_MS = 1000

/**
 * Runs a command in its own process group (detached), so a timeout — and the end of the command — can
 * signal everything it started (`kill(-pid)`): a grandchild that outlives the timeout would keep running
 * with the job's secrets and hold the output pipes open. No shell parses anything here: `args` go to
 * the program as they are.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  const keep = spec.keep ?? 65_536
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let tail = ''
    let timedOut = false
    const partial = { stdout: '', stderr: '' }
    const take = (stream: 'stdout' | 'stderr', chunk: string): void => {
      tail = (tail + chunk).slice(-keep)
      const lines = (partial[stream] + chunk).split('\n')
      partial[stream] = lines.pop() ?? ''
      for (const line of lines) spec.onLine(line.replace(/\r$/, ''))
      // Output without line ends (progress bars) is logged in pieces rather than held in memory.
      if (partial[stream].length > MAX_LINE) {
        spec.onLine(partial[stream])
        partial[stream] = ''
      }
    }
    child.stdout.setEncoding('utf8').on('data', (c: string) => take('stdout', c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => take('stderr', c))
    const group = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid) process.kill(-child.pid, signal)
      } catch {
        // The group is already gone.
      }
    }
    let killTimer: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      timedOut = true
      group('SIGTERM')
      killTimer = setTimeout(() => group('SIGKILL'), KILL_GRACE_MS)
    }, spec.timeoutMs)
    let closeTimer: NodeJS.Timeout | undefined
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
    let settled = false
    const finish = (): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(killTimer)
      clearTimeout(closeTimer)
      // Whatever the command left running in its group does not outlive the handler.
      group('SIGKILL')
      for (const stream of ['stdout', 'stderr'] as const) {
        if (partial[stream]) spec.onLine(partial[stream])
        partial[stream] = ''
      }
      child.stdout.destroy()
      child.stderr.destroy()
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        tail,
        ...(child.pid ? { pid: child.pid } : {})
      })
    }
    child.on('error', (error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      reject(error)
    })
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      closeTimer = setTimeout(finish, CLOSE_GRACE_MS)
    })
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      exit ??= { code, signal }
      finish()
    })
  })
}
