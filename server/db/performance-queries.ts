/** Processing speed per unit and per week (LIFE-6): the named queries, values always bound. */
import type { CountedSpeed, CountedUnit, PerformanceQuery, WeeklyQuery } from '../core/performance'
import type { Queryable } from './database'
import { namedQuery } from './queries'

/** The city's row and one per unit at the query's level (none: no unit is at that level). */
export async function countUnits(db: Queryable, query: PerformanceQuery, now: Date): Promise<CountedUnit[]> {
  const { rows } = await db.query<CountedUnit>(namedQuery('units-performance'), [query.level, query.from.toISOString(), query.to.toISOString(), query.codes, now.toISOString()])
  return rows
}

export interface CountedPeriod extends CountedSpeed {
  scope: string
  period_start: Date
  received: number
}

export interface Period {
  scope: string
  from: Date
  to: Date
}

/** How the complaints received in each period were handled: one row per period, in order (complaint-speed.sql). */
export async function countPeriods(db: Queryable, periods: readonly Period[], codes: readonly string[] | null): Promise<CountedPeriod[]> {
  if (periods.length === 0) return []
  const { rows } = await db.query<CountedPeriod>(namedQuery('complaint-speed'), [
    periods.map((p) => p.scope),
    periods.map((p) => p.from.toISOString()),
    periods.map((p) => p.to.toISOString()),
    codes,
  ])
  return rows.map((row) => ({ ...row, period_start: new Date(row.period_start) }))
}

/** One row per week of `query.bounds`, oldest first. */
export function countWeeks(db: Queryable, query: WeeklyQuery): Promise<CountedPeriod[]> {
  const weeks = query.bounds.slice(0, -1).map((from, i) => ({ scope: query.scope, from, to: query.bounds[i + 1]! }))
  return countPeriods(db, weeks, query.codes)
}
