/** Named queries of the live aggregator (server/db/queries/live-*.sql); values are always bound. */
import type { EventKind } from '../core/event'
import type { WindowInput } from '../core/windows'
import type { Queryable } from './database'
import { namedQuery } from './queries'

const ROLLUPS = namedQuery('live-rollups')
const RECENT_IDS = namedQuery('live-recent-ids')
const COMPLAINT_FIGURES = namedQuery('live-complaint-figures')
const RECENT_EVENTS = namedQuery('live-recent-events')
const SCOPE_CODES = namedQuery('live-scope-codes')

interface RollupRow {
  minute_ms: number
  kind: EventKind
  cell: string
  category: string
  units: string[]
  count: number
}

/** Roll-up rows since `since`, as window inputs ('' in the table means none). */
export async function loadRollups(db: Queryable, since: Date): Promise<WindowInput[]> {
  const { rows } = await db.query<RollupRow>(ROLLUPS, [since.toISOString()])
  return rows.map((row) => ({
    kind: row.kind,
    occurredAtMs: Number(row.minute_ms),
    cell: row.cell || null,
    category: row.category || null,
    units: row.units,
    count: Number(row.count),
  }))
}

export async function recentEventIds(db: Queryable, span: number): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(RECENT_IDS, [span])
  return new Set(rows.map((row) => row.id))
}

/** Complaints of one scope as the KPI shows them (KPI-4, LIFE-3). */
export interface ComplaintFigures {
  open: number
  overdue: number
  resolvedToday: number
}

/** Per scope: open now, overdue at `now`, first resolved since `dayStart` (local midnight). */
export async function complaintFigures(db: Queryable, scopes: readonly string[], now: Date, dayStart: Date): Promise<Map<string, ComplaintFigures>> {
  if (scopes.length === 0) return new Map()
  const { rows } = await db.query<{ scope: string; open: number; overdue: number; resolved_today: number }>(COMPLAINT_FIGURES, [scopes, now.toISOString(), dayStart.toISOString()])
  return new Map(rows.map((row) => [row.scope, { open: Number(row.open), overdue: Number(row.overdue), resolvedToday: Number(row.resolved_today) }]))
}

/** Whether `code` names a stored boundary, at any level. */
/** Every stored boundary code: a few thousand at most. */
export async function boundaryCodes(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(SCOPE_CODES)
  return rows.map((row) => row.code)
}

export interface RecentEventRow {
  id: string
  kind: EventKind
  occurred_at: Date
  cell_r9: string | null
  category: string | null
  units: string[]
  text: string | null
}

/** The newest events that occurred in (since, until], newest first, without personal fields. */
export async function recentEvents(db: Queryable, since: Date, until: Date, limit: number): Promise<RecentEventRow[]> {
  return (await db.query<RecentEventRow>(RECENT_EVENTS, [since.toISOString(), until.toISOString(), limit])).rows
}
