/**
 * A place's histogram (CON-5): buckets of whole minutes aligned to the local day (UTC+7 in Ho Chi
 * Minh City), empty ones present, counted from the minute roll-ups. Pure: the clock, the zone and
 * the taxonomy come in; the database sums each bucket (place-histogram.sql).
 */
import { z } from 'zod'
import type { Category } from './categories'
import { categoryList, checkRange, kindsOf, rangeFields, resolveRange, wordList, type TimeRange } from './console-query'
import { badRequest } from './errors'
import type { EventKind } from './event'
import { zoneOffsetMs } from './kpi'
import { LAYERS, type Layer } from './protocol'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { quote } from './rejection'
import { MINUTE_MS } from './windows'

export const MAX_BUCKETS = 2_000
const DAY_MINUTES = 1_440

export interface HistogramQuery {
  range: TimeRange
  bucketMinutes: number
  kinds: EventKind[]
  categories: string[] | null
}

const BUCKET_ERROR = 'must be minutes or hours such as 15m or 1h, from 1m to 24h'

/** `15m`, `1h`: whole minutes from 1 to a day. */
export function parseBucket(value: string): number | null {
  const match = /^(\d{1,4})([mh])$/.exec(value)
  if (!match) return null
  const minutes = Number(match[1]) * (match[2] === 'h' ? 60 : 1)
  return minutes >= 1 && minutes <= DAY_MINUTES ? minutes : null
}

/** An optional parameter of minutes (`15m`, `1h`): a histogram's bucket, a replay's step. */
export function minutesParameter(error: string, noun: string) {
  return optional(
    single(error).transform((value, ctx) => {
      const minutes = parseBucket(value)
      if (minutes === null) {
        ctx.addIssue({ code: 'custom', message: `${quote(value)} ${error.replace('must be', `is not a ${noun}; give`)}` })
        return z.NEVER
      }
      return minutes
    }),
  )
}

const HISTOGRAM_PARAMETERS = ['window', 'from', 'to', 'bucket', 'layer', 'category']

export function parseHistogramQuery(raw: Record<string, unknown>, context: { now: Date; timeZone: string; categories: readonly Category[] }): HistogramQuery {
  const schema = z
    .strictObject(
      {
        ...rangeFields,
        bucket: minutesParameter(BUCKET_ERROR, 'bucket'),
        layer: wordList('layer', LAYERS),
        category: categoryList(context.categories),
      },
      unknownParameter(HISTOGRAM_PARAMETERS),
    )
    .superRefine(checkRange)
  const query = parseQuery(schema, raw, HISTOGRAM_PARAMETERS)
  const bucketMinutes = query.bucket ?? 15
  const range = resolveRange(query, context.now)
  const { count } = bucketSpan(range, bucketMinutes, context.timeZone)
  if (count > MAX_BUCKETS) {
    throw badRequest('bucket', `makes ${count} buckets over the range; at most ${MAX_BUCKETS} — give a larger bucket or a shorter range`)
  }
  return { range, bucketMinutes, kinds: kindsOf(query.layer as Layer[] | undefined), categories: query.category ?? null }
}

export interface BucketSpan {
  /** The first bucket's start: at or before `from`, on a bucket boundary of the local day. */
  start: Date
  count: number
}

/**
 * The buckets that cover [from, to]: boundaries are multiples of the bucket from local midnight
 * (a bucket that does not divide the day restarts at each midnight's multiple of itself from the
 * epoch; no zone here has daylight saving, and the offset is read once).
 */
export function bucketSpan(range: TimeRange, bucketMinutes: number, timeZone: string): BucketSpan {
  const size = bucketMinutes * MINUTE_MS
  const offset = zoneOffsetMs(range.from, timeZone)
  const start = Math.floor((range.from.getTime() + offset) / size) * size - offset
  const end = Math.max(start + size, Math.ceil((range.to.getTime() + offset) / size) * size - offset)
  return { start: new Date(start), count: Math.round((end - start) / size) }
}

export interface BucketRow {
  bucket: number
  kind: EventKind
  count: number
}

export interface Histogram {
  from: string
  to: string
  bucket_minutes: number
  buckets: Array<{ start: string; complaints: number; mentions: number }>
}

/** Every bucket of the span, counted or not. */
export function histogramAnswer(span: BucketSpan, bucketMinutes: number, rows: readonly BucketRow[]): Histogram {
  const size = bucketMinutes * MINUTE_MS
  const buckets = Array.from({ length: span.count }, (_, i) => ({ start: new Date(span.start.getTime() + i * size).toISOString(), complaints: 0, mentions: 0 }))
  for (const row of rows) {
    const bucket = buckets[row.bucket]
    if (!bucket) continue
    if (row.kind === 'complaint') bucket.complaints += row.count
    else bucket.mentions += row.count
  }
  return { from: span.start.toISOString(), to: new Date(span.start.getTime() + span.count * size).toISOString(), bucket_minutes: bucketMinutes, buckets }
}
