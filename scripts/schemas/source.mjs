/**
 * The source of the JSON Schemas in schemas/ and of the validator the loader runs
 * (src/core/schema/validators.generated.ts); `npm run schemas` writes both. Closed (`additionalProperties:
 * false`) where this project reads the keys — datasources and handler blocks —, open where users own
 * them (configData, cicd contexts, state, templates, variables).
 *
 * Adding a handler kind: one entry in HANDLERS below (its single-block key and its block's keys).
 * Adding a datasource: one entry in DATASOURCES.
 */

const DRAFT = 'http://json-schema.org/draft-07/schema#'

// Scalars as the loader accepts them (src/core/config.ts FieldReader): YAML may give a number for a
// string field, a numeric string for a number, 'true'/'false' for a boolean; null means "not set".
// Shared pieces are `definitions` referenced by name, so the generated validator holds each once.
const DEFINITIONS = {
  string: { type: ['string', 'number', 'null'] },
  wholeNumber: {
    anyOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', pattern: '^\\s*\\d*\\s*$' },
      { type: 'null' }
    ]
  },
  boolean: {
    anyOf: [
      { type: 'boolean' },
      { type: 'string', pattern: '^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$' },
      { type: 'null' }
    ]
  },
  template: { type: ['string', 'number', 'boolean', 'null'] },
  captures: {
    type: ['array', 'null'],
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: { from: { $ref: '#/definitions/template' }, to: { type: 'string' } }
    }
  }
}
const ref = (name) => ({ $ref: `#/definitions/${name}` })
const str = ref('string')
const requiredStr = { type: ['string', 'number'] }
const int = ref('wholeNumber')
const bool = ref('boolean')
const strList = { type: ['array', 'null'], items: { type: 'string' } }
const template = ref('template')

const closed = (properties, extra = {}) => ({
  type: ['object', 'null'],
  additionalProperties: false,
  properties,
  ...extra
})
const open = (properties, extra = {}) => ({ type: ['object', 'null'], properties, ...extra })

const isPrimary = bool
const path = { ...requiredStr, description: 'File path, relative to the working directory.' }

/** A list of Redis nodes: `[{host, port}]`. */
const NODES = {
  type: ['array', 'null'],
  items: closed({ host: str, port: int }, { required: ['host'] })
}

/** datasources.<name>: every field src/core/config.ts reads. */
export const DATASOURCES = {
  redis: closed({
    isPrimary,
    host: str,
    port: int,
    db: int,
    username: str,
    password: str,
    url: str,
    keyPrefix: str,
    ttlSeconds: int,
    tls: {
      anyOf: [
        { type: ['boolean', 'null'] },
        closed({ ca: str, servername: str, rejectUnauthorized: bool })
      ]
    },
    connectTimeoutMs: int,
    commandTimeoutMs: int,
    maxAttempts: int,
    // Sentinel (failover) and Cluster (src/stores/redis-store.ts, redis-cluster-store.ts).
    sentinels: NODES,
    sentinelName: str,
    sentinelUsername: str,
    sentinelPassword: str,
    cluster: NODES
  }),
  yamlfile: closed({ isPrimary, path }, { required: ['path'] }),
  jsonfile: closed({ isPrimary, path }, { required: ['path'] }),
  shellfile: closed({ isPrimary, path, excludeKeyNames: strList }, { required: ['path'] }),
  idfile: closed({ isPrimary, path }, { required: ['path'] }),
  'actions-cache': closed({ isPrimary, keyPrefix: str, workDir: str, maxAttempts: int }),
  'actions-artifact': closed({
    isPrimary,
    retentionDays: int,
    encryptionKey: str,
    maxAttempts: int,
    token: str
  })
}

const captures = ref('captures')

/** The keys every block of every handler kind may have (src/core/events.ts). */
const SHARED = {
  enabled: template,
  if: template,
  'on-error': { enum: ['fail', 'warn', null], description: 'warn: a failure is a warning.' }
}

/** Where a GitHub handler acts and as whom (src/handlers/github-block.ts). */
const GITHUB_TARGET = { repository: template, token: template }
/** Waiting for a started run (src/handlers/github-block.ts). */
const WAITING = {
  wait: {
    type: ['boolean', 'string', 'null'],
    description: 'true, or the workflow file to wait for.'
  },
  'wait-timeout': int,
  'fail-on-conclusion': { type: ['array', 'string', 'null'], items: { type: 'string' } }
}
const CAPTURE_TO = {
  type: ['string', 'boolean', 'null'],
  description: 'Where the run details go (default state.dispatches.<block>); false: nowhere.'
}

