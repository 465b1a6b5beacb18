// A minimal Slack chat.postMessage stand-in for the benchmark, run as its own process (the benchmark
// blocks its event loop while timing). Prints its port, answers every POST like Slack.
import { createServer } from 'node:http'

let n = 0
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (d) => (body += d))
  req.on('end', () => {
    n += 1
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        ok: true,
        channel: 'C0123456789',
        ts: `1700000000.${String(n).padStart(6, '0')}`,
        message: { text: body.length }
      })
    )
  })
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
