import { ConfigError } from '../errors.js'
import type { EventHandler, HandlerContext, HandlerOutcome } from '../core/events.js'
import {
  isJsonObject,
  type ContextDocument,
  type JsonObject,
  type JsonValue
} from '../core/types.js'
import type { Comment, GithubClient } from '../github/client.js'
import type { RepoRef } from '../github/env.js'
import { GithubApiError } from '../github/errors.js'
import {
  isForkPullRequest,
  resolveCommentTarget,
  type CommentTarget,
  type EventFacts
} from '../github/event-target.js'
import {
  MAX_SECTION_CHARS,
  SECTIONS_PATH,
  isProgressComment,
  keepTail,
  neutralise,
  renderComment,
  type CommentSection
} from '../github/progress-comment.js'
import { captureResponse } from './capture.js'
import {
  githubBlock,
  githubClient,
  renderOptional,
  shownRequest,
  type GithubBlock
} from './github-block.js'
import { recordedSha } from './commit-status.js'

/** A section's folds (command output) keep their tails: the end of a log says what failed. */
const MAX_DETAIL_CHARS = 12_000

/** Rounds of render → write → re-read before giving up on a comment that keeps moving. */
const MAX_ROUNDS = 8

/**
 * `comment`: one progress comment per context, on the pull request (or the commit for push events).
 * Each job/block owns a section stored in the context at `state.progressComment.sections.<job>.<block>`;
 * the comment is a rendering of all sections. GitHub comments have no compare-and-swap, but the context
 * store never loses an update, so a writer commits its section first, then writes the comment rendered
 * from the committed document, re-reads both, and writes again until the comment matches the document
 * (parallel jobs converge on the rendering that holds every section). Duplicates from two writers that
 * both created the comment are deleted, the lowest id is kept.
 */
export const commentHandler: EventHandler = {
  kind: 'comment',
  singleBlockKey: 'body',
  contextKey: 'comment',
  async run(block, name, templateContext, ctx) {
    const where = `comment '${name}'`
    if (block.body === undefined || block.body === null) {
      throw new ConfigError(`${where}: 'body' is required`)
    }
    const body = await ctx.render(String(block.body), templateContext, `${where}.body`)
    const title = await renderOptional(ctx, block.title, templateContext, `${where}.title`)
    return postSection(ctx, name, block, templateContext, { body, ...(title ? { title } : {}) })
  }
}

/** A section's text, already rendered; `details` are folds of literal text (command output). */
export interface SectionTexts {
  body: string
  title?: string
  details?: SectionDetail[]
}

export interface SectionDetail {
  summary: string
  text: string
}

/**
 * Stores the section in the context and converges the progress comment on it: the comment handler's
 * work after rendering, shared with the `github-events` progress sections (src/github-events), whose
 * text is built in code and must not be rendered as a template.
 */
export async function postSection(
  ctx: HandlerContext,
  name: string,
  block: JsonObject,
  templateContext: JsonObject,
  texts: SectionTexts
): Promise<HandlerOutcome> {
  const where = `comment '${name}'`
  const access = await githubBlock(ctx, 'comment', name, block, templateContext)
  const facts: EventFacts = {
    eventName: access.env.eventName ?? '',
    payload: access.env.payload(),
    ...(access.env.sha ? { githubSha: access.env.sha } : {})
  }
  const explicitPr = await renderOptional(
    ctx,
    block['pull-request'],
    templateContext,
    `${where}.pull-request`
  )
  const explicitSha = await renderOptional(ctx, block.sha, templateContext, `${where}.sha`)
  const recorded = recordedSha(ctx.work.doc, block)
  const target = resolveCommentTarget(
    facts,
    {
      ...(explicitPr ? { pullRequest: explicitPr } : {}),
      ...(explicitSha ? { sha: explicitSha } : {}),
      ...(recorded ? { recordedSha: recorded } : {})
    },
    where
  )
  const job = safePart(
    (await renderOptional(ctx, block.section, templateContext, `${where}.section`)) ??
      access.env.job ??
      'local'
  )
  const section = buildSection(ctx, texts, name, job)
  ctx.work.set(sectionPath(job, name), section)
  const base = { handler: 'comment', block: name, onError: 'fail' as const }
  const id = contextId(ctx.work.doc)
  if (ctx.dryRun) {
    return {
      ...base,
      status: 'dry-run',
      request: shownRequest(ctx, access, 'POST', targetPath(access, target), {
        body: renderComment(id, sectionsOf(ctx.work.doc))
      })
    }
  }
  const committed = await ctx.commit()
  try {
    const written = await converge(ctx, access, target, id, committed)
    const captured = await capture(ctx, block, name, written, target)
    return { ...base, status: 'ok', captured }
  } catch (error) {
    if (isForkRefusal(error, target, facts)) return forkFallback(ctx, base, target, section)
    throw permissionHint(error, target)
  }
}

