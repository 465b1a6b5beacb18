import { describe, expect, it, beforeAll } from '@jest/globals'
import { readFileSync, existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { parse } from 'yaml'
import { projectEnv, put, runCli, writeProject, type Primary } from '../helpers/cli.js'

const doc = (dir: string): Record<string, any> =>
  parse(readFileSync(join(dir, 'localdata/cicdContextData.yaml'), 'utf8'))

describe.each<Primary>(['yamlfile', 'redis'])('CLI operations with a %s primary', (primary) => {
  let dir: string
  let id: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    dir = writeProject(primary)
    id = `ctx-${primary}-${Date.now()}`
    const init = await runCli(
      [
        '--init-new',
        id,
        '--set',
        'state.appVersion=1.2.3',
        '--set',
        'state.tmpl={{ ctx.data1 }}|state.list[]=a,b'
      ],
      { cwd: dir, env: projectEnv() }
    )
    expect(init).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' })
    env = projectEnv(id)
  })

  it('--init-new builds the documented document and writes every local copy', () => {
    const d = doc(dir)
    expect(d.state).toEqual({
      cicdContextDataId: id,
      cicdContextName: 'stage',
      appVersion: '1.2.3',
      tmpl: '{{ ctx.data1 }}',
      list: ['a', 'b']
    })
    expect(d.channel).toBe('stage-channel')
    expect(d.fromBase).toBe('yes-from-base')
    expect(d.appPipelinesConfig.bases).toEqual(['base.yaml'])
    expect(d.jinja2Macros.byName.hello).toContain('macro hello')
    expect(d.variables).toEqual({ fullName: 'demo-1.2.3', greeting: 'Hello vars' })
    expect(
      JSON.parse(readFileSync(join(dir, 'localdata/cicdContextData.json'), 'utf8')).state.appVersion
    ).toBe('1.2.3')
    expect(readFileSync(join(dir, 'localdata/cicdContextData.id'), 'utf8').trim()).toBe(id)
    expect(readFileSync(join(dir, 'localdata/cicdContextData.sh'), 'utf8')).toContain(
      'CICD_state__appVersion="1.2.3"'
    )
  })

  it('--get prints strings, numbers, lists (Python json) and nothing for no match', async () => {
    await runCli(['--set', 'state.num=file://n.json'], { cwd: dir, env }).catch(() => undefined)
    expect(await runCli(['--get', 'state.appVersion'], { cwd: dir, env })).toEqual({
      code: 0,
      stdout: '1.2.3\n',
      stderr: ''
    })
    expect((await runCli(['--get', 'state.list'], { cwd: dir, env })).stdout).toBe('["a", "b"]\n')
    expect((await runCli(['--get', 'state.list[1]'], { cwd: dir, env })).stdout).toBe('b\n')
    expect((await runCli(['--get', 'variables'], { cwd: dir, env })).stdout).toBe(
      '{"fullName": "demo-1.2.3", "greeting": "Hello vars"}\n'
    )
    expect(await runCli(['--get', 'state.nope'], { cwd: dir, env })).toEqual({
      code: 0,
      stdout: '',
      stderr: ''
    })
  })

  it('--get renders string values with --tmpl-ctx-var (JSONPath or literal)', async () => {
    const viaPath = await runCli(
      ['--get', 'state.tmpl', '--tmpl-ctx-var', 'ctx.data1=state.appVersion'],
      { cwd: dir, env }
    )
    expect(viaPath.stdout).toBe('1.2.3\n')
    const literal = await runCli(
      ['--get', 'state.tmpl', '--tmpl-ctx-var', 'ctx.data1=x=1 y=2 z=3'],
      { cwd: dir, env }
    )
    expect(literal.stdout).toBe('x=1 y=2 z=3\n')
  })

  it('--set handles pipes, =, appends, unique appends, clears and file:// values', async () => {
    put(dir, 'v.json', '{"k": [1, 2]}')
    put(dir, 'v.txt', 'first line\n  second: line\n')
    const r = await runCli(
      [
        '--set',
        'state.a=1|state.b=x=y',
        '--set',
        'state.pipe=left|right',
        '--set',
        'state.u{}=b,a,b',
        '--set',
        'state.list[]=[]',
        '--set',
        'state.json=file://v.json',
        '--set',
        'state.text=file://v.txt',
        '--set',
        'state.empty='
      ],
      { cwd: dir, env }
    )
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' })
    const s = doc(dir).state
    expect(s).toMatchObject({
      a: '1',
      b: 'x=y',
      pipe: 'left|right',
      u: ['b', 'a'],
      list: [],
      json: { k: [1, 2] },
      text: 'first line\n  second: line\n',
      empty: ''
    })
    expect((await runCli(['--get', 'state.text'], { cwd: dir, env })).stdout).toBe(
      'first line\n  second: line\n'
    )
  })

  it('--generate runs gated generator items', async () => {
    const r = await runCli(['--generate', 'pipelines.build.generators'], { cwd: dir, env })
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(doc(dir).state.generated).toEqual({ x: 'v=1.2.3' })
    expect(doc(dir).state.neverGenerated).toBeUndefined()
  })

  it('--handle-event runs set-values blocks in order, honouring if and enabled: "false"', async () => {
    expect((await runCli(['--handle-event', 'build=success'], { cwd: dir, env })).code).toBe(0)
    expect(doc(dir).state.result).toBe('demo ok')
    await runCli(['--handle-event', 'build=gated', '--set', 'state.flag=1'], { cwd: dir, env })
    expect(doc(dir).state.gatedFirst).toBe('flagged')
    expect(doc(dir).state.gatedSecond).toBeUndefined()
    expect((await runCli(['--handle-event', 'build=noHandlers'], { cwd: dir, env })).code).toBe(0)
  })

  it('--init-new with --set and --handle-event handles the event on the new document', async () => {
    const other = writeProject(primary, { keyPrefix: 'combo:' })
    const comboId = `${id}-combo`
    const r = await runCli(
      ['--init-new', comboId, '--set', 'state.flag=1', '--handle-event', 'build=gated'],
      { cwd: other, env: projectEnv() }
    )
    expect(r).toEqual({ code: 0, stdout: `${comboId}\n`, stderr: '' })
    expect(doc(other).state).toMatchObject({
      cicdContextDataId: comboId,
      flag: '1',
      gatedFirst: 'flagged'
    })
  })

  it('--load refreshes the local copies from the primary', async () => {
    put(dir, 'localdata/cicdContextData.json', '{}')
    const r = await runCli(['--load', '--set', 'state.loaded=yes'], { cwd: dir, env })
    expect(r.code).toBe(0)
    expect(
      JSON.parse(readFileSync(join(dir, 'localdata/cicdContextData.json'), 'utf8')).state.loaded
    ).toBe('yes')
  })

  it('the shell file sources back every value exactly and runs nothing', async () => {
    const marker = join(dir, 'pwned')
    const nasty = `$(touch ${marker}) \`touch ${marker}\` "dq" 'sq' \\ back\nnewline $HOME`
    put(dir, 'nasty.txt', nasty)
    await runCli(
      ['--set', 'state.nasty=file://nasty.txt', '--set', 'state.f=false', '--set', 'state.z=0'],
      { cwd: dir, env }
    )
    const out = execFileSync(
      'bash',
      [
        '-c',
        'source localdata/cicdContextData.sh; printf "%s|%s|%s" "$CICD_state__nasty" "$CICD_state__f" "$CICD_state__z"'
      ],
      { cwd: dir }
    ).toString()
    expect(out).toBe(`${nasty}|false|0`)
    expect(existsSync(marker)).toBe(false)
  })
})
