import { randomUUID } from 'node:crypto'
import { ConfigError } from '../errors.js'
import type { EventHandler, HandlerContext, HandlerOutcome } from '../core/events.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'
import type { GithubClient } from '../github/client.js'
import { runDetailsRefusedBy, sendDispatch } from '../github/dispatch.js'
import { GithubApiError } from '../github/errors.js'
import {
  githubBlock,
  githubClient,
  renderOptional,
  renderStructure,
  shortRef,
  concludeDispatch,
  shownRequest,
  waitSettings,
  type GithubBlock
} from './github-block.js'

/** GitHub's limits on workflow_dispatch inputs (workflow syntax docs; 25 since 2025-12-04). */
export const MAX_INPUTS = 25
export const MAX_INPUTS_CHARS = 65_535

/**
 * `workflow-dispatch`: starts a workflow (`POST …/actions/workflows/{workflow}/dispatches`) and stores the
 * run's id and URLs (default `state.dispatches.<block>`).
 *
 *   workflow-dispatch:
 *     workflow: deploy.yml            # file name or id (templated)
 *     repository: octo-org/app        # default: this repository
 *     ref: main                       # default: this run's ref
 *     inputs: {version: "{{ state.version }}"}
 *     correlation-input: correlation_id   # lets the run be found when the server returns no run id
 *     wait: true                      # default false; then `wait-timeout` (s) and `fail-on-conclusion`
 *
 * The dispatch is sent once per handler run: with `return_run_details: true` (GitHub answers 200 with
 * the run); a 400 (GHES) is resent without the field, which GitHub did not act on; a 204 or an ambiguous
 * failure (5xx, no answer) is never resent — the run is looked up by the correlation id instead.
 */
export const workflowDispatchHandler: EventHandler = {
  kind: 'workflow-dispatch',
  singleBlockKey: 'workflow',
  contextKey: 'workflowDispatch',
  async run(block, name, templateContext, ctx): Promise<HandlerOutcome> {
    const gb = await githubBlock(ctx, 'workflow-dispatch', name, block, templateContext)
    const where = gb.where
    const workflow = await renderOptional(ctx, block.workflow, templateContext, `${where} workflow`)
    if (!workflow) throw new ConfigError(`${where}: 'workflow' (file name or id) is required`)
    const ref =
      (await renderOptional(ctx, block.ref, templateContext, `${where} ref`)) ?? gb.env.ref
    if (!ref) throw new ConfigError(`${where}: no 'ref' and GITHUB_REF is not set`)
    const correlationInput = await renderOptional(
      ctx,
      block['correlation-input'],
      templateContext,
      `${where} correlation-input`
    )
    const inputs = await renderInputs(ctx, block.inputs, templateContext, where)
    const correlationId = correlationInput ? (inputs[correlationInput] ||= randomUUID()) : undefined
    checkInputs(inputs, where)
    const settings = waitSettings(block, where)
    if (settings.wait !== false && settings.wait !== true) {
      throw new ConfigError(`${where}: 'wait' must be true or false`)
    }
    const path = `/repos/${gb.repo.owner}/${gb.repo.repo}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`
    const useDetails = block['return-run-details'] !== false && !runDetailsRefusedBy(gb.env.apiUrl)
    const body: JsonObject = {
      ref,
      ...(Object.keys(inputs).length ? { inputs } : {}),
      ...(useDetails ? { return_run_details: true } : {})
    }
    const base = {
      handler: 'workflow-dispatch',
      block: name,
      onError: 'fail' as const,
      request: shownRequest(ctx, gb, 'POST', path, body)
    }
    if (ctx.dryRun) return { ...base, status: 'dry-run' }

    const client = await githubClient(ctx, gb)
    const since = gb.clock.now()
    const sent = await sendDispatch(client, gb.repo, { workflow, ref, inputs, useDetails })
    let results: JsonObject
    if (sent.details) {
      results = { ...sent.details }
    } else {
      const failure = sent.error
        ? `the dispatch answered ${sent.error.message}; not resent (it may have started)`
        : undefined
      if (!correlationId) {
        if (failure) throw new GithubApiError(`${where}: ${failure}`, sent.error!.status)
        if (settings.wait) {
          throw new ConfigError(
            `${where}: ${gb.env.apiUrl} returned no run id; set 'correlation-input' so the run can be found and waited for`
          )
        }
        ctx.logger.warning(
          `${where}: ${gb.env.apiUrl} returned no run id and no 'correlation-input' is set; the run is not recorded`
        )
        return { ...base, status: 'ok', httpStatus: sent.status, captured: {} }
      }
      const run = await findDispatchedRun(ctx, client, gb, block, {
        workflow,
        branch: shortRef(ref),
        correlationId,
        since
      })
      if (!run) {
        throw new GithubApiError(
          `${where}: ${failure ? `${failure}, and ` : ''}no run of ${workflow} on ${shortRef(ref)} with '${correlationId}' in its run-name was found — does the workflow put \${{ inputs.${correlationInput} }} in its run-name?`,
          sent.error?.status ?? 0
        )
      }
      results = { workflow_run_id: run.id, run_url: run.url, html_url: run.html_url }
    }
    if (correlationId) results.correlation_id = correlationId
    return concludeDispatch(ctx, gb, {
      base,
      block,
      templateContext,
      settings,
      results,
      ...(settings.wait ? { waitRunId: Number(results.workflow_run_id) } : {}),
      httpStatus: sent.status
    })
  }
}

