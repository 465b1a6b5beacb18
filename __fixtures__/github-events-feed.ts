/**
 * The repository events feed of the REST stand-in (`GET /repos/{owner}/{repo}/events`): events built
 * from GitHub's own example answers (`repo-events-items` and friends in the OpenAPI description,
 * extracted into github-openapi/events-examples.json by scripts/extract-openapi.mjs), served newest
 * first like the API: at most 300, paginated with `Link`, an `ETag` per page honoured by
 * `If-None-Match` (304), and `X-Poll-Interval`.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

export interface FeedEventSpec {
  /** API type, e.g. `PushEvent`; its example item is the template. */
  type: string
  /** Replaces fields of the example's payload (e.g. a push's `ref` and `head`). */
  payload?: Record<string, unknown>
  /** Default: the stand-in's clock. An older time models the API's delay (the event shows up late). */
  createdAt?: string
  actor?: string
}

type Item = Record<string, unknown> & { id: string; created_at: string }

const examples = JSON.parse(
  readFileSync(new URL('./github-openapi/events-examples.json', import.meta.url), 'utf8')
) as { examples: Record<string, Item[]> }

/** The first example item of each type GitHub's description shows (PushEvent, WatchEvent, CreateEvent). */
export const EXAMPLE_TYPES: ReadonlyMap<string, Item> = new Map(
  Object.values(examples.examples)
    .flat()
    .reverse()
    .map((item) => [String(item.type), item])
)

export class EventsFeed {
  private readonly events = new Map<string, Item[]>()
  private nextId = 30_000_000_000
  /** `X-Poll-Interval` seconds (GitHub's default is 60). */
  pollInterval = 60

  constructor(private readonly iso: () => string) {}

  add(repo: string, spec: FeedEventSpec): string {
    const template = EXAMPLE_TYPES.get(spec.type)
    if (!template) throw new Error(`stand-in: no example event of type ${spec.type}`)
    const id = String(this.nextId++)
    const item: Item = {
      ...structuredClone(template),
      id,
      repo: { id: 1296269, name: repo, url: `https://api.github.com/repos/${repo}` },
      payload: { ...(template.payload as Record<string, unknown>), ...spec.payload },
      created_at: spec.createdAt ?? this.iso()
    }
    if (spec.actor)
      item.actor = { ...(item.actor as object), login: spec.actor, display_login: spec.actor }
    const list = this.events.get(repo) ?? []
    list.push(item)
    this.events.set(repo, list)
    return id
  }

  /** Newest first, at most 300 (the API's limit), like GitHub. */
  listed(repo: string): Item[] {
    return [...(this.events.get(repo) ?? [])]
      .sort(
        (a, b) => b.created_at.localeCompare(a.created_at) || Number(BigInt(b.id) - BigInt(a.id))
      )
      .slice(0, 300)
  }

  /** One page: the body, and headers with the page's ETag; 304 when the client already has it. */
  page(
    page: Item[],
    ifNoneMatch: string | undefined,
    headers: Record<string, string>
  ): { status: number; body?: unknown; headers: Record<string, string> } {
    const etag = `W/"${createHash('sha1').update(JSON.stringify(page)).digest('hex')}"`
    const common = { ...headers, etag, 'x-poll-interval': String(this.pollInterval) }
    if (ifNoneMatch === etag) return { status: 304, headers: common }
    return { status: 200, body: page, headers: common }
  }
}
