import * as core from '@actions/core'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { bundleNode } from './built.js'

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  /** GITHUB_OUTPUT parsed as the runner parses it. */
  outputs: Record<string, string>
  /** GITHUB_ENV parsed as the runner parses it. */
  env: Record<string, string>
  summary: string
  /** `::command ...::message` lines on stdout. */
  commands: Array<{ command: string; properties: string; message: string }>
}

type ActionName = 'init' | 'get-set' | 'handle-event' | 'main' | 'run'

interface RunnerFiles {
  dir: string
  output: string
  env: string
  summary: string
  event: string
}

function runnerFiles(): RunnerFiles {
  const dir = mkdtempSync(join(tmpdir(), 'runner-files-'))
  const files = {
    dir,
    output: join(dir, 'output'),
    env: join(dir, 'env'),
    summary: join(dir, 'summary'),
    event: join(dir, 'event.json')
  }
  for (const p of [files.output, files.env, files.summary]) writeFileSync(p, '')
  mkdirSync(join(dir, 'temp')) // RUNNER_TEMP, which the runner creates for each job
  writeFileSync(files.event, '{"ref":"refs/heads/main"}')
  return files
}

/** The environment the runner gives a step: INPUT_*, the GITHUB_* files, the workspace. */
function stepEnv(
  files: RunnerFiles,
  inputs: Record<string, string>,
  opts: { workspace: string; env?: Record<string, string | undefined> }
): NodeJS.ProcessEnv {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build',
    GITHUB_ACTION: 'step1',
    RUNNER_TEMP: join(files.dir, 'temp'),
    ...Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])
    ),
    ...opts.env
  }
}

function collect(
  files: RunnerFiles,
  code: number | null,
  stdout: string,
  stderr: string
): ActionRun {
  const run = {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    env: parseFileCommands(readFileSync(files.env, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    commands: [...stdout.matchAll(/^::([a-z-]+)( [^:]*)?::(.*)$/gm)].map((m) => ({
      command: m[1] as string,
      properties: (m[2] ?? '').trim(),
      message: unescape(m[3] ?? '')
    }))
  }
  rmSync(files.dir, { recursive: true, force: true })
  return run
}

/**
 * Runs a bundled action the way GitHub's runner does: `node dist/<name>/index.js` with INPUT_* variables,
 * fresh GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files, an event file, and the workspace as cwd.
 * For the end-to-end tests (call ensureBuilt() first); under CICD_TEST_NODE when set (Node 24 in CI).
 */
export function runAction(
  name: ActionName,
  inputs: Record<string, string>,
  opts: { workspace: string; env?: Record<string, string | undefined> }
): Promise<ActionRun> {
  const files = runnerFiles()
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...stepEnv(files, inputs, opts) }
  return new Promise((done, fail) => {
    const child = spawn(bundleNode, [resolve(`dist/${name}/index.js`)], {
      cwd: opts.workspace,
      env
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done(collect(files, code, stdout, stderr)))
  })
}

/**
 * core.summary remembers the first GITHUB_STEP_SUMMARY it saw (fine for a real step, one per process);
 * in-process steps each have their own file, so it is forgotten before each.
 */
export function forgetSummaryFile(): void {
  ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
}

/** Environment variables a step sees that the test process may also have: cleared for each step. */
const STEP_VARS = /^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|CICDSTATEMGR_|CICD_state__)/

/**
 * Runs an action's `run()` from the source in this process, as the runner would (same environment and
 * files; stdout captured; the exit code is what `process.exitCode` became). Steps run one at a time:
 * the environment is the process's own for the duration.
 */
export async function runActionInProcess(
  name: ActionName,
  inputs: Record<string, string>,
  opts: { workspace: string; env?: Record<string, string | undefined> }
): Promise<ActionRun> {
  const files = runnerFiles()
  const saved = process.env
  const write = process.stdout.write
  let stdout = ''
  const base = Object.fromEntries(Object.entries(saved).filter(([k]) => !STEP_VARS.test(k)))
  process.env = { ...base, ...stepEnv(files, inputs, opts) }
  process.exitCode = undefined
  forgetSummaryFile()
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  }) as typeof process.stdout.write
  let code: number
  try {
    const { run } = (await import(`../../src/actions/${name}.js`)) as { run: () => Promise<void> }
    await run()
    code = Number(process.exitCode ?? 0)
  } finally {
    process.stdout.write = write
    process.env = saved
    process.exitCode = undefined
  }
  return collect(files, code, stdout, '')
}

/** `name<<DELIM` … `DELIM` blocks and `name=value` lines, as the runner reads GITHUB_OUTPUT/GITHUB_ENV. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, key, delimiter] = heredoc as unknown as [string, string, string]
      const body: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i] as string)
      if (i >= lines.length) throw new Error(`unterminated ${key} block`)
      out[key] = body.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

function unescape(s: string): string {
  return s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
}

export function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'workspace-'))
}
