import { cellsForPoint } from '../core/h3'
import type { NewEvent } from '../core/event'
import type { Database, Queryable } from '../db/database'
import { namedQuery } from '../db/queries'
import type { IngestResult, Ingestor } from './ingestor'
import type { CommittedListener, StoredEvent } from './stored-event'

/** Rows per INSERT statement: large enough to amortise the round trip, small enough for PGlite's memory. */
export const STATEMENT_ROWS = 5000
const RETRYABLE = new Set(['40P01', '40001']) // deadlock, serialization failure
const MAX_ATTEMPTS = 3

interface StoredRow {
  id: string
  kind: StoredEvent['kind']
  occurred_at: Date
  received_at: Date
  cell_r9: string | null
  category: string | null
  units: string[]
  precision: StoredEvent['precision']
  out_of_area: boolean
  status: StoredEvent['status']
  text: string | null
}

/** The 17 parallel arrays the insert-events query unnests, in (source, source_id) order. */
export function toColumns(events: readonly NewEvent[]): unknown[][] {
  const sorted = [...events].sort((a, b) => compare(a.source, b.source) || compare(a.sourceId, b.sourceId))
  const columns: unknown[][] = Array.from({ length: 17 }, () => new Array(sorted.length))
  sorted.forEach((e, i) => {
    const cells = e.lat !== null && e.lon !== null ? cellsForPoint(e.lat, e.lon) : null
    const values = [
      e.kind, e.source, e.sourceId, e.occurredAt.toISOString(), e.lon, e.lat, e.unit, e.text, e.address,
      e.category, e.status, JSON.stringify(e.attributes), e.contact ? JSON.stringify(e.contact) : null,
      cells?.r6 ?? null, cells?.r7 ?? null, cells?.r8 ?? null, cells?.r9 ?? null,
    ]
    values.forEach((value, c) => (columns[c]![i] = value))
  })
  return columns
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function toStoredEvent(row: StoredRow): StoredEvent {
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: new Date(row.occurred_at),
    receivedAt: new Date(row.received_at),
    cell: row.cell_r9,
    category: row.category,
    units: row.units,
    precision: row.precision,
    outOfArea: row.out_of_area,
    status: row.status,
    text: row.text,
  }
}

async function insertChunk(tx: Queryable, events: readonly NewEvent[]): Promise<StoredEvent[]> {
  const result = await tx.query<StoredRow>(namedQuery('insert-events'), toColumns(events))
  return result.rows.map(toStoredEvent)
}

async function insertAll(tx: Queryable, events: readonly NewEvent[]): Promise<IngestResult> {
  const stored: StoredEvent[] = []
  for (let start = 0; start < events.length; start += STATEMENT_ROWS) {
    stored.push(...(await insertChunk(tx, events.slice(start, start + STATEMENT_ROWS))))
  }
  return { stored, duplicates: events.length - stored.length }
}

async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      const code = (error as { code?: string }).code
      if (n >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw error
    }
  }
}

export function createIngestor(deps: { db: Database; onListenerError?: (error: unknown) => void }): Ingestor {
  const listeners = new Set<CommittedListener>()
  const announce = (stored: StoredEvent[]) => {
    if (stored.length === 0) return
    for (const listener of listeners) {
      try {
        listener(stored)
      } catch (error) {
        deps.onListenerError?.(error)
      }
    }
  }
  return {
    async ingest(events) {
      if (events.length === 0) return { stored: [], duplicates: 0 }
      const result = await withRetry(() => deps.db.transaction((tx) => insertAll(tx, events)))
      announce(result.stored)
      return result
    },
    async ingestAtomically(produce) {
      const stored: StoredEvent[] = []
      await deps.db.transaction(async (tx) => {
        await produce(async (events) => {
          const result = await insertAll(tx, events)
          stored.push(...result.stored)
          return result
        })
      })
      announce(stored)
    },
    onCommitted(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
