/**
 * The bridge's allowlist: which targets exist, what each one dispatches, and who may click. Everything
 * that decides which workflow runs (repository, workflow, ref) comes from here, never from the payload.
 */
import { ConfigError } from '../errors.js'
import { parseYaml } from '../core/yaml.js'
import type { TargetKey } from './value.js'

export type TargetKind = 'dispatch' | 'protection'

export interface Target {
  name: string
  /**
   * `dispatch` (default): a choice starts `workflow` at `ref`. `protection`: the buttons answer a job
   * waiting on one of `environments` (a custom deployment protection rule); choices are approve/reject.
   */
  kind: TargetKind
  repository: string
  workflow: string
  ref: string
  choices: readonly string[]
  /** Choices that record a rejection and start nothing (a subset of `choices`). */
  reject: readonly string[]
  /** Workflow input name → template with only {{context}}, {{choice}}, {{user}}, {{run}}. */
  inputs: Readonly<Record<string, string>>
  allowedUsers: readonly string[]
  allowedUserGroups: readonly string[]
  allowedChannels: readonly string[]
  /** One or two keys (current and previous, for rotation); the first mints. */
  keys: readonly TargetKey[]
  /** `protection` only: the environments whose waiting runs this target answers. */
  environments: readonly string[]
  /** `protection` only: the channel the approve/reject message is posted to. */
  channel?: string
}

export interface Policy {
  targets: ReadonlyMap<string, Target>
  /** When set, a payload from another workspace or app is refused. */
  slack: { teamId?: string; apiAppId?: string }
}

/** What a verified click names (from the decoded value) and who made it (from Slack's payload). */
export interface Click {
  target: string
  choice: string
  channel: string
  user: string
  context: string
  run?: string
  /** The signed approval minted for this click (`{{approval}}`), for the dispatched run to verify. */
  approval?: string
}

export interface DispatchRequest {
  target: string
  repository: string
  workflow: string
  ref: string
  inputs: Record<string, string>
}

export type AuthorizeResult =
  | { ok: true; dispatch: DispatchRequest }
  | {
      ok: false
      reason: 'unknown-target' | 'unknown-choice' | 'channel' | 'user' | 'group-lookup'
      message: string
    }

/** Members of a Slack user group (`usergroups.users.list`); injected, cached by the caller. */
export type GroupLookup = (groupId: string) => Promise<readonly string[]>

const NAME = /^[A-Za-z0-9._-]{1,64}$/
const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/
const WORKFLOW = /^(?:[A-Za-z0-9_.-]{1,200}\.ya?ml|\d{1,20})$/
const SLACK_USER = /^[UW][A-Z0-9]{2,30}$/
const SLACK_GROUP = /^S[A-Z0-9]{2,30}$/
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,30}$/
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g
const PLACEHOLDERS = new Set(['context', 'choice', 'user', 'run', 'approval'])
/** GitHub accepts at most 25 inputs on a workflow_dispatch. */
const MAX_INPUTS = 25
const MIN_SECRET_LENGTH = 32
/** GitHub environment names the bridge accepts (they travel in a button's context id). */
const ENVIRONMENT = /^[A-Za-z0-9._-]{1,100}$/
const PROTECTION_KEYS = [
  'kind',
  'repository',
  'environments',
  'channel',
  'allowedUsers',
  'allowedUserGroups',
  'allowedChannels',
  'keys'
]
const TARGET_KEYS = [
  'kind',
  'repository',
  'workflow',
  'ref',
  'choices',
  'reject',
  'inputs',
  'allowedUsers',
  'allowedUserGroups',
  'allowedChannels',
  'keys'
]

type Raw = Record<string, unknown>

