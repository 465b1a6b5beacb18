import { StoreError } from '../errors.js'
import type { Logger } from './logger.js'
import type { StoreSet } from './store.js'

/** What `deleteContext` removed: whether the primary held the id, and which copies were removed. */
export interface DeleteResult {
  id: string
  primary: boolean
  copies: string[]
}

/**
 * Deletes `id` from the primary, then removes the local copies that hold that id (a copy of another
 * context stays). A store that cannot delete says how in its error.
 */
export async function deleteContext(
  stores: StoreSet,
  id: string,
  logger: Logger
): Promise<DeleteResult> {
  const { primary } = stores
  if (!primary.delete) throw new StoreError(`datasource ${primary.name} cannot delete contexts`)
  const deleted = await primary.delete(id)
  const copies: string[] = []
  for (const copy of stores.copies) if (await copy.delete?.(id)) copies.push(copy.name)
  if (deleted) logger.info(`deleted context '${id}' from ${primary.name}`)
  else logger.warning(`context '${id}' was not found in ${primary.name}; nothing deleted there`)
  return { id, primary: deleted, copies }
}

/**
 * Deletes every context of the primary last written more than `maxAgeMs` before `now`. Only a store
 * that knows when a context was written can prune: the others refuse rather than guess (Redis keeps
 * no write time, and its idle time counts reads too).
 */
export async function pruneContexts(
  stores: StoreSet,
  maxAgeMs: number,
  now: number,
  logger: Logger
): Promise<string[]> {
  const { primary } = stores
  if (!primary.list || !primary.writtenAt) {
    throw new StoreError(
      `datasource ${primary.name} cannot tell when a context was written, so it cannot prune ` +
        '(redis: let ttlSeconds expire contexts; actions-cache: GitHub evicts entries unused for 7 days)'
    )
  }
  const pruned: string[] = []
  for (const id of await primary.list()) {
    const writtenAt = await primary.writtenAt(id)
    if (writtenAt === undefined || now - writtenAt <= maxAgeMs) continue
    if ((await deleteContext(stores, id, logger)).primary) pruned.push(id)
  }
  return pruned
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `7d`, `12h`, `30m`, `45s` → milliseconds; undefined when malformed. */
export function parseAge(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number)
}
