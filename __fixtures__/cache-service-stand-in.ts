/**
 * A local stand-in for GitHub's results service as JavaScript actions see it: the cache service v2
 * and the artifact service (both Twirp JSON under /twirp/…), plus the blob storage their signed URLs
 * point at. A real node:http server on 127.0.0.1, driven by the real @actions/cache and
 * @actions/artifact; see /work/shared/reference/external-protocols.md §A and §B.
 *
 * `env` is the environment a runner gives a JavaScript action, so a spawned process (a bundled action)
 * needs nothing else to reach it. Remove ACTIONS_CACHE_URL from a child's environment if the parent
 * has one; it is ignored anyway once ACTIONS_CACHE_SERVICE_V2 is set.
 *
 * Failure switches: `failNext(method, n, failure)` fails the next n calls of a Twirp method or of the
 * blob routes with an HTTP status, a dropped connection, or a reply lost after the work was done. Use 4xx statuses or 'drop' in tests: the
 * libraries retry 5xx with waits of several seconds.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService'
const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService'
const ACCOUNT = 'devstoreaccount1'
const SIGNATURE = 'stand-in-signature'
const MAX_BODY = 512 * 1024 * 1024

export type TwirpMethod =
  | 'CreateCacheEntry'
  | 'FinalizeCacheEntryUpload'
  | 'GetCacheEntryDownloadURL'
  | 'CreateArtifact'
  | 'FinalizeArtifact'
  | 'ListArtifacts'
  | 'GetSignedArtifactURL'
  | 'DeleteArtifact'
export type StandInMethod = TwirpMethod | 'BlobUpload' | 'BlobDownload'
/**
 * An HTTP status (optionally with the Twirp error message the service would give), 'drop' (close the
 * connection unanswered) or 'lost-reply' (do the work, then close the connection: the client cannot
 * tell whether its call took effect; Twirp methods only, a blob route just drops).
 */
export type Failure = number | { status: number; msg: string } | 'drop' | 'lost-reply'

export interface CacheEntryInfo {
  id: number
  key: string
  version: string
  size: number
  /** Creation order; the newest entry wins a prefix match. */
  seq: number
  content: Buffer
}

export interface ArtifactInfo {
  id: number
  name: string
  runId: string
  jobId: string
  size: number
  mimeType: string
  digest: string | undefined
  expiresAt: string | undefined
  /** The uploaded bytes (a zip unless uploaded with skipArchive). */
  content: Buffer
  /** When it was finalized (ISO). */
  createdAt: string
  /** Set by `expireArtifact`: GitHub keeps listing expired artifacts but no longer serves them. */
  expired: boolean
}

/** What a workflow run is, as far as the artifact REST API reports it (`workflow_run` of an artifact). */
export interface StandInRunInfo {
  /** The REST run id; the Twirp backend id is `run-<id>`. */
  id: number
  headBranch: string
  /** The run's head repository; differs from REPOSITORY_ID for a pull request from a fork. */
  headRepositoryId: number
  headSha: string
}

/**
 * The artifact state the REST stand-in reads (github-rest-stand-in.ts `artifacts` option), so an upload
 * through Twirp in "run A" is listable, downloadable and deletable through REST in "run B".
 */
export interface ArtifactBackend {
  list(): Array<ArtifactInfo & { run: StandInRunInfo | undefined }>
  remove(id: number): boolean
  /** A signed blob URL for the artifact's zip. */
  downloadUrl(id: number): string
}

/** The repository id every stand-in run belongs to (github-rest-stand-in.ts uses the same). */
export const REPOSITORY_ID = 1296269

export interface CacheServiceStandIn {
  /** `http://127.0.0.1:<port>/` */
  url: string
  /** What a runner gives a JavaScript action: point @actions/cache and @actions/artifact here. */
  env: Record<string, string>
  runnerTemp: string
  workspace: string
  failNext(method: StandInMethod, n?: number, failure?: Failure): void
  /**
   * The environment of another workflow run (own runtime token naming `run-<id>`, same service), for
   * tests of several runs against one service. `cacheScope` is the ref whose cache the run writes.
   */
  runEnv(run: Partial<StandInRunInfo> & { id: number; cacheScope?: string }): Record<string, string>
  /** Marks an artifact expired (still listed, no longer downloadable). */
  expireArtifact(id: number): void
  artifactBackend: ArtifactBackend
  /** Committed cache entries, oldest first. */
  entries(): CacheEntryInfo[]
  /** Finalized artifacts, oldest first. */
  artifacts(): ArtifactInfo[]
  /** How many requests a method received (failed ones included). */
  calls(method: StandInMethod): number
  /** Requests refused with 409 because the key and version already existed. */
  conflicts(): number
  close(): Promise<void>
}

