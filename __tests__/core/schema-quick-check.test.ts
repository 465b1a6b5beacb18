import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { quickValid, type Schema } from '../../src/core/schema/quick-check.js'
import { buildValidators, schemas } from '../../src/core/schema/validators.generated.js'
import { parseYaml } from '../../src/core/yaml.js'

// The quick interpreter may skip the generated validator only when the generated validator would
// accept too: it must never call valid what ajv rejects. Checked on the examples and on thousands of
// mutations of them (changed types, unknown keys, missing keys), from a fixed seed.
const { validateConfig, validateAppConfig } = buildValidators() as Record<
  string,
  (data: unknown) => boolean
>
const CASES: { file: string; schema: Schema; ajv: (data: unknown) => boolean }[] = [
  ...[
    'examples/basic/config.yaml',
    'examples/basic/secrets.yaml',
    'examples/github/.cicd/config.yaml'
  ].map((file) => ({ file, schema: schemas.config as Schema, ajv: validateConfig })),
  ...[
    'examples/basic/app.yaml',
    'examples/basic/bases/base.yaml',
    'examples/github/.cicd/app.yaml'
  ].map((file) => ({ file, schema: schemas['app-config'] as Schema, ajv: validateAppConfig }))
]

function random(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

const REPLACEMENTS: unknown[] = [
  null,
  'text',
  'TRUE',
  'maybe',
  ' 12 ',
  '-1',
  7,
  -3,
  1.5,
  Infinity,
  true,
  [],
  ['x'],
  [{ from: 'a' }],
  {},
  { unknownKey: 1 },
  'fail',
  'warn'
]

/** Every path to a value inside `doc`. */
function paths(value: unknown, at: string[] = []): string[][] {
  const out = [at]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, String(i)])))
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]))
  return out
}

function mutate(doc: unknown, path: string[], next: () => number): unknown {
  const copy = structuredClone(doc)
  if (path.length === 0) return REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]
  const parent = path.slice(0, -1).reduce((o: any, k) => o[k], copy)
  const key = path[path.length - 1] as string
  const choice = next()
  if (choice < 0.15 && !Array.isArray(parent)) delete parent[key]
  else if (
    choice < 0.3 &&
    parent[key] &&
    typeof parent[key] === 'object' &&
    !Array.isArray(parent[key])
  )
    parent[key].unknownKey = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]
  else parent[key] = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]
  return copy
}

describe('quick schema check', () => {
  it.each(CASES)(
    'accepts $file (valid), so the generated validator is not needed',
    ({ file, schema, ajv }) => {
      const doc = parseYaml(readFileSync(file, 'utf8'), file)
      expect(ajv(doc)).toBe(true)
      expect(quickValid(schema, doc)).toBe(true)
    }
  )

  it.each(CASES)(
    'never accepts a mutation of $file that the generated validator rejects',
    ({ file, schema, ajv }) => {
      const doc = parseYaml(readFileSync(file, 'utf8'), file)
      const next = random(13)
      const all = paths(doc)
      let rejected = 0
      for (let i = 0; i < 3000; i++) {
        let mutated = doc
        for (let n = 1 + Math.floor(next() * 2); n > 0; n--) {
          const candidates = paths(mutated)
          mutated = mutate(mutated, candidates[Math.floor(next() * candidates.length)] ?? [], next)
        }
        const ajvSays = ajv(mutated)
        if (!ajvSays) rejected++
        if (quickValid(schema, mutated) && !ajvSays) {
          throw new Error(`quick check accepted an invalid ${file}: ${JSON.stringify(mutated)}`)
        }
      }
      // The mutations do reach invalid documents (the check above is not vacuous).
      expect(rejected).toBeGreaterThan(100)
      expect(all.length).toBeGreaterThan(3)
    }
  )
})
