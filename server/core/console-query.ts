/**
 * The console's query parameters (CON-1, CON-2): the place (a cell or a unit), the time range
 * (`window`, or `from` and `to`), the filters and the page. Pure: the clock, the taxonomy and the
 * cursor's secret come in; a fault is a 400 naming the parameter.
 */
import { getResolution, isValidCell } from 'h3-js'
import { z } from 'zod'
import type { Category } from './categories'
import { readCursor, queryKey, type CursorState } from './cursor'
import { AppError, badRequest } from './errors'
import { instant, type EventKind } from './event'
import { MAP_RESOLUTIONS, type MapResolution } from './h3'
import { LIFECYCLE_STATUSES, isOpen } from './lifecycle'
import { LAYERS, WINDOWS, type Layer, type WindowName } from './protocol'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { quote } from './rejection'
import { WINDOW_MINUTES, MINUTE_MS } from './windows'

const DAY_MS = 86_400_000
export const MAX_SPAN_DAYS = 90
export const PAGE_LIMIT = { min: 1, max: 200, default: 50 } as const
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const
/** `status=open`: every status whose SLA clock runs. */
export const OPEN_STATUSES: readonly string[] = LIFECYCLE_STATUSES.filter(isOpen)
const MAX_SOURCE_LENGTH = 64

export type Place = { kind: 'cell'; cell: string; res: MapResolution } | { kind: 'unit'; code: string }

/** A cell of the map: a valid H3 index at a stored resolution (CON-1). */
export function parseCell(raw: string): Place & { kind: 'cell' } {
  const cell = raw.toLowerCase()
  if (!/^[0-9a-f]{15}$/.test(cell) || !isValidCell(cell)) throw badRequest('cell', `${quote(raw)} is not an H3 cell index (15 hexadecimal digits, as the map's cells are)`)
  const res = getResolution(cell)
  if (!(MAP_RESOLUTIONS as readonly number[]).includes(res)) {
    throw badRequest('cell', `res out of range: ${quote(raw)} is at resolution ${res}; cells are stored at resolutions ${MAP_RESOLUTIONS[0]}–${MAP_RESOLUTIONS.at(-1)}`)
  }
  return { kind: 'cell', cell, res: res as MapResolution }
}

/** A unit code as a path gives it; whether it is stored is the database's to say (404 on `code`). */
export function parseUnitCode(raw: string): Place & { kind: 'unit' } {
  if (raw.length === 0 || raw.length > 64) throw new AppError(404, 'not_found', `no unit coded ${quote(raw)}`, 'code')
  return { kind: 'unit', code: raw }
}

export const unknownUnit = (code: string) => new AppError(404, 'not_found', `no unit coded ${quote(code)} — GET /api/v1/boundaries?level=… lists them`, 'code')

export interface TimeRange {
  from: Date
  to: Date
}

/** The range as given, before the clock: a named window ends now. */
export interface RangeSpec {
  window?: WindowName | undefined
  from?: Date | undefined
  to?: Date | undefined
}

/** A comma list of known words, each once, in the order given. */
export function wordList(name: string, allowed: readonly string[], extra: readonly string[] = []) {
  const words = [...allowed, ...extra]
  return optional(
    single(`a comma list of ${words.join(', ')}`).transform((value, ctx) => {
      const items = [...new Set(value.split(',').map((item) => item.trim()).filter((item) => item !== ''))]
      const unknown = items.find((item) => !words.includes(item))
      if (unknown !== undefined || items.length === 0) {
        ctx.addIssue({ code: 'custom', message: `${quote(unknown ?? value)} is not a ${name}; give a comma list of ${words.join(', ')}` })
        return z.NEVER
      }
      return items
    }),
  )
}

function sourceList() {
  return optional(
    single('a comma list of sources').transform((value, ctx) => {
      const items = [...new Set(value.split(',').map((item) => item.trim()).filter((item) => item !== ''))]
      if (items.length === 0 || items.some((item) => item.length > MAX_SOURCE_LENGTH)) {
        ctx.addIssue({ code: 'custom', message: `must be a comma list of sources, each at most ${MAX_SOURCE_LENGTH} characters` })
        return z.NEVER
      }
      return items
    }),
  )
}

const windowField = optional(z.enum(WINDOWS, { error: (issue) => `${quote(issue.input)} is not a window; give ${WINDOWS.join(', ')}, or from and to` }))

export const rangeFields = { window: windowField, from: optional(instant), to: optional(instant) }

/** The range's own rules, before the clock: not both ways of giving it, from not after to, at most 90 days. */
export function checkRange(spec: RangeSpec, ctx: z.RefinementCtx): void {
  if (spec.window !== undefined && (spec.from !== undefined || spec.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['window'], message: 'give either window or from and to, not both' })
    return
  }
  if (spec.from && spec.to) {
    if (spec.from.getTime() > spec.to.getTime()) ctx.addIssue({ code: 'custom', path: ['from'], message: `${spec.from.toISOString()} is after to (${spec.to.toISOString()})` })
    else if (spec.to.getTime() - spec.from.getTime() > MAX_SPAN_DAYS * DAY_MS) ctx.addIssue({ code: 'custom', path: ['from'], message: `the range is ${Math.ceil((spec.to.getTime() - spec.from.getTime()) / DAY_MS)} days; at most ${MAX_SPAN_DAYS} — narrow from and to` })
  }
}

