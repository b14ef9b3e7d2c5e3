import type { ComplaintStatus, EventKind, LocationPrecision } from '../core/event'

/**
 * What the ingest pipeline announces after a batch commits: one entry per newly stored event
 * (duplicates are not announced). The aggregator and the ticker listen to these.
 * Holds no personal data: `contact` never leaves the database; `text` is masked before display.
 */
export interface StoredEvent {
  id: string
  kind: EventKind
  occurredAt: Date
  receivedAt: Date
  /** Finest-resolution (r9) H3 cell, or null when the event has no point. */
  cell: string | null
  category: string | null
  districtCode: string | null
  wardCode: string | null
  precision: LocationPrecision
  outOfArea: boolean
  status: ComplaintStatus | null
  text: string | null
}

export type CommittedListener = (batch: StoredEvent[]) => void
