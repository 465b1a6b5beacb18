#!/usr/bin/env node
// Extracts the GitHub REST operations the GitHub handlers use from GitHub's official OpenAPI description
// (the npm package @octokit/openapi, ~390 MB unpacked, so NOT a dependency: this script fetches its
// tarball on demand with `npm pack` into a temp dir and reads two files out of it) and writes only those
// operations — parameters, request body schema, response schemas per status, every $ref already resolved
// (the package's *.deref.json) — to __fixtures__/github-openapi/operations.json, which the REST stand-in
// (__fixtures__/github-rest-stand-in.ts) validates every request and response against.
//
//   node scripts/extract-openapi.mjs [path/to/octokit-openapi-<version>.tgz]
//
// Re-run it when bumping OPENAPI_VERSION; commit the JSON it writes.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const OPENAPI_VERSION = '23.0.2'
const root = resolve(import.meta.dirname, '..')
const out = join(root, '__fixtures__/github-openapi/operations.json')

/** `METHOD path` of every operation used (client: src/github/client.ts). */
const OPERATIONS = [
  'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
  'POST /repos/{owner}/{repo}/dispatches',
  'GET /repos/{owner}/{repo}/actions/runs',
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/comments',
  'POST /repos/{owner}/{repo}/commits/{commit_sha}/comments',
  'PATCH /repos/{owner}/{repo}/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/comments/{comment_id}',
  'POST /repos/{owner}/{repo}/statuses/{sha}',
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /user',
  // Workflow artifacts as state (src/github/artifacts.ts): listing, download redirect, deletion.
  'GET /repos/{owner}/{repo}/actions/artifacts',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
  'DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
  'GET /repos/{owner}/{repo}/events',
  // The Slack bridge authenticating as a GitHub App (src/bridge/github-dispatch.ts).
  'GET /repos/{owner}/{repo}/installation',
  'POST /app/installations/{installation_id}/access_tokens',
  // Answering a deployment protection rule (src/bridge/protection.ts).
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule'
]
/**
 * Example answers of the events endpoints (`components.examples`, from the non-dereferenced description):
 * the REST stand-in builds the events it serves from them, so their shape is GitHub's own.
 */
const EXAMPLES = ['repo-events-items', 'user-received-events-items', 'user-org-events-items']
const examplesOut = join(root, '__fixtures__/github-openapi/events-examples.json')

/** Operations also kept as GitHub Enterprise Server 3.19 describes them (the stand-in's GHES mode). */
const GHES_OPERATIONS = ['POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches']

const work = mkdtempSync(join(tmpdir(), 'octokit-openapi-'))
try {
  let tarball = process.argv[2] ? resolve(process.argv[2]) : undefined
  if (!tarball) {
    execFileSync(
      'npm',
      ['pack', `@octokit/openapi@${OPENAPI_VERSION}`, '--pack-destination', work],
      {
        stdio: ['ignore', 'ignore', 'inherit']
      }
    )
    tarball = join(
      work,
      readdirSync(work).find((f) => f.endsWith('.tgz'))
    )
  }
  const files = [
    'package/generated/api.github.com.deref.json',
    'package/generated/ghes-3.19.deref.json',
    'package/generated/api.github.com.json'
  ]
  execFileSync('tar', ['xzf', tarball, '-C', work, 'package/package.json', ...files])
  const pkg = JSON.parse(readFileSync(join(work, 'package/package.json'), 'utf8'))
  const dotcom = JSON.parse(readFileSync(join(work, files[0]), 'utf8'))
  const ghes = JSON.parse(readFileSync(join(work, files[1]), 'utf8'))
  const result = {
    source: `${pkg.name}@${pkg.version} (${files[0].replace('package/', '')}, ${files[1].replace('package/', '')}); written by scripts/extract-openapi.mjs — do not edit by hand`,
    operations: Object.fromEntries(OPERATIONS.map((op) => [op, extract(dotcom, op)])),
    'ghes-3.19': Object.fromEntries(GHES_OPERATIONS.map((op) => [op, extract(ghes, op)]))
  }
  writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`)
  console.log(`wrote ${out} from ${pkg.name}@${pkg.version}`)
  const plain = JSON.parse(readFileSync(join(work, files[2]), 'utf8'))
  const examples = {
    source: `${pkg.name}@${pkg.version} (${files[2].replace('package/', '')}, components.examples); written by scripts/extract-openapi.mjs — do not edit by hand`,
    examples: Object.fromEntries(EXAMPLES.map((k) => [k, plain.components.examples[k].value]))
  }
  writeFileSync(examplesOut, `${JSON.stringify(examples, null, 1)}\n`)
  console.log(`wrote ${examplesOut}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

function extract(spec, key) {
  const [method, path] = key.split(' ')
  const op = spec.paths[path]?.[method.toLowerCase()]
  if (!op) throw new Error(`${key} is not in the description`)
  const schemaOf = (content) => content?.['application/json']?.schema ?? null
  return {
    operationId: op.operationId,
    parameters: (op.parameters ?? []).map((p) => ({
      name: p.name,
      in: p.in,
      required: Boolean(p.required),
      schema: strip(p.schema ?? {})
    })),
    requestBody: op.requestBody
      ? {
          required: Boolean(op.requestBody.required),
          schema: strip(schemaOf(op.requestBody.content))
        }
      : null,
    responses: Object.fromEntries(
      Object.entries(op.responses).map(([status, r]) => [status, strip(schemaOf(r.content))])
    )
  }
}

/** Schemas without prose and examples (they only make the committed file bigger). */
function strip(node) {
  if (Array.isArray(node)) return node.map(strip)
  if (node === null || typeof node !== 'object') return node
  const outNode = {}
  for (const [k, v] of Object.entries(node)) {
    if (['description', 'example', 'examples', 'title', 'x-github', 'externalDocs'].includes(k)) {
      // `properties` may hold a field literally named "description" etc.: keep those.
      if (
        typeof v !== 'object' ||
        v === null ||
        !('type' in v || 'anyOf' in v || 'oneOf' in v || 'allOf' in v)
      )
        continue
    }
    outNode[k] = strip(v)
  }
  return outNode
}