function isMap(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

class Reader {
  constructor(
    private readonly source: string,
    private readonly env: Readonly<Record<string, string | undefined>>
  ) {}

  fail(key: string, what: string): never {
    throw new ConfigError(`${this.source}: ${key} ${what}`, this.source)
  }

  string(map: Raw, field: string, at: string, pattern?: RegExp): string {
    const v = map[field]
    if (typeof v !== 'string' || v === '') this.fail(`${at}.${field}`, 'must be a non-empty string')
    if (pattern && !pattern.test(v)) this.fail(`${at}.${field}`, `"${v}" is malformed`)
    return v
  }

  list(map: Raw, field: string, at: string, pattern: RegExp): string[] {
    const v = map[field] ?? []
    if (!Array.isArray(v)) this.fail(`${at}.${field}`, 'must be a list')
    return v.map((item, i) => {
      if (typeof item !== 'string' || !pattern.test(item)) {
        this.fail(`${at}.${field}[${i}]`, `must match ${pattern.source}`)
      }
      return item
    })
  }

  /** `secret` inline, or `secretEnv` naming a variable (Workers bindings, Lambda env). Never echoed. */
  keys(map: Raw, at: string): TargetKey[] {
    const v = map.keys
    if (!Array.isArray(v) || v.length < 1 || v.length > 2) {
      this.fail(`${at}.keys`, 'must list one or two keys (current and previous)')
    }
    const keys = v.map((item: unknown, i) => {
      const where = `${at}.keys[${i}]`
      if (!isMap(item)) this.fail(where, 'must be a mapping with id and secret')
      this.onlyKnown(item, where, ['id', 'secret', 'secretEnv'])
      const id = this.string(item, 'id', where, NAME)
      const fromEnv = typeof item.secretEnv === 'string' ? this.env[item.secretEnv] : undefined
      const secret = typeof item.secret === 'string' ? item.secret : fromEnv
      if (typeof item.secretEnv === 'string' && fromEnv === undefined) {
        this.fail(`${where}.secretEnv`, `names variable ${item.secretEnv}, which is not set`)
      }
      if (secret === undefined) this.fail(where, 'needs secret or secretEnv')
      if (secret.length < MIN_SECRET_LENGTH) {
        this.fail(`${where}.secret`, `must be at least ${MIN_SECRET_LENGTH} characters`)
      }
      return { id, secret }
    })
    if (keys.length === 2 && keys[0]?.id === keys[1]?.id) this.fail(`${at}.keys`, 'ids must differ')
    return keys
  }

  inputs(map: Raw, at: string): Record<string, string> {
    const v = map.inputs ?? {}
    if (!isMap(v)) this.fail(`${at}.inputs`, 'must be a mapping of input name to template')
    const names = Object.keys(v)
    if (names.length > MAX_INPUTS) this.fail(`${at}.inputs`, `has more than ${MAX_INPUTS} inputs`)
    const out: Record<string, string> = {}
    for (const name of names) {
      const template = v[name]
      const where = `${at}.inputs.${name}`
      if (!/^[A-Za-z_][A-Za-z0-9_-]{0,99}$/.test(name))
        this.fail(where, 'is not a valid input name')
      if (typeof template !== 'string') this.fail(where, 'must be a string')
      for (const m of template.matchAll(PLACEHOLDER)) {
        if (!PLACEHOLDERS.has(m[1] ?? '')) {
          this.fail(
            where,
            `uses {{${m[1]}}}; only {{context}}, {{choice}}, {{user}}, {{run}} exist`
          )
        }
      }
      out[name] = template
    }
    return out
  }

  /** A misspelt key (`allowedUserGroup`) must not silently drop a restriction or a setting. */
  onlyKnown(map: Raw, at: string, known: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (!known.includes(key))
        this.fail(`${at}.${key}`, `is not a known key (${known.join(', ')})`)
    }
  }

  target(name: string, map: unknown): Target {
    const at = `targets.${name}`
    if (!NAME.test(name)) this.fail(at, 'is not a valid target name ([A-Za-z0-9._-]{1,64})')
    if (!isMap(map)) this.fail(at, 'must be a mapping')
    const kind = map.kind ?? 'dispatch'
    if (kind === 'protection') return this.protection(name, map, at)
    if (kind !== 'dispatch')
      this.fail(`${at}.kind`, `"${String(kind)}" is not dispatch or protection`)
    this.onlyKnown(map, at, TARGET_KEYS)
    const choices = this.list(map, 'choices', at, NAME)
    if (choices.length === 0) this.fail(`${at}.choices`, 'must list at least one choice')
    const reject = this.list(map, 'reject', at, NAME)
    for (const [i, choice] of reject.entries()) {
      if (!choices.includes(choice))
        this.fail(`${at}.reject[${i}]`, `"${choice}" is not one of choices`)
    }
    const target: Target = {
      name,
      kind: 'dispatch',
      reject,
      environments: [],
      repository: this.string(map, 'repository', at, REPOSITORY),
      workflow: this.string(map, 'workflow', at, WORKFLOW),
      ref: this.string(map, 'ref', at, /^[^\s~^:?*[\\]{1,255}$/),
      choices,
      inputs: this.inputs(map, at),
      allowedUsers: this.list(map, 'allowedUsers', at, SLACK_USER),
      allowedUserGroups: this.list(map, 'allowedUserGroups', at, SLACK_GROUP),
      allowedChannels: this.list(map, 'allowedChannels', at, SLACK_CHANNEL),
      keys: this.keys(map, at)
    }
    return this.failClosed(target, at)
  }

  /** A `kind: protection` target: no workflow, ref, inputs or choices (approve / reject are fixed). */
  protection(name: string, map: Raw, at: string): Target {
    this.onlyKnown(map, at, PROTECTION_KEYS)
    const environments = this.list(map, 'environments', at, ENVIRONMENT)
    if (environments.length === 0)
      this.fail(`${at}.environments`, 'must list at least one environment')
    const channel = this.string(map, 'channel', at, SLACK_CHANNEL)
    const listed = this.list(map, 'allowedChannels', at, SLACK_CHANNEL)
    if (listed.length > 0 && !listed.includes(channel)) {
      this.fail(`${at}.allowedChannels`, `must include the target's channel ${channel}`)
    }
    const target: Target = {
      name,
      kind: 'protection',
      repository: this.string(map, 'repository', at, REPOSITORY),
      workflow: '',
      ref: '',
      choices: ['approve', 'reject'],
      reject: [],
      inputs: {},
      allowedUsers: this.list(map, 'allowedUsers', at, SLACK_USER),
      allowedUserGroups: this.list(map, 'allowedUserGroups', at, SLACK_GROUP),
      // The buttons are posted to `channel` and bound to it; clicks come from there.
      allowedChannels: listed.length > 0 ? listed : [channel],
      keys: this.keys(map, at),
      environments,
      channel
    }
    return this.failClosed(target, at)
  }

  /** An empty list never means "everyone". */
  failClosed(target: Target, at: string): Target {
    if (target.allowedChannels.length === 0) {
      this.fail(`${at}.allowedChannels`, 'must list at least one channel')
    }
    if (target.allowedUsers.length === 0 && target.allowedUserGroups.length === 0) {
      this.fail(at, 'needs allowedUsers or allowedUserGroups (nobody may click otherwise)')
    }
    return target
  }
}

/** Parses and validates the allowlist YAML; errors are one line naming the file and key. */
export function loadPolicy(
  text: string,
  source: string,
  env: Readonly<Record<string, string | undefined>> = {}
): Policy {
  const reader: Reader = new Reader(source, env)
  const doc = parseYaml(text, source)
  if (!isMap(doc)) reader.fail('top level', 'must be a mapping with targets')
  for (const key of Object.keys(doc)) {
    if (key !== 'targets' && key !== 'slack')
      reader.fail(key, 'is not a known key (targets, slack)')
  }
  if (!isMap(doc.targets) || Object.keys(doc.targets).length === 0) {
    reader.fail('targets', 'must map at least one target name to its settings')
  }
  const targets = new Map<string, Target>()
  for (const [name, map] of Object.entries(doc.targets)) targets.set(name, reader.target(name, map))
  const slack: Policy['slack'] = {}
  if (doc.slack !== undefined) {
    if (!isMap(doc.slack)) reader.fail('slack', 'must be a mapping')
    reader.onlyKnown(doc.slack, 'slack', ['teamId', 'apiAppId'])
    if (doc.slack.teamId !== undefined) slack.teamId = reader.string(doc.slack, 'teamId', 'slack')
    if (doc.slack.apiAppId !== undefined) {
      slack.apiAppId = reader.string(doc.slack, 'apiAppId', 'slack')
    }
  }
  return { targets, slack }
}

/** The protection target answering `environment` of `repository`, if the allowlist lists one. */
export function protectionTarget(
  policy: Policy,
  repository: string,
  environment: string
): Target | undefined {
  for (const t of policy.targets.values()) {
    if (
      t.kind === 'protection' &&
      t.repository === repository &&
      t.environments.includes(environment)
    )
      return t
  }
  return undefined
}

/** Substitutes the placeholders; the text is copied, never evaluated. */
export function renderInput(template: string, click: Click): string {
  const values: Record<string, string> = {
    context: click.context,
    choice: click.choice,
    user: click.user,
    run: click.run ?? '',
    approval: click.approval ?? ''
  }
  return template.replace(PLACEHOLDER, (_all, name: string) => values[name] ?? '')
}

/** Decides whether a click may dispatch, and builds the dispatch from the allowlist alone. */
export async function authorize(
  policy: Policy,
  click: Click,
  groupMembers?: GroupLookup
): Promise<AuthorizeResult> {
  const target = policy.targets.get(click.target)
  if (!target) {
    return { ok: false, reason: 'unknown-target', message: `target ${click.target} is not listed` }
  }
  if (!target.choices.includes(click.choice)) {
    return { ok: false, reason: 'unknown-choice', message: `choice ${click.choice} is not listed` }
  }
  if (!target.allowedChannels.includes(click.channel)) {
    return { ok: false, reason: 'channel', message: 'this channel may not trigger this target' }
  }
  let allowed: boolean
  try {
    allowed = await userAllowed(target, click.user, groupMembers)
  } catch {
    // Fail closed; the lookup's own error may name a token, so it is not echoed.
    return { ok: false, reason: 'group-lookup', message: 'could not check your user groups' }
  }
  if (!allowed) {
    return { ok: false, reason: 'user', message: 'you are not allowed to make this choice' }
  }
  const inputs: Record<string, string> = {}
  for (const [name, template] of Object.entries(target.inputs)) {
    inputs[name] = renderInput(template, click)
  }
  return {
    ok: true,
    dispatch: {
      target: target.name,
      repository: target.repository,
      workflow: target.workflow,
      ref: target.ref,
      inputs
    }
  }
}

async function userAllowed(
  target: Target,
  user: string,
  groupMembers: GroupLookup | undefined
): Promise<boolean> {
  if (target.allowedUsers.includes(user)) return true
  if (!groupMembers) return false
  for (const group of target.allowedUserGroups) {
    if ((await groupMembers(group)).includes(user)) return true
  }
  return false
}
