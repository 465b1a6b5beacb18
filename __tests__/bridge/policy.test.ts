import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { authorize, loadPolicy, protectionTarget, type Click } from '../../src/bridge/policy.js'
import { ConfigError } from '../../src/errors.js'
import { KEY_CURRENT, KEY_PREVIOUS, OTHER_KEY, POLICY_YAML } from './slack-fixtures.js'

const policy = loadPolicy(POLICY_YAML, 'bridge.yaml')
const click: Click = {
  target: 'deploy',
  choice: 'prod',
  channel: 'C0DEPLOYS1',
  user: 'U0ALICE01',
  context: 'app-1.4.2',
  run: '987654'
}

/** The fixture's deploy target with one line replaced, for validation errors. */
function withLine(from: string, to: string): string {
  expect(POLICY_YAML).toContain(from)
  return POLICY_YAML.replace(from, to)
}

function loadError(text: string, env: Record<string, string> = {}): string {
  try {
    loadPolicy(text, 'bridge.yaml', env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('loaded')
}

describe('loadPolicy', () => {
  it('loads targets, keys in rotation order, and the slack identity', () => {
    const deploy = policy.targets.get('deploy')!
    expect(deploy).toMatchObject({
      repository: 'acme/app',
      workflow: 'deploy.yml',
      ref: 'main',
      choices: ['stage', 'prod'],
      allowedUsers: ['U0ALICE01'],
      allowedUserGroups: ['S0DEPLOYRS'],
      allowedChannels: ['C0DEPLOYS1']
    })
    expect(deploy.keys.map((k) => k.id)).toEqual(['k2026', 'k2025'])
    expect(policy.slack).toEqual({ teamId: 'T0TEAM001', apiAppId: 'A0BRIDGE01' })
  })

  it('reads a key from a named variable (secretEnv)', () => {
    const text = withLine(`secret: ${OTHER_KEY}`, 'secretEnv: OTHER_KEY')
    const loaded = loadPolicy(text, 'bridge.yaml', { OTHER_KEY })
    expect(loaded.targets.get('other')!.keys[0]!.secret).toBe(OTHER_KEY)
    expect(loadError(text)).toBe(
      'bridge.yaml: targets.other.keys[0].secretEnv names variable OTHER_KEY, which is not set'
    )
  })

  it.each([
    ['repository: acme/app', 'repository: acme', 'targets.deploy.repository "acme" is malformed'],
    [
      'workflow: deploy.yml',
      'workflow: deploy.sh',
      'targets.deploy.workflow "deploy.sh" is malformed'
    ],
    [
      'choices: [stage, prod]',
      'choices: []',
      'targets.deploy.choices must list at least one choice'
    ],
    [
      "source-run-id: '{{run}}'",
      "source-run-id: '{{ secrets.TOKEN }}'",
      'targets.deploy.inputs.source-run-id uses {{secrets.TOKEN}}'
    ],
    [
      "note: 'chosen in Slack'",
      'note: "{{ constructor.constructor(\'return process\')() }}"',
      'targets.deploy.inputs.note uses'
    ],
    [
      'allowedChannels: [C0DEPLOYS1]',
      'allowedChannels: []',
      'targets.deploy.allowedChannels must list at least one channel'
    ],
    [
      'allowedUsers: [U0ALICE01]\n    allowedUserGroups: [S0DEPLOYRS]',
      'allowedUsers: []',
      'targets.deploy needs allowedUsers or allowedUserGroups'
    ],
    [
      'allowedUsers: [U0ALICE01]\n    allowedUserGroups',
      'allowedUsers: [alice]\n    allowedUserGroups',
      'targets.deploy.allowedUsers[0] must match'
    ],
    [
      `secret: ${KEY_PREVIOUS}`,
      'secret: short',
      'targets.deploy.keys[1].secret must be at least 32 characters'
    ],
    ['id: k2025', 'id: k2026', 'targets.deploy.keys ids must differ'],
    ['targets:', 'targetz:', 'targetz is not a known key'],
    [
      'allowedUserGroups:',
      'allowedUserGroup:',
      'targets.deploy.allowedUserGroup is not a known key'
    ],
    [
      'id: k2025, secret:',
      'id: k2025, secert:',
      'targets.deploy.keys[1].secert is not a known key'
    ],
    ['apiAppId: A0BRIDGE01', 'appId: A0BRIDGE01', 'slack.appId is not a known key']
  ])('refuses %s → %s with a one-line error naming the key', (from, to, message) => {
    const error = loadError(withLine(from, to))
    expect(error).toContain(`bridge.yaml: ${message}`)
    expect(error).not.toContain('\n')
    for (const secret of [KEY_CURRENT, KEY_PREVIOUS, OTHER_KEY, 'short'])
      expect(error).not.toContain(secret)
  })

  it('refuses three keys (rotation holds the current and the previous one)', () => {
    const text = withLine(
      'keys:\n      - { id: o1',
      `keys:\n      - { id: o0, secret: ${'z'.repeat(40)} }\n      - { id: o2, secret: ${'y'.repeat(40)} }\n      - { id: o1`
    )
    expect(loadError(text)).toBe(
      'bridge.yaml: targets.other.keys must list one or two keys (current and previous)'
    )
  })

  it('reports malformed YAML with the file and line', () => {
    expect(loadError('targets:\n  deploy: [\n')).toMatch(/^malformed YAML in bridge\.yaml:\d+/)
  })
})

describe('authorize', () => {
  it('builds the dispatch from the allowlist alone, substituting the four placeholders', async () => {
    expect(await authorize(policy, click)).toEqual({
      ok: true,
      dispatch: {
        target: 'deploy',
        repository: 'acme/app',
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: {
          'context-id': 'app-1.4.2',
          environment: 'prod',
          'slack-user': 'U0ALICE01',
          'source-run-id': '987654',
          note: 'chosen in Slack'
        }
      }
    })
  })

  it('substitutes once and never evaluates: placeholder text in a value stays text', async () => {
    const result = await authorize(policy, { ...click, context: '{{user}}', run: undefined })
    expect(result.ok && result.dispatch.inputs).toMatchObject({
      'context-id': '{{user}}',
      'source-run-id': ''
    })
  })

  it.each([
    ['an unlisted target', { target: 'nope' }, 'unknown-target'],
    ['an unlisted choice', { choice: 'qa' }, 'unknown-choice'],
    ['a channel not allowed', { channel: 'C0RANDOM01' }, 'channel'],
    ['a user not allowed', { user: 'U0MALLORY1' }, 'user']
  ])('refuses %s', async (_name, change, reason) => {
    expect(await authorize(policy, { ...click, ...change })).toMatchObject({ ok: false, reason })
  })

  it('allows a member of an allowed user group (injected lookup), and fails closed when it errors', async () => {
    const members = async (group: string) => (group === 'S0DEPLOYRS' ? ['U0BOB0001'] : [])
    expect((await authorize(policy, { ...click, user: 'U0BOB0001' }, members)).ok).toBe(true)
    expect(await authorize(policy, { ...click, user: 'U0CAROL01' }, members)).toMatchObject({
      reason: 'user'
    })
    const broken = async (): Promise<string[]> => {
      throw new Error('usergroups.users.list failed for xoxb-secret-token')
    }
    const refused = await authorize(policy, { ...click, user: 'U0BOB0001' }, broken)
    expect(refused).toMatchObject({ ok: false, reason: 'group-lookup' })
    expect(JSON.stringify(refused)).not.toContain('xoxb')
  })
})

describe('the allowlist example in src/bridge/README.md', () => {
  it('loads as documented', async () => {
    const readme = readFileSync('src/bridge/README.md', 'utf8')
    const snippet = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!
    const loaded = loadPolicy(snippet, 'README.md', { BRIDGE_KEY_DEPLOY_2026: KEY_CURRENT })
    const members = async () => ['U0BOB0001']
    const result = await authorize(loaded, { ...click, user: 'U0BOB0001' }, members)
    expect(result.ok && result.dispatch).toMatchObject({
      repository: 'acme/app',
      workflow: 'deploy.yml'
    })
    expect(protectionTarget(loaded, 'acme/app', 'production')?.channel).toBe('C0DEPLOYS1')
  })
})

/** The Node adapter (node-server.ts) is the one bridge module allowed Node's built-ins. */
const NODE_ONLY = new Set(['node-server.ts'])
/** Packages the runtime-neutral modules may import statically: they run on Node, Workers and Lambda. */
const NEUTRAL_PACKAGES = /^(hono(\/.*)?|@octokit\/request|@octokit\/auth-app|js-yaml)$/

describe('the core is runtime-neutral', () => {
  it('imports nothing from node: (also through its relative imports) and loads ioredis only lazily', () => {
    const seen = new Set<string>()
    const visit = (file: string): void => {
      if (seen.has(file)) return
      seen.add(file)
      const text = readFileSync(file, 'utf8')
      expect(`${file}: ${text.match(/from 'node:[^']*'|require\(/)?.[0] ?? 'ok'}`).toBe(
        `${file}: ok`
      )
      for (const m of text.matchAll(/^import (?!type )[^']*?from '([^']+)'/gm)) {
        const spec = m[1]!
        if (!/^\.\.?\//.test(spec)) {
          expect(`${file}: ${spec}`).toMatch(new RegExp(`: ${NEUTRAL_PACKAGES.source.slice(1)}`))
          continue
        }
        visit(join(dirname(file), spec.replace(/\.js$/, '.ts')))
      }
    }
    for (const file of readdirSync('src/bridge').filter((f) => f.endsWith('.ts'))) {
      if (!NODE_ONLY.has(file)) visit(join('src/bridge', file))
    }
    expect(seen.size).toBeGreaterThan(8)
  })
})

const PROTECTION_YAML = `${POLICY_YAML}
  prod-gate:
    kind: protection
    repository: acme/app
    environments: [production, eu-production]
    channel: C0DEPLOYS1
    allowedUsers: [U0ALICE01]
    keys:
      - { id: g1, secret: ${OTHER_KEY} }
`

describe('kind: protection targets', () => {
  it('loads environments and channel; choices are approve/reject; clicks come from the channel', () => {
    const loaded = loadPolicy(PROTECTION_YAML, 'bridge.yaml')
    expect(loaded.targets.get('deploy')!.kind).toBe('dispatch')
    expect(loaded.targets.get('prod-gate')).toMatchObject({
      kind: 'protection',
      repository: 'acme/app',
      environments: ['production', 'eu-production'],
      channel: 'C0DEPLOYS1',
      choices: ['approve', 'reject'],
      allowedChannels: ['C0DEPLOYS1']
    })
    expect(protectionTarget(loaded, 'acme/app', 'eu-production')?.name).toBe('prod-gate')
    expect(protectionTarget(loaded, 'acme/app', 'staging')).toBeUndefined()
    expect(protectionTarget(loaded, 'acme/other', 'production')).toBeUndefined()
  })

  it.each([
    [
      'kind: protection',
      'kind: gate',
      'targets.prod-gate.kind "gate" is not dispatch or protection'
    ],
    [
      'environments: [production, eu-production]',
      'environments: []',
      'targets.prod-gate.environments must list at least one environment'
    ],
    [
      'environments: [production, eu-production]',
      'environments: [prod env]',
      'targets.prod-gate.environments[0] must match ^[A-Za-z0-9._-]{1,100}$'
    ],
    ['channel: C0DEPLOYS1', 'channel: general', 'targets.prod-gate.channel "general" is malformed'],
    [
      'channel: C0DEPLOYS1',
      'channel: C0DEPLOYS1\n    workflow: deploy.yml',
      'targets.prod-gate.workflow is not a known key'
    ],
    [
      'channel: C0DEPLOYS1',
      'channel: C0DEPLOYS1\n    allowedChannels: [C0OTHER01]',
      "targets.prod-gate.allowedChannels must include the target's channel C0DEPLOYS1"
    ],
    [
      'allowedUsers: [U0ALICE01]\n    keys:\n      - { id: g1',
      'keys:\n      - { id: g1',
      'targets.prod-gate needs allowedUsers or allowedUserGroups'
    ]
  ])('refuses %j → %j with a one-line error', (from, to, message) => {
    expect(PROTECTION_YAML).toContain(from)
    const error = loadError(
      PROTECTION_YAML.replace(
        new RegExp(`(prod-gate:[\\s\\S]*)${from.replace(/[[\]{}.*]/g, '\\$&')}`),
        `$1${to}`
      )
    )
    expect(error).toContain(`bridge.yaml: ${message}`)
    expect(error.split('\n')).toHaveLength(1)
  })
})

describe('reject choices of a dispatch target', () => {
  it('loads a reject list naming some of the choices, and refuses one that is not a choice', () => {
    const text = withLine(
      'choices: [stage, prod]',
      'choices: [stage, prod, skip]\n    reject: [skip]'
    )
    expect(loadPolicy(text, 'bridge.yaml').targets.get('deploy')!.reject).toEqual(['skip'])
    expect(policy.targets.get('deploy')!.reject).toEqual([])
    expect(
      loadError(withLine('choices: [stage, prod]', 'choices: [stage, prod]\n    reject: [later]'))
    ).toBe('bridge.yaml: targets.deploy.reject[0] "later" is not one of choices')
  })
})
