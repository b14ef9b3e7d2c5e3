/** The console's reads (CON-*): the named queries, values always bound. */
import type { EventFilter, EventsQuery, Page, Place, TimeRange } from '../core/console-query'
import type { EventRow } from '../core/console-item'
import type { BucketRow } from '../core/histogram'
import type { CountedPlace } from '../core/place-summary'
import type { ReplayRow } from '../core/replay'
import type { Queryable } from './database'
import { namedQuery } from './queries'

export interface UnitPlace {
  code: string
  name: string
  level: string
}

export async function findUnit(db: Queryable, code: string): Promise<UnitPlace | null> {
  const { rows } = await db.query<UnitPlace>(namedQuery('unit-place'), [code])
  return rows[0] ?? null
}

export async function newestEventId(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ max_id: string }>(namedQuery('event-max-id'))
  return rows[0]!.max_id
}

const cellColumns = (place: Place) => [6, 7, 8, 9].map((res) => (place.kind === 'cell' && place.res === res ? place.cell : null))

/** The ids of one page plus one more when there is a next page, newest first. */
export async function pageIds(db: Queryable, place: Place, query: EventsQuery, maxId: string): Promise<string[]> {
  const { range, filter, page } = query
  const { rows } = await db.query<{ id: string }>(namedQuery('event-page'), [
    ...cellColumns(place),
    place.kind === 'unit' ? place.code : null,
    range.from.toISOString(),
    range.to.toISOString(),
    ...filterValues(filter),
    maxId,
    page.after?.at.toISOString() ?? null,
    page.after?.id ?? null,
    page.limit + 1,
  ])
  return rows.map((row) => row.id)
}

const filterValues = (filter: EventFilter) => [filter.kinds, filter.categories, filter.statuses, filter.sources, filter.sentiments]

/** The rows of `ids`, in the order of `ids`. */
export async function eventRows(db: Queryable, ids: readonly string[]): Promise<EventRow[]> {
  if (ids.length === 0) return []
  const { rows } = await db.query<EventRow>(namedQuery('event-items'), [ids])
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id)).filter((row): row is EventRow => row !== undefined)
}

export async function histogramRows(db: Queryable, where: { cells: string[] | null; unit: string | null }, span: { start: Date; end: Date; bucketMinutes: number }, kinds: readonly string[], categories: readonly string[] | null): Promise<BucketRow[]> {
  const { rows } = await db.query<BucketRow>(namedQuery('place-histogram'), [where.cells, where.unit, span.start.toISOString(), span.end.toISOString(), span.bucketMinutes * 60, kinds, categories])
  return rows
}

export async function countPlace(db: Queryable, where: { cells: string[] | null; unit: string | null }, range: TimeRange, now: Date): Promise<CountedPlace> {
  const { rows } = await db.query<CountedPlace>(namedQuery('place-summary'), [where.cells, where.unit, range.from.toISOString(), range.to.toISOString(), now.toISOString()])
  return rows[0]!
}

export async function exactMatches(db: Queryable, id: string | null, sourceId: string, unit: string | null): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(namedQuery('search-exact'), [id, sourceId, unit])
  return rows.map((row) => row.id)
}

export interface WordSearch {
  indexPattern: string
  patterns: readonly string[]
  unit: string | null
  maxId: string
}

const searchValues = (search: WordSearch) => [search.indexPattern, search.patterns, search.unit, search.maxId]

/** The ids of one page of matches, plus one more when there is a next page, newest first. */
export async function searchIds(db: Queryable, search: WordSearch, page: Page): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(namedQuery('search-page'), [...searchValues(search), page.after?.at.toISOString() ?? null, page.after?.id ?? null, page.limit + 1])
  return rows.map((row) => row.id)
}

export async function searchCells(db: Queryable, search: WordSearch): Promise<Array<{ cell: string; count: number }>> {
  const { rows } = await db.query<{ cell: string; count: number }>(namedQuery('search-cells'), searchValues(search))
  return rows
}

export async function replayRows(db: Queryable, unit: string | null, minutes: { first: Date; last: Date }, kinds: readonly string[]): Promise<ReplayRow[]> {
  const { rows } = await db.query<ReplayRow>(namedQuery('replay-rollups'), [unit, minutes.first.toISOString(), minutes.last.toISOString(), kinds])
  return rows
}