/**
 * Handler kinds (src/handlers/*): the key that marks the single-block form, and the block's own keys.
 * `open: true` keeps the block open (respond renders every extra field into its payload).
 */
export const HANDLERS = {
  notify: {
    singleBlockKey: 'message',
    keys: {
      message: template,
      // Replace an earlier message (chat.update) instead of posting: src/handlers/slack-update.ts.
      'update-ts': template,
      'update-channel': template,
      'capture-response-data': captures
    }
  },
  'manual-choice': {
    singleBlockKey: 'title',
    keys: {
      title: template,
      // Signed button values for the Slack bridge: src/handlers/bridge-buttons.ts.
      bridge: closed(
        { target: template, keyId: template, channel: template, ttl: int },
        { required: ['target', 'keyId', 'channel'] }
      ),
      // Choices are user data the manual-choice template walks: typed, not closed.
      choices: {
        type: ['object', 'null'],
        additionalProperties: open({
          header: template,
          options: { type: ['array', 'null'], items: open({ text: template, value: template }) }
        })
      },
      'choice-generators': {
        type: ['object', 'null'],
        additionalProperties: closed(
          { foreach: { type: 'string' }, iterator: template, template: { type: 'string' } },
          { required: ['foreach', 'template'] }
        )
      },
      'capture-response-data': captures
    }
  },
  respond: { singleBlockKey: 'message', open: true, keys: { message: template, url: template } },
  // Open: its fields are `triggerPipeline.*` in the trigger.auto-args templates (e.g. an environment).
  'trigger-pipeline': {
    singleBlockKey: 'name',
    open: true,
    keys: { name: template, args: { type: ['object', 'null'], additionalProperties: template } }
  },
  'workflow-dispatch': {
    singleBlockKey: 'workflow',
    keys: {
      workflow: template,
      ...GITHUB_TARGET,
      ref: template,
      // Each value is rendered to a string; mappings and lists are sent as JSON.
      inputs: { type: ['object', 'null'] },
      'correlation-input': template,
      'find-timeout': int,
      ...WAITING,
      'capture-to': CAPTURE_TO,
      'capture-response-data': captures
    }
  },
  'repository-dispatch': {
    singleBlockKey: 'event-type',
    keys: {
      'event-type': template,
      ...GITHUB_TARGET,
      // User data, every string leaf rendered: typed, not closed.
      'client-payload': { type: ['object', 'null'] },
      'correlation-key': template,
      workflow: template,
      'find-timeout': int,
      ...WAITING,
      'capture-to': CAPTURE_TO,
      'capture-response-data': captures
    }
  },
  comment: {
    singleBlockKey: 'body',
    keys: {
      body: template,
      title: template,
      section: template,
      'pull-request': template,
      sha: template,
      'recorded-sha': template,
      ...GITHUB_TARGET,
      'capture-response-data': captures
    }
  },
  'commit-status': {
    singleBlockKey: 'state',
    keys: {
      state: template,
      context: template,
      description: template,
      'target-url': template,
      sha: template,
      'recorded-sha': template,
      ...GITHUB_TARGET,
      'capture-response-data': captures
    }
  },
  // run, shell and working-directory are literal (src/handlers/shell.ts refuses template markers in them):
  // templated text reaches the command only through env.
  shell: {
    singleBlockKey: 'run',
    keys: {
      run: { type: 'string' },
      shell: { type: ['string', 'null'] },
      'working-directory': { type: ['string', 'null'] },
      timeout: int,
      env: { type: ['object', 'null'], additionalProperties: template },
      'capture-response-data': captures
    }
  },
  'set-values': {
    singleBlockKey: 'set',
    keys: {
      set: {
        type: 'array',
        items: closed({ from: template, to: { type: 'string' } }, { required: ['from', 'to'] })
      }
    }
  }
}

/** One kind's config: a single block (it has the marking key) or named blocks sharing enabled/if/on-error. */
function handlerSchema(kind, { singleBlockKey }) {
  return {
    description: `The ${kind} handler: one block (with '${singleBlockKey}') or named blocks.`,
    if: { type: 'object', required: [singleBlockKey] },
    then: ref(`${kind}-block`),
    else: { type: 'object', properties: SHARED, additionalProperties: ref(`${kind}-block`) }
  }
}

