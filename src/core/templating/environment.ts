import nunjucks from 'nunjucks'
import { TemplateError } from '../../errors.js'
import { installCompilerPatches, loopControls } from './compiler-patches.js'
import { ATTRIBUTE_FILTERS, FILTERS, guardAttributeFilter, type Filter } from './filters.js'
import { internals, type NjEnvironmentInternals } from './nunjucks-internals.js'
import { installSandbox } from './sandbox.js'
import { countFilters, installBudget } from './budget.js'

/** Jinja2's sandbox limit on `range`, so `range(10**9)` cannot exhaust memory or hang a run. */
export const MAX_RANGE = 100_000

/** `random()` with no arguments returns an integer in [RANDOM_MIN, RANDOM_MAX]: always 9 digits. */
export const RANDOM_MIN = 100_000_000
export const RANDOM_MAX = 999_999_999

let environment: nunjucks.Environment | undefined

/** The process-wide environment; the nunjucks patches are installed once, on first use. */
export function getEnvironment(): nunjucks.Environment {
  environment ??= createEnvironment()
  return environment
}

function createEnvironment(): nunjucks.Environment {
  // installJinjaCompat replaces the runtime lookups, so the sandbox must be installed after it.
  internals.installJinjaCompat()
  installSandbox()
  installBudget()
  installCompilerPatches()
  // No loader, so {% include %}/{% import %}/{% extends %} have no files to read. `dev` keeps the
  // error's line and cause instead of flattening it into a bare Error.
  const env = new nunjucks.Environment([], {
    autoescape: false,
    throwOnUndefined: false,
    dev: true
  })
  env.addExtension('loopcontrols', loopControls)
  for (const [name, filter] of Object.entries(FILTERS)) env.addFilter(name, filter)
  for (const name of ATTRIBUTE_FILTERS)
    env.addFilter(name, guardAttributeFilter(name, env.getFilter(name)))
  addGlobals(env)
  countFilters((env as unknown as NjEnvironmentInternals).filters)
  lockDown(env as unknown as NjEnvironmentInternals)
  return env
}

function boundedRange(range: Filter): Filter {
  return function (this: unknown, ...args) {
    const [start, stop, step] =
      args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1]
    if (step === 0) throw new TemplateError('range() step must not be zero')
    const count = Math.ceil((Number(stop) - Number(start)) / Number(step))
    if (count > MAX_RANGE)
      throw new TemplateError(`range() of ${count} items exceeds the limit of ${MAX_RANGE}`)
    return range.apply(this, args)
  }
}

function addGlobals(env: nunjucks.Environment): void {
  const globals = (env as unknown as NjEnvironmentInternals).globals
  env.addGlobal('range', boundedRange(globals.range as Filter))
  const pick = env.getFilter('random') as Filter
  // The Python tool's configs call `{{random()}}` for a random id; with a list it picks an item.
  env.addGlobal('random', (...args: unknown[]) =>
    args.length === 0 ? randomId() : pick.call(undefined, args[0])
  )
}

function ownEntry(table: Record<string, unknown>, name: string, kind: string): unknown {
  // A plain `table[name]` would hand out Object.prototype members such as `valueOf`.
  if (!Object.prototype.hasOwnProperty.call(table, name))
    throw new TemplateError(`unknown ${kind} '${name}'`)
  return table[name]
}

function lockDown(env: NjEnvironmentInternals): void {
  const { filters, tests } = env
  env.getFilter = (name) => ownEntry(filters, name, 'filter')
  env.getTest = (name) => ownEntry(tests, name, 'test')
  env.getTemplate = () => {
    throw new TemplateError('templates cannot load other templates')
  }
}

/** `random()` makes ids for payloads, not secrets: Math.random avoids loading node:crypto (~5 ms). */
function randomId(): number {
  return RANDOM_MIN + Math.floor(Math.random() * (RANDOM_MAX - RANDOM_MIN + 1))
}
