import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The fixture of each event (`__fixtures__/webhooks`, taken unchanged from @octokit/webhooks-examples). */
const FILES: Record<string, string> = {
  pull_request: 'pull_request.opened.json',
  push: 'push.json',
  'push.branch': 'push.branch.json',
  workflow_run: 'workflow_run.completed.json',
  issue_comment: 'issue_comment.created.json',
  release: 'release.published.json'
}

/** A webhook payload as GitHub sends it; a fresh copy each call, so tests may edit it. */
export function webhookExample(event: string): Record<string, unknown> {
  const file = FILES[event]
  if (!file) throw new Error(`no webhook fixture for ${event}`)
  return JSON.parse(readFileSync(join('__fixtures__/webhooks', file), 'utf8')) as Record<
    string,
    unknown
  >
}