/** The range at `now`: a window ends now; `from` alone runs to now, `to` alone starts a day before it. */
export function resolveRange(spec: RangeSpec, now: Date, fallback: WindowName = '24h'): TimeRange {
  if (spec.from || spec.to) {
    const to = spec.to ?? now
    const from = spec.from ?? new Date(to.getTime() - DAY_MS)
    if (from.getTime() > to.getTime()) throw badRequest('from', `${from.toISOString()} is after to (${to.toISOString()}, now when not given)`)
    if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) throw badRequest('from', `the range is more than ${MAX_SPAN_DAYS} days — give to as well, or a later from`)
    return { from, to }
  }
  const minutes = WINDOW_MINUTES[spec.window ?? fallback]
  return { from: new Date(now.getTime() - minutes * MINUTE_MS), to: now }
}

/** The range as the cursor's key sees it: a window by name (it moves with the clock), instants as given. */
const rangeKey = (spec: RangeSpec) => ({ window: spec.window ?? null, from: spec.from?.toISOString() ?? null, to: spec.to?.toISOString() ?? null })

export const kindsOf = (layers: readonly Layer[] | undefined): EventKind[] => (layers ?? LAYERS).map((layer) => (layer === 'complaints' ? 'complaint' : 'mention'))

export interface EventFilter {
  kinds: EventKind[]
  categories: string[] | null
  statuses: string[] | null
  sources: string[] | null
  sentiments: string[] | null
}

export interface Page {
  /** The first page's clock: the range and `max_id` hold for every later page (CON-3). */
  asOf: Date
  maxId: string | null
  after: { at: Date; id: string } | null
  key: string
  limit: number
}

export interface EventsQuery {
  range: TimeRange
  filter: EventFilter
  page: Page
}

const limitError = `must be a whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}`
export const limitField = optional(
  single(limitError)
    .regex(/^\d{1,3}$/, { error: limitError })
    .transform(Number)
    .pipe(z.number().min(PAGE_LIMIT.min, { error: limitError }).max(PAGE_LIMIT.max, { error: limitError })),
)
export const cursorField = optional(single('a cursor from next_cursor').max(2048, { error: 'is not a cursor this server gave' }))

/** A page from a verified cursor, or the first page at `now`. */
export function pageOf(cursor: string | undefined, context: { now: Date; secret: string }, key: string, limit: number | undefined): Page {
  const size = limit ?? PAGE_LIMIT.default
  if (cursor === undefined) return { asOf: context.now, maxId: null, after: null, key, limit: size }
  const state: CursorState = readCursor(cursor, context.secret, key)
  return { asOf: new Date(state.as_of), maxId: state.max_id, after: { at: new Date(state.at), id: state.id }, key, limit: size }
}

export function categoryList(categories: readonly Category[]) {
  return wordList('category (GET /api/v1/categories lists them)', categories.map((c) => c.code))
}

const EVENTS_PARAMETERS = ['window', 'from', 'to', 'layer', 'category', 'status', 'source', 'sentiment', 'limit', 'cursor']

/** `GET /api/v1/cells/{h3}/events`, `GET /api/v1/units/{code}/events` (CON-2, CON-3). */
export function parseEventsQuery(raw: Record<string, unknown>, place: Place, context: { now: Date; secret: string; categories: readonly Category[] }): EventsQuery {
  const schema = z
    .strictObject(
      {
        ...rangeFields,
        layer: wordList('layer', LAYERS),
        category: categoryList(context.categories),
        status: wordList('status', LIFECYCLE_STATUSES, ['open']),
        source: sourceList(),
        sentiment: wordList('sentiment', SENTIMENTS),
        limit: limitField,
        cursor: cursorField,
      },
      unknownParameter(EVENTS_PARAMETERS),
    )
    .superRefine(checkRange)
  const query = parseQuery(schema, raw, EVENTS_PARAMETERS)
  const statuses = query.status ? [...new Set(query.status.flatMap((s) => (s === 'open' ? OPEN_STATUSES : [s])))] : null
  const filter: EventFilter = {
    kinds: kindsOf(query.layer as Layer[] | undefined),
    categories: query.category ?? null,
    statuses,
    sources: query.source ?? null,
    sentiments: query.sentiment ?? null,
  }
  const key = queryKey({ place, ...rangeKey(query), ...sortedFilter(filter) })
  const page = pageOf(query.cursor, context, key, query.limit)
  return { range: resolveRange(query, page.asOf), filter, page }
}

const sorted = (list: readonly string[] | null) => (list ? [...list].sort() : null)
const sortedFilter = (filter: EventFilter) => ({ kinds: sorted(filter.kinds), categories: sorted(filter.categories), statuses: sorted(filter.statuses), sources: sorted(filter.sources), sentiments: sorted(filter.sentiments) })

const SUMMARY_PARAMETERS = ['window', 'from', 'to']

/** `GET /api/v1/{cells|units}/…/summary` (CON-6): the range only, a day by default. */
export function parseSummaryQuery(raw: Record<string, unknown>, context: { now: Date }): TimeRange {
  const schema = z.strictObject(rangeFields, unknownParameter(SUMMARY_PARAMETERS)).superRefine(checkRange)
  return resolveRange(parseQuery(schema, raw, SUMMARY_PARAMETERS), context.now)
}
