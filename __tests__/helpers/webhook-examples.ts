import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

interface ExampleSet {
  name: string
  examples: Array<Record<string, unknown>>
}

let all: ExampleSet[] | undefined

/**
 * A webhook payload as GitHub sends it, from `@octokit/webhooks-examples` (payloads GitHub delivered,
 * collected by the Octokit project) — not written by hand. A fresh copy each call, so tests may edit it.
 */
export function webhookExample(event: string, index = 0): Record<string, unknown> {
  all ??= JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve(
        '@octokit/webhooks-examples/api.github.com/index.json'
      ),
      'utf8'
    )
  ) as ExampleSet[]
  const example = all.find((set) => set.name === event)?.examples[index]
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${event} example #${index}`)
  return structuredClone(example)
}
