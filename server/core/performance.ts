/**
 * Processing speed and satisfaction per unit and week by week (LIFE-6): the query parameters, the
 * weeks, and the figures as answered. Pure: the clock, the zone and the taxonomy come in. The
 * database counts and takes the percentiles (units-performance.sql, complaint-speed.sql);
 * the ratios are made here, once for both routes.
 */
import type { Processing } from './protocol'
import { z } from 'zod'
import { LEVEL_PATTERN } from './boundary-features'
import type { Category } from './categories'
import { instant } from './event'
import { startOfDay, zoneOffsetMs } from './kpi'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { quote } from './rejection'
import { CITY_SCOPE } from './windows'

const DAY_MS = 86_400_000
export const DEFAULT_PERIOD_DAYS = 7
export const MAX_PERIOD_DAYS = 366
export const WEEKS = { min: 1, max: 53, default: 8 } as const

/** What both routes filter by: the complaints of these category codes, or all (null). */
export interface CategoryFilter {
  codes: string[] | null
}

export interface PerformanceQuery extends CategoryFilter {
  level: string
  from: Date
  to: Date
}

export interface WeeklyQuery extends CategoryFilter {
  scope: string
  /** Week starts, oldest first, then the end of the last week: one more than the weeks. */
  bounds: Date[]
}


/** The category codes a `category` and `group` pair selects; the taxonomy is data, so it comes in. */
function categoryFilter(categories: readonly Category[]) {
  const codes = new Set(categories.map((c) => c.code))
  const groups: string[] = [...new Set(categories.map((c) => c.group))].sort()
  return {
    category: optional(
      single('a category code').refine((code) => codes.has(code), { error: (issue) => `${quote(issue.input)} is not a known category (GET /api/v1/categories lists them)` }),
    ),
    group: optional(single('a group').refine((group) => groups.includes(group), { error: (issue) => `${quote(issue.input)} is not a group; the groups are ${groups.join(', ')}` })),
    select(query: { category?: string | undefined; group?: string | undefined }, ctx: z.RefinementCtx): string[] | null {
      const { category, group } = query
      if (category !== undefined && group !== undefined) {
        const owner = categories.find((c) => c.code === category)!.group
        if (owner !== group) ctx.addIssue({ code: 'custom', path: ['category'], message: `${quote(category)} is in group "${owner}", not "${group}" — give one of them, or a category of that group` })
        return [category]
      }
      if (category !== undefined) return [category]
      if (group !== undefined) return categories.filter((c) => c.group === group).map((c) => c.code)
      return null
    },
  }
}

const PERFORMANCE_PARAMETERS = ['level', 'from', 'to', 'category', 'group']

/**
 * `GET /api/v1/units/performance`: `level` (any level name: which exist is the database's to say),
 * the period [from, to) — by default the 7 days up to `now` — and an optional category or group.
 */
export function parsePerformanceQuery(raw: Record<string, unknown>, context: { now: Date; categories: readonly Category[] }): PerformanceQuery {
  const filter = categoryFilter(context.categories)
  const schema = z
    .strictObject(
      {
        level: optional(single('a level name such as district or ward').regex(LEVEL_PATTERN, { error: 'must be a level name: lower-case letters, digits, - or _ (e.g. district, ward)' })),
        from: optional(instant),
        to: optional(instant),
        category: filter.category,
        group: filter.group,
      },
      unknownParameter(PERFORMANCE_PARAMETERS),
    )
    .transform((query, ctx) => {
      if (query.level === undefined) {
        ctx.addIssue({ code: 'custom', path: ['level'], message: 'is required, e.g. level=district — GET /api/v1/boundaries/levels lists the levels' })
        return z.NEVER
      }
      const to = query.to ?? context.now
      const from = query.from ?? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS)
      const span = to.getTime() - from.getTime()
      if (span <= 0) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: `${from.toISOString()} is not before to (${to.toISOString()}); the period is [from, to)` })
        return z.NEVER
      }
      if (span > MAX_PERIOD_DAYS * DAY_MS) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: `the period is ${Math.ceil(span / DAY_MS)} days; at most ${MAX_PERIOD_DAYS} — narrow from and to` })
        return z.NEVER
      }
      return { level: query.level, from, to, codes: filter.select(query, ctx) }
    })
  return parseQuery(schema, raw, PERFORMANCE_PARAMETERS)
}

const WEEKLY_PARAMETERS = ['scope', 'weeks', 'category', 'group']

/**
 * `GET /api/v1/units/performance/weekly`: `scope` (`city` or a unit code; whether it exists is the
 * database's to say), the last `weeks` weeks up to the one holding `now`, and an optional category
 * or group.
 */
export function parseWeeklyQuery(raw: Record<string, unknown>, context: { now: Date; timeZone: string; categories: readonly Category[] }): WeeklyQuery {
  const filter = categoryFilter(context.categories)
  const weeksError = `must be a whole number of weeks from ${WEEKS.min} to ${WEEKS.max}`
  const schema = z
    .strictObject(
      {
        scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
        weeks: optional(
          single(weeksError)
            .regex(/^\d{1,3}$/, { error: weeksError })
            .transform(Number)
            .pipe(z.number().min(WEEKS.min, { error: weeksError }).max(WEEKS.max, { error: weeksError })),
        ),
        category: filter.category,
        group: filter.group,
      },
      unknownParameter(WEEKLY_PARAMETERS),
    )
    .transform((query, ctx) => ({
      scope: query.scope ?? CITY_SCOPE,
      bounds: weekBounds(context.now, query.weeks ?? WEEKS.default, context.timeZone),
      codes: filter.select(query, ctx),
    }))
  return parseQuery(schema, raw, WEEKLY_PARAMETERS)
}

