import { randomUUID } from 'node:crypto'
import { ConfigError } from '../errors.js'
import type { EventHandler, HandlerOutcome } from '../core/events.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'
import type { WorkflowRun } from '../github/client.js'
import { GithubApiError } from '../github/errors.js'
import {
  githubBlock,
  githubClient,
  renderOptional,
  renderStructure,
  concludeDispatch,
  shownRequest,
  waitSettings
} from './github-block.js'

/** GitHub's limits on repository_dispatch (REST docs for `POST /repos/{o}/{r}/dispatches`). */
export const MAX_EVENT_TYPE = 100
export const MAX_PAYLOAD_KEYS = 10
export const MAX_PAYLOAD_BYTES = 64 * 1024

/**
 * `repository-dispatch`: sends a `repository_dispatch` event (`POST /repos/{o}/{r}/dispatches`, 204), which
 * starts every workflow on the default branch that listens for its type.
 *
 *   repository-dispatch:
 *     event-type: deploy               # ≤ 100 characters (templated)
 *     repository: octo-org/app         # default: this repository
 *     client-payload: {version: "{{ state.version }}", meta: {by: "{{ state.user }}"}}   # ≤ 10 keys
 *     correlation-key: correlation_id  # put a generated id here; workflows show it in their run-name
 *     workflow: deploy.yml             # optional: look only at this workflow's runs
 *     wait: deploy.yml                 # wait for that workflow's run (true: the only run found)
 *
 * GitHub answers with no run, so runs are found only through `correlation-key`: every run whose
 * display_title holds the id is captured in `runs` (id, workflow path, URL).
 */
