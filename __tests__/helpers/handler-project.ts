import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { put } from './cli.js'

export const SLACK_TOKEN = 'xoxb-handler-secret-4242'
export const TRIGGER_SECRET = 'trigger-secret-9191'

/** A project whose handlers talk to the stand-in at `base` (files primary, fast retries). */
export function writeHandlerProject(base: string, app: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'handlers-'))
  put(
    dir,
    'config.yaml',
    `cicdstatemgr:
  datasources:
    yamlfile: {path: localdata/ctx.yaml, isPrimary: true}
    shellfile: {path: localdata/ctx.sh}
  http: {maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, requestTimeoutMs: 1500, maxTotalMs: 5000}
  slack:
    url: ${base}/api/chat.postMessage
  trigger:
    url: ${base}/post
    headers:
      - name: X-Trigger-Token
        value: "{{ secretData.trigger.token }}"
      - name: X-Pipeline
        value: "{{ triggerPipeline.name }}"
    auto-args:
      contextId: "{{ state.cicdContextDataId }}"
      pipeline: "{{ triggerPipeline.name }}"
      overridden: auto
  notify:
    auto-capture-response-data:
      - from: "{{ body.ts }}"
        to: state.slack.{{ body.channel }}.lastTs
  manual-choice:
    auto-capture-response-data:
      - from: "{{ body.ts }}"
        to: state.choiceTs
  templates:
    notify: |
      {"channel": "{{ channel }}", "text": "{{ notify.message | json_dumps(stripLeadingTrailingQuotes=True) }}"}
    manual-choice: |
      {"channel": "{{ channel }}", "text": "{{ manualChoice.title | json_dumps(stripLeadingTrailingQuotes=True) }}",
       "choices": [{% for name, c in manualChoice.choices.items() %}{"name": "{{ name }}", "header": "{{ c.header }}", "options": [{% for o in c.options %}{"text": "{{ o.text }}", "value": "{{ o.value }}"}{{ "," if not loop.last }}{% endfor %}]}{{ "," if not loop.last }}{% endfor %}]}
    respond: |
      {"text": "{{ respond.message | json_dumps(stripLeadingTrailingQuotes=True) }}", "extra": "{{ respond.extra }}"}
`
  )
  put(
    dir,
    'secrets.yaml',
    `cicdstatemgr:\n  slack:\n    token: ${SLACK_TOKEN}\n  trigger:\n    token: ${TRIGGER_SECRET}\n`
  )
  put(dir, 'app.yaml', app)
  return dir
}

export const env = (id?: string): NodeJS.ProcessEnv => ({
  CICDSTATEMGR_CONFIG_PATH: 'config.yaml',
  CICDSTATEMGR_SECRETS_PATH: 'secrets.yaml',
  CICDSTATEMGR_INIT_APP_CONFIG_PATH: 'app.yaml',
  ...(id ? { CICDSTATEMGR_CONTEXT_DATA_ID: id } : {})
})
