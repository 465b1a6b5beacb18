import { ConfigError } from '../errors.js'
import type { HandlerContext } from '../core/events.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'
import { mintValue, randomNonce, type TargetKey } from '../bridge/value.js'
import { optionalSecret } from './http-post.js'

/**
 * `manual-choice` with a `bridge:` block: every button's `value` becomes a signed bridge value
 * (src/bridge/value.ts) under the target's key from secrets.yaml (`bridge.keys.<target>`), so only the
 * bridge acts on it and a button copied, altered or kept past its expiry is refused there.
 */
export interface BridgeMint {
  target: string
  channel: string
  nonce: string
  expires: number
}

/** Target names become a state path (`state.bridge.<target>`): no dots. */
const TARGET = /^[A-Za-z0-9_-]{1,64}$/
const DEFAULT_TTL_SECONDS = 3600
const MAX_TTL_SECONDS = 7 * 24 * 3600
/** The bridge's allowlist requires keys of at least this length (src/bridge/policy.ts). */
const MIN_KEY_LENGTH = 32

export async function bridgeSettings(
  block: JsonObject,
  templateContext: JsonObject,
  ctx: HandlerContext,
  where: string
): Promise<(BridgeMint & { key: TargetKey }) | undefined> {
  const bridge = block.bridge
  if (bridge === undefined || bridge === null) return undefined
  const at = `${where} bridge`
  if (!isJsonObject(bridge))
    throw new ConfigError(`${at} must be a mapping {target, keyId, channel}`)
  const text = async (key: string): Promise<string> =>
    (await ctx.render(String(bridge[key] ?? ''), templateContext, `${at}.${key}`)).trim()
  const target = await text('target')
  if (!TARGET.test(target)) throw new ConfigError(`${at}.target must match ^[A-Za-z0-9_-]{1,64}$`)
  const keyId = await text('keyId')
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(keyId)) {
    throw new ConfigError(
      `${at}.keyId is required (the id of the target key in the bridge's allowlist)`
    )
  }
  const channel = await text('channel')
  if (!/^[A-Z0-9]{2,32}$/.test(channel)) {
    throw new ConfigError(`${at}.channel must render a Slack channel id (C…), not a name`)
  }
  const ttl = ttlSeconds(bridge.ttl, at)
  const secret = optionalSecret(ctx.config.secrets, `bridge.keys.${target}`)
  if (!secret)
    throw new ConfigError(`secrets.yaml: cicdstatemgr.bridge.keys.${target} is required for ${at}`)
  if (secret.length < MIN_KEY_LENGTH) {
    throw new ConfigError(
      `secrets.yaml: cicdstatemgr.bridge.keys.${target} must be at least ${MIN_KEY_LENGTH} characters`
    )
  }
  ctx.logger.addSecret(secret)
  const now = Math.floor((ctx.github?.clock?.now() ?? Date.now()) / 1000)
  return { target, channel, nonce: randomNonce(), expires: now + ttl, key: { id: keyId, secret } }
}

function ttlSeconds(value: JsonValue | undefined, at: string): number {
  if (value === undefined || value === null || value === '') return DEFAULT_TTL_SECONDS
  const n = Number(value)
  if (!Number.isInteger(n) || n < 60 || n > MAX_TTL_SECONDS) {
    throw new ConfigError(`${at}.ttl must be whole seconds from 60 to ${MAX_TTL_SECONDS}`)
  }
  return n
}

/**
 * Replaces each option's rendered `value` (the choice) by a signed value; the choice stays readable as
 * `option.choice` for the template. One nonce for the whole message: the first click on any button wins.
 */
export async function mintButtons(
  choices: JsonObject,
  mint: BridgeMint & { key: TargetKey },
  contextId: string,
  runId: string | undefined,
  where: string
): Promise<void> {
  for (const [choiceName, choice] of Object.entries(choices)) {
    const options = (choice as JsonObject).options
    if (!Array.isArray(options)) continue
    for (const [i, option] of options.entries()) {
      const o = option as JsonObject
      const value = String(o.value ?? '')
      try {
        o.value = await mintValue(
          {
            t: mint.target,
            c: contextId,
            ch: mint.channel,
            o: value,
            n: mint.nonce,
            e: mint.expires,
            ...(runId && /^\d{1,20}$/.test(runId) ? { r: runId } : {})
          },
          mint.key
        )
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new ConfigError(`${where} choices.${choiceName}.options[${i}]: ${reason}`)
      }
      o.choice = value
    }
  }
}

/** Where the posted message is recorded, so a later run can `chat.update` it. */
export function recordPosted(
  ctx: HandlerContext,
  mint: BridgeMint,
  body: JsonValue,
  where: string
): Record<string, JsonValue> {
  const res = isJsonObject(body) ? body : {}
  const channel = typeof res.channel === 'string' ? res.channel : mint.channel
  const ts = typeof res.ts === 'string' ? res.ts : ''
  if (channel !== mint.channel) {
    // The buttons are bound to the configured channel; clicks from another are refused by the bridge.
    ctx.logger.warning(
      `${where}: Slack posted to channel ${channel}, the buttons were minted for ${mint.channel}`
    )
  }
  const base = `state.bridge.${mint.target}`
  const values: Record<string, JsonValue> = {
    [`${base}.channel`]: channel,
    [`${base}.ts`]: ts,
    [`${base}.nonce`]: mint.nonce,
    [`${base}.expires`]: mint.expires
  }
  for (const [path, value] of Object.entries(values)) ctx.work.set(path, value)
  return values
}
