/**
 * The REST behind the duty officer's console (CON-*): a place's events a page at a time, its
 * histogram and its figures; a place is a map cell or a stored unit. Lists are `read:events`,
 * counts `read:aggregate`.
 */
import { Router, type Request } from 'express'
import type { Category } from '../core/categories'
import { DEFAULT_TIME_ZONE, type Clock } from '../core/clock'
import { parseCell, parseEventsQuery, parseSummaryQuery, parseUnitCode, unknownUnit, type Place } from '../core/console-query'
import { bucketSpan, histogramAnswer, parseHistogramQuery } from '../core/histogram'
import { finestCellsOf, placeSummary } from '../core/place-summary'
import { countPlace, findUnit, histogramRows, newestEventId, pageIds, type UnitPlace } from '../db/console-queries'
import type { Database, Queryable } from '../db/database'
import { guard } from './access'
import { itemPage } from './item-page'

export interface ConsoleRouteDeps {
  db: Database
  clock: Clock
  categories: readonly Category[]
  /** Signs cursors (CON-3). */
  secret: string
}

/** The place a path names; a unit must be stored (404 on `code`). */
async function placeOf(db: Queryable, req: Request): Promise<{ place: Place; unit: UnitPlace | null }> {
  const params = req.params as { h3?: string; code?: string }
  if (params.h3 !== undefined) return { place: parseCell(params.h3), unit: null }
  const place = parseUnitCode(params.code ?? '')
  const unit = await findUnit(db, place.code)
  if (!unit) throw unknownUnit(place.code)
  return { place, unit }
}

export function consoleRoutes(deps: ConsoleRouteDeps): Router {
  const router = Router()
  const groups = new Map(deps.categories.map((c) => [c.code, c.group]))
  const groupOf = (category: string) => groups.get(category)

  router.get(['/api/v1/cells/:h3/events', '/api/v1/units/:code/events'], guard('read:events'), async (req, res) => {
    const now = deps.clock.now()
    const { place } = await placeOf(deps.db, req)
    const query = parseEventsQuery(req.query as Record<string, unknown>, place, { now, secret: deps.secret, categories: deps.categories })
    const maxId = query.page.maxId ?? (await newestEventId(deps.db))
    const ids = await pageIds(deps.db, place, query, maxId)
    res.json(await itemPage(deps.db, ids, query.page, maxId, { now, secret: deps.secret, groupOf }))
  })

  router.get(['/api/v1/cells/:h3/histogram', '/api/v1/units/:code/histogram'], guard('read:aggregate'), async (req, res) => {
    const { place } = await placeOf(deps.db, req)
    const query = parseHistogramQuery(req.query as Record<string, unknown>, { now: deps.clock.now(), timeZone: DEFAULT_TIME_ZONE, categories: deps.categories })
    const span = bucketSpan(query.range, query.bucketMinutes, DEFAULT_TIME_ZONE)
    const end = new Date(span.start.getTime() + span.count * query.bucketMinutes * 60_000)
    const where = { cells: finestCellsOf(place), unit: place.kind === 'unit' ? place.code : null }
    const rows = await histogramRows(deps.db, where, { start: span.start, end, bucketMinutes: query.bucketMinutes }, query.kinds, query.categories)
    res.json(histogramAnswer(span, query.bucketMinutes, rows))
  })

  router.get(['/api/v1/cells/:h3/summary', '/api/v1/units/:code/summary'], guard('read:aggregate'), async (req, res) => {
    const now = deps.clock.now()
    const { place, unit } = await placeOf(deps.db, req)
    const range = parseSummaryQuery(req.query as Record<string, unknown>, { now })
    const where = { cells: finestCellsOf(place), unit: place.kind === 'unit' ? place.code : null }
    res.json(placeSummary(place, unit, range, await countPlace(deps.db, where, range, now)))
  })

  return router
}
