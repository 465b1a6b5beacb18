// CLI cases: the embedded default (YAML file primary, JSON/shell/id copies), as the README's example.
import { join } from 'node:path'

export async function cases({ root, work, mkdir, write }) {
  const dir = join(work, 'cli')
  mkdir(join(dir, 'bases'))
  write(
    join(dir, 'config.yaml'),
    `cicdstatemgr:
  datasources:
    yamlfile: {path: localdata/cicdContextData.yaml, isPrimary: true}
    jsonfile: {path: localdata/cicdContextData.json}
    shellfile: {path: localdata/cicdContextData.sh, excludeKeyNames: [jinja2Macros]}
    idfile: {path: localdata/cicdContextData.id}
`
  )
  write(join(dir, 'secrets.yaml'), 'cicdstatemgr:\n  slack: {token: xoxb-bench}\n')
  write(
    join(dir, 'app.yaml'),
    `jinja2-macros:
  echo: "{%- macro echo(m) -%}{{ m }}{%- endmacro -%}"
cicd-contexts:
  stage:
    channel: bench
    pipelines: {build: {event-handlers: {}}}
`
  )
  const big = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, `value-${i}`]))
  write(join(dir, 'big.json'), JSON.stringify(big))
  const cli = join(root, 'dist/cli/index.js')
  const env = {
    CICDSTATEMGR_CONFIG_PATH: 'config.yaml',
    CICDSTATEMGR_SECRETS_PATH: 'secrets.yaml',
    CICDSTATEMGR_CONTEXT_DATA_ID: 'bench-1'
  }
  const bigEnv = { ...env, CICDSTATEMGR_CONTEXT_DATA_ID: 'bench-big' }
  const run = (name, args, target, e = env) => ({
    name,
    args: [cli, ...args],
    cwd: dir,
    env: e,
    target
  })
  const { spawnSync } = await import('node:child_process')
  const setup = (args, e) => {
    const r = spawnSync(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { ...process.env, ...e }
    })
    if (r.status !== 0) throw new Error(`bench setup failed: ${r.stderr}`)
  }
  setup(
    [
      '--init-new',
      'bench-1',
      '--init-app-config-file',
      'app.yaml',
      '--set',
      'state.greeting=hello {{ ctx.who }}'
    ],
    env
  )
  setup(['--init-new', 'bench-big', '--init-app-config-file', 'app.yaml'], bigEnv)
  setup(['--set', 'state.big=file://big.json'], bigEnv)
  return [
    run('cli --init-new', ['--init-new', 'bench-init', '--init-app-config-file', 'app.yaml'], 1.3),
    run('cli --set', ['--set', 'state.key1=value1'], 1.3),
    run('cli --get', ['--get', 'state.cicdContextName'], 1.3),
    run(
      'cli --get + --tmpl-ctx-var',
      ['--get', 'state.greeting', '--tmpl-ctx-var', 'ctx.who=state.cicdContextName'],
      1.3
    ),
    run('cli --set 2000 keys (file:// JSON)', ['--set', 'state.big=file://big.json'], 2.0, bigEnv),
    run('cli --get 1 of 2000 keys', ['--get', 'state.big.k1234'], 2.0, bigEnv)
  ]
}
