import { afterAll, describe, expect, it, beforeAll } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { setAtPath } from '../../src/core/prop-path.js'
import { parseSetPairs, splitSetArgs, type ValueSources } from '../../src/core/set-args.js'
import type { JsonObject } from '../../src/core/types.js'
import { UsageError } from '../../src/errors.js'

describe('splitSetArgs', () => {
  it('splits pairs on | only when a path= follows', () => {
    expect(splitSetArgs(['a=1|b=2', 'c=x|y', 'cmd=echo a | grep b=c'])).toEqual([
      'a=1',
      'b=2',
      'c=x|y',
      'cmd=echo a | grep b=c'
    ])
  })
  it('treats \\| as a literal pipe', () => {
    expect(splitSetArgs(['a=x\\|b=2'])).toEqual(['a=x|b=2'])
  })
})

describe('parseSetPairs', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'set-args-'))
    writeFileSync(join(dir, 'v.json'), '{"a": [1, 2], "b": "x"}')
    writeFileSync(join(dir, 'v.yaml'), 'a:\n  - 1\nb: x\n')
    writeFileSync(join(dir, 'v.txt'), 'line one\n  line two: with colon\nline three\n')
  })

  it('splits on the first = and keeps the rest of the value', () => {
    expect(parseSetPairs(['state.url=http://x/?a=1&b=2'], dir)).toEqual([
      { path: 'state.url', value: 'http://x/?a=1&b=2' }
    ])
  })

  it('sets an empty string for k=', () => {
    expect(parseSetPairs(['state.k='], dir)).toEqual([{ path: 'state.k', value: '' }])
  })

  it('reads file:// as JSON, then YAML, then raw text kept intact', () => {
    const [json, yaml, text] = parseSetPairs(
      ['a=file://v.json', 'b=file://v.yaml', 'c=file://v.txt'],
      dir
    )
    expect(json?.value).toEqual({ a: [1, 2], b: 'x' })
    expect(yaml?.value).toEqual({ a: [1], b: 'x' })
    expect(text?.value).toBe('line one\n  line two: with colon\nline three\n')
  })

  it('fails clearly on a missing file or a pair without =', () => {
    expect(() => parseSetPairs(['a=file://nope.json'], dir)).toThrow(
      '--set a: file not found: nope.json'
    )
    expect(() => parseSetPairs(['novalue'], dir)).toThrow(UsageError)
  })
})

