// CLI cases on the embedded default (YAML file primary with JSON/shell/id copies, as in the README's
// example). A file primary holds one context, so each id gets its own project directory.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const CONFIG = `cicdstatemgr:
  datasources:
    yamlfile: {path: localdata/cicdContextData.yaml, isPrimary: true}
    jsonfile: {path: localdata/cicdContextData.json}
    shellfile: {path: localdata/cicdContextData.sh, excludeKeyNames: [jinja2Macros]}
    idfile: {path: localdata/cicdContextData.id}
`
const APP = `jinja2-macros:
  echo: "{%- macro echo(m) -%}{{ m }}{%- endmacro -%}"
cicd-contexts:
  stage:
    channel: bench
    pipelines: {build: {event-handlers: {}}}
`

export function project({ work, mkdir, write }, name, extraConfig = '', app = APP) {
  const dir = join(work, name)
  mkdir(dir)
  write(join(dir, 'config.yaml'), CONFIG + extraConfig)
  write(join(dir, 'secrets.yaml'), 'cicdstatemgr:\n  slack: {token: xoxb-bench}\n')
  write(join(dir, 'app.yaml'), app)
  return dir
}

export function cliRunner(root) {
  const cli = join(root, 'dist/cli/index.js')
  const envFor = (id) => ({
    CICDSTATEMGR_CONFIG_PATH: 'config.yaml',
    CICDSTATEMGR_SECRETS_PATH: 'secrets.yaml',
    CICDSTATEMGR_INIT_APP_CONFIG_PATH: 'app.yaml',
    CICDSTATEMGR_CONTEXT_DATA_ID: id
  })
  const setup = (dir, id, args) => {
    const r = spawnSync(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { ...process.env, ...envFor(id) }
    })
    if (r.status !== 0) throw new Error(`bench setup failed: ${r.stderr}`)
  }
  const run = (name, dir, id, args, target) => ({
    name,
    args: [cli, ...args],
    cwd: dir,
    env: envFor(id),
    target
  })
  return { setup, run }
}

export async function cases(ctx) {
  const { setup, run } = cliRunner(ctx.root)
  const initDir = project(ctx, 'init')
  const smallDir = project(ctx, 'small')
  const bigDir = project(ctx, 'big')
  const big = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, `value-${i}`]))
  ctx.write(join(bigDir, 'big.json'), JSON.stringify(big))
  setup(smallDir, 'bench-1', [
    '--init-new',
    'bench-1',
    '--set',
    'state.greeting=hello {{ ctx.who }}'
  ])
  setup(bigDir, 'bench-big', ['--init-new', 'bench-big'])
  setup(bigDir, 'bench-big', ['--set', 'state.big=file://big.json'])
  return [
    run('cli --init-new', initDir, 'bench-init', ['--init-new', 'bench-init'], 1.3),
    run('cli --set', smallDir, 'bench-1', ['--set', 'state.key1=value1'], 1.3),
    run('cli --get', smallDir, 'bench-1', ['--get', 'state.cicdContextName'], 1.3),
    run(
      'cli --get + --tmpl-ctx-var',
      smallDir,
      'bench-1',
      ['--get', 'state.greeting', '--tmpl-ctx-var', 'ctx.who=state.cicdContextName'],
      1.3
    ),
    run(
      'cli --set 2000 keys (file:// JSON)',
      bigDir,
      'bench-big',
      ['--set', 'state.big=file://big.json'],
      2.0
    ),
    run('cli --get 1 of 2000 keys', bigDir, 'bench-big', ['--get', 'state.big.k1234'], 1.5)
  ]
}