/** Each input rendered to a string: strings as templates, mappings/lists as JSON after rendering. */
async function renderInputs(
  ctx: HandlerContext,
  value: JsonValue | undefined,
  context: JsonObject,
  where: string
): Promise<Record<string, string>> {
  if (value === undefined || value === null) return {}
  if (!isJsonObject(value)) throw new ConfigError(`${where}: 'inputs' must be a mapping`)
  const out: Record<string, string> = {}
  for (const [key, v] of Object.entries(value)) {
    const rendered = await renderStructure(ctx, v, context, `${where} inputs.${key}`)
    out[key] =
      typeof rendered === 'string'
        ? rendered
        : rendered === null
          ? ''
          : typeof rendered === 'object'
            ? JSON.stringify(rendered)
            : String(rendered)
  }
  return out
}

/** GitHub's limits, checked before anything is sent. */
function checkInputs(inputs: Record<string, string>, where: string): void {
  const count = Object.keys(inputs).length
  if (count > MAX_INPUTS) {
    throw new ConfigError(
      `${where}: ${count} inputs; GitHub accepts at most ${MAX_INPUTS} (nothing was sent)`
    )
  }
  const size = JSON.stringify(inputs).length
  if (size > MAX_INPUTS_CHARS) {
    throw new ConfigError(
      `${where}: the inputs are ${size} characters as JSON; GitHub accepts at most ${MAX_INPUTS_CHARS} (nothing was sent)`
    )
  }
}

async function findDispatchedRun(
  ctx: HandlerContext,
  client: GithubClient,
  gb: GithubBlock,
  block: JsonObject,
  args: { workflow: string; branch: string; correlationId: string; since: number }
): Promise<{ id: number; url: string; html_url: string } | undefined> {
  const { findRuns } = await import('../github/runs.js')
  const seconds = typeof block['find-timeout'] === 'number' ? block['find-timeout'] : 120
  const { runs, attempts } = await findRuns(client, gb.clock, gb.repo, {
    workflow: args.workflow,
    event: 'workflow_dispatch',
    branch: args.branch,
    correlationId: args.correlationId,
    since: args.since,
    timeoutMs: seconds * 1000
  })
  ctx.logger.debug(`${gb.where}: ${runs.length} run(s) found after ${attempts} list call(s)`)
  return runs[0]
}
