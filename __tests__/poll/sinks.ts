import { appendFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { JsonObject } from '../../src/core/types.js'
import type { EntryRef } from '../../src/poll/event-names.js'
import type { ApiEvent } from '../../src/poll/events-reader.js'
import type { EventSink } from '../../src/poll/sink.js'

export interface Handled {
  id: string
  name: string
  payload: JsonObject
}

/**
 * A real sink for the poller's tests: runs "handlers" that record each event (in memory and, for
 * processes, as `done <id> <pid>` lines appended to a log file), fail for chosen ids, or block reading
 * a FIFO (so a SIGKILL lands while an event is being handled, with no sleeps).
 */
export class RecordingSink implements EventSink {
  readonly handled: Handled[] = []

  constructor(
    private readonly o: {
      events?: string[]
      log?: string
      failIds?: ReadonlySet<string>
      /** Before handling, `start <id>` goes to the log and the handler reads this FIFO (blocks). */
      blockOn?: { fifo: string; ids?: ReadonlySet<string> }
      /** Called while handling (tests pause or advance clocks here). */
      during?: (id: string) => Promise<void>
    } = {}
  ) {}

  entries(): EntryRef[] {
    return (this.o.events ?? ['push', 'create']).map((event) => ({
      event,
      label: `github-events.${event}[0]`
    }))
  }

  matches(name: string): boolean {
    return (this.o.events ?? ['push', 'create']).includes(name)
  }

  async handle(name: string, payload: JsonObject, event: ApiEvent): Promise<void> {
    const block = this.o.blockOn
    if (block && (!block.ids || block.ids.has(event.id))) {
      if (this.o.log) appendFileSync(this.o.log, `start ${event.id} ${process.pid}\n`)
      await readFile(block.fifo)
    }
    await this.o.during?.(event.id)
    if (this.o.failIds?.has(event.id)) throw new Error(`handler failed for ${event.id}`)
    this.handled.push({ id: event.id, name, payload })
    if (this.o.log) appendFileSync(this.o.log, `done ${event.id} ${process.pid}\n`)
  }
}
