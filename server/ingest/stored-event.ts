import type { EventKind } from '../core/event'
import type { LifecycleStatus } from '../core/lifecycle'

/** How an event was located: `point`, the level of the unit a producer named (levels are data), or `unknown`. */
export type LocationPrecision = 'point' | 'unknown' | (string & {})

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
  /** Every unit containing the point (or the named unit), with parent chains, from the top level down. */
  units: string[]
  precision: LocationPrecision
  outOfArea: boolean
  /** A complaint's status as it arrived; null for a mention. */
  status: LifecycleStatus | null
  text: string | null
}

export type CommittedListener = (batch: StoredEvent[]) => void
