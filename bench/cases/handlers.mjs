// Issue 3: handle-event against a local Slack stand-in — one notify, and an event with 20 handlers.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { cliRunner, project } from './cli.mjs'

/** The Slack stand-in (bench/slack-stand-in.mjs) as its own process: its port and how to stop it. */
export async function startSlackStandIn(root) {
  const child = spawn(process.execPath, [join(root, 'bench/slack-stand-in.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const port = await new Promise((resolve) =>
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())))
  )
  return { port, stop: () => child.kill('SIGTERM') }
}

function app(blocks) {
  const notify = Array.from(
    { length: blocks },
    (_, i) =>
      `              n${i}:\n                message: "block ${i} for {{ state.cicdContextDataId }}"`
  ).join('\n')
  return `cicd-contexts:
  stage:
    channel: bench
    pipelines:
      build:
        event-handlers:
          one:
            notify:
              message: "build {{ state.cicdContextDataId }} passed"
          twenty:
            notify:
${notify}
`
}

export async function cases(ctx) {
  const stand = await startSlackStandIn(ctx.root)
  const extra = `  slack: {url: "http://127.0.0.1:${stand.port}/api/chat.postMessage"}
  notify:
    auto-capture-response-data:
      - {from: "{{ body.ts }}", to: state.lastTs}
  templates:
    notify: '{"channel": "{{ channel }}", "text": "{{ notify.message | json_dumps(stripLeadingTrailingQuotes=True) }}"}'
`
  const dir = project(ctx, 'handlers', extra, app(19))
  const { setup, run } = cliRunner(ctx.root)
  setup(dir, 'bench-h', ['--init-new', 'bench-h'])
  return [
    {
      ...run(
        'cli --handle-event (1 notify, local Slack)',
        dir,
        'bench-h',
        ['--handle-event', 'build=one'],
        1.5
      ),
      cleanup: stand.stop
    },
    run(
      'cli --handle-event (20 notify blocks)',
      dir,
      'bench-h',
      ['--handle-event', 'build=twenty'],
      3.0
    )
  ]
}
