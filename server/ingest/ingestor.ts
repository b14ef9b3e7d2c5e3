import type { NewEvent } from '../core/event'
import type { CommittedListener, StoredEvent } from './stored-event'

export interface IngestResult {
  /** Newly stored events, in input order. */
  stored: StoredEvent[]
  /** Events already stored under the same (source, source_id), now or by an earlier request. */
  duplicates: number
}

/** Stores validated events exactly once, enriched, and announces what was committed. */
export interface Ingestor {
  ingest(events: readonly NewEvent[]): Promise<IngestResult>
  /** All-or-nothing: every event is stored or none is (`?atomic=true`). */
  ingestAtomically(produce: (store: (events: readonly NewEvent[]) => Promise<IngestResult>) => Promise<void>): Promise<void>
  onCommitted(listener: CommittedListener): () => void
}