/** Monday 00:00 in `timeZone` of the week holding `at`. */
export function startOfWeek(at: Date, timeZone: string): Date {
  const day = startOfDay(at, timeZone)
  const weekday = new Date(day.getTime() + zoneOffsetMs(day, timeZone)).getUTCDay()
  const daysSinceMonday = (weekday + 6) % 7
  // Stepping back whole days, then to that day's midnight: a zone's daylight-saving hour cannot
  // move the answer off Monday.
  return startOfDay(new Date(day.getTime() - daysSinceMonday * DAY_MS + DAY_MS / 2), timeZone)
}

/** The starts of the `weeks` weeks ending with the one holding `now`, oldest first, and that week's end. */
export function weekBounds(now: Date, weeks: number, timeZone: string): Date[] {
  const current = startOfWeek(now, timeZone)
  const bounds = [current]
  while (bounds.length < weeks) bounds.unshift(startOfWeek(new Date(bounds[0]!.getTime() - DAY_MS / 2), timeZone))
  bounds.push(startOfWeek(new Date(current.getTime() + 7.5 * DAY_MS), timeZone))
  return bounds
}

/** What the speed figures of a group of complaints (a unit, the city, a week) are made from. */
export interface CountedSpeed {
  /** Resolved or closed at least once, validly (first_resolved_at ≥ received_at). */
  resolved: number
  /** Of `resolved`, those whose first resolution met the deadline. */
  on_time: number
  rating_sum: number
  ratings: number
  /** Median and p90 of the valid times to resolve, in hours (percentile_cont); null when none resolved. */
  hours: readonly (number | string)[] | null
}

/** A group of complaints as the database counts them: a unit or the city. */
export interface CountedComplaints extends CountedSpeed {
  received: number
  invalid: number
  open: number
  overdue: number
  rejected: number
}

export interface SpeedFigures {
  median_hours: number | null
  p90_hours: number | null
  on_time_pct: number | null
  satisfaction: number | null
}

export interface ProcessingFigures extends SpeedFigures {
  received: number
  resolved: number
  invalid: number
  open: number
  overdue: number
  rejected: number
  ratings: number
}

export interface UnitPerformance extends ProcessingFigures {
  code: string
  name: string
  level: string
}

export interface PerformanceAnswer {
  level: string
  from: string
  to: string
  rows: UnitPerformance[]
  city: UnitPerformance
}

export interface WeekFigures extends SpeedFigures {
  week_start: string
  received: number
  resolved: number
  ratings: number
}

/** The ratios of LIFE-6, each null where its denominator is zero. */
export function speedFigures(counted: CountedSpeed): SpeedFigures {
  const hours = counted.hours?.map(Number) ?? null
  return {
    median_hours: hours?.[0] ?? null,
    p90_hours: hours?.[1] ?? null,
    on_time_pct: counted.resolved > 0 ? (100 * counted.on_time) / counted.resolved : null,
    satisfaction: counted.ratings > 0 ? counted.rating_sum / counted.ratings : null,
  }
}

export function processingFigures(counted: CountedComplaints): ProcessingFigures {
  const speed = speedFigures(counted)
  return {
    received: counted.received,
    resolved: counted.resolved,
    invalid: counted.invalid,
    median_hours: speed.median_hours,
    p90_hours: speed.p90_hours,
    on_time_pct: speed.on_time_pct,
    open: counted.open,
    overdue: counted.overdue,
    rejected: counted.rejected,
    satisfaction: speed.satisfaction,
    ratings: counted.ratings,
  }
}

/** A scope's last days as the live KPI carries them (LIVE-15): the same figures, in the wire's words. */
export function processingOf(counted: CountedSpeed, periodDays: Processing['periodDays']): Processing {
  const speed = speedFigures(counted)
  return {
    periodDays,
    resolved: counted.resolved,
    medianHours: speed.median_hours,
    p90Hours: speed.p90_hours,
    onTimePct: speed.on_time_pct,
    satisfaction: speed.satisfaction,
    ratings: counted.ratings,
  }
}

export function weekFigures(weekStart: Date, counted: CountedSpeed & { received: number }): WeekFigures {
  const speed = speedFigures(counted)
  return {
    week_start: weekStart.toISOString(),
    received: counted.received,
    resolved: counted.resolved,
    median_hours: speed.median_hours,
    p90_hours: speed.p90_hours,
    on_time_pct: speed.on_time_pct,
    satisfaction: speed.satisfaction,
    ratings: counted.ratings,
  }
}

export interface CountedUnit extends CountedComplaints {
  code: string
  name: string | null
  level: string | null
}

/**
 * The answer from the database's rows: the city's, and one per unit of the level, by code. Null
 * when no unit is at that level (the level is not stored).
 */
export function performanceAnswer(query: PerformanceQuery, counted: readonly CountedUnit[]): PerformanceAnswer | null {
  const unit = (row: CountedUnit): UnitPerformance => ({ code: row.code, name: row.name ?? row.code, level: row.level ?? CITY_SCOPE, ...processingFigures(row) })
  const city = counted.find((row) => row.code === CITY_SCOPE && row.level === null)
  const rows = counted.filter((row) => row !== city).map(unit).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  if (!city || rows.length === 0) return null
  return { level: query.level, from: query.from.toISOString(), to: query.to.toISOString(), rows, city: unit(city) }
}
