import { describe, expect, it } from '@jest/globals'
import { tmpdir } from 'node:os'
import { getGetSetSettings, maskSecretsInput, parseGets } from '../src/inputs.js'
import { UsageError } from '../src/errors.js'

describe('get lines', () => {
  it('name outputs explicitly or after the expression', () => {
    expect(parseGets(['state.appVersion', 'tags = state.tags[*]', "state['my-key']"])).toEqual([
      { name: 'state_appVersion', expression: 'state.appVersion' },
      { name: 'tags', expression: 'state.tags[*]' },
      { name: 'state__my-key__', expression: "state['my-key']" }
    ])
  })

  it('refuse duplicate and reserved output names', () => {
    expect(() => parseGets(['a=state.x', 'a=state.y'])).toThrow(
      /two lines produce the output name 'a'/
    )
    expect(() => parseGets(['value=state.x'])).toThrow(UsageError)
    expect(() => parseGets(['results=state.x'])).toThrow(/'results' is reserved/)
  })
})

describe('settings from INPUT_* (issue 7 items 2 and 11)', () => {
  const withInputs = <T>(inputs: Record<string, string>, fn: () => T): T => {
    const saved = { ...process.env }
    Object.assign(process.env, { GITHUB_WORKSPACE: tmpdir(), INPUT_ID: 'x' }, inputs)
    try {
      return fn()
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
  }

  it('allow-file-values is off unless turned on; file:// is confined to the workspace', () => {
    expect(withInputs({}, getGetSetSettings)).toMatchObject({
      allowFileValues: false,
      workspace: tmpdir()
    })
    expect(withInputs({ 'INPUT_ALLOW-FILE-VALUES': 'true' }, getGetSetSettings)).toMatchObject({
      allowFileValues: true
    })
  })

  it('a one-line secrets value that is no file is an error naming the input, not the value', () => {
    const token = 'ghp_pastedInsteadOfAFile0987'
    let message = ''
    try {
      withInputs({ INPUT_SECRETS: token }, getGetSetSettings)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe(
      "input 'secrets' is neither an existing file nor YAML with a 'cicdstatemgr:' mapping"
    )
  })

  it('maskSecretsInput hands over the raw input before anything reads it', () => {
    const seen: string[] = []
    withInputs({ INPUT_SECRETS: 'a: 1\nb: 2\n' }, () => maskSecretsInput((v) => seen.push(v)))
    expect(seen).toEqual(['a: 1\nb: 2\n'])
  })
})
