/**
 * Validates the REST stand-in's requests and responses against GitHub's OpenAPI description, as extracted
 * into operations.json (see its `source` field and scripts/extract-openapi.mjs). OpenAPI 3.0's `nullable`
 * becomes JSON Schema's `type: [..., 'null']` before ajv compiles it.
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

interface Parameter {
  name: string
  in: string
  required: boolean
  schema: Record<string, unknown>
}
interface Operation {
  operationId: string
  parameters: Parameter[]
  requestBody: { required: boolean; schema: Record<string, unknown> | null } | null
  responses: Record<string, Record<string, unknown> | null>
}
interface Extract {
  source: string
  operations: Record<string, Operation>
  'ghes-3.19': Record<string, Operation>
}

export interface OperationValidator {
  /** Problems with a request's query parameters and JSON body (empty when valid). */
  request(
    operation: string,
    match: RegExpExecArray,
    query: Record<string, string>,
    body: unknown
  ): string[]
  /** Problems with a response's status and body (empty when valid). */
  response(operation: string, status: number, body: unknown): string[]
  source: string
}

let cached: Extract | undefined

/** One validator per variant and process: compiling the events schema alone takes seconds. */
const validators = new Map<string, Promise<OperationValidator>>()

export function validatorFor(
  variant: 'dotcom' | 'ghes-3.19' = 'dotcom'
): Promise<OperationValidator> {
  let v = validators.get(variant)
  if (!v) validators.set(variant, (v = buildValidator(variant)))
  return v
}

function buildValidator(variant: 'dotcom' | 'ghes-3.19'): Promise<OperationValidator> {
  cached ??= JSON.parse(
    readFileSync(new URL('./operations.json', import.meta.url), 'utf8')
  ) as Extract
  const extract = cached
  const ops =
    variant === 'dotcom' ? extract.operations : { ...extract.operations, ...extract['ghes-3.19'] }
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true })
  const addFormats =
    (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule
  ;(addFormats as unknown as (a: Ajv) => void)(ajv)
  ajv.addFormat('int64', true)
  ajv.addFormat('int32', true)
  const compiled = new Map<string, ValidateFunction>()
  const compile = (key: string, schema: Record<string, unknown>): ValidateFunction => {
    let v = compiled.get(key)
    if (!v) {
      v = ajv.compile(nullableToJsonSchema(schema) as object)
      compiled.set(key, v)
    }
    return v
  }
  const check = (
    key: string,
    schema: Record<string, unknown>,
    value: unknown,
    where: string
  ): string[] => {
    const v = compile(key, schema)
    return v(value)
      ? []
      : (v.errors ?? [])
          .slice(0, 5)
          .map((e) => `${where}${e.instancePath} ${e.message ?? ''}`.trim())
  }
  return Promise.resolve({
    source: extract.source,
    request(operation, _match, query, body) {
      const op = ops[operation]
      if (!op) return [`operation not in the extracted description`]
      const problems: string[] = []
      for (const p of op.parameters.filter((x) => x.in === 'query')) {
        const raw = query[p.name]
        if (raw === undefined) {
          if (p.required) problems.push(`query parameter ${p.name} is required`)
          continue
        }
        const value = p.schema.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw
        if (p.name === 'created') {
          // The description types `created` as date-time, but GitHub documents (and the handlers send)
          // search qualifiers: `>=T`, `<T`, `A..B`. Each side must still be a date-time.
          for (const side of raw.replace(/^(>=|<=|>|<)/, '').split('..')) {
            problems.push(...check(`${operation} query created`, p.schema, side, 'query.created'))
          }
          continue
        }
        problems.push(...check(`${operation} query ${p.name}`, p.schema, value, `query.${p.name}`))
      }
      const known = new Set(op.parameters.filter((x) => x.in === 'query').map((x) => x.name))
      for (const name of Object.keys(query)) {
        if (!known.has(name)) problems.push(`unknown query parameter ${name}`)
      }
      if (op.requestBody?.schema) {
        if (body === undefined) {
          if (op.requestBody.required) problems.push('request body is required')
        } else {
          problems.push(...check(`${operation} body`, op.requestBody.schema, body, 'body'))
        }
      } else if (body !== undefined) {
        problems.push('the operation takes no request body')
      }
      return problems
    },
    response(operation, status, body) {
      const op = ops[operation]
      if (!op) return ['operation not in the extracted description']
      const documented = Object.prototype.hasOwnProperty.call(op.responses, String(status))
      if (!documented) {
        // Any operation may answer 304 to a conditional request, and errors GitHub documents generically.
        if (status === 304) return []
        if (status >= 400) {
          const message = (body as { message?: unknown } | undefined)?.message
          return typeof message === 'string' ? [] : ['error body without a message']
        }
        return [
          `status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`
        ]
      }
      const described = op.responses[String(status)]
      const schema =
        described && AMBIGUOUS_ONE_OF.has(operation) ? oneOfAsAnyOf(described) : described
      if (!schema)
        return body === undefined ? [] : [`status ${status} has no body in the description`]
      return check(`${operation} ${status}`, schema, body, 'body')
    }
  })
}

/**
 * Operations whose description has a `oneOf` no value can satisfy: the events list's `payload` is
 * `oneOf` 16 payload schemas, one of which (`public-event`) requires nothing, so every payload matches
 * two of them. GitHub's tools read it as "any of"; so does this validator, for these operations only.
 */
const AMBIGUOUS_ONE_OF = new Set(['GET /repos/{owner}/{repo}/events'])

function oneOfAsAnyOf(node: Record<string, unknown>): Record<string, unknown> {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk)
    if (typeof n !== 'object' || n === null) return n
    return Object.fromEntries(
      Object.entries(n).map(([k, v]) => [k === 'oneOf' ? 'anyOf' : k, walk(v)])
    )
  }
  return walk(node) as Record<string, unknown>
}

/** OpenAPI 3.0 `nullable: true` → JSON Schema `null` allowed. */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) {
    if (k !== 'nullable') out[k] = nullableToJsonSchema(v)
  }
  if ((node as { nullable?: unknown }).nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    else if (Array.isArray(out.type)) out.type = [...(out.type as unknown[]), 'null']
    else return { anyOf: [out, { type: 'null' }] }
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null]
  }
  return out
}
