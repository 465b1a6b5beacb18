import nunjucks from 'nunjucks'

/**
 * The undocumented parts of nunjucks 3.2.4 that the sandbox patches (runtime lookups, the compiler,
 * AST nodes). @types/nunjucks leaves them out, so they are typed here, only as far as we use them.
 */
export interface NjNode {
  readonly typename: string
  readonly fields: string[]
  lineno: number
  colno: number
  [field: string]: unknown
}

export type NjNodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => NjNode

/** A runtime scope: `variables` is a null-prototype object, so it has no inherited names. */
export interface NjFrame {
  variables: Record<string, unknown>
  parent: NjFrame | null
}

/** A compile-time scope: maps template names to the JS variables the compiler generated. */
export interface NjCompileFrame {
  lookup(name: string): string | undefined
}

export interface NjContext {
  ctx: Record<string, unknown>
  env: { globals: Record<string, unknown> }
}

export interface NjCompiler {
  /** Name of the JS variable the current scope's output is appended to. */
  buffer: string
  _emit(code: string): void
  _emitLine(code: string): void
  _compileExpression(node: NjNode, frame: NjCompileFrame): void
  _compileAggregate(node: NjNode, frame: NjCompileFrame, open: string, close: string): void
}

export type CompileMethod = (this: NjCompiler, node: NjNode, frame: NjCompileFrame) => void

export type MemberLookup = (obj: unknown, key: unknown, ...slice: unknown[]) => unknown

export interface NjRuntime {
  memberLookup: MemberLookup
  contextOrFrameLookup: (context: NjContext, frame: NjFrame, name: string) => unknown
  callWrap: (fn: unknown, name: string, context: unknown, args: unknown[]) => unknown
  inOperator: (key: unknown, value: unknown) => boolean
  SafeString: new (value: string) => object
  [helper: string]: unknown
}

export interface NjTemplateError extends Error {
  lineno?: number
  colno?: number
  cause?: unknown
}

export interface NjInternals {
  runtime: NjRuntime
  lib: {
    TemplateError: new (message: string | Error, lineno?: number, colno?: number) => NjTemplateError
  }
  nodes: {
    Node: NjNodeClass & { extend(name: string, props: { fields: string[] }): NjNodeClass }
  }
  compiler: { Compiler: { prototype: Record<string, CompileMethod> } }
  installJinjaCompat(): void
}

/** The environment's own tables, which the sandbox locks down to own properties. */
export interface NjEnvironmentInternals {
  filters: Record<string, unknown>
  tests: Record<string, unknown>
  globals: Record<string, unknown>
  getFilter(name: string): unknown
  getTest(name: string): unknown
  getTemplate(...args: unknown[]): unknown
}

export const internals = nunjucks as unknown as NjInternals

export function isNode(value: unknown): value is NjNode {
  return value instanceof internals.nodes.Node
}

export function isSafeString(value: unknown): value is object {
  return value instanceof internals.runtime.SafeString
}

/** A compile-time error at `node`, with the 1-based line nunjucks' own parse errors use. */
export function nodeError(node: NjNode, message: string): NjTemplateError {
  return new internals.lib.TemplateError(message, node.lineno + 1, node.colno + 1)
}