interface Blob {
  data?: Buffer
  blocks: Map<string, Buffer>
  contentType?: string
}

interface PendingCache {
  blob: string
  key: string
  version: string
}

interface PendingArtifact {
  blob: string
  name: string
  runId: string
  jobId: string
  mimeType: string
  expiresAt: string | undefined
}

type Json = Record<string, unknown>

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

class State {
  seq = 0
  nextId = 1
  blobs = new Map<string, Blob>()
  pendingCache = new Map<string, PendingCache>()
  cache: CacheEntryInfo[] = []
  pendingArtifacts = new Map<string, PendingArtifact>()
  artifacts: ArtifactInfo[] = []
  failures = new Map<StandInMethod, { n: number; failure: Failure }>()
  tokens = new Set<string>()
  runs = new Map<string, StandInRunInfo>()
  counts = new Map<StandInMethod, number>()
  conflicts = 0

  constructor(
    readonly origin: () => string,
    readonly token: string
  ) {}

  count(method: StandInMethod): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1)
  }

  peekFailure(method: StandInMethod): Failure | undefined {
    const pending = this.failures.get(method)
    return pending && pending.n > 0 ? pending.failure : undefined
  }

  /** The failure to inject for this call, if any. */
  takeFailure(method: StandInMethod): Failure | undefined {
    const pending = this.failures.get(method)
    if (!pending || pending.n <= 0) return undefined
    pending.n -= 1
    return pending.failure
  }

  signedUrl(container: string, id: string): string {
    return `${this.origin()}${ACCOUNT}/${container}/${id}?sig=${SIGNATURE}&se=2099-01-01`
  }

  newBlob(container: string): string {
    const name = `${container}/${this.nextId++}`
    this.blobs.set(name, { blocks: new Map() })
    return name
  }
}

/** Starts the stand-in with fresh RUNNER_TEMP and GITHUB_WORKSPACE directories. */
export async function startCacheService(): Promise<CacheServiceStandIn> {
  const root = await mkdtemp(join(tmpdir(), 'cache-stand-in-'))
  const runnerTemp = await mkdtemp(join(root, 'runner-temp-'))
  const workspace = await mkdtemp(join(root, 'workspace-'))
  let origin = ''
  const token = runtimeToken()
  const state = new State(() => origin, token)
  state.tokens.add(token)
  state.runs.set('run-1', {
    id: 1,
    headBranch: 'main',
    headRepositoryId: REPOSITORY_ID,
    headSha: sha('main')
  })
  const server = createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'internal', msg: String(err) })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return {
    url: origin,
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: origin,
      ACTIONS_RUNTIME_TOKEN: token,
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: workspace,
      GITHUB_SERVER_URL: 'https://github.com'
    },
    runnerTemp,
    workspace,
    failNext: (method, n = 1, failure = 400) => {
      state.failures.set(method, { n, failure })
    },
    runEnv: (run) => {
      const info: StandInRunInfo = {
        headBranch: 'main',
        headRepositoryId: REPOSITORY_ID,
        headSha: sha(run.headBranch ?? 'main'),
        ...run
      }
      state.runs.set(`run-${info.id}`, info)
      const scope = run.cacheScope ?? `refs/heads/${info.headBranch}`
      const runToken = runtimeToken(`run-${info.id}`, scope)
      state.tokens.add(runToken)
      return {
        ACTIONS_CACHE_SERVICE_V2: 'true',
        ACTIONS_RESULTS_URL: origin,
        ACTIONS_RUNTIME_TOKEN: runToken,
        RUNNER_TEMP: runnerTemp,
        GITHUB_WORKSPACE: workspace,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: String(info.id),
        GITHUB_REF: scope
      }
    },
    expireArtifact: (id) => {
      const found = state.artifacts.find((a) => a.id === id)
      if (!found) throw new Error(`stand-in: no artifact ${id}`)
      found.expired = true
    },
    artifactBackend: {
      list: () => state.artifacts.map((a) => ({ ...a, run: state.runs.get(a.runId) })),
      remove: (id) => {
        const before = state.artifacts.length
        state.artifacts = state.artifacts.filter((a) => a.id !== id)
        return state.artifacts.length < before
      },
      downloadUrl: (id) => state.signedUrl('artifacts', String(id))
    },
    entries: () => state.cache.map((e) => ({ ...e })),
    artifacts: () => state.artifacts.map((a) => ({ ...a })),
    calls: (method) => state.counts.get(method) ?? 0,
    conflicts: () => state.conflicts,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(root, { recursive: true, force: true })
    }
  }
}

