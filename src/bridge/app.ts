/**
 * The bridge as one Hono app, the same on every platform: Node (`@hono/node-server`, node-server.ts),
 * Cloudflare Workers / any fetch runtime, AWS Lambda. It only wires HTTP to the
 * runtime-neutral core (`acceptInteraction`); no `node:` import here, so every adapter can bundle it.
 *
 *   POST /slack/interactivity   Slack's interactivity request → ack, then the click's work
 *   POST /github/webhook        GitHub's deployment_protection_rule → approve/reject message in Slack
 *   GET  /healthz               200 "ok" (load balancers, container health checks)
 *
 * When the click's work runs is the adapter's choice, because platforms differ in what may run after the
 * response (see README.md, "Acknowledging within 3 seconds"):
 * - `inline: true` (Lambda): the whole click runs before the response, under the dispatch's deadline;
 * - otherwise the response is returned at once and the work is handed to `defer` (Workers:
 *   `ctx.waitUntil`); without `defer` the work runs on in the background (a long-lived Node process).
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { errorMessage } from '../errors.js'
import { acceptInteraction, redact, type InteractionDeps, type Outcome } from './interaction.js'
import { DEFAULT_MAX_BODY_BYTES } from './verify.js'
import { handleGithubWebhook } from './webhook.js'

export const INTERACTIVITY_PATH = '/slack/interactivity'
export const HEALTH_PATH = '/healthz'
export const GITHUB_WEBHOOK_PATH = '/github/webhook'

export interface BridgeAppDeps extends InteractionDeps {
  /** Run the click before acknowledging (platforms that stop or throttle work after the response). */
  inline?: boolean
  /**
   * Keeps the click's work alive after the response. Default: `c.executionCtx.waitUntil` where the
   * platform has one (Workers), else the promise simply runs on (Node).
   */
  defer?: (work: Promise<unknown>, c: Context) => void
  /** Called with each click's outcome once its work is done (tests, metrics). */
  onOutcome?: (outcome: Outcome) => void
}

/** Deps per request, for platforms whose secrets arrive with the request (Workers bindings in `c.env`). */
export type BridgeDepsSource =
  BridgeAppDeps | ((c: Context) => BridgeAppDeps | Promise<BridgeAppDeps>)

export function createBridgeApp(source: BridgeDepsSource): Hono {
  const app = new Hono()
  const depsFor = (c: Context): BridgeAppDeps | Promise<BridgeAppDeps> =>
    typeof source === 'function' ? source(c) : source
  const maxBytes = typeof source === 'function' ? undefined : source.maxBodyBytes
  // Refuse oversized bodies before they are read into memory; the core checks the size again.
  const limit = bodyLimit({
    maxSize: maxBytes ?? DEFAULT_MAX_BODY_BYTES,
    onError: (c) => c.text('request body too large', 413)
  })
  app.get(HEALTH_PATH, (c) => c.text('ok'))
  // Answered inline: posting one Slack message fits GitHub's 10-second delivery timeout, and a failure
  // then shows in the App's delivery log (where it can be redelivered).
  app.post(GITHUB_WEBHOOK_PATH, limit, async (c) => {
    const deps = await depsFor(c)
    const body = new Uint8Array(await c.req.arrayBuffer())
    const result = await handleGithubWebhook({ headers: c.req.raw.headers, body }, deps)
    if (result.status >= 400) deps.log?.(`bridge: webhook refused (${describe(result.outcome)})`)
    deps.onOutcome?.(result.outcome)
    return c.body(result.body, result.status as 200, result.headers)
  })
  app.post(INTERACTIVITY_PATH, limit, async (c) => {
    const deps = await depsFor(c)
    const body = new Uint8Array(await c.req.arrayBuffer())
    const accepted = await acceptInteraction({ headers: c.req.raw.headers, body }, deps)
    if (!accepted.work) {
      deps.log?.(`bridge: rejected (${describe(accepted.outcome)})`)
      deps.onOutcome?.(accepted.outcome ?? { kind: 'rejected', reason: 'unknown' })
    } else {
      const work = runWork(accepted.work, deps)
      if (deps.inline) await work
      else defer(work, c, deps)
    }
    const { status, headers, body: text } = accepted.response
    return c.body(text, status as 200, headers)
  })
  return app
}

/** The click's work, never rejecting: its failures are logged (redacted) where no caller waits. */
async function runWork(work: () => Promise<Outcome>, deps: BridgeAppDeps): Promise<void> {
  try {
    // Not `onOutcome?.(await work())`: optional chaining would skip the work when no hook is given.
    const outcome = await work()
    deps.onOutcome?.(outcome)
  } catch (error) {
    deps.log?.(redact(`bridge: click failed: ${errorMessage(error)}`, deps))
    deps.onOutcome?.({ kind: 'unknown' })
  }
}

function defer(work: Promise<void>, c: Context, deps: BridgeAppDeps): void {
  if (deps.defer) return deps.defer(work, c)
  let waitUntil: ((p: Promise<unknown>) => void) | undefined
  try {
    // Hono throws when the platform has no execution context (Node, Lambda).
    const ctx = c.executionCtx
    waitUntil = ctx.waitUntil.bind(ctx)
  } catch {
    waitUntil = undefined
  }
  if (waitUntil) waitUntil(work)
  else void work
}

function describe(outcome: Outcome | undefined): string {
  return outcome && 'reason' in outcome ? outcome.reason : (outcome?.kind ?? 'unknown')
}
