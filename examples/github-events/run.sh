#!/usr/bin/env bash
# The github-events example on a laptop: the push handler file run by the CLI against a webhook payload
# file (a branch push from @octokit/webhooks-examples), as a dry run: it prints the shell command, the
# commit status, the progress comment and the Slack message it would send, and runs nothing.
# Drop --dry-run with GITHUB_TOKEN set (and a real Slack token) to run it for real.
set -euo pipefail
cd "$(dirname "$0")"
cicdstatemgr() { node ../../dist/cli/index.js "$@"; }

cicdstatemgr --config config.yaml --secrets secrets.yaml \
  --init-new "push-$(date +%s)" --init-app-config-file app.yaml \
  --handle-github-event --event-name push --event-file ../../__fixtures__/webhooks/push.branch.json \
  --dry-run