export const repositoryDispatchHandler: EventHandler = {
  kind: 'repository-dispatch',
  singleBlockKey: 'event-type',
  contextKey: 'repositoryDispatch',
  async run(block, name, templateContext, ctx): Promise<HandlerOutcome> {
    const gb = await githubBlock(ctx, 'repository-dispatch', name, block, templateContext)
    const where = gb.where
    const eventType = await renderOptional(
      ctx,
      block['event-type'],
      templateContext,
      `${where} event-type`
    )
    if (!eventType) throw new ConfigError(`${where}: 'event-type' is required`)
    if (eventType.length > MAX_EVENT_TYPE) {
      throw new ConfigError(
        `${where}: event-type is ${eventType.length} characters; GitHub accepts at most ${MAX_EVENT_TYPE} (nothing was sent)`
      )
    }
    const payload = await renderPayload(block['client-payload'], where, (v, w) =>
      renderStructure(ctx, v, templateContext, w)
    )
    const key = await renderOptional(
      ctx,
      block['correlation-key'],
      templateContext,
      `${where} correlation-key`
    )
    const correlationId = key ? String((payload[key] ||= randomUUID())) : undefined
    checkPayload(payload, where)
    const workflow = await renderOptional(ctx, block.workflow, templateContext, `${where} workflow`)
    const settings = waitSettings(block, where)
    if (settings.wait !== false && !correlationId) {
      throw new ConfigError(`${where}: 'wait' needs 'correlation-key' to find the run`)
    }
    const path = `/repos/${gb.repo.owner}/${gb.repo.repo}/dispatches`
    const body: JsonObject = {
      event_type: eventType,
      ...(Object.keys(payload).length ? { client_payload: payload } : {})
    }
    const base = {
      handler: 'repository-dispatch',
      block: name,
      onError: 'fail' as const,
      request: shownRequest(ctx, gb, 'POST', path, body)
    }
    if (ctx.dryRun) return { ...base, status: 'dry-run' }

    const client = await githubClient(ctx, gb)
    const since = gb.clock.now()
    let ambiguous: GithubApiError | undefined
    try {
      await client.dispatchRepository(gb.repo, {
        eventType,
        ...(Object.keys(payload).length ? { clientPayload: payload } : {})
      })
    } catch (error) {
      // A 5xx or no answer may still have dispatched: never resend; look for the runs if we can.
      if (
        !(error instanceof GithubApiError && (error.status === 0 || error.status >= 500)) ||
        !correlationId
      ) {
        if (
          error instanceof GithubApiError &&
          error.status === 403 &&
          error.retryAfterMs === undefined
        ) {
          throw new GithubApiError(
            `${error.message} — the token needs 'contents: write' on ${gb.repo.owner}/${gb.repo.repo}`,
            403
          )
        }
        throw error
      }
      ambiguous = error
    }
    const conclude = { base, block, templateContext, settings }
    if (!correlationId) {
      return concludeDispatch(ctx, gb, {
        ...conclude,
        results: { event_type: eventType },
        httpStatus: 204
      })
    }
    const waitFor = typeof settings.wait === 'string' ? settings.wait : workflow
    const { findRuns } = await import('../github/runs.js')
    const seconds = typeof block['find-timeout'] === 'number' ? block['find-timeout'] : 120
    const { runs } = await findRuns(client, gb.clock, gb.repo, {
      ...(workflow ? { workflow } : {}),
      event: 'repository_dispatch',
      correlationId,
      since,
      timeoutMs: seconds * 1000,
      ...(waitFor
        ? { enough: (found: WorkflowRun[]) => found.some((r) => isWorkflow(r, waitFor)) }
        : {})
    })
    if (runs.length === 0 || (waitFor && !runs.some((r) => isWorkflow(r, waitFor)))) {
      throw new GithubApiError(
        `${where}: ${ambiguous ? `the dispatch answered ${ambiguous.message}; not resent, and ` : ''}no run${waitFor ? ` of ${waitFor}` : ''} with '${correlationId}' in its run-name was found — does the workflow put \${{ github.event.client_payload.${key} }} in its run-name?`,
        ambiguous?.status ?? 0
      )
    }
    const results: JsonObject = {
      event_type: eventType,
      correlation_id: correlationId,
      runs: runs.map((r) => ({
        workflow_run_id: r.id,
        workflow: r.path ?? '',
        name: r.name ?? '',
        html_url: r.html_url
      }))
    }
    let waitRunId: number | undefined
    if (settings.wait !== false) {
      const target = waitFor
        ? runs.find((r) => isWorkflow(r, waitFor))
        : runs.length === 1
          ? runs[0]
          : undefined
      if (!target) {
        throw new ConfigError(
          `${where}: ${runs.length} runs started (${runs.map((r) => r.path).join(', ')}); name the one to wait for: 'wait: <workflow file>'`
        )
      }
      waitRunId = target.id
    }
    return concludeDispatch(ctx, gb, {
      ...conclude,
      results,
      ...(waitRunId !== undefined ? { waitRunId } : {}),
      httpStatus: ambiguous?.status ?? 204
    })
  }
}

/** A run belongs to `workflow` (file name, path, or the workflow's name). */
function isWorkflow(run: WorkflowRun, workflow: string): boolean {
  const path = run.path ?? ''
  return (
    path === workflow ||
    path.endsWith(`/${workflow}`) ||
    run.name === workflow ||
    String(run.workflow_id) === workflow
  )
}

async function renderPayload(
  value: JsonValue | undefined,
  where: string,
  render: (v: JsonValue, where: string) => Promise<JsonValue>
): Promise<JsonObject> {
  if (value === undefined || value === null) return {}
  if (!isJsonObject(value)) throw new ConfigError(`${where}: 'client-payload' must be a mapping`)
  const rendered = await render(value, `${where} client-payload`)
  return isJsonObject(rendered) ? rendered : {}
}

function checkPayload(payload: JsonObject, where: string): void {
  const keys = Object.keys(payload).length
  if (keys > MAX_PAYLOAD_KEYS) {
    throw new ConfigError(
      `${where}: client-payload has ${keys} top-level keys; GitHub accepts at most ${MAX_PAYLOAD_KEYS} (nothing was sent)`
    )
  }
  const bytes = Buffer.byteLength(JSON.stringify(payload))
  if (bytes >= MAX_PAYLOAD_BYTES) {
    throw new ConfigError(
      `${where}: client-payload is ${bytes} bytes as JSON; GitHub accepts less than ${MAX_PAYLOAD_BYTES} (nothing was sent)`
    )
  }
}
