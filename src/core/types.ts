/** A JSON/YAML value as stored in a context document. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject
export interface JsonObject {
  [key: string]: JsonValue
}

/** The `state` section every context document has. */
export interface ContextState extends JsonObject {
  cicdContextDataId: string
  cicdContextName: string
}

/**
 * One context data document (ARCHITECTURE.md, "Operations"): the keys of `cicd-contexts[<name>]` after
 * the bases merge, plus `appPipelinesConfig`, `jinja2Macros`, `variables` and `state`.
 */
export interface ContextDocument extends JsonObject {
  state: ContextState
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The object without its undefined-valued keys (for optional fields under exactOptionalPropertyTypes-style spreads). */
export function defined<T extends object>(obj: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as never
}
