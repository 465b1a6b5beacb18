import { isNode, nodeError, type NjNode } from './nunjucks-internals.js'
import { BLOCKED_KEYS, isIdentifier } from './policy.js'

/**
 * Compile-time half of the sandbox: checks a parsed template before any code is generated.
 *
 * nunjucks pastes names into the JavaScript it generates without escaping them, and its lexer lets
 * a name contain quotes and backticks, so `{{ 1|a"&Function`…```&"b }}` runs arbitrary code. Every
 * name must therefore be a plain identifier. The same walk refuses templates that load other files
 * and places `{% break %}`/`{% continue %}` where the generated `break;`/`continue;` is sound.
 */

/** Where a node sits: outside loops, in a for-loop body, or in a switch inside a loop body. */
type Scope = 'none' | 'loop' | 'switch'

const LOADERS: Readonly<Record<string, string>> = {
  Include: 'include',
  Import: 'import',
  FromImport: 'from … import',
  Extends: 'extends'
}

// These compile to JavaScript functions, so a `break` inside cannot reach an enclosing loop.
const FUNCTION_BODIES: ReadonlySet<string> = new Set([
  'Macro',
  'Caller',
  'Capture',
  'Block',
  'AsyncEach',
  'AsyncAll'
])

function literalString(node: unknown): string | undefined {
  return isNode(node) && node.typename === 'Literal' && typeof node.value === 'string'
    ? node.value
    : undefined
}

function checkName(node: NjNode, name: string): void {
  if (BLOCKED_KEYS.has(name)) throw nodeError(node, `'${name}' is not allowed in templates`)
}

function checkSymbol(node: NjNode): void {
  const name = String(node.value)
  if (!isIdentifier(name)) throw nodeError(node, `invalid name '${name}'`)
  checkName(node, name)
}

function checkTest(node: NjNode): void {
  const right = node.right
  const test = isNode(right) && right.typename === 'FunCall' ? right.name : right
  if (!isNode(test) || test.typename !== 'Symbol')
    throw nodeError(node, "'is' must be followed by a test name")
}

function childNodes(node: unknown): unknown[] {
  return isNode(node) && Array.isArray(node.children) ? node.children : []
}

function requireNames(owner: NjNode, names: unknown[], what: string): void {
  for (const name of names) {
    if (!isNode(name) || name.typename !== 'Symbol')
      throw nodeError(owner, `${what} must be a plain name`)
  }
}

function requireKeywordNames(owner: NjNode, pairs: unknown[]): void {
  requireNames(
    owner,
    pairs.map((pair) => (isNode(pair) ? pair.key : pair)),
    'a keyword argument'
  )
}

function checkSignature(node: NjNode): void {
  requireNames(node, [node.name], 'a macro name')
  for (const arg of childNodes(node.args)) {
    if (isNode(arg) && (arg.typename === 'KeywordArgs' || arg.typename === 'Dict'))
      requireKeywordNames(node, childNodes(arg))
    else requireNames(node, [arg], 'a macro argument')
  }
}

/** Positions nunjucks copies into generated code verbatim must hold names, not expressions. */
function checkDeclaration(node: NjNode): void {
  switch (node.typename) {
    case 'Set':
      return requireNames(node, Array.isArray(node.targets) ? node.targets : [], 'a set target')
    case 'For':
    case 'AsyncEach':
    case 'AsyncAll': {
      const names =
        isNode(node.name) && node.name.typename === 'Array' ? childNodes(node.name) : [node.name]
      return requireNames(node, names, 'a loop variable')
    }
    case 'Macro':
    case 'Caller':
      return checkSignature(node)
    case 'Block':
      return requireNames(node, [node.name], 'a block name')
    case 'KeywordArgs':
      return requireKeywordNames(node, childNodes(node))
  }
}

function checkLoopControl(node: NjNode, scope: Scope): void {
  const tag = node.typename === 'LoopBreak' ? 'break' : 'continue'
  if (scope === 'none') throw nodeError(node, `{% ${tag} %} outside of a for loop`)
  if (scope === 'switch' && tag === 'break')
    throw nodeError(node, '{% break %} inside {% switch %} is not supported')
}

function checkNode(node: NjNode, scope: Scope): void {
  const loader = LOADERS[node.typename]
  if (loader)
    throw nodeError(node, `{% ${loader} %} is not allowed: templates cannot load other templates`)
  checkDeclaration(node)
  switch (node.typename) {
    case 'Symbol':
      return checkSymbol(node)
    case 'LookupVal':
    case 'Pair': {
      const key = literalString(node.typename === 'Pair' ? node.key : node.val)
      return key === undefined ? undefined : checkName(node, key)
    }
    case 'Literal':
      if (node.value instanceof RegExp)
        throw nodeError(node, 'regular expression literals are not allowed')
      return
    case 'Is':
      return checkTest(node)
    case 'LoopBreak':
    case 'LoopContinue':
      return checkLoopControl(node, scope)
  }
}

function fieldScope(node: NjNode, field: string, scope: Scope): Scope {
  if (FUNCTION_BODIES.has(node.typename)) return 'none'
  if (node.typename === 'For' && field === 'body') return 'loop'
  if (node.typename === 'Switch' && field !== 'expr' && scope !== 'none') return 'switch'
  return scope
}

function visit(value: unknown, scope: Scope): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, scope)
  } else if (isNode(value)) {
    checkNode(value, scope)
    // Own keys rather than `fields`: a block {% set %} keeps its body outside its declared fields.
    for (const field of Object.keys(value)) visit(value[field], fieldScope(value, field, scope))
  }
}

/** Throws a nunjucks TemplateError (with the node's line) for the first violation found. */
export function validateTemplate(root: NjNode): void {
  visit(root, 'none')
}