/**
 * An unsigned JWT shaped like the runner's: @actions/artifact reads the run and job ids from the
 * `Actions.Results:<run>:<job>` scope; `ac` lists the cache scopes as the real service does.
 */
function runtimeToken(runId = 'run-1', scope = 'refs/heads/main'): string {
  const part = (value: Json): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const claims = {
    scp: `Actions.ExampleScope Actions.Results:${runId}:job-1`,
    ac: JSON.stringify([{ Scope: scope, Permission: 3 }]),
    iat: now,
    exp: now + 3600
  }
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.stand-in`
}

function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stand-in')
  const twirp = /^\/twirp\/([^/]+)\/([^/]+)$/.exec(url.pathname)
  if (twirp && req.method === 'POST')
    return handleTwirp(state, req, res, twirp[1] ?? '', twirp[2] ?? '')
  const blob = new RegExp(`^/${ACCOUNT}/([^/]+)/([^/]+)$`).exec(url.pathname)
  if (blob) return handleBlob(state, req, res, url, `${blob[1]}/${blob[2]}`)
  sendJson(res, 404, { code: 'not_found', msg: `no route ${req.method} ${url.pathname}` })
}

async function handleTwirp(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
  service: string,
  method: string
): Promise<void> {
  const handler = service === CACHE_SERVICE ? CACHE_METHODS[method] : ARTIFACT_METHODS[method]
  if ((service !== CACHE_SERVICE && service !== ARTIFACT_SERVICE) || !handler) {
    return sendJson(res, 404, { code: 'bad_route', msg: `no method ${service}/${method}` })
  }
  const name = method as TwirpMethod
  state.count(name)
  const lostReply =
    state.peekFailure(name) === 'lost-reply' && state.takeFailure(name) !== undefined
  if (!lostReply && inject(state, name, res)) return
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
  if (!bearer || !state.tokens.has(bearer)) {
    return sendJson(res, 401, { code: 'unauthenticated', msg: 'missing bearer token' })
  }
  const body = parseJson(await readBody(req))
  try {
    const answer = handler(state, body)
    if (lostReply) res.socket?.destroy()
    else sendJson(res, 200, answer)
  } catch (err) {
    if (!(err instanceof TwirpError)) throw err
    sendJson(res, err.status, { code: err.code, msg: err.message })
  }
}

function inject(state: State, method: StandInMethod, res: ServerResponse): boolean {
  const failure = state.takeFailure(method)
  if (failure === undefined) return false
  if (typeof failure === 'number') {
    sendJson(res, failure, { code: 'stand_in_failure', msg: `injected failure of ${method}` })
  } else if (typeof failure === 'object') {
    sendJson(res, failure.status, { code: 'stand_in_failure', msg: failure.msg })
  } else res.socket?.destroy()
  return true
}

const CACHE_METHODS: Record<string, (state: State, body: Json) => Json> = {
  CreateCacheEntry: (state, body) => {
    const key = str(body.key)
    const version = str(body.version)
    const id = `${key}\u0000${version}`
    if (
      state.pendingCache.has(id) ||
      state.cache.some((e) => e.key === key && e.version === version)
    ) {
      state.conflicts += 1
      throw new TwirpError(
        409,
        'already_exists',
        'cache entry with the same key, version, and scope already exists'
      )
    }
    const blob = state.newBlob('cache')
    state.pendingCache.set(id, { blob, key, version })
    return { ok: true, signed_upload_url: state.signedUrl('cache', blob.split('/')[1] ?? '') }
  },
  FinalizeCacheEntryUpload: (state, body) => {
    const id = `${str(body.key)}\u0000${str(body.version)}`
    const pending = state.pendingCache.get(id)
    const data = pending ? state.blobs.get(pending.blob)?.data : undefined
    if (!pending || !data)
      throw new TwirpError(404, 'not_found', 'no uploaded cache entry for that key')
    if (String(data.length) !== String(body.size_bytes)) {
      throw new TwirpError(
        400,
        'invalid_argument',
        `size ${String(body.size_bytes)} != ${data.length}`
      )
    }
    state.pendingCache.delete(id)
    const entryId = Number(pending.blob.split('/')[1])
    state.cache.push({
      id: entryId,
      key: pending.key,
      version: pending.version,
      size: data.length,
      seq: ++state.seq,
      content: data
    })
    return { ok: true, entry_id: String(entryId) }
  },
  GetCacheEntryDownloadURL: (state, body) => {
    const version = str(body.version)
    const keys = [
      str(body.key),
      ...(Array.isArray(body.restore_keys) ? body.restore_keys.map(str) : [])
    ]
    const entry = findEntry(state.cache, keys, version)
    if (!entry) return { ok: false }
    return {
      ok: true,
      signed_download_url: state.signedUrl('cache', String(entry.id)),
      matched_key: entry.key
    }
  }
}

/** The service's order: each key exact first, then as a prefix; among several, the newest. */
function findEntry(
  entries: CacheEntryInfo[],
  keys: string[],
  version: string
): CacheEntryInfo | undefined {
  const sameVersion = entries.filter((e) => e.version === version)
  const newest = (list: CacheEntryInfo[]): CacheEntryInfo | undefined =>
    list.reduce<CacheEntryInfo | undefined>(
      (best, e) => (!best || e.seq > best.seq ? e : best),
      undefined
    )
  for (const key of keys) {
    const hit =
      newest(sameVersion.filter((e) => e.key === key)) ??
      newest(sameVersion.filter((e) => e.key.startsWith(key)))
    if (hit) return hit
  }
  return undefined
}

const ARTIFACT_METHODS: Record<string, (state: State, body: Json) => Json> = {
  CreateArtifact: (state, body) => {
    const runId = str(body.workflow_run_backend_id)
    const name = str(body.name)
    const taken =
      state.artifacts.some((a) => a.runId === runId && a.name === name) ||
      [...state.pendingArtifacts.values()].some((a) => a.runId === runId && a.name === name)
    if (taken)
      throw new TwirpError(
        409,
        'already_exists',
        'an artifact with this name already exists on the workflow run'
      )
    const blob = state.newBlob('artifacts')
    state.pendingArtifacts.set(blob, {
      blob,
      name,
      runId,
      jobId: str(body.workflow_job_run_backend_id),
      mimeType: typeof body.mime_type === 'string' ? body.mime_type : 'application/zip',
      expiresAt: typeof body.expires_at === 'string' ? body.expires_at : undefined
    })
    return { ok: true, signed_upload_url: state.signedUrl('artifacts', blob.split('/')[1] ?? '') }
  },
  FinalizeArtifact: (state, body) => {
    const runId = str(body.workflow_run_backend_id)
    const pending = [...state.pendingArtifacts.values()].find(
      (a) => a.runId === runId && a.name === str(body.name)
    )
    const data = pending ? state.blobs.get(pending.blob)?.data : undefined
    if (!pending || !data)
      throw new TwirpError(404, 'not_found', 'no uploaded artifact with that name')
    state.pendingArtifacts.delete(pending.blob)
    const id = Number(pending.blob.split('/')[1])
    state.artifacts.push({
      id,
      name: pending.name,
      runId,
      jobId: pending.jobId,
      size: data.length,
      mimeType: pending.mimeType,
      digest: typeof body.hash === 'string' ? body.hash : undefined,
      expiresAt: pending.expiresAt,
      content: data,
      createdAt: new Date().toISOString(),
      expired: false
    })
    return { ok: true, artifact_id: String(id) }
  },
  ListArtifacts: (state, body) => {
    const runId = str(body.workflow_run_backend_id)
    const list = state.artifacts.filter(
      (a) =>
        a.runId === runId &&
        (body.name_filter === undefined || a.name === body.name_filter) &&
        (body.id_filter === undefined || String(a.id) === String(body.id_filter))
    )
    return { artifacts: list.map(artifactJson) }
  },
  GetSignedArtifactURL: (state, body) => {
    const artifact = findArtifact(state, body)
    return { signed_url: state.signedUrl('artifacts', String(artifact.id)) }
  },
  DeleteArtifact: (state, body) => {
    const artifact = findArtifact(state, body)
    state.artifacts = state.artifacts.filter((a) => a !== artifact)
    return { ok: true, artifact_id: String(artifact.id) }
  }
}

function findArtifact(state: State, body: Json): ArtifactInfo {
  const found = state.artifacts.find(
    (a) => a.runId === str(body.workflow_run_backend_id) && a.name === str(body.name)
  )
  if (!found) throw new TwirpError(404, 'not_found', 'artifact not found')
  return found
}

function artifactJson(a: ArtifactInfo): Json {
  return {
    workflow_run_backend_id: a.runId,
    workflow_job_run_backend_id: a.jobId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size),
    created_at: a.createdAt,
    ...(a.digest ? { digest: a.digest } : {})
  }
}

async function handleBlob(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  name: string
): Promise<void> {
  const method: StandInMethod = req.method === 'PUT' ? 'BlobUpload' : 'BlobDownload'
  state.count(method)
  if (inject(state, method, res)) return
  if (url.searchParams.get('sig') !== SIGNATURE)
    return sendJson(res, 403, { code: 'AuthenticationFailed' })
  if (req.method === 'PUT') return putBlob(state, req, res, url, name)
  if (req.method === 'GET' || req.method === 'HEAD') return getBlob(state, req, res, name)
  sendJson(res, 405, { code: 'method_not_allowed' })
}

async function putBlob(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  name: string
): Promise<void> {
  const blob = state.blobs.get(name)
  if (!blob) return sendJson(res, 404, { code: 'BlobNotFound' })
  const body = await readBody(req)
  const comp = url.searchParams.get('comp')
  if (comp === 'block') {
    blob.blocks.set(url.searchParams.get('blockid') ?? '', body)
  } else if (comp === 'blocklist') {
    const ids = [
      ...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)
    ].map((m) => m[1] ?? '')
    const parts = ids.map((id) => blob.blocks.get(id))
    if (parts.some((p) => p === undefined)) return sendJson(res, 400, { code: 'InvalidBlockList' })
    blob.data = Buffer.concat(parts as Buffer[])
    blob.blocks.clear()
  } else {
    // Put Blob, as Azure checks it: the blob type is required and the length must be declared.
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
      return sendJson(res, 400, { code: 'MissingRequiredHeader', header: 'x-ms-blob-type' })
    }
    if (req.headers['content-length'] === undefined) {
      return sendJson(res, 411, { code: 'MissingContentLengthHeader' })
    }
    blob.data = body
  }
  const contentType = req.headers['x-ms-blob-content-type']
  if (typeof contentType === 'string') blob.contentType = contentType
  res.writeHead(201, {
    'x-ms-request-id': `req-${state.seq}-${Date.now()}`,
    'x-ms-version': '2024-11-04',
    etag: `"0x${Date.now().toString(16)}"`,
    'last-modified': new Date().toUTCString(),
    'content-length': '0'
  })
  res.end()
}

function getBlob(state: State, req: IncomingMessage, res: ServerResponse, name: string): void {
  const data = state.blobs.get(name)?.data
  if (!data) return sendJson(res, 404, { code: 'BlobNotFound' })
  const artifact = state.artifacts.find((a) => `artifacts/${a.id}` === name)
  res.writeHead(200, {
    'content-type':
      artifact?.mimeType ?? state.blobs.get(name)?.contentType ?? 'application/octet-stream',
    'content-length': String(data.length)
  })
  res.end(req.method === 'HEAD' ? undefined : data)
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) req.destroy(new Error('body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseJson(body: Buffer): Json {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}')
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Json)
      : {}
  } catch {
    return {}
  }
}

function str(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : String(value)
}

function sendJson(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text))
  })
  res.end(text)
}
