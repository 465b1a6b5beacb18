import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  exportVariable,
  getBooleanInput,
  getMultilineInput,
  setOutput
} from '../../src/actions/runner.js'
import { parseFileCommands } from '../helpers/action-runner.js'

describe('runner protocol', () => {
  let dir: string
  const saved = { ...process.env }
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runner-'))
    for (const f of ['output', 'env']) writeFileSync(join(dir, f), '')
    process.env.GITHUB_OUTPUT = join(dir, 'output')
    process.env.GITHUB_ENV = join(dir, 'env')
  })
  afterEach(() => {
    process.env = { ...saved }
  })

  it('writes multi-line outputs and env that cannot inject other variables', () => {
    const hostile = 'x\nNODE_OPTIONS=--require /tmp/evil.js\nEOF\nPATH<<EOF\n/evil\nEOF'
    setOutput('out', hostile)
    exportVariable('CICD_state__v', hostile)
    expect(parseFileCommands(readFileSync(join(dir, 'output'), 'utf8'))).toEqual({ out: hostile })
    expect(parseFileCommands(readFileSync(join(dir, 'env'), 'utf8'))).toEqual({
      CICD_state__v: hostile
    })
    expect(process.env.CICD_state__v).toBe(hostile)
  })

  it('reads inputs like @actions/core', () => {
    process.env.INPUT_FLAG = 'True'
    process.env['INPUT_MY_LIST'] = ' a \n\n b\n'
    expect(getBooleanInput('flag')).toBe(true)
    expect(getMultilineInput('my list')).toEqual(['a', 'b'])
    process.env.INPUT_FLAG = 'yes'
    expect(() => getBooleanInput('flag')).toThrow(/Core Schema.*: flag/)
  })
})
