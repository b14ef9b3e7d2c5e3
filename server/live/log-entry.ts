/**
 * What the aggregators of every node consume, in one order (MULTI-1): committed batches (from
 * whichever node ingested them) and clock ticks (from the expiry leader only, MULTI-3).
 * Text is masked before it enters the log, so raw text never reaches Redis or a screen.
 */
import { maskPersonalData } from '../core/privacy'
import type { WindowInput } from '../core/windows'
import type { StoredEvent } from '../ingest/stored-event'

/** One stored event as the windows count it, plus what the ticker shows. */
export interface LogEvent extends Omit<WindowInput, 'count'> {
  id: string
  text: string | null
}

/**
 * `committedAt`: when the batch's transaction committed (delta lag is measured from it).
 * `origin`/`n`: the publishing node and the batch's number from it, 1, 2, 3… (MULTI-5).
 */
export interface BatchEntry {
  type: 'batch'
  origin: string
  n: number
  committedAt: number
  events: LogEvent[]
}

export type LogEntry = BatchEntry | { type: 'tick'; at: number }

export function toLogEvent(event: StoredEvent): LogEvent {
  return {
    id: event.id,
    kind: event.kind,
    occurredAtMs: event.occurredAt.getTime(),
    cell: event.cell,
    category: event.category,
    units: event.units,
    text: maskPersonalData(event.text),
  }
}

/** The ordered log: append from anywhere, every subscriber sees every entry in the same order. */
export interface LiveLog {
  append(entry: LogEntry): Promise<void>
  /** Delivers entries appended after this call, in order, with when they were appended (ms). */
  start(consumer: (entry: LogEntry, appendedAt: number) => void): Promise<void>
  close(): Promise<void>
}

/** Single node: the log is a function call. */
export function createLocalLog(): LiveLog {
  let consumer: ((entry: LogEntry, appendedAt: number) => void) | null = null
  return {
    async append(entry) {
      consumer?.(entry, Date.now())
    },
    async start(next) {
      consumer = next
    },
    async close() {
      consumer = null
    },
  }
}
