#!/usr/bin/env node
// Writes the webhook payloads the GitHub handlers' tests use (what GITHUB_EVENT_PATH holds in a run) to
// __fixtures__/webhooks/, taken unchanged from GitHub's community examples in the npm package
// @octokit/webhooks-examples (fetched on demand with `npm pack`, not a dependency). Payloads are never
// written by hand: re-run this to refresh them.
//
//   node scripts/extract-webhooks.mjs [path/to/octokit-webhooks-examples-<version>.tgz]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const VERSION = '7.6.1'
const root = resolve(import.meta.dirname, '..')
const outDir = join(root, '__fixtures__/webhooks')

/** file name -> [event, pick(example, index)] */
const WANTED = {
  'pull_request.opened.json': ['pull_request', (e) => e.action === 'opened'],
  'pull_request.synchronize.json': ['pull_request', (e) => e.action === 'synchronize'],
  'pull_request.fork.json': [
    'pull_request',
    (e) =>
      e.pull_request?.head?.repo &&
      e.pull_request.head.repo.full_name !== e.pull_request.base.repo.full_name
  ],
  'push.json': ['push', (e) => typeof e.after === 'string' && !e.deleted],
  'push.branch.json': ['push', (e) => e.ref?.startsWith('refs/heads/') && !e.deleted],
  'workflow_run.completed.json': ['workflow_run', (e) => e.action === 'completed'],
  'workflow_run.requested.json': ['workflow_run', (e) => e.action === 'requested'],
  'issue_comment.created.json': ['issue_comment', (e) => e.action === 'created'],
  'release.published.json': ['release', (e) => e.action === 'published']
}

const work = mkdtempSync(join(tmpdir(), 'webhooks-examples-'))
try {
  let tarball = process.argv[2] ? resolve(process.argv[2]) : undefined
  if (!tarball) {
    execFileSync(
      'npm',
      ['pack', `@octokit/webhooks-examples@${VERSION}`, '--pack-destination', work],
      {
        stdio: ['ignore', 'ignore', 'inherit']
      }
    )
    tarball = join(
      work,
      readdirSync(work).find((f) => f.endsWith('.tgz'))
    )
  }
  execFileSync('tar', [
    'xzf',
    tarball,
    '-C',
    work,
    'package/package.json',
    'package/api.github.com/index.json'
  ])
  const pkg = JSON.parse(readFileSync(join(work, 'package/package.json'), 'utf8'))
  const all = JSON.parse(readFileSync(join(work, 'package/api.github.com/index.json'), 'utf8'))
  mkdirSync(outDir, { recursive: true })
  const written = []
  for (const [file, [event, pick]] of Object.entries(WANTED)) {
    const examples = all.find((e) => e.name === event)?.examples ?? []
    const index = examples.findIndex(pick)
    if (index < 0) {
      console.warn(`no ${event} example for ${file}; skipped`)
      continue
    }
    writeFileSync(join(outDir, file), `${JSON.stringify(examples[index], null, 2)}\n`)
    written.push(`- \`${file}\`: \`${event}\` example #${index}`)
  }
  writeFileSync(
    join(outDir, 'README.md'),
    `# Webhook payload fixtures\n\nTaken unchanged from \`${pkg.name}@${pkg.version}\` (\`api.github.com/index.json\`) by\n\`scripts/extract-webhooks.mjs\`; do not edit by hand.\n\n${written.join('\n')}\n`
  )
  console.log(`wrote ${written.length} payloads to ${outDir} from ${pkg.name}@${pkg.version}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
