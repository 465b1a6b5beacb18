import { errorMessage } from '../errors.js'
import type { EventRef, HandlerContext, HandlerOutcome } from '../core/events.js'
import { createTemplateContext, renderOne } from '../core/renderer.js'
import { postSection, type SectionDetail } from '../handlers/comment.js'
import { entryPath, type Entry } from './entries.js'

const ICONS: Record<HandlerOutcome['status'], string> = {
  ok: '✅',
  failed: '❌',
  skipped: '⏭️',
  'dry-run': '📝'
}

/**
 * `log-to: comment`: the entry's progress as its own section of the context's progress comment (the
 * comment handler's store-then-converge code): started, one line per handler outcome, command output as
 * collapsed folds, finished with the duration. The text is built here from outcomes and output — never
 * rendered as a template — and neutralised by the comment code. A failed write is reported once as a
 * `comment` outcome and stops further writes for the entry.
 */
export class ProgressLog {
  private readonly lines: string[] = []
  private readonly details: SectionDetail[] = []
  readonly failures: HandlerOutcome[] = []
  /** In a dry run, the last comment it would have written (shown with the other requests). */
  preview: HandlerOutcome | undefined

  constructor(
    private readonly entry: Entry,
    private readonly ctx: Omit<HandlerContext, 'render' | 'event'>,
    private readonly ref: EventRef
  ) {}

  started(): Promise<void> {
    this.lines.push(`⏳ \`${this.entry.event}\` · started`, '')
    return this.post()
  }

  record(o: HandlerOutcome): Promise<void> {
    const took = o.durationMs === undefined ? '' : ` (${(o.durationMs / 1000).toFixed(1)} s)`
    const why = o.reason ? `: ${o.reason.replace(/\s+/g, ' ').slice(0, 300)}` : ''
    this.lines.push(`- ${ICONS[o.status]} ${o.handler} \`${o.block}\` — ${o.status}${took}${why}`)
    if (o.log !== undefined) {
      this.details.push({ summary: `${o.handler} ${o.block}: output (tail)`, text: o.log })
    }
    return this.post()
  }

  finished(state: 'success' | 'failure', durationMs: number): Promise<void> {
    const icon = state === 'success' ? '✅' : '❌'
    this.lines.push('', `${icon} finished: **${state}** in ${(durationMs / 1000).toFixed(1)} s`)
    return this.post()
  }

  private async post(): Promise<void> {
    if (this.failures.length > 0) return
    const ctx: HandlerContext = { ...this.ctx, event: this.ref, render: renderOne }
    const name = this.entry.name
    try {
      const templateContext = await createTemplateContext(
        ctx.work.doc,
        ctx.config.config,
        ctx.tmplCtxVars,
        ctx.extraContext
      )
      const outcome = await postSection(
        ctx,
        name,
        { section: `github-${this.entry.event}` },
        templateContext,
        {
          title: `${name} (${this.entry.event})`,
          body: this.lines.join('\n'),
          details: this.details
        }
      )
      if (outcome.status === 'dry-run') this.preview = outcome
    } catch (error) {
      const reason = `progress comment: ${errorMessage(error)}`
      ctx.logger.debug(`${entryPath(this.entry)}: ${reason}`)
      this.failures.push({
        handler: 'comment',
        block: name,
        status: 'failed',
        onError: 'fail',
        reason
      })
    }
  }
}