const blockDefinitions = Object.fromEntries(
  Object.entries(HANDLERS).map(([kind, { keys, open: isOpen }]) => [
    `${kind}-block`,
    {
      type: 'object',
      properties: { ...SHARED, ...keys },
      ...(isOpen ? {} : { additionalProperties: false })
    }
  ])
)

/** handler kind -> its config, run in file order. */
const handlersMapping = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: Object.fromEntries(
    Object.entries(HANDLERS).map(([kind, spec]) => [kind, handlerSchema(kind, spec)])
  )
}

const eventHandlers = {
  type: ['object', 'null'],
  description: 'event name -> handlers, run in file order',
  additionalProperties: handlersMapping
}

/** `github-events:` GitHub event name -> entries, each run when its filters match (src/github-events). */
const githubEvents = {
  type: ['object', 'null'],
  description: 'GitHub event name (push, pull_request, …) -> entries run in file order',
  additionalProperties: {
    type: ['array', 'null'],
    items: closed(
      {
        name: { type: ['string', 'number'] },
        if: template,
        handlers: handlersMapping,
        'log-to': { enum: ['comment', 'none', null] },
        status: closed(
          { context: { type: ['string', 'number'] }, description: template },
          { required: ['context'] }
        ),
        'author-association': {
          type: ['array', 'null'],
          items: {
            enum: [
              'OWNER',
              'MEMBER',
              'COLLABORATOR',
              'CONTRIBUTOR',
              'FIRST_TIME_CONTRIBUTOR',
              'FIRST_TIMER',
              'MANNEQUIN',
              'NONE'
            ]
          }
        }
      },
      { required: ['handlers'] }
    )
  }
}

const generators = {
  type: ['object', 'null'],
  additionalProperties: open({
    if: template,
    set: { type: ['array', 'null'], items: open({ key: { type: 'string' }, value: template }) }
  })
}

function section(title, description) {
  return {
    $schema: DRAFT,
    title,
    description,
    definitions: DEFINITIONS,
    type: 'object',
    required: ['cicdstatemgr'],
    properties: {
      cicdstatemgr: {
        // Everything else under cicdstatemgr: is configData, the user's own.
        ...open({
          datasources: closed(DATASOURCES),
          slack: open({ url: str, orgUrl: str, token: str, updateUrl: str }),
          trigger: open({
            url: str,
            token: str,
            headers: {
              type: ['array', 'null'],
              items: closed({ name: { type: 'string' }, value: template }, { required: ['name'] })
            },
            'auto-args': { type: ['object', 'null'], additionalProperties: template }
          }),
          notify: open({ 'auto-capture-response-data': captures }),
          'manual-choice': open({ 'auto-capture-response-data': captures }),
          templates: { type: ['object', 'null'], additionalProperties: template },
          http: open(
            Object.fromEntries(
              [
                'connectTimeoutMs',
                'requestTimeoutMs',
                'maxAttempts',
                'baseDelayMs',
                'maxDelayMs',
                'maxTotalMs'
              ].map((k) => [k, { type: ['integer', 'null'], minimum: 0 }])
            )
          )
        })
      }
    }
  }
}

export const SCHEMAS = {
  config: section(
    'cicdstatemgr config.yaml',
    'Datasources, Slack, trigger, templates; any other key is configData in templates.'
  ),
  secrets: section(
    'cicdstatemgr secrets.yaml',
    "The config's shape: datasources are merged over config.yaml's; the section is secretData."
  ),
  'app-config': {
    $schema: DRAFT,
    title: 'cicdstatemgr app config (app.yaml and its bases)',
    definitions: { ...DEFINITIONS, ...blockDefinitions },
    type: 'object',
    properties: {
      bases: { ...strList, description: 'Files merged in order under this one (bases directory).' },
      'jinja2-macros': { type: ['object', 'null'], additionalProperties: { type: 'string' } },
      variables: { type: ['object', 'null'], description: 'name -> template, rendered at init' },
      'github-events': githubEvents,
      'cicd-contexts': {
        type: ['object', 'null'],
        // A context's own keys become the document: the user's.
        additionalProperties: open({
          pipelines: {
            type: ['object', 'null'],
            additionalProperties: open({ 'event-handlers': eventHandlers, generators })
          }
        })
      }
    }
  }
}