describe('value sources (issue 7 item 2)', () => {
  let ws: string
  let outside: string
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'set-ws-'))
    outside = mkdtempSync(join(tmpdir(), 'set-out-'))
    writeFileSync(join(ws, 'ok.json'), '{"a": 1}')
    mkdirSync(join(ws, '.git'))
    writeFileSync(
      join(ws, '.git', 'config'),
      '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n'
    )
    writeFileSync(join(outside, 'secret.txt'), 'outside secret')
    symlinkSync(join(outside, 'secret.txt'), join(ws, 'link.txt'))
    mkdirSync(join(ws, 'sub'))
  })
  afterAll(() => {
    rmSync(ws, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  })
  const confined = (env: Record<string, string> = {}): ValueSources => ({
    cwd: ws,
    files: 'workspace',
    root: ws,
    rule: "input 'allow-file-values'",
    env
  })

  it('env:NAME takes the value verbatim: no | split, no file://, no list syntax', () => {
    const env = { PR_TITLE: 'x|state.image=evil\nstate.other=1', F: 'file:///etc/passwd', L: 'a,b' }
    const ops = parseSetPairs(
      splitSetArgs(['state.title=env:PR_TITLE', 'state.f=env:F|state.list[]=env:L']),
      { cwd: ws, files: 'any', env }
    )
    expect(ops).toEqual([
      { path: 'state.title', value: 'x|state.image=evil\nstate.other=1' },
      { path: 'state.f', value: 'file:///etc/passwd' },
      { path: 'state.list[]', value: ['a,b'] }
    ])
  })

  it('a list path appends an env: value as one item', () => {
    const doc: JsonObject = { state: { list: ['z'] } }
    const [op] = parseSetPairs(['state.list[]=env:L'], { cwd: ws, files: 'any', env: { L: 'a,b' } })
    setAtPath(doc, op!.path, op!.value)
    expect(doc).toEqual({ state: { list: ['z', 'a,b'] } })
  })

  it('a missing variable is an error naming it', () => {
    expect(() => parseSetPairs(['state.t=env:NOPE'], { cwd: ws, files: 'any', env: {} })).toThrow(
      '--set state.t: environment variable NOPE is not set'
    )
  })

  it('restricted env: refuses the runner, inputs and credential-like names', () => {
    const env = {
      INPUT_SECRETS: 's',
      ACTIONS_RUNTIME_TOKEN: 't',
      SLACK_TOKEN: 'x',
      PR_AUTHOR: 'me'
    }
    for (const name of ['INPUT_SECRETS', 'ACTIONS_RUNTIME_TOKEN', 'SLACK_TOKEN']) {
      expect(() => parseSetPairs([`state.t=env:${name}`], confined(env))).toThrow(
        `env:${name} is not readable here`
      )
    }
    expect(parseSetPairs(['state.t=env:PR_AUTHOR'], confined(env))).toEqual([
      { path: 'state.t', value: 'me' }
    ])
  })

  it('raw: is the escape for values that start with env:, file:// or raw:', () => {
    expect(parseSetPairs(['a=raw:env:X', 'b=raw:file:///etc/passwd', 'c=raw:raw:'], ws)).toEqual([
      { path: 'a', value: 'env:X' },
      { path: 'b', value: 'file:///etc/passwd' },
      { path: 'c', value: 'raw:' }
    ])
  })

  it('file:// off: one line naming the path and the input', () => {
    expect(() =>
      parseSetPairs(['state.title=file:///proc/self/environ'], { ...confined(), files: 'off' })
    ).toThrow(
      "--set state.title: file:// values are off (input 'allow-file-values' turns on reading files inside the workspace); use env:NAME for text"
    )
  })

  it('workspace: reads files inside, refuses /proc, ../, symlinks out and .git', () => {
    expect(parseSetPairs(['a=file://ok.json'], confined())).toEqual([
      { path: 'a', value: { a: 1 } }
    ])
    expect(parseSetPairs(['a=file://../ok.json'], { ...confined(), cwd: join(ws, 'sub') })).toEqual(
      [{ path: 'a', value: { a: 1 } }]
    )
    const outsideMsg =
      "--set a: file:// may only read files inside the workspace (input 'allow-file-values')"
    expect(() => parseSetPairs(['a=file:///proc/self/environ'], confined())).toThrow(outsideMsg)
    expect(() =>
      parseSetPairs([`a=file://../${basename(outside)}/secret.txt`], confined())
    ).toThrow(outsideMsg)
    expect(() => parseSetPairs(['a=file://link.txt'], confined())).toThrow(outsideMsg)
    // A missing file outside is refused as outside: errors never reveal what exists there.
    expect(() => parseSetPairs(['a=file:///nonexistent/x'], confined())).toThrow(outsideMsg)
    expect(() => parseSetPairs(['a=file://.git/config'], confined())).toThrow(
      "--set a: file:// may not read files under .git (input 'allow-file-values')"
    )
    expect(() => parseSetPairs(['a=file://sub/../.git/config'], confined())).toThrow('under .git')
  })

  it('a YAML alias bomb through file:// fails fast with one line', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i)
      const cur = String.fromCharCode(97 + i)
      bomb.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    writeFileSync(join(ws, 'bomb.yaml'), bomb.join('\n') + '\n')
    const started = Date.now()
    expect(() => parseSetPairs(['k=file://bomb.yaml'], ws)).toThrow(
      /^--set k: file:\/\/bomb\.yaml: YAML expands to more than 2000000 values \(alias bomb\?\)$/
    )
    // Generous bound for a loaded 2-core machine; the unguarded path took 48 s.
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
