// The yardstick the issue measures the actions-cache write against: a step doing what
// slackapi/slack-github-action@v2 does for `method: chat.postMessage` — read its inputs with
// @actions/core, parse the payload (YAML or JSON, with js-yaml), call the method through @slack/web-api's
// WebClient (axios underneath), set its outputs. Bundled by ncc at bench time (bench/cases/cache.mjs), as
// that action ships one bundle, and started as the runner starts a node24 action. The real action also
// loads @actions/github, templating and proxy support: this is a lower bound of its cost.
import * as core from '@actions/core'
import { WebClient } from '@slack/web-api'
import yaml from 'js-yaml'

const client = new WebClient(core.getInput('token', { required: true }), {
  slackApiUrl: core.getInput('api') || undefined,
  retryConfig: { retries: 0 }
})
const response = await client.apiCall(core.getInput('method'), yaml.load(core.getInput('payload')))
core.setOutput('ok', response.ok)
core.setOutput('response', JSON.stringify(response))
core.setOutput('time', Math.floor(Date.now() / 1000))
if (response.ts) core.setOutput('ts', response.ts)
