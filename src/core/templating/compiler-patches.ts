import nunjucks from 'nunjucks'
import {
  internals,
  isNode,
  type CompileMethod,
  type NjCompiler,
  type NjNode,
  type NjNodeClass
} from './nunjucks-internals.js'
import { BUDGET_HELPERS } from './budget.js'
import { isIdentifier } from './policy.js'
import { REQUIRE_DEFINED } from './sandbox.js'
import { validateTemplate } from './validate.js'

/**
 * Patches to nunjucks' code generator (process-wide; nunjucks has one Compiler class):
 * - every template is validated (validate.ts) before code is generated;
 * - names in generated code are JSON-quoted: nunjucks escapes only `"` in a called expression's
 *   name, so `{{ foo["\\\",globalThis.x=1,…"]() }}` broke out of the string literal;
 * - `a.b` throws when `a` is undefined, naming it, as Jinja2's UndefinedError does;
 * - names, lookups, calls, filters and tests record their 1-based line for error messages;
 * - `{% break %}`/`{% continue %}` (Jinja2's loopcontrols) compile to plain `break;`/`continue;` —
 *   sound because nunjucks compiles a synchronous for-loop to a plain JavaScript `for`;
 * - every loop iteration, output append and `~` reports to the render budget (budget.ts).
 */

const MAX_NAME = 80

function describeLookup(node: NjNode, depth: number): string {
  const target = describeNode(node.target, depth + 1)
  const val = node.val
  if (
    isNode(val) &&
    val.typename === 'Literal' &&
    typeof val.value === 'string' &&
    isIdentifier(val.value)
  ) {
    return `${target}.${val.value}`
  }
  return `${target}[${describeNode(val, depth + 1)}]`
}

/** A short, readable rendering of an expression, for error messages. */
export function describeNode(node: unknown, depth = 0): string {
  if (!isNode(node) || depth > 10) return '…'
  switch (node.typename) {
    case 'Symbol':
      return String(node.value)
    case 'Literal':
      return typeof node.value === 'string' ? `'${node.value}'` : String(node.value)
    case 'LookupVal':
      return describeLookup(node, depth)
    case 'FunCall':
      return `${describeNode(node.name, depth + 1)}()`
    default:
      return '(expression)'
  }
}

function quotedName(node: unknown): string {
  const name = describeNode(node)
  return JSON.stringify(name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name)
}

function position(node: NjNode): string {
  return `lineno = ${node.lineno + 1}, colno = ${node.colno + 1}`
}

const compileLookupVal: CompileMethod = function (node, frame) {
  this._emit(`(${position(node)}, runtime.memberLookup((runtime.${REQUIRE_DEFINED}((`)
  this._compileExpression(node.target as NjNode, frame)
  this._emit(`), ${quotedName(node.target)})),`)
  this._compileExpression(node.val as NjNode, frame)
  this._emit('))')
}

const compileFunCall: CompileMethod = function (node, frame) {
  this._emit(`(${position(node)}, runtime.callWrap(`)
  this._compileExpression(node.name as NjNode, frame)
  this._emit(`, ${quotedName(node.name)}, context, `)
  this._compileAggregate(node.args as NjNode, frame, '[', '])')
  this._emit(')')
}

function withPosition(compile: CompileMethod): CompileMethod {
  return function (node, frame) {
    this._emit(`(${position(node)}, `)
    compile.call(this, node, frame)
    this._emit(')')
  }
}

function validating(compile: CompileMethod): CompileMethod {
  return function (node, frame) {
    validateTemplate(node)
    compile.call(this, node, frame)
  }
}

type LoopBindings = (this: NjCompiler, ...args: unknown[]) => void

const LoopBreak: NjNodeClass = internals.nodes.Node.extend('LoopBreak', { fields: [] })
const LoopContinue: NjNodeClass = internals.nodes.Node.extend('LoopContinue', { fields: [] })

interface TagParser {
  nextToken(): { value: string; lineno: number; colno: number }
  advanceAfterBlockEnd(name: string): unknown
}

/** Jinja2's loopcontrols extension: `{% break %}` and `{% continue %}`. */
export const loopControls: nunjucks.Extension = {
  tags: ['break', 'continue'],
  parse(parser: TagParser): NjNode {
    const tag = parser.nextToken()
    parser.advanceAfterBlockEnd(tag.value)
    const Node = tag.value === 'break' ? LoopBreak : LoopContinue
    return new Node(tag.lineno, tag.colno)
  }
}

export function installCompilerPatches(): void {
  const proto = internals.compiler.Compiler.prototype
  proto.compileRoot = validating(proto.compileRoot)
  proto.compileSymbol = withPosition(proto.compileSymbol)
  proto.compileFilter = withPosition(proto.compileFilter)
  proto.compileIs = withPosition(proto.compileIs)
  proto.compileLookupVal = compileLookupVal
  proto.compileFunCall = compileFunCall
  // Jinja2's `~` renders an undefined operand as empty; nunjucks' `+ "" +` would write "undefined".
  proto.compileConcat = function (node, frame) {
    const { left, right } = node as unknown as { left: NjNode; right: NjNode }
    this._emit(`runtime.${BUDGET_HELPERS.text}(runtime.suppressValue(`)
    this._compileExpression(left, frame)
    this._emit(', false) + "" + runtime.suppressValue(')
    this._compileExpression(right, frame)
    this._emit(', false))')
  }
  // Every kind of loop (list, key/value, unpacking) binds `loop.*` once per iteration, in its body.
  const emitLoopBindings = proto._emitLoopBindings as unknown as LoopBindings
  ;(proto as unknown as { _emitLoopBindings: LoopBindings })._emitLoopBindings = function (
    ...args
  ) {
    emitLoopBindings.apply(this, args)
    this._emitLine(`runtime.${BUDGET_HELPERS.step}();`)
  }
  const compileOutput = proto.compileOutput
  proto.compileOutput = function (node, frame) {
    compileOutput.call(this, node, frame)
    this._emitLine(`runtime.${BUDGET_HELPERS.output}(${this.buffer}.length);`)
  }
  proto.compileLoopBreak = function () {
    this._emitLine('break;')
  }
  proto.compileLoopContinue = function () {
    this._emitLine('continue;')
  }
}
