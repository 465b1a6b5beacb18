import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

/**
 * Validates a webhook payload against GitHub's official webhook schemas (`@octokit/openapi-webhooks`,
 * api.github.com): `key` is the spec's webhook name, e.g. `push`, `pull-request-opened`,
 * `issue-comment-created`. Returns ajv's error lines (empty: valid).
 */
export function webhookSchemaErrors(key: string, payload: unknown): string[] {
  const { ajv, spec } = loaded()
  const webhook = spec.webhooks[key]
  if (!webhook) throw new Error(`no webhook '${key}' in @octokit/openapi-webhooks`)
  const ref = webhook.post.requestBody.content['application/json'].schema.$ref
  const validate = ajv.getSchema(`spec${ref}`)
  if (!validate) throw new Error(`cannot compile ${ref}`)
  if (validate(payload)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)
}

interface Spec {
  webhooks: Record<
    string,
    { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }
  >
}

let cache: { ajv: Ajv2020; spec: Spec } | undefined

function loaded(): { ajv: Ajv2020; spec: Spec } {
  if (cache) return cache
  const require = createRequire(import.meta.url)
  const file = require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json')
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec
  // OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few annotation keywords (strict: false).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void
  addFormats(ajv)
  ajv.addSchema(spec as object, 'spec')
  cache = { ajv, spec }
  return cache
}
