import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError } from '../../errors.js'
import { lineOfPath } from './locate.js'
import { quickValid, type Schema } from './quick-check.js'
import { buildValidators, schemas } from './validators.generated.js'

/**
 * Checks a parsed config file against its JSON Schema (schemas/*.schema.json, compiled at build time by
 * `npm run schemas`: nothing is compiled at start-up). A wrong key or type is a ConfigError naming the
 * file, line and key path; the file is re-read for the line only when validation fails. A valid file
 * passes the quick interpreter (quick-check.ts); the generated validators are built only for one it
 * does not accept, and they decide and word the error.
 */
export type SchemaName = 'config' | 'secrets' | 'app-config'

interface SchemaError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
  /** The schema object holding the failed keyword (ajv's `verbose`). */
  parentSchema?: { properties?: Record<string, unknown> }
}
type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null }

/** secrets.yaml has config.yaml's shape: one schema and validator for both. */
const SCHEMAS: Record<SchemaName, Schema> = {
  config: schemas.config as Schema,
  secrets: schemas.config as Schema,
  'app-config': schemas['app-config'] as Schema
}
let validators: { validateConfig: Validator; validateAppConfig: Validator } | undefined

function validator(name: SchemaName): Validator {
  validators ??= buildValidators() as NonNullable<typeof validators>
  return name === 'app-config' ? validators.validateAppConfig : validators.validateConfig
}

/** `file` is the path as the user gave it (relative to `cwd`); without one (inline secrets) no line. */
export function checkSchema(name: SchemaName, value: unknown, file?: string, cwd = '.'): void {
  if (quickValid(SCHEMAS[name], value)) return
  const validate = validator(name)
  if (validate(value)) return
  const error = mostSpecific(validate.errors ?? [])
  const path = error ? keyPath(error) : []
  const line = file ? lineOf(resolve(cwd, file), path) : undefined
  const where = `${file ?? name}${line ? `:${line}` : ''}`
  throw new ConfigError(`${where}: ${error ? describe(error, path) : 'invalid'}`, file, line)
}

/** The error deepest in the document; at equal depth an unknown key beats a type mismatch. */
function mostSpecific(errors: SchemaError[]): SchemaError | undefined {
  const rank = (e: SchemaError): number =>
    keyPath(e).length * 10 +
    (e.keyword === 'additionalProperties' ? 2 : e.keyword === 'type' ? 1 : 0)
  return [...errors].sort((a, b) => rank(b) - rank(a))[0]
}

function keyPath(e: SchemaError): string[] {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  const extra = e.params.additionalProperty ?? e.params.missingProperty
  return typeof extra === 'string' ? [...path, extra] : path
}

function describe(e: SchemaError, path: string[]): string {
  const at = path.join('.') || '(top level)'
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownKey(e, path)
    case 'required':
      return `${at} is required`
    case 'type':
      return `${at} must be ${article(String(e.params.type).replace(/,/g, ' or '))}`
    case 'anyOf':
      return `${at} has the wrong type`
    case 'enum':
      return `${at} must be one of ${JSON.stringify(e.params.allowedValues)}`
    default:
      return `${at} ${e.message ?? 'is invalid'}`
  }
}

/** A key the schema does not know, in the user's terms, with the keys it does know. */
function unknownKey(e: SchemaError, path: string[]): string {
  const key = path[path.length - 1]
  const parent = path.slice(0, -1)
  const what =
    parent[parent.length - 1] === 'datasources'
      ? 'datasource'
      : parent[parent.length - 2] === 'event-handlers'
        ? 'event handler'
        : 'key'
  const known = Object.keys(e.parentSchema?.properties ?? {})
  const list = known.length > 0 ? ` (known: ${known.join(', ')})` : ''
  return `unknown ${what} '${key}' in ${parent.join('.') || '(top level)'}${list}`
}

function article(types: string): string {
  return types
    .replace(/\bobject\b/g, 'a mapping')
    .replace(/\barray\b/g, 'a list')
    .replace(/\bstring\b/g, 'a string')
    .replace(/\bnumber\b/g, 'a number')
    .replace(/\binteger\b/g, 'a whole number')
    .replace(/\bboolean\b/g, 'true or false')
}

function lineOf(file: string, path: string[]): number | undefined {
  try {
    return lineOfPath(readFileSync(file, 'utf8'), path)
  } catch {
    return undefined
  }
}
