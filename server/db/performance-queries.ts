/** Processing speed per unit and per week (LIFE-6): the named queries, values always bound. */
import type { CountedSpeed, CountedUnit, PerformanceQuery, WeeklyQuery } from '../core/performance'
import type { Queryable } from './database'
import { namedQuery } from './queries'

/** The city's row and one per unit at the query's level (none: no unit is at that level). */
export async function countUnits(db: Queryable, query: PerformanceQuery, now: Date): Promise<CountedUnit[]> {
  const { rows } = await db.query<CountedUnit>(namedQuery('units-performance'), [query.level, query.from.toISOString(), query.to.toISOString(), query.codes, now.toISOString()])
  return rows
}

export interface CountedWeek extends CountedSpeed {
  week_start: Date
  received: number
}

/** One row per week of `query.bounds`, oldest first. */
export async function countWeeks(db: Queryable, query: WeeklyQuery): Promise<CountedWeek[]> {
  const iso = query.bounds.map((d) => d.toISOString())
  const { rows } = await db.query<CountedWeek>(namedQuery('units-performance-weekly'), [query.scope, iso.slice(0, -1), iso.slice(1), query.codes])
  return rows.map((row) => ({ ...row, week_start: new Date(row.week_start) }))
}

/** Whether `code` names a stored unit. */
export async function unitExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query<{ code: string }>(namedQuery('unknown-units'), [[code]])
  return rows.length === 0
}
