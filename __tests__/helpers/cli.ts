import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { main } from '../../src/cli/main.js'
import { bundleNode } from './built.js'
import { redisInfo } from './redis-server.js'

export const CLI = resolve('dist/cli/index.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the CLI's `main` from the source in this process, with the same arguments, environment and
 * directory a script would give the bundle: what it prints and its exit code, without a process start.
 */
export async function runCli(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv }
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
    cwd: opts.cwd
  })
  return { code, stdout, stderr }
}

/** Runs the bundled CLI as a process, the way users and scripts do (call ensureBuilt() first). */
export function runCliProcess(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv }
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env }
    const child = spawn(bundleNode, [CLI, ...args], { cwd: opts.cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
}

export type Primary = 'yamlfile' | 'jsonfile' | 'redis'

const APP = `bases:
  - base.yaml
jinja2-macros:
  hello: |
    {%- macro hello(name) -%}
      Hello {{ name }}
    {%- endmacro -%}
variables:
  fullName: "{{ appName }}-{{ state.appVersion }}"
  greeting: "{{ hello('vars') }}"
cicd-contexts:
  stage:
    channel: stage-channel
    appName: demo
    pipelines:
      build:
        event-handlers:
          success:
            set-values:
              set:
                - from: "{{ appName }} ok"
                  to: state.result
          gated:
            set-values:
              first:
                if: "{{ state.flag }}"
                set:
                  - from: "flagged"
                    to: state.gatedFirst
              second:
                enabled: "false"
                set:
                  - from: "never"
                    to: state.gatedSecond
        generators:
          gen:
            if: "{{ state.appVersion }}"
            set:
              - key: state.generated.{{ generator.suffix | default('x') }}
                value: "v={{ state.appVersion }}"
          skipped:
            if: "{{ state.nothing }}"
            set:
              - key: state.neverGenerated
                value: "1"
  prod:
    channel: prod-channel
`

const BASE = `cicd-contexts:
  stage:
    channel: base-channel
    fromBase: yes-from-base
`

/** A project directory with config, secrets, app config and a base, using the given primary. */
export function writeProject(primary: Primary, extra: { keyPrefix?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-project-'))
  const ds: string[] = []
  if (primary === 'redis') {
    const { port } = redisInfo()
    ds.push(
      `    redis:\n      host: 127.0.0.1\n      port: ${port}\n      db: 3\n      isPrimary: true${extra.keyPrefix ? `\n      keyPrefix: "${extra.keyPrefix}"` : ''}`
    )
  }
  ds.push(
    `    yamlfile:\n      path: localdata/cicdContextData.yaml${primary === 'yamlfile' ? '\n      isPrimary: true' : ''}`
  )
  ds.push(
    `    jsonfile:\n      path: localdata/cicdContextData.json${primary === 'jsonfile' ? '\n      isPrimary: true' : ''}`
  )
  ds.push(
    '    shellfile:\n      path: localdata/cicdContextData.sh\n      excludeKeyNames: [jinja2Macros, appPipelinesConfig, pipelines]'
  )
  ds.push('    idfile:\n      path: localdata/cicdContextData.id')
  put(
    dir,
    'config.yaml',
    `cicdstatemgr:\n  datasources:\n${ds.join('\n')}\n  slack:\n    url: http://127.0.0.1:9/never\n`
  )
  const dsSecrets =
    primary === 'redis'
      ? `  datasources:\n    redis:\n      username: ${redisInfo().username}\n      password: ${redisInfo().password}\n`
      : ''
  put(
    dir,
    'secrets.yaml',
    `cicdstatemgr:\n${dsSecrets}  slack:\n    token: xoxb-super-secret-token\n`
  )
  put(dir, 'app.yaml', APP)
  put(dir, 'bases/base.yaml', BASE)
  return dir
}

export function put(dir: string, name: string, text: string): void {
  const file = join(dir, name)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
}

/** Env a script would export (the Python tool's variables). */
export function projectEnv(id?: string): NodeJS.ProcessEnv {
  return {
    CICDSTATEMGR_CONFIG_PATH: 'config.yaml',
    CICDSTATEMGR_SECRETS_PATH: 'secrets.yaml',
    CICDSTATEMGR_INIT_APP_CONFIG_PATH: 'app.yaml',
    CICDSTATEMGR_BASES_DIR_PATH: 'bases',
    ...(id ? { CICDSTATEMGR_CONTEXT_DATA_ID: id } : {})
  }
}

/** A CLI process started from the source (tsx), for tests that signal or kill it; no build needed. */
export interface CliChild {
  child: ChildProcess
  /** Resolves when it exits, with what it printed. */
  done: Promise<CliRun & { signal: NodeJS.Signals | null }>
}

/** Starts `script` (default the CLI entry point) with tsx as a process; `args` are its arguments. */
export function startSourceProcess(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; script?: string }
): CliChild {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env }
  const script = resolve(opts.script ?? 'src/entrypoints/cli.ts')
  // By path: the process runs in a project directory outside the repository.
  const tsx = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href
  const child = spawn(process.execPath, ['--import', tsx, script, ...args], {
    cwd: opts.cwd,
    env
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((ok, fail) => {
    child.on('error', fail)
    child.on('close', (code, signal) => ok({ code, signal, stdout, stderr }))
  })
  return { child, done }
}
