/**
 * KPI figures of one scope, summed from minute counts (KPI-1…KPI-3) and the complaint figures the
 * database counts (KPI-4). Pure: `now` and the zone come in as arguments. Figures that need later
 * capabilities (sentiment) are absent, never estimated.
 */
import { LAYERS, type CategoryCount, type Kpi, type Layer, type Processing } from './protocol'
import { MINUTE_MS, minuteOf } from './windows'

/** Sums `layer|category` → count over minutes [from, to) of one scope. */
export type MinuteSums = (scope: string, fromMinute: number, toMinute: number) => Map<string, number>

const DAY_MS = 86_400_000

/** A scope's complaints as the database counts them (KPI-4): open now, overdue at the node's now, first resolved today. */
export interface ComplaintFigures {
  open: number
  overdue: number
  resolvedToday: number
}

/** Offset of `zone` from UTC at `at`, in ms (Asia/Ho_Chi_Minh: +7 h, no DST — but zones are data). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - Math.floor(at.getTime() / 1000) * 1000
}

/** Local midnight of the day containing `at` in `timeZone` (KPI-1). */
export function startOfDay(at: Date, timeZone: string): Date {
  const local = at.getTime() + zoneOffsetMs(at, timeZone)
  const midnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS)
  // The offset at midnight, not at `at`: clocks may have moved since (daylight saving).
  return new Date(midnight - zoneOffsetMs(new Date(midnight - zoneOffsetMs(at, timeZone)), timeZone))
}

function split(sums: Map<string, number>): Record<Layer, { total: number; byCategory: CategoryCount[] }> {
  const out = {} as Record<Layer, { total: number; byCategory: CategoryCount[] }>
  for (const layer of LAYERS) out[layer] = { total: 0, byCategory: [] }
  for (const [key, count] of sums) {
    const bar = key.indexOf('|')
    const layer = key.slice(0, bar) as Layer
    const figure = out[layer]
    if (!figure) continue
    figure.total += count
    figure.byCategory.push({ category: key.slice(bar + 1), count })
  }
  for (const layer of LAYERS) out[layer].byCategory.sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
  return out
}

const totals = (sums: Map<string, number>): Record<Layer, number> => {
  const figures = split(sums)
  return { complaints: figures.complaints.total, mentions: figures.mentions.total }
}

/**
 * Today = local midnight → now (inclusive of the current minute); the same period yesterday ends
 * 24 h earlier (KPI-2); the last hour is the 60 minutes ending with the current one, compared with
 * the same 60 minutes yesterday (KPI-3). Complaint figures and processing come from the database (KPI-4).
 */
export function computeKpi(input: { scope: string; now: Date; timeZone: string; sums: MinuteSums; complaints: ComplaintFigures; processing?: Processing | undefined }): Kpi {
  const { scope, now, timeZone, sums } = input
  const nowMinute = minuteOf(now.getTime())
  const dayStart = minuteOf(startOfDay(now, timeZone).getTime())
  const dayMinutes = DAY_MS / MINUTE_MS
  // Events up to 5 minutes in the future are accepted at ingest: count them today.
  const todayEnd = dayStart + dayMinutes
  return {
    scope,
    at: now.toISOString(),
    today: split(sums(scope, dayStart, todayEnd)),
    yesterdaySamePeriod: split(sums(scope, dayStart - dayMinutes, nowMinute + 1 - dayMinutes)),
    lastHour: totals(sums(scope, nowMinute - 59, nowMinute + 1)),
    sameHourYesterday: totals(sums(scope, nowMinute - 59 - dayMinutes, nowMinute + 1 - dayMinutes)),
    openComplaints: input.complaints.open,
    overdueComplaints: input.complaints.overdue,
    resolvedToday: input.complaints.resolvedToday,
    ...(input.processing ? { processing: input.processing } : {}),
  }
}
