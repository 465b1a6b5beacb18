// A minimal GitHub REST stand-in for the benchmark, run as its own process (the benchmark blocks its event
// loop while timing): answers a workflow dispatch like github.com with `return_run_details` (200 and the
// run). Prints its port. The tests' stand-in (__fixtures__/github-rest-stand-in.ts) is the full, validated one.
import { createServer } from 'node:http'

let run = 1000
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    if (!req.headers.authorization) {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end('{"message":"Requires authentication"}')
      return
    }
    run += 1
    const m = /^\/repos\/([^/]+\/[^/]+)\//.exec(req.url ?? '')
    const repo = m?.[1] ?? 'o/r'
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        workflow_run_id: run,
        run_url: `http://127.0.0.1:${server.address().port}/repos/${repo}/actions/runs/${run}`,
        html_url: `https://github.com/${repo}/actions/runs/${run}`
      })
    )
  })
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
