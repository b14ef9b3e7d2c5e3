import { cellsForPoint } from '../core/h3'
import type { NewEvent } from '../core/event'
import { ingestedState } from '../core/lifecycle'
import type { SlaPolicy } from '../core/sla'
import type { BoundaryTextReader } from '../nlp/boundary-text-reader'
import { readEvents, type ReadEvent } from './read-events'
import type { Database, Queryable } from '../db/database'
import type { IngestMetrics } from '../metrics'
import { namedQuery } from '../db/queries'
import type { IngestResult, Ingestor } from './ingestor'
import type { CommittedListener, StoredEvent } from './stored-event'
import { asciiFold } from '../core/text'

/** Rows per INSERT statement: large enough to amortise the round trip, small enough for PGlite's memory. */
export const STATEMENT_ROWS = 5000
const RETRYABLE = new Set(['40P01', '40001']) // deadlock, serialization failure
const MAX_ATTEMPTS = 3

interface StoredRow {
  id: string
  source: string
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

const COLUMNS = 28
const iso = (date: Date | null) => date?.toISOString() ?? null

/**
 * The parallel arrays the insert-events query unnests, in (source, source_id) order; each text
 * already read (NLP-7), so that a category or unit read from it is stored, rolled up and given
 * its SLA as if the producer had sent it.
 */
export function toColumns(events: readonly ReadEvent[], sla: SlaPolicy): unknown[][] {
  const sorted = [...events].sort((a, b) => compare(a.event.source, b.event.source) || compare(a.event.sourceId, b.event.sourceId))
  const columns: unknown[][] = Array.from({ length: COLUMNS }, () => new Array(sorted.length))
  sorted.forEach(({ event: e, reading }, i) => {
    const cells = e.lat !== null && e.lon !== null ? cellsForPoint(e.lat, e.lon) : null
    const life = e.status !== null && e.statusAt !== null ? ingestedState(e.occurredAt, sla({ category: reading.category }), e.status, e.statusAt) : null
    const values = [
      e.kind, e.source, e.sourceId, e.occurredAt.toISOString(), e.lon, e.lat, reading.unit, e.text, e.address,
      reading.category, JSON.stringify(e.attributes), e.contact ? JSON.stringify(e.contact) : null,
      cells?.r6 ?? null, cells?.r7 ?? null, cells?.r8 ?? null, cells?.r9 ?? null,
      // The complaint's lifecycle as it arrived (LIFE-5); null for mentions.
      life?.status ?? null, iso(e.statusAt), life?.slaHours ?? null, iso(life?.dueAt ?? null),
      iso(life?.clockStoppedAt ?? null), iso(life?.firstResolvedAt ?? null), life?.resolvedOnTime ?? null,
      reading.categoryConfidence, reading.sentiment, reading.sentimentConfidence, reading.placeConfidence,
      // What search matches words against (CON-8): folded here, by the function that folds the query.
      e.text === null ? null : asciiFold(e.text),
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

/** What was stored, with the source of each stored row for the metrics. */
type Inserted = IngestResult & { sources: string[] }

async function insertAll(tx: Queryable, events: readonly ReadEvent[], sla: SlaPolicy): Promise<Inserted> {
  const stored: StoredEvent[] = []
  const sources: string[] = []
  for (let start = 0; start < events.length; start += STATEMENT_ROWS) {
    const result = await tx.query<StoredRow>(namedQuery('insert-events'), toColumns(events.slice(start, start + STATEMENT_ROWS), sla))
    for (const row of result.rows) {
      stored.push(toStoredEvent(row))
      sources.push(row.source)
    }
  }
  return { stored, duplicates: events.length - stored.length, sources }
}

/** Accepted and duplicate counts per source, once the transaction has committed. */
function countCommitted(metrics: IngestMetrics | undefined, events: readonly NewEvent[], storedSources: readonly string[]) {
  if (!metrics) return
  const counts = new Map<string, { received: number; accepted: number }>()
  const at = (source: string) => counts.get(source) ?? counts.set(source, { received: 0, accepted: 0 }).get(source)!
  for (const event of events) at(event.source).received++
  for (const source of storedSources) at(source).accepted++
  for (const [source, c] of counts) metrics.stored(source, c.accepted, c.received - c.accepted)
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

export interface IngestorDeps {
  db: Database
  /** The hours each complaint is given (core/sla.ts): its deadline is fixed as it is stored. */
  sla: SlaPolicy
  /** Reads each text (NLP-7) with the gazetteer of the stored boundaries. */
  texts: BoundaryTextReader
  onListenerError?: (error: unknown) => void
  metrics?: IngestMetrics
}

export function createIngestor(deps: IngestorDeps): Ingestor {
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
      const timer = deps.metrics?.batchSeconds.startTimer()
      // Before the transaction: the reader may ask the database (the embedded one has one
      // connection), and reading takes time no row lock should be held for.
      const read = await readEvents(events, await deps.texts.current())
      const { sources, ...result } = await withRetry(() => deps.db.transaction((tx) => insertAll(tx, read, deps.sla)))
      timer?.()
      countCommitted(deps.metrics, events, sources)
      announce(result.stored)
      return result
    },
    async ingestAtomically(produce) {
      const stored: StoredEvent[] = []
      const received: NewEvent[] = []
      const storedSources: string[] = []
      const timer = deps.metrics?.batchSeconds.startTimer()
      const texts = await deps.texts.current()
      await deps.db.transaction(async (tx) => {
        await produce(async (events) => {
          // All or nothing: the transaction spans the whole body, reading included.
          const { sources, ...result } = await insertAll(tx, await readEvents(events, texts), deps.sla)
          stored.push(...result.stored)
          received.push(...events)
          storedSources.push(...sources)
          return result
        })
      })
      timer?.()
      countCommitted(deps.metrics, received, storedSources)
      announce(stored)
    },
    onCommitted(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