function buildSection(
  ctx: HandlerContext,
  texts: SectionTexts,
  name: string,
  job: string
): JsonObject {
  const title = texts.title ?? (name === 'default' ? job : `${job} · ${name}`)
  const previous = valueAt(ctx.work.doc, sectionPath(job, name))
  const now = new Date().toISOString()
  const createdAt =
    isJsonObject(previous) && typeof previous.createdAt === 'string' ? previous.createdAt : now
  // Neutralised once here, so the stored text is what the comment shows; the tail is what matters.
  return {
    title: neutralise(title).slice(0, 200),
    body: keepTail(neutralise(texts.body.trim()), MAX_SECTION_CHARS),
    ...(texts.details?.length
      ? {
          details: texts.details.map((d) => ({
            summary: neutralise(d.summary).slice(0, 200),
            text: keepTail(neutralise(d.text), MAX_DETAIL_CHARS)
          }))
        }
      : {}),
    createdAt,
    updatedAt: now
  }
}

/**
 * Writes the comment until it matches the freshest document: list our comments (marker + our identity),
 * create one when there is none, delete duplicates keeping the lowest id, update when the text differs,
 * then reload the document and check again. Returns the comment as last written or confirmed.
 */
async function converge(
  ctx: HandlerContext,
  access: GithubBlock,
  target: CommentTarget,
  id: string,
  committed: ContextDocument
): Promise<Comment> {
  const client = await githubClient(ctx, access)
  const me = (await client.identity()).login
  const api = commentApi(client, access.repo, target)
  let doc = committed
  let last: Comment | undefined
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    if (round > 1) doc = await ctx.reload()
    const body = renderComment(id, sectionsOf(doc))
    const mine = (await api.list())
      .filter((c) => c.user?.login === me && isProgressComment(c.body, id))
      .sort((a, b) => a.id - b.id)
    const [keep, ...duplicates] = mine
    if (!keep) {
      last = await api.create(body)
      continue
    }
    for (const dup of duplicates) await api.remove(dup.id)
    if (same(keep.body, body)) return keep
    // Another writer may have deleted it as a duplicate it saw next to an older one: list again.
    last = (await api.update(keep.id, body).catch(gone)) ?? last
  }
  ctx.logger.warning(
    `comment: the comment kept changing under parallel writers; left it after ${MAX_ROUNDS} rounds (the next writer completes it)`
  )
  if (!last) throw new ConfigError('comment: nothing was written')
  return last
}

/** A 404 as undefined (the comment is gone); anything else is rethrown. */
function gone(error: unknown): undefined {
  if (error instanceof GithubApiError && error.status === 404) return undefined
  throw error
}

interface CommentApi {
  list(): Promise<Comment[]>
  create(body: string): Promise<Comment>
  update(id: number, body: string): Promise<Comment>
  remove(id: number): Promise<void>
}

function commentApi(client: GithubClient, repo: RepoRef, target: CommentTarget): CommentApi {
  // Two writers deleting the same duplicate: the second one finds it gone.
  const ignoreGone = async (p: Promise<void>): Promise<void> => {
    await p.catch(gone)
  }
  if (target.kind === 'issue') {
    return {
      list: () => client.listIssueComments(repo, target.number),
      create: (body) => client.createIssueComment(repo, target.number, body),
      update: (id, body) => client.updateIssueComment(repo, id, body),
      remove: (id) => ignoreGone(client.deleteIssueComment(repo, id))
    }
  }
  return {
    list: () => client.listCommitComments(repo, target.sha),
    create: (body) => client.createCommitComment(repo, target.sha, body),
    update: (id, body) => client.updateCommitComment(repo, id, body),
    remove: (id) => ignoreGone(client.deleteCommitComment(repo, id))
  }
}

/** GitHub may store line ends as CRLF and trims the end: compare what a reader sees. */
function same(stored: string | null | undefined, body: string): boolean {
  const norm = (s: string): string => s.replace(/\r\n/g, '\n').trimEnd()
  return typeof stored === 'string' && norm(stored) === norm(body)
}

