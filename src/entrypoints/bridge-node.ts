import '../compile-cache.js'
import { runBridgeCli } from '../bridge/node-server.js'

// dist/bridge/node: the bridge server alone, `node dist/bridge/node/index.js serve --config … --port …`.
void runBridgeCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd()
}).then((code) => {
  process.exitCode = code
})
