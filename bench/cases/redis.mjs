// Issue 13: the CLI with a Redis primary (the configuration teams migrating from the Python tool use),
// beside the same operations on the file primary of cases/cli.mjs: run `node bench/run.mjs cli redis`
// for the ratios between the two. The bench starts its own redis-server on a free port (no
// persistence) and stops it at the end.
import { spawn } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { join } from 'node:path'
import { cliRunner } from './cli.mjs'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function startRedis() {
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' }
  )
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (up) return { port, stop: () => child.kill('SIGTERM') }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.kill('SIGTERM')
  throw new Error(`redis-server did not start on port ${port}`)
}

const APP = `jinja2-macros:
  echo: "{%- macro echo(m) -%}{{ m }}{%- endmacro -%}"
cicd-contexts:
  stage:
    channel: bench
    pipelines: {build: {event-handlers: {}}}
`

export async function cases(ctx) {
  const redis = await startRedis()
  // The README's example with Redis as the primary: the files are copies.
  const config = `cicdstatemgr:
  datasources:
    redis: {host: 127.0.0.1, port: ${redis.port}, isPrimary: true}
    yamlfile: {path: localdata/cicdContextData.yaml}
    jsonfile: {path: localdata/cicdContextData.json}
    shellfile: {path: localdata/cicdContextData.sh, excludeKeyNames: [jinja2Macros]}
    idfile: {path: localdata/cicdContextData.id}
`
  const dir = join(ctx.work, 'redis')
  ctx.mkdir(dir)
  ctx.write(join(dir, 'config.yaml'), config)
  ctx.write(join(dir, 'secrets.yaml'), 'cicdstatemgr:\n  slack: {token: xoxb-bench}\n')
  ctx.write(join(dir, 'app.yaml'), APP)
  const { setup, run } = cliRunner(ctx.root)
  setup(dir, 'bench-r', ['--init-new', 'bench-r', '--set', 'state.greeting=hello {{ ctx.who }}'])
  const versus = (name) => ({ name, target: 1.3 })
  const cases = [
    {
      ...run('redis --init-new', dir, 'bench-r-init', ['--init-new', 'bench-r-init'], 1.3 * 1.3),
      versus: versus('cli --init-new')
    },
    {
      ...run('redis --set', dir, 'bench-r', ['--set', 'state.key1=value1'], 1.3 * 1.3),
      versus: versus('cli --set')
    },
    {
      ...run('redis --get', dir, 'bench-r', ['--get', 'state.cicdContextName'], 1.3 * 1.3),
      versus: versus('cli --get')
    },
    {
      ...run(
        'redis --get + --tmpl-ctx-var',
        dir,
        'bench-r',
        ['--get', 'state.greeting', '--tmpl-ctx-var', 'ctx.who=state.cicdContextName'],
        1.3 * 1.3
      ),
      versus: versus('cli --get + --tmpl-ctx-var')
    }
  ]
  cases[cases.length - 1].cleanup = redis.stop
  return cases
}
