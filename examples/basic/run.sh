#!/usr/bin/env bash
# The main job of the example, end to end on the embedded default (YAML file as the primary store):
# init a context, set values, read them back (JSONPath, templates), run a generator, handle events,
# and source the shell file. Run from anywhere: `bash examples/basic/run.sh`.
set -euo pipefail
cd "$(dirname "$0")"
cicdstatemgr() { node ../../dist/cli/index.js "$@"; }

export CICDSTATEMGR_CONFIG_PATH=config.yaml
export CICDSTATEMGR_SECRETS_PATH=secrets.yaml

echo "== init a new context (prints its id)"
CICDSTATEMGR_CONTEXT_DATA_ID=$(cicdstatemgr --init-new "example-$(date +%s)" \
  --init-app-config-file app.yaml --init-bases-dir bases --init-cicd-context-name stage \
  --set state.appVersion=1.4.2 --set 'state.greeting=hello {{ ctx.who }}')
export CICDSTATEMGR_CONTEXT_DATA_ID
echo "$CICDSTATEMGR_CONTEXT_DATA_ID"

echo "== set values (several pairs, list append, unique append)"
cicdstatemgr --set 'state.build.status=success|state.artifacts[]=app.tar.gz,app.sbom' --set 'state.tags{}=stage,green,stage'

echo "== get values"
echo "appVersion: $(cicdstatemgr --get state.appVersion)"
echo "artifacts:  $(cicdstatemgr --get state.artifacts)"
echo "variables:  $(cicdstatemgr --get variables.releaseName)"
echo "greeting:   $(cicdstatemgr --get state.greeting --tmpl-ctx-var 'ctx.who=appName')"

echo "== run a generator"
cicdstatemgr --generate pipelines.build.generators
echo "deploy url: $(cicdstatemgr --get state.deploy.url)"

echo "== handle build=success (set-values handler)"
cicdstatemgr --handle-event build=success
echo "artifact:   $(cicdstatemgr --get state.build.artifactName)"

echo "== handle build=notifySlack as a dry run (prints the request, sends nothing)"
cicdstatemgr --handle-event build=notifySlack --dry-run

echo "== the shell file is safe to source"
# shellcheck disable=SC1091
source localdata/cicdContextData.sh
echo "CICD_state__appVersion=$CICD_state__appVersion CICD_state__build__status=$CICD_state__build__status"
