/**
 * The wall's processing-speed panel, pure: which level it ranks, the question it asks
 * (`GET /api/v1/units/performance`, last 7 days), reading the answer, the order (worst first) and
 * how each figure is written. The figures themselves are the server's (LIFE-*): nothing is
 * recomputed here.
 */
import { z } from 'zod'
import { formatDecimal, formatNumber, type Locale } from '../app/i18n'
import type { Unit } from '../map/boundaries'

export const PERFORMANCE_DAYS = 7
const DAY_MS = 86_400_000

const figure = z.number().nullable().catch(null)
const count = z.number().catch(0)

const rowSchema = z.object({
  code: z.coerce.string(),
  name: z.string().catch(''),
  received: count,
  resolved: count,
  invalid: count,
  median_hours: figure,
  p90_hours: figure,
  on_time_pct: figure,
  open: count,
  overdue: count,
  satisfaction: figure,
  ratings: count,
})

const answerSchema = z.object({
  level: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(z.unknown()).transform((rows) => rows.flatMap((row) => {
    const parsed = rowSchema.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })),
  city: rowSchema.nullable().catch(null),
})

export type PerformanceRow = z.output<typeof rowSchema>
export type PerformanceAnswer = z.output<typeof answerSchema>

/** The answer, or null when it is not one (a server without the route answers HTML or an error body). */
export function parsePerformance(body: unknown): PerformanceAnswer | null {
  const parsed = answerSchema.safeParse(body)
  return parsed.success ? parsed.data : null
}

/** The level the panel ranks: the scope's children's (the city's: its top units'), the one most of them are at. */
export function childLevel(children: readonly Unit[]): string | null {
  const counts = new Map<string, number>()
  for (const u of children) counts.set(u.level, (counts.get(u.level) ?? 0) + 1)
  let best: string | null = null
  for (const [level, n] of counts) if (best === null || n > counts.get(best)!) best = level
  return best
}

/** The complaints received in the last 7 days, as of `now`. */
export function performancePath(level: string, now: number): string {
  const query = new URLSearchParams({ level, from: new Date(now - PERFORMANCE_DAYS * DAY_MS).toISOString(), to: new Date(now).toISOString() })
  return `/api/v1/units/performance?${query}`
}

/**
 * Worst first: most overdue, then the slowest median. A unit that received complaints and resolved
 * none counts as slowest of all; a unit with none is last. Ties by code, so the order holds still.
 */
export function rankWorstFirst(rows: readonly PerformanceRow[], codes: ReadonlySet<string> | null = null): PerformanceRow[] {
  const slowness = (r: PerformanceRow) => r.median_hours ?? (r.received > 0 ? Infinity : -Infinity)
  return rows
    .filter((r) => codes === null || codes.has(r.code))
    .sort((a, b) => b.overdue - a.overdue || slowness(b) - slowness(a) || a.code.localeCompare(b.code))
}

/** Hours to resolve: one decimal under 10 h ("5,2"), whole hours above ("126"); "—" when none resolved. */
export function formatHours(locale: Locale, hours: number | null): string {
  if (hours === null) return '—'
  return hours < 10 ? formatDecimal(locale, hours, 1) : formatNumber(locale, Math.round(hours))
}

export function formatPercent(locale: Locale, pct: number | null): string {
  return pct === null ? '—' : `${formatNumber(locale, Math.round(pct))}%`
}

/** "★ 4,2 (35)": the average and how many ratings it rests on; "—" before the first. */
export function formatSatisfaction(locale: Locale, average: number | null, ratings: number): string {
  return average === null || ratings === 0 ? '—' : `★ ${formatDecimal(locale, average, 1)} (${formatNumber(locale, ratings)})`
}
