#!/usr/bin/env bash
# The `setup` composite action's one step (setup/action.yml). Its inputs arrive only as CSM_* variables
# of this step's `env:`, never as `${{ }}` text in a script. It:
#   - masks inline secrets YAML line by line (and each `key: value`'s value) before printing anything,
#     writes it to a 0600 file under RUNNER_TEMP and exports only that file's path;
#   - puts a `cicdstatemgr` symlink to the bundled CLI (dist/cli/index.js) on GITHUB_PATH;
#   - exports CICDSTATEMGR_CONFIG_PATH, _SECRETS_PATH, _CONTEXT_DATA_ID, _INIT_APP_CONFIG_PATH,
#     _BASES_DIR_PATH and _WORKING_DIRECTORY to GITHUB_ENV for the later steps of the job.
set -euo pipefail
CSM_SECRETS="${CSM_SECRETS:-}"

fail() {
  echo "::error::setup: $1"
  exit 1
}

# First, before anything can print it: every line of inline secrets, and each value on its own.
secrets_inline=''
if [[ -n "${CSM_SECRETS//[[:space:]]/}" ]]; then
  while IFS= read -r line || [[ -n "$line" ]]; do
    trimmed="${line#"${line%%[![:space:]]*}"}"
    trimmed="${trimmed%"${trimmed##*[![:space:]]}"}"
    # A bare mapping key (`cicdstatemgr:`, `slack:`) is no secret; masking it would garble the log.
    if [[ -z "$trimmed" || "$trimmed" =~ ^[A-Za-z0-9_.-]+:$ ]]; then continue; fi
    echo "::add-mask::$trimmed"
    if [[ "$trimmed" == *': '* ]]; then
      value="${trimmed#*: }"
      value="${value#[\"\']}"
      value="${value%[\"\']}"
      if [[ -n "$value" ]]; then echo "::add-mask::$value"; fi
    fi
  done <<<"$CSM_SECRETS"
fi

workspace="${GITHUB_WORKSPACE:-$PWD}"
workdir="${CSM_WORKING_DIRECTORY:-.}"
[[ "$workdir" == /* ]] || workdir="$workspace/$workdir"
absolute() {
  if [[ "$1" == /* ]]; then printf '%s' "$1"; else printf '%s' "$workdir/$1"; fi
}

# GITHUB_ENV lines are NAME=value: a newline in a value would start a variable of the caller's choosing.
export_var() {
  case "$2" in
    *$'\n'* | *$'\r'*) fail "input '$3' must be one line" ;;
  esac
  printf '%s=%s\n' "$1" "$2" >>"$GITHUB_ENV"
}

# `secrets`: one line naming an existing file is a path; otherwise YAML (the rule of src/inputs.ts).
secrets_path=''
if [[ -n "${CSM_SECRETS//[[:space:]]/}" ]]; then
  single="${CSM_SECRETS#"${CSM_SECRETS%%[![:space:]]*}"}"
  single="${single%"${single##*[![:space:]]}"}"
  if [[ "$single" != *$'\n'* && -f "$(absolute "$single")" ]]; then
    secrets_path="$(absolute "$single")"
  elif [[ "$single" != *$'\n'* && "$single" != *:* ]]; then
    fail "input 'secrets' is neither an existing file nor YAML with a 'cicdstatemgr:' mapping"
  else
    secrets_inline=yes
  fi
fi
if [[ -n "$secrets_inline" ]]; then
  # umask first: the file never exists with wider permissions, not even for an instant.
  umask 077
  dir="$(mktemp -d "${RUNNER_TEMP:?RUNNER_TEMP is not set}/cicdstatemgr-secrets-XXXXXX")"
  secrets_path="$dir/secrets.yaml"
  printf '%s\n' "$CSM_SECRETS" >"$secrets_path"
  chmod 600 "$secrets_path"
fi

cli="$CSM_ACTION_PATH/../dist/cli/index.js"
[[ -f "$cli" ]] || fail "the bundled CLI is missing: $cli"
bin="$(mktemp -d "${RUNNER_TEMP:?RUNNER_TEMP is not set}/cicdstatemgr-bin-XXXXXX")"
ln -s "$(cd "$(dirname "$cli")" && pwd)/index.js" "$bin/cicdstatemgr"
echo "$bin" >>"$GITHUB_PATH"

export_var CICDSTATEMGR_WORKING_DIRECTORY "$workdir" working-directory
if [[ -n "${CSM_CONFIG:-}" ]]; then
  export_var CICDSTATEMGR_CONFIG_PATH "$(absolute "$CSM_CONFIG")" config
fi
if [[ -n "$secrets_path" ]]; then export_var CICDSTATEMGR_SECRETS_PATH "$secrets_path" secrets; fi
if [[ -n "${CSM_ID:-}" ]]; then export_var CICDSTATEMGR_CONTEXT_DATA_ID "$CSM_ID" id; fi
if [[ -n "${CSM_APP_CONFIG:-}" ]]; then
  export_var CICDSTATEMGR_INIT_APP_CONFIG_PATH "$(absolute "$CSM_APP_CONFIG")" app-config
fi
if [[ -n "${CSM_BASES_DIR:-}" ]]; then
  export_var CICDSTATEMGR_BASES_DIR_PATH "$(absolute "$CSM_BASES_DIR")" bases-dir
fi
echo "cli=$bin/cicdstatemgr" >>"$GITHUB_OUTPUT"
echo "cicdstatemgr is on the PATH ($bin)"
