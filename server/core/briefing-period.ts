/**
 * The briefing's query and periods (BRF-1, BRF-2): today, yesterday, this week, last week, or a
 * custom range of at most 90 days, cut in the city's zone (weeks start Monday 00:00), and the
 * previous period of equal length just before. Pure: the clock and the zone come in.
 */
import { z } from 'zod'
import { instant } from './event'
import { startOfDay } from './kpi'
import { startOfWeek } from './performance'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { quote } from './rejection'
import { CITY_SCOPE } from './windows'

import { BRIEFING_FORMATS, BRIEFING_PERIODS, type BriefingFormat, type BriefingPeriodName } from './briefing-names'

export { BRIEFING_FORMATS, BRIEFING_PERIODS, type BriefingFormat, type BriefingPeriodName }

const DAY_MS = 86_400_000
export const MAX_CUSTOM_DAYS = 90

/** A half-open span [from, to). */
export interface Span {
  from: Date
  to: Date
}

export interface BriefingPeriod extends Span {
  name: BriefingPeriodName
  /** The span of equal length ending where this one starts. */
  previous: Span
}

export interface BriefingQuery {
  period: BriefingPeriod
  scope: string
  format: BriefingFormat
}

/** The same span `shiftMs` earlier: equal in length, and like for like (10 hours of today against the same 10 hours of yesterday). */
const shifted = (span: Span, shiftMs: number): Span => ({ from: new Date(span.from.getTime() - shiftMs), to: new Date(span.to.getTime() - shiftMs) })

/**
 * The named periods: `today` and `this_week` run to `now`, so they compare with the same stretch
 * of yesterday or last week; `yesterday` and `last_week` are whole, and compare with the whole day
 * or week before. The city's zone keeps no daylight saving, so a day is 24 h and a week 7 days.
 */
export function briefingPeriod(name: Exclude<BriefingPeriodName, 'custom'>, now: Date, timeZone: string): BriefingPeriod {
  const today = startOfDay(now, timeZone)
  const week = startOfWeek(now, timeZone)
  // Half a day back lands inside the previous day or week whatever the zone's offsets.
  const span: Span =
    name === 'today'
      ? { from: today, to: now }
      : name === 'yesterday'
        ? { from: startOfDay(new Date(today.getTime() - DAY_MS / 2), timeZone), to: today }
        : name === 'this_week'
          ? { from: week, to: now }
          : { from: startOfWeek(new Date(week.getTime() - DAY_MS / 2), timeZone), to: week }
  const shiftMs = name === 'today' || name === 'yesterday' ? DAY_MS : 7 * DAY_MS
  return { name, ...span, previous: shifted(span, shiftMs) }
}

/** A custom range compares with the range of the same length just before it. */
export function customPeriod(span: Span): BriefingPeriod {
  return { name: 'custom', ...span, previous: shifted(span, span.to.getTime() - span.from.getTime()) }
}

const PARAMETERS = ['period', 'from', 'to', 'scope', 'format']

const oneOf = (values: readonly string[], what: string) =>
  single(values.join(', ')).refine((value) => values.includes(value), { error: (issue) => `${quote(issue.input)} is not ${what}; give ${values.join(', ')}` })

/**
 * `GET /api/v1/briefing`: `period` (default today), `from` and `to` with `period=custom` only
 * (ISO 8601 with a zone, from before to, at most 90 days, not after now), `scope` (city or a unit
 * code: whether it exists is the database's to say), `format` json (default) or csv.
 */
export function parseBriefingQuery(raw: Record<string, unknown>, context: { now: Date; timeZone: string }): BriefingQuery {
  const schema = z
    .strictObject(
      {
        period: optional(oneOf(BRIEFING_PERIODS, 'a period')),
        from: optional(instant),
        to: optional(instant),
        scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
        format: optional(oneOf(BRIEFING_FORMATS, 'a format')),
      },
      unknownParameter(PARAMETERS),
    )
    .transform((query, ctx) => {
      const name = (query.period ?? 'today') as BriefingPeriodName
      const fail = (path: string, message: string) => {
        ctx.addIssue({ code: 'custom', path: [path], message })
        return z.NEVER
      }
      let period: BriefingPeriod
      if (name === 'custom') {
        if (!query.from) return fail('from', 'is required with period=custom (ISO 8601 with a zone, e.g. 2026-11-01T00:00:00+07:00)')
        if (!query.to) return fail('to', 'is required with period=custom (ISO 8601 with a zone, e.g. 2026-11-08T00:00:00+07:00)')
        const span = query.to.getTime() - query.from.getTime()
        if (span <= 0) return fail('from', `${query.from.toISOString()} is not before to (${query.to.toISOString()}); the period is [from, to)`)
        if (span > MAX_CUSTOM_DAYS * DAY_MS) return fail('to', `the period is ${Math.ceil(span / DAY_MS)} days; at most ${MAX_CUSTOM_DAYS} — narrow from and to`)
        if (query.to.getTime() > context.now.getTime()) return fail('to', `${query.to.toISOString()} is in the future; a briefing reports what happened`)
        period = customPeriod({ from: query.from, to: query.to })
      } else {
        if (query.from) return fail('from', `is taken only with period=custom, not ${name}`)
        if (query.to) return fail('to', `is taken only with period=custom, not ${name}`)
        period = briefingPeriod(name, context.now, context.timeZone)
      }
      return { period, scope: query.scope ?? CITY_SCOPE, format: (query.format ?? 'json') as BriefingFormat }
    })
  return parseQuery(schema, raw, PARAMETERS)
}
