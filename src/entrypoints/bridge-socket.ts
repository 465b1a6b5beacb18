import '../compile-cache.js'
import { runSocketModeCli } from '../bridge/adapters/socket-mode-cli.js'

// dist/bridge/socket: the bridge over Slack Socket Mode for local development,
// `SLACK_APP_TOKEN=xapp-… GITHUB_TOKEN=… node dist/bridge/socket/index.js --config bridge.yaml`.
void runSocketModeCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd()
}).then((code) => {
  process.exitCode = code
})
