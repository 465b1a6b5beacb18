import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

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

/**
 * Runs a bundled action the way GitHub's runner does: `node dist/<name>/index.js` with INPUT_* variables,
 * fresh GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files, an event file, and the workspace as cwd.
 */
export function runAction(
  name: string,
  inputs: Record<string, string>,
  opts: { workspace: string; env?: Record<string, string | undefined> }
): Promise<ActionRun> {
  const files = mkdtempSync(join(tmpdir(), 'runner-files-'))
  const paths = {
    output: join(files, 'output'),
    env: join(files, 'env'),
    summary: join(files, 'summary'),
    event: join(files, 'event.json')
  }
  for (const p of Object.values(paths))
    writeFileSync(p, p === paths.event ? '{"ref":"refs/heads/main"}' : '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: paths.output,
    GITHUB_ENV: paths.env,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build',
    GITHUB_ACTION: 'step1',
    RUNNER_TEMP: join(files, 'temp'),
    ...Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])
    ),
    ...opts.env
  }
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(`dist/${name}/index.js`)], {
      cwd: opts.workspace,
      env
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', fail)
    child.on('close', (code) =>
      done({
        code,
        stdout,
        stderr,
        outputs: parseFileCommands(readFileSync(paths.output, 'utf8')),
        env: parseFileCommands(readFileSync(paths.env, 'utf8')),
        summary: readFileSync(paths.summary, 'utf8'),
        commands: [...stdout.matchAll(/^::([a-z-]+)( [^:]*)?::(.*)$/gm)].map((m) => ({
          command: m[1] as string,
          properties: (m[2] ?? '').trim(),
          message: unescape(m[3] ?? '')
        }))
      })
    )
  })
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