/** `state.comments.<block>.{id,url}` by default, then the config's and block's capture rules. */
async function capture(
  ctx: HandlerContext,
  block: JsonObject,
  name: string,
  comment: Comment,
  target: CommentTarget
): Promise<Record<string, JsonValue>> {
  const captured: Record<string, JsonValue> = {
    [`state.comments.${safePart(name)}.id`]: comment.id,
    [`state.comments.${safePart(name)}.url`]: comment.html_url
  }
  for (const [path, value] of Object.entries(captured)) ctx.work.set(path, value)
  const body = {
    id: comment.id,
    html_url: comment.html_url,
    ...(target.kind === 'issue' ? { issue_number: target.number } : { commit_sha: target.sha })
  }
  return { ...captured, ...(await captureResponse(ctx, 'comment', block, body)) }
}

/** A fork's token is read-only: GitHub answers 403 on write. Not a rate limit (those carry a wait). */
function isForkRefusal(error: unknown, target: CommentTarget, facts: EventFacts): boolean {
  return (
    error instanceof GithubApiError &&
    error.status === 403 &&
    error.retryAfterMs === undefined &&
    target.kind === 'issue' &&
    isForkPullRequest(facts)
  )
}

/**
 * The section goes to the job summary instead (HandlerOutcome.summary: the actions append it to
 * GITHUB_STEP_SUMMARY, the CLI logs it), with a warning; the step does not fail.
 */
function forkFallback(
  ctx: HandlerContext,
  base: Pick<HandlerOutcome, 'handler' | 'block' | 'onError'>,
  target: CommentTarget,
  section: JsonObject
): HandlerOutcome {
  const where = target.kind === 'issue' ? `pull request #${target.number}` : 'the commit'
  const reason = `the token cannot write to ${where} (a fork's read-only token): the section is in the job summary`
  ctx.logger.warning(`comment '${base.block}': ${reason}`)
  return {
    ...base,
    status: 'ok',
    reason,
    summary: `#### ${String(section.title)}\n\n${String(section.body)}\n`
  }
}

function permissionHint(error: unknown, target: CommentTarget): unknown {
  if (
    !(error instanceof GithubApiError) ||
    error.status !== 403 ||
    error.retryAfterMs !== undefined
  ) {
    return error
  }
  const needs =
    target.kind === 'issue' ? 'pull-requests: write (or issues: write)' : 'contents: write'
  return new GithubApiError(`${error.message}; the token needs ${needs}`, error.status)
}

function targetPath(access: GithubBlock, target: CommentTarget): string {
  const repo = `/repos/${access.repo.owner}/${access.repo.repo}`
  return target.kind === 'issue'
    ? `${repo}/issues/${target.number}/comments`
    : `${repo}/commits/${target.sha}/comments`
}

function sectionPath(job: string, block: string): string {
  return `${SECTIONS_PATH}.${job}.${safePart(block)}`
}

/** Every stored section, flattened to `<job>/<block>` keys; malformed entries are skipped. */
export function sectionsOf(doc: ContextDocument): CommentSection[] {
  const all = valueAt(doc, SECTIONS_PATH)
  if (!isJsonObject(all)) return []
  const out: CommentSection[] = []
  for (const [job, blocks] of Object.entries(all)) {
    if (!isJsonObject(blocks)) continue
    for (const [block, s] of Object.entries(blocks)) {
      if (!isJsonObject(s) || typeof s.body !== 'string') continue
      out.push({
        key: `${job}/${block}`,
        title: typeof s.title === 'string' ? s.title : `${job} · ${block}`,
        body: s.body,
        ...detailsOf(s.details),
        createdAt: typeof s.createdAt === 'string' ? s.createdAt : '',
        updatedAt: typeof s.updatedAt === 'string' ? s.updatedAt : ''
      })
    }
  }
  return out
}

function detailsOf(value: JsonValue | undefined): Pick<CommentSection, 'details'> {
  if (!Array.isArray(value)) return {}
  const details = value.filter(
    (d): d is { summary: string; text: string } =>
      isJsonObject(d) && typeof d.summary === 'string' && typeof d.text === 'string'
  )
  return details.length ? { details } : {}
}

function contextId(doc: ContextDocument): string {
  const state: JsonObject = isJsonObject(doc.state) ? doc.state : {}
  return typeof state.cicdContextDataId === 'string' ? state.cicdContextDataId : 'context'
}

/** A key that is one path segment: job ids and block names keep letters, digits, `-` and `_`. */
function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_'
}

export function valueAt(doc: JsonValue, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = doc
  for (const key of path.split('.')) node = isJsonObject(node) ? node[key] : undefined
  return node
}
