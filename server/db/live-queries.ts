/** Named queries of the live aggregator (server/db/queries/live-*.sql); values are always bound. */
import { processingOf } from '../core/performance'
import { countPeriods } from './performance-queries'
import type { EventKind } from '../core/event'
import type { ComplaintFigures } from '../core/kpi'
import type { OverdueByR9 } from '../core/overdue'
import type { Processing } from '../core/protocol'
import type { WindowInput } from '../core/windows'
import type { Queryable } from './database'
import { namedQuery } from './queries'

const ROLLUPS = namedQuery('live-rollups')
const RECENT_IDS = namedQuery('live-recent-ids')
const COMPLAINT_FIGURES = namedQuery('live-complaint-figures')
const OVERDUE_CELLS = namedQuery('live-overdue-cells')
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

/** Per scope: open now, overdue at `now`, first resolved since `dayStart` (local midnight) (KPI-4, LIFE-3). */
export async function complaintFigures(db: Queryable, scopes: readonly string[], now: Date, dayStart: Date): Promise<Map<string, ComplaintFigures>> {
  if (scopes.length === 0) return new Map()
  const { rows } = await db.query<{ scope: string; open: number; overdue: number; resolved_today: number }>(COMPLAINT_FIGURES, [scopes, now.toISOString(), dayStart.toISOString()])
  return new Map(rows.map((row) => [row.scope, { open: Number(row.open), overdue: Number(row.overdue), resolvedToday: Number(row.resolved_today) }]))
}

/** Per scope: complaints overdue at `now` per r9 cell (LIVE-15); a scope with none has an empty map. */
export async function overdueCells(db: Queryable, scopes: readonly string[], now: Date): Promise<Map<string, OverdueByR9>> {
  const byScope = new Map(scopes.map((scope) => [scope, new Map<string, number>()]))
  if (scopes.length === 0) return byScope
  const { rows } = await db.query<{ scope: string; cell: string; count: number }>(OVERDUE_CELLS, [scopes, now.toISOString()])
  for (const row of rows) byScope.get(row.scope)?.set(row.cell, Number(row.count))
  return byScope
}

const PROCESSING_DAYS = 7
const DAY_MS = 86_400_000

/** Per scope: how the complaints received in the 7 days before `now` were handled (LIFE-6, LIVE-15). */
export async function processingFigures(db: Queryable, scopes: readonly string[], now: Date): Promise<Map<string, Processing>> {
  const from = new Date(now.getTime() - PROCESSING_DAYS * DAY_MS)
  const counted = await countPeriods(db, scopes.map((scope) => ({ scope, from, to: now })), null)
  return new Map(counted.map((period) => [period.scope, processingOf(period, PROCESSING_DAYS)]))
}

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
