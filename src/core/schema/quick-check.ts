/**
 * A small interpreter of the JSON Schema keywords our schemas use, run before the generated validator:
 * a valid file (every run's case) is accepted without loading and compiling the 230 KB of generated
 * code (bench/README.md, "Config validation"). It only ever says "valid" when the data is valid; for
 * anything it is not sure of (an invalid value, a keyword or form it does not know) it says "not
 * valid" and the generated validator decides and words the error, so the messages stay ajv's.
 */
export type Schema = { [keyword: string]: unknown }

/** Keywords that say nothing about validity. */
const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'definitions'])
const patterns = new Map<string, RegExp>()

export function quickValid(root: Schema, data: unknown): boolean {
  return valid(root, root, data)
}

function valid(root: Schema, schema: unknown, data: unknown): boolean {
  if (schema === true) return true
  if (!isMapping(schema)) return false
  for (const [keyword, arg] of Object.entries(schema)) {
    if (!ANNOTATIONS.has(keyword) && !check(root, schema, keyword, arg, data)) return false
  }
  return true
}

function check(
  root: Schema,
  schema: Schema,
  keyword: string,
  arg: unknown,
  data: unknown
): boolean {
  switch (keyword) {
    case 'type':
      return (Array.isArray(arg) ? arg : [arg]).some((t) => hasType(data, t))
    case '$ref':
      return valid(root, resolveRef(root, arg), data)
    case 'anyOf':
      return Array.isArray(arg) && arg.some((s) => valid(root, s, data))
    case 'if':
      return valid(
        root,
        valid(root, arg, data) ? (schema.then ?? true) : (schema.else ?? true),
        data
      )
    case 'then':
    case 'else':
      return true // applied by 'if'
    case 'enum':
      return Array.isArray(arg) && arg.some((v) => v === data)
    case 'pattern':
      return typeof data !== 'string' || (typeof arg === 'string' && regex(arg).test(data))
    case 'minimum':
      return typeof data !== 'number' || (typeof arg === 'number' && data >= arg)
    case 'required':
      return (
        !isMapping(data) ||
        (Array.isArray(arg) && arg.every((k) => ownValue(data, k) !== undefined))
      )
    case 'properties':
      return !isMapping(data) || checkProperties(root, schema, data)
    case 'additionalProperties':
      // With 'properties' beside it, checked there (each key against one of the two).
      return 'properties' in schema || !isMapping(data) || checkProperties(root, schema, data)
    case 'items':
      return (
        !Array.isArray(data) || (isMapping(arg) && data.every((item) => valid(root, arg, item)))
      )
    default:
      return false // a keyword this interpreter does not know: let the generated validator decide
  }
}

/** `properties` and `additionalProperties` together: a key either has its own schema or is additional. */
function checkProperties(root: Schema, schema: Schema, data: Schema): boolean {
  const properties = schema.properties ?? {}
  const additional = schema.additionalProperties ?? true
  if (!isMapping(properties)) return false
  for (const key of Object.keys(data)) {
    // Keys the generated code would see differently from a plain own-key walk: be unsure.
    if (key === '__proto__') return false
    const own = Object.hasOwn(properties, key) ? properties[key] : undefined
    if (!valid(root, own ?? additional, data[key])) return false
  }
  return Object.getPrototypeOf(data) === Object.prototype || Object.getPrototypeOf(data) === null
}

function hasType(data: unknown, type: unknown): boolean {
  switch (type) {
    case 'null':
      return data === null
    case 'string':
      return typeof data === 'string'
    case 'boolean':
      return typeof data === 'boolean'
    case 'number':
      return typeof data === 'number' && Number.isFinite(data)
    case 'integer':
      return Number.isInteger(data)
    case 'array':
      return Array.isArray(data)
    case 'object':
      return isMapping(data)
    default:
      return false
  }
}

/** Only the `#/definitions/<name>` form the schemas use; anything else is unknown (false). */
function resolveRef(root: Schema, ref: unknown): unknown {
  const match = typeof ref === 'string' ? /^#\/definitions\/([^/~]+)$/.exec(ref) : null
  const definitions = root.definitions
  if (!match || !isMapping(definitions)) return false
  return ownValue(definitions, match[1] as string) ?? false
}

function regex(source: string): RegExp {
  let re = patterns.get(source)
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')))
  return re
}

function ownValue(obj: Schema, key: unknown): unknown {
  return typeof key === 'string' && Object.hasOwn(obj, key) ? obj[key] : undefined
}

function isMapping(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
