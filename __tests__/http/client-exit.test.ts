import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startStandIn, type StandIn } from '../../__fixtures__/http-stand-in.js'
import { startProxyStandIn, type ProxyStandIn } from '../../__fixtures__/proxy-stand-in.js'

/**
 * The client must never keep a process alive: no pooled keep-alive socket, no timer, no socket left
 * behind by a timed-out request. Jest would hide a leak (it keeps its own process running), so the
 * client runs in a plain child `node`, which must exit on its own right after its last request.
 */

// Transpiles the client and what it imports (TypeScript's own transpiler; no build needed), then runs
// a direct request, a proxied one and one that times out, and prints a line when they are all done.
const BOOTSTRAP = `
const ts = require('typescript')
const fs = require('node:fs')
const path = require('node:path')
const [root, out] = process.argv.slice(2)
const pending = ['src/http/client.ts']
const done = new Set()
while (pending.length > 0) {
  const rel = pending.pop()
  if (done.has(rel)) continue
  done.add(rel)
  const source = fs.readFileSync(path.join(root, rel), 'utf8')
  for (const m of source.matchAll(/from '(\\.{1,2}\\/[^']+)\\.js'/g)) {
    pending.push(path.join(path.dirname(rel), m[1] + '.ts'))
  }
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  }).outputText
  const target = path.join(out, rel.replace(/\\.ts$/, '.js'))
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.writeFileSync(target, js)
}
import(path.join(out, 'run.mjs'))
`

const RUN = `
import { createHttpClient } from './src/http/client.js'
const [base, hangBase, proxyUrl] = process.argv.slice(4)
const client = createHttpClient({ env: { HTTP_PROXY: proxyUrl }, requestTimeoutMs: 200, maxAttempts: 1 })
const direct = await client.request({ method: 'POST', url: base + '/post', body: '{}' })
const proxied = new URL(base)
proxied.hostname = 'proxied.test'
const viaProxy = await client.request({ method: 'POST', url: proxied.href + 'post', body: '{}' })
const hung = await client.request({ method: 'GET', url: hangBase + '/x' }).then(
  () => 'answered',
  (error) => error.name
)
process.stdout.write('done ' + direct.status + ' ' + viaProxy.status + ' ' + hung + '\\n')
`

let standIn: StandIn
let hangingStandIn: StandIn
let proxy: ProxyStandIn
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'http-exit-test-'))
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  writeFileSync(join(dir, 'bootstrap.cjs'), BOOTSTRAP)
  writeFileSync(join(dir, 'run.mjs'), RUN)
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir')
  standIn = await startStandIn()
  hangingStandIn = await startStandIn()
  proxy = await startProxyStandIn(standIn.url)
})

afterAll(async () => {
  await Promise.all([standIn.close(), hangingStandIn.close(), proxy.close()])
  rmSync(dir, { recursive: true, force: true })
})

describe('process lifetime', () => {
  it('lets node exit right after the last response, even after a timeout', async () => {
    hangingStandIn.hangNext(1)
    const args = [join(dir, 'bootstrap.cjs'), resolve('.'), dir]
    const child = spawn(process.execPath, [...args, standIn.url, hangingStandIn.url, proxy.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH }
    })
    let stdout = ''
    let stderr = ''
    let doneAt = 0
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (doneAt === 0 && stdout.includes('\n')) doneAt = Date.now()
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)))
    const exitedAt = Date.now()
    clearTimeout(killer)

    expect(stderr).toBe('')
    expect(stdout).toBe('done 200 200 HttpRequestError\n')
    expect(code).toBe(0)
    expect(proxy.requests).toHaveLength(1)
    expect(exitedAt - doneAt).toBeLessThan(1000)
  })
})
