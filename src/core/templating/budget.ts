import { TemplateError } from '../../errors.js'
import { internals, isSafeString, type NjRuntime } from './nunjucks-internals.js'

/**
 * Per-render limits. `range()` alone is capped per call (MAX_RANGE), which does not stop loops nested
 * in loops, recursive macros, or a loop calling a method that walks a big list: two nested loops over
 * `range(100000)` ran for minutes at 1 GB. So every render gets one budget of steps — a loop iteration,
 * a call (macro, function, method, filter), an item a call hands back, an item a filter or `in` walks —
 * and a cap on the text it builds. Renders are synchronous, so the budget is plain module state, saved
 * and restored around each render (a render inside a render gets its own).
 */

/**
 * Steps per render. Real templates (payloads, messages, choice lists) take hundreds to a few thousand;
 * a million is far beyond them and still ends a runaway template within one to two seconds (measured:
 * a loop iteration costs about 1.3 µs, a macro call about 2 µs).
 */
export const MAX_STEPS = 1_000_000

/**
 * Characters in the output, and in any one string a template builds with `~` or a macro. Slack
 * messages are capped at 40,000 characters and HTTP payloads and stored values are far smaller than
 * this; 4 MiB stops a template from filling memory while leaving room for large JSON payloads.
 */
export const MAX_TEXT = 4 * 1024 * 1024

/** Calls nested inside calls (in practice: a macro calling itself). Jinja2 templates rarely exceed a few. */
export const MAX_CALL_DEPTH = 100

/** A long string costs one step per this many characters when a call returns or a filter reads it. */
const CHARS_PER_STEP = 256

interface Budget {
  steps: number
  depth: number
}

let current: Budget | undefined

/** Runs one render under a fresh budget. */
export function withRenderBudget<T>(render: () => T): T {
  const outer = current
  current = { steps: 0, depth: 0 }
  try {
    return render()
  } finally {
    current = outer
  }
}

function step(count: number): void {
  if (current && (current.steps += count) > MAX_STEPS) {
    throw new TemplateError(
      `the template ran more than ${MAX_STEPS} steps (loop iterations, calls and the items they ` +
        'walk) in one render'
    )
  }
}

function checkText(length: number, what: string): void {
  if (length > MAX_TEXT) {
    throw new TemplateError(`${what} is longer than ${MAX_TEXT} characters`)
  }
}

/** What walking or handing back `value` costs. */
function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (typeof value === 'string') return Math.floor(value.length / CHARS_PER_STEP)
  if (isSafeString(value)) return Math.floor(String(value).length / CHARS_PER_STEP)
  if (typeof value === 'object' && value !== null) return Object.keys(value).length
  return 0
}

/** Runtime helpers the compiler patches emit (compiler-patches.ts). */
export const BUDGET_HELPERS = {
  /** Once per loop iteration. */
  step: 'cicdStep',
  /** After each append to an output buffer, with its length. */
  output: 'cicdOutput',
  /** Around each `~` concatenation, with its result. */
  text: 'cicdText'
} as const

/**
 * Installs the runtime half: the helpers the generated code calls, and counting wrappers around calls
 * and `in`. Must run after installSandbox, whose callWrap and inOperator it wraps.
 */
export function installBudget(): void {
  const runtime: NjRuntime = internals.runtime
  runtime[BUDGET_HELPERS.step] = () => step(1)
  runtime[BUDGET_HELPERS.output] = (length: number) => checkText(length, 'the output')
  runtime[BUDGET_HELPERS.text] = (text: string) => {
    checkText(text.length, 'a string built with ~')
    return text
  }
  const callWrap = runtime.callWrap
  runtime.callWrap = (fn, name, context, args) => {
    step(1)
    const budget = current
    if (budget && budget.depth >= MAX_CALL_DEPTH) {
      throw new TemplateError(`calls nested deeper than ${MAX_CALL_DEPTH} (a recursive macro?)`)
    }
    if (budget) budget.depth++
    try {
      const result = callWrap(fn, name, context, args)
      step(sizeOf(result))
      return result
    } finally {
      if (budget) budget.depth--
    }
  }
  const inOperator = runtime.inOperator
  runtime.inOperator = (key, value) => {
    step(1 + sizeOf(value))
    return inOperator(key, value)
  }
}

/** Filters whose numeric argument is a width they fill with spaces, one character at a time. */
const WIDTH_FILTERS: ReadonlySet<string> = new Set(['center', 'indent'])

type AnyFilter = (this: unknown, ...args: unknown[]) => unknown

/** Wraps every filter of the environment so each call is charged for what it reads and returns. */
export function countFilters(filters: Record<string, unknown>): void {
  for (const name of Object.keys(filters)) {
    const filter = filters[name]
    if (typeof filter !== 'function') continue
    const fn = filter as AnyFilter
    const width = WIDTH_FILTERS.has(name)
    filters[name] = function (this: unknown, ...args: unknown[]): unknown {
      step(1 + sizeOf(args[0]))
      if (width && typeof args[1] === 'number') checkText(args[1], `${name}() width`)
      const result = fn.apply(this, args)
      step(sizeOf(result))
      return result
    }
  }
}
