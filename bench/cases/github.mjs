// Issue 9: a step that dispatches one workflow (workflow-dispatch, github.com answer with the run id)
// against a local GitHub REST stand-in — the cost of loading Octokit on demand.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { cliRunner, project } from './cli.mjs'

async function startStandIn(root) {
  const child = spawn(process.execPath, [join(root, 'bench/github-stand-in.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const port = await new Promise((resolve) =>
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())))
  )
  return { port, stop: () => child.kill('SIGTERM') }
}

const APP = `cicd-contexts:
  stage:
    pipelines:
      build:
        event-handlers:
          dispatch:
            workflow-dispatch:
              workflow: deploy.yml
              inputs:
                context-id: "{{ state.cicdContextDataId }}"
                environment: dev
`

export async function cases(ctx) {
  const stand = await startStandIn(ctx.root)
  const dir = project(ctx, 'github', '', APP)
  const { setup, run } = cliRunner(ctx.root)
  setup(dir, 'bench-gh', ['--init-new', 'bench-gh'])
  const c = run(
    'cli --handle-event (1 workflow-dispatch, local GitHub API)',
    dir,
    'bench-gh',
    ['--handle-event', 'build=dispatch'],
    // Loading Octokit (@actions/github with undici and @actions/http-client) is most of this; see README.
    3.0
  )
  return [
    {
      ...c,
      env: {
        ...c.env,
        GITHUB_API_URL: `http://127.0.0.1:${stand.port}`,
        GITHUB_REPOSITORY: 'octo-org/app',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_TOKEN: 'ghs_benchTokenNotSecret'
      },
      cleanup: stand.stop
    }
  ]
}
