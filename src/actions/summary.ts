import * as core from '@actions/core'
import type { HandlerOutcome } from '../core/events.js'
import type { ActionLogger } from './action-logger.js'

/** What a step did, for the job summary. */
export interface SummaryInput {
  id?: string
  /** State paths this step set, with their new values. */
  changed?: Array<{ path: string; value: unknown }>
  /** Values this step read (get-set). */
  read?: Array<{ name: string; expression: string; value: string }>
  outcomes?: HandlerOutcome[]
  /** Variables exported to GITHUB_ENV. */
  exported?: number
  artifactId?: string
  dryRun?: boolean
  failure?: string
}

const MAX_CELL = 120

/** A readable Markdown summary of the step; every value masked and shortened. */
export async function writeSummary(
  title: string,
  s: SummaryInput,
  logger: ActionLogger
): Promise<void> {
  const lines = [
    `### cicdstatemgr ${title}${s.id ? ` \`${cell(s.id, logger)}\`` : ''}${s.dryRun ? ' (dry run: nothing sent, nothing stored)' : ''}`,
    ''
  ]
  if (s.failure) lines.push(`**Failed:** ${cell(s.failure, logger)}`, '')
  if (s.changed?.length) {
    lines.push('| State key set | Value |', '|---|---|')
    for (const c of s.changed)
      lines.push(`| \`${cell(c.path, logger)}\` | ${cell(show(c.value), logger)} |`)
    lines.push('')
  }
  if (s.read?.length) {
    lines.push('| Output | Expression | Value |', '|---|---|---|')
    for (const r of s.read)
      lines.push(
        `| \`${cell(r.name, logger)}\` | \`${cell(r.expression, logger)}\` | ${cell(r.value, logger)} |`
      )
    lines.push('')
  }
  if (s.outcomes?.length) {
    lines.push('| Handler | Block | Outcome | HTTP | Captured |', '|---|---|---|---|---|')
    for (const o of s.outcomes) {
      const captured = Object.keys(o.captured ?? {})
        .map((k) => `\`${k}\``)
        .join(', ')
      const outcome = `${icon(o.status)} ${o.status}${o.reason ? `: ${o.reason}` : ''}`
      lines.push(
        `| ${o.handler} | ${cell(o.block, logger)} | ${cell(outcome, logger)} | ${o.httpStatus ?? ''} | ${cell(captured, logger)} |`
      )
    }
    lines.push('')
  }
  // Text a handler could not deliver elsewhere (the progress comment on a fork pull request).
  for (const o of s.outcomes ?? []) if (o.summary) lines.push(logger.mask(o.summary), '')
  if (s.exported)
    lines.push(`Exported ${s.exported} variables to the job environment (\`CICD_state__…\`).`, '')
  if (s.artifactId) lines.push(`Uploaded the document as artifact ${s.artifactId}.`, '')
  // core.summary throws without the runner's summary file (local runs): there is nowhere to write.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(lines.join('\n') + '\n').write()
}

function icon(status: HandlerOutcome['status']): string {
  return { ok: '✅', skipped: '⏭️', failed: '❌', 'dry-run': '📝' }[status]
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Masked, one line, pipes escaped, shortened: a table cell. */
function cell(text: string, logger: ActionLogger): string {
  const flat = logger.mask(text).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat
}
