import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The pipeline side of a bridge hand-off, as files in a workspace: a YAML file primary, Slack pointed at a
 * stand-in, the target's key in secrets.yaml, and an app config whose `build` posts signed manual-choice
 * buttons and whose `deploy` updates that message when it finishes. Shared by the pipeline-side e2e test
 * and the whole-loop test, so both exercise the same documented configuration.
 */
export function writePipelineWorkspace(
  dir: string,
  o: { slackUrl: string; slackToken: string; key: string; channel: string }
): void {
  const files: Record<string, string> = {
    'config.yaml': `cicdstatemgr:
  datasources:
    yamlfile: {path: localdata/ctx.yaml, isPrimary: true}
  http: {maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50, requestTimeoutMs: 3000}
  slack:
    url: ${o.slackUrl}/api/chat.postMessage
  templates:
    notify: |
      {"channel": "{{ channel }}", "text": "{{ notify.message | json_dumps(stripLeadingTrailingQuotes=True) }}"}
    manual-choice: |
      {"channel": "{{ channel }}", "text": "{{ manualChoice.title }}", "blocks": [{"type": "actions", "elements": [{% for name, c in manualChoice.choices.items() %}{% for o in c.options %}{"type": "button", "text": {"type": "plain_text", "text": "{{ o.text }}"}, "value": "{{ o.value }}"}{{ "," if not loop.last }}{% endfor %}{% endfor %}]}]}
`,
    'secrets.yaml': `cicdstatemgr:\n  slack: {token: ${o.slackToken}}\n  bridge:\n    keys:\n      deploy: ${o.key}\n`,
    'app.yaml': `cicd-contexts:
  stage:
    channel: ${o.channel}
    pipelines:
      build:
        event-handlers:
          built:
            manual-choice:
              title: Deploy?
              bridge: {target: deploy, keyId: k1, channel: "{{ channel }}"}
              choices:
                env:
                  header: Where?
                  options:
                    - {text: Stage, value: stage}
                    - {text: Prod, value: prod}
      deploy:
        event-handlers:
          finished:
            notify:
              message: "Deployed {{ state.approvals.deploy.choice }} ({{ state.approvals.deploy.sha }}) chosen by <@{{ state.approvals.deploy.userId }}>"
              update-ts: "{{ state.bridge.deploy.ts }}"
              update-channel: "{{ state.bridge.deploy.channel }}"
`
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
}
