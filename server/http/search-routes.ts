/**
 * Search (CON-8): an event by its id or a producer's id, or by words with or without diacritics;
 * the matches as console items a page at a time, and where they lie for the map.
 */
import { Router } from 'express'
import { cellToParent } from 'h3-js'
import type { Category } from '../core/categories'
import type { Clock } from '../core/clock'
import { parseSearchQuery } from '../core/search-query'
import { CITY_SCOPE } from '../core/windows'
import { exactMatches, newestEventId, searchCells, searchIds } from '../db/console-queries'
import type { Database } from '../db/database'
import { guard } from './access'
import { itemPage } from './item-page'
import { requireKnownScope } from './known-scope'

export interface SearchRouteDeps {
  db: Database
  clock: Clock
  categories: readonly Category[]
  secret: string
}

const SEARCH_CELL_RES = 8

export function searchRoutes(deps: SearchRouteDeps): Router {
  const router = Router()
  const groups = new Map(deps.categories.map((c) => [c.code, c.group]))
  const groupOf = (category: string) => groups.get(category)

  router.get('/api/v1/search', guard('read:events'), async (req, res) => {
    const now = deps.clock.now()
    const query = parseSearchQuery(req.query as Record<string, unknown>, { now, secret: deps.secret })
    await requireKnownScope(deps.db, query.scope)
    const unit = query.scope === CITY_SCOPE ? null : query.scope
    const context = { now, secret: deps.secret, groupOf }
    if (query.page.after === null) {
      // An id names its event: the answer is that event alone, not every text that holds the digits.
      const exact = await exactMatches(deps.db, query.id, query.sourceId, unit)
      if (exact.length > 0) {
        const page = await itemPage(deps.db, exact, { ...query.page, limit: exact.length }, '0', context)
        const cells = new Map<string, number>()
        for (const item of page.items) {
          if (!item.cell) continue
          const cell = cellToParent(item.cell, SEARCH_CELL_RES)
          cells.set(cell, (cells.get(cell) ?? 0) + 1)
        }
        res.json({ ...page, cells: [...cells].map(([cell, count]) => ({ cell, count })) })
        return
      }
    }
    const search = { indexPattern: query.indexPattern, patterns: query.patterns, unit, maxId: query.page.maxId ?? (await newestEventId(deps.db)) }
    const ids = await searchIds(deps.db, search, query.page)
    const page = await itemPage(deps.db, ids, query.page, search.maxId, context)
    res.json({ ...page, cells: await searchCells(deps.db, search) })
  })

  return router
}
