import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'

/** Every action.yml documents every input and output, and points at a bundle that exists. */
const ACTIONS: Record<string, string> = {
  'action.yml': 'main',
  'init/action.yml': 'init',
  'get-set/action.yml': 'get-set',
  'handle-event/action.yml': 'handle-event',
  'run/action.yml': 'run'
}

interface ActionYaml {
  name: string
  description: string
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const inputsSource = readFileSync('src/inputs.ts', 'utf8')
const readInputs = new Set(
  [
    ...inputsSource.matchAll(/(?:getInput|getMultilineInput|booleanInput|optional)\('([a-z-]+)'/g)
  ].map((m) => m[1])
)

describe.each(Object.entries(ACTIONS))('%s', (file, bundle) => {
  const action = parse(readFileSync(file, 'utf8')) as ActionYaml

  it('runs its own bundle on node24', () => {
    expect(action.runs.using).toBe('node24')
    const main = join(dirname(file), action.runs.main)
    expect(main).toBe(join('dist', bundle, 'index.js'))
    // The committed bundle, built from src/entrypoints/<bundle>.ts.
    expect(existsSync(join('src/entrypoints', `${bundle}.ts`))).toBe(true)
    expect(existsSync(main)).toBe(true)
  })

  it('documents every input and output', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([
        name,
        typeof input.description === 'string' && input.description.length > 10
      ]).toEqual([name, true])
      expect([name, readInputs.has(name)]).toEqual([name, true])
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect([name, output.description.length > 10]).toEqual([name, true])
    }
  })

  it('has a README that mentions every input', () => {
    const readme = join(dirname(file), 'README.md')
    expect(existsSync(readme)).toBe(true)
    const text = readFileSync(readme, 'utf8')
    for (const name of Object.keys(action.inputs))
      expect([name, text.includes(`\`${name}\``)]).toEqual([name, true])
  })
})

it('every input the code reads is declared by some action', () => {
  const declared = new Set(
    Object.keys(ACTIONS).flatMap((f) =>
      Object.keys((parse(readFileSync(f, 'utf8')) as ActionYaml).inputs)
    )
  )
  expect([...readInputs].filter((name) => !declared.has(name))).toEqual([])
})

/** The composite `setup`: inputs reach its scripts only through `env:`, and everything is documented. */
describe('setup/action.yml (composite)', () => {
  const action = parse(readFileSync('setup/action.yml', 'utf8')) as {
    inputs: Record<string, { description: string }>
    outputs: Record<string, { description: string; value: string }>
    runs: { using: string; steps: Array<{ run?: string; shell?: string }> }
  }

  it('is a composite whose run scripts contain no ${{ }} (no script injection)', () => {
    expect(action.runs.using).toBe('composite')
    for (const step of action.runs.steps) {
      expect(step.shell).toBe('bash')
      expect(step.run ?? '').not.toContain('${{')
    }
  })

  it('documents every input and output in action.yml and its README', () => {
    const text = readFileSync('setup/README.md', 'utf8')
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, input.description.length > 10, text.includes(`\`${name}\``)]).toEqual([
        name,
        true,
        true
      ])
    }
    for (const [name, output] of Object.entries(action.outputs))
      expect([name, output.description.length > 10, text.includes(`\`${name}\``)]).toEqual([
        name,
        true,
        true
      ])
  })
})
