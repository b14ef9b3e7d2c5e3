/**
 * One event as the console lists it (CON-4): the text masked (PRIV-*), never contact or address;
 * a complaint's status with its SLA state now. Pure: the clock and the category groups come in.
 */
import type { EventKind } from './event'
import { maskPersonalData } from './privacy'
import type { Layer } from './protocol'
import { layerOfKind } from './windows'

export const SLA_STATES = ['open_on_time', 'open_overdue', 'resolved_on_time', 'resolved_late', 'rejected'] as const
export type SlaState = (typeof SLA_STATES)[number]

/** A row of event-items.sql. Timestamps arrive as Date (pg) or string (either driver's JSON). */
export interface EventRow {
  id: string
  kind: EventKind
  occurred_at: Date | string
  received_at: Date | string
  category: string | null
  category_confidence: number | null
  sentiment: string | null
  source: string
  source_id: string
  text: string | null
  precision: string
  units: string[]
  cell_r9: string | null
  status: string | null
  due_at: Date | string | null
  clock_stopped_at: Date | string | null
  resolved_on_time: boolean | null
}

export interface ConsoleItem {
  id: string
  kind: EventKind
  layer: Layer
  occurred_at: string
  received_at: string
  category: string | null
  group: string | null
  category_confidence: number | null
  sentiment: string | null
  source: string
  source_id: string
  text: string | null
  precision: string
  units: string[]
  cell: string | null
  status: string | null
  due_at: string | null
  overdue: boolean | null
  sla_state: SlaState | null
}

const iso = (value: Date | string) => new Date(value).toISOString()

/**
 * A complaint's SLA state now (CON-4): rejected; resolved or closed, on time or late as judged at
 * its first resolution (LIFE-6); otherwise open, overdue once its deadline passed with the clock running.
 */
export function slaState(row: Pick<EventRow, 'kind' | 'status' | 'due_at' | 'clock_stopped_at' | 'resolved_on_time'>, now: Date): SlaState | null {
  if (row.kind !== 'complaint' || row.status === null) return null
  if (row.status === 'rejected') return 'rejected'
  if (row.status === 'resolved' || row.status === 'closed') return row.resolved_on_time === false ? 'resolved_late' : 'resolved_on_time'
  return row.clock_stopped_at === null && row.due_at !== null && new Date(row.due_at).getTime() < now.getTime() ? 'open_overdue' : 'open_on_time'
}

export function consoleItem(row: EventRow, now: Date, groupOf: (category: string) => string | undefined): ConsoleItem {
  const state = slaState(row, now)
  return {
    id: row.id,
    kind: row.kind,
    layer: layerOfKind(row.kind),
    occurred_at: iso(row.occurred_at),
    received_at: iso(row.received_at),
    category: row.category,
    group: row.category === null ? null : (groupOf(row.category) ?? null),
    category_confidence: row.category_confidence === null ? null : Number(row.category_confidence),
    sentiment: row.sentiment,
    source: row.source,
    source_id: row.source_id,
    text: maskPersonalData(row.text),
    precision: row.precision,
    units: row.units,
    cell: row.cell_r9,
    status: row.kind === 'complaint' ? row.status : null,
    due_at: row.kind === 'complaint' && row.due_at !== null ? iso(row.due_at) : null,
    overdue: state === null ? null : state === 'open_overdue',
    sla_state: state,
  }
}
