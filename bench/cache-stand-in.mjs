// The cache-service stand-in of the tests (__fixtures__/cache-service-stand-in.ts) as its own process
// for the benchmark, which blocks its own event loop while timing. The fixture is TypeScript with no
// imports outside node:, so it is transpiled (typescript's transpileModule) into the bench's work
// directory and imported from there. Prints the runner environment (JSON, one line) once listening.
//
//   node bench/cache-stand-in.mjs <work dir>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'

const root = resolve(import.meta.dirname, '..')
const out = join(process.argv[2] ?? '.', 'cache-stand-in')
mkdirSync(out, { recursive: true })
const source = readFileSync(join(root, '__fixtures__/cache-service-stand-in.ts'), 'utf8')
const { outputText } = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
})
writeFileSync(join(out, 'stand-in.mjs'), outputText)
const { startCacheService } = await import(pathToFileURL(join(out, 'stand-in.mjs')).href)
const svc = await startCacheService()
process.stdout.write(`${JSON.stringify(svc.env)}\n`)
process.on('SIGTERM', () => {
  svc.close().then(() => process.exit(0))
})
