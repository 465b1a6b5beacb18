import { ConfigError } from '../errors.js'
import type { EventHandler } from '../core/events.js'
import {
  isJsonObject,
  type ContextDocument,
  type JsonObject,
  type JsonValue
} from '../core/types.js'
import { resolveSha, type EventFacts } from '../github/event-target.js'
import { captureResponse } from './capture.js'
import { githubBlock, githubClient, renderOptional, shownRequest } from './github-block.js'

const STATES = ['pending', 'success', 'failure', 'error'] as const
type StatusState = (typeof STATES)[number]

/** GitHub refuses longer descriptions (422). */
export const MAX_DESCRIPTION = 140

/** Where a build records the commit it built, unless the block names another path. */
export const DEFAULT_RECORDED_SHA = 'state.build.sha'

/**
 * `commit-status`: `POST /repos/{o}/{r}/statuses/{sha}` (`statuses: write`). The SHA is the commit the
 * event is about (see `resolveSha`): the pull request's head (not the merge commit GITHUB_SHA), `after`
 * for push, `workflow_run.head_sha`; in a dispatched run the SHA recorded in the context at
 * `recorded-sha` (default `state.build.sha`); a rendered `sha` overrides all of them.
 */
export const commitStatusHandler: EventHandler = {
  kind: 'commit-status',
  singleBlockKey: 'state',
  contextKey: 'commitStatus',
  async run(block, name, templateContext, ctx) {
    const where = `commit-status '${name}'`
    const text = (key: string): Promise<string | undefined> =>
      renderOptional(ctx, block[key], templateContext, `${where}.${key}`)
    const state = parseState(await text('state'), where)
    const access = await githubBlock(ctx, 'commit-status', name, block, templateContext)
    const facts: EventFacts = {
      eventName: access.env.eventName ?? '',
      payload: access.env.payload(),
      ...(access.env.sha ? { githubSha: access.env.sha } : {})
    }
    const { sha, source } = resolveSha(
      facts,
      await text('sha'),
      recordedSha(ctx.work.doc, block),
      where
    )
    const context =
      (await text('context')) ?? (name === 'default' ? 'cicdstatemgr' : `cicdstatemgr/${name}`)
    const description = shorten(await text('description'), ctx.logger.info.bind(ctx.logger), where)
    const targetUrl = (await text('target-url')) ?? access.env.runUrl
    if (targetUrl && !/^https?:\/\/\S+$/.test(targetUrl)) {
      throw new ConfigError(
        `${where}: target-url '${targetUrl.slice(0, 80)}' is not an http(s) URL`
      )
    }
    const payload = {
      state,
      context,
      ...(description ? { description } : {}),
      ...(targetUrl ? { target_url: targetUrl } : {})
    }
    const base = {
      handler: 'commit-status',
      block: name,
      onError: 'fail' as const,
      request: shownRequest(
        ctx,
        access,
        'POST',
        `/repos/${access.repo.owner}/${access.repo.repo}/statuses/${sha}`,
        payload
      )
    }
    ctx.logger.debug(`${where}: ${state} on ${sha} (${source})`)
    if (ctx.dryRun) return { ...base, status: 'dry-run' }
    const client = await githubClient(ctx, access)
    const created = await client.createCommitStatus(access.repo, sha, {
      state,
      context,
      ...(description ? { description } : {}),
      ...(targetUrl ? { targetUrl } : {})
    })
    const body = { ...created, sha, sha_source: source } as unknown as JsonValue
    return {
      ...base,
      status: 'ok',
      captured: await captureResponse(ctx, 'commit-status', block, body)
    }
  }
}

function parseState(value: string | undefined, where: string): StatusState {
  const state = value?.toLowerCase()
  if (!state || !(STATES as readonly string[]).includes(state)) {
    throw new ConfigError(`${where}: state '${value ?? ''}' must be one of ${STATES.join(', ')}`)
  }
  return state as StatusState
}

/**
 * Descriptions are truncated to 140 characters (with `…`), not refused: they are notes, often rendered
 * from text the author does not control (a commit title), and a status that is not set at all because
 * its note was long would hide the outcome it reports.
 */
export function shorten(
  text: string | undefined,
  log: (line: string) => void,
  where: string
): string | undefined {
  if (!text) return undefined
  const oneLine = text.replace(/\s+/g, ' ')
  const chars = [...oneLine]
  if (chars.length <= MAX_DESCRIPTION) return oneLine
  log(`${where}: description shortened to ${MAX_DESCRIPTION} characters`)
  return `${chars.slice(0, MAX_DESCRIPTION - 1).join('')}…`
}

/**
 * The SHA the context recorded at build time: the value at the block's `recorded-sha` path (default
 * `state.build.sha`; `recorded-sha: ''` turns it off), when it is a non-blank string.
 */
export function recordedSha(doc: ContextDocument, block: JsonObject): string | undefined {
  const path = block['recorded-sha'] === undefined ? DEFAULT_RECORDED_SHA : block['recorded-sha']
  if (typeof path !== 'string' || !path.trim()) return undefined
  let node: JsonValue | undefined = doc
  for (const key of path.trim().split('.')) node = isJsonObject(node) ? node[key] : undefined
  return typeof node === 'string' && node.trim() ? node.trim() : undefined
}
