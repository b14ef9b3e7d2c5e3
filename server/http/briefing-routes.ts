/**
 * The leaders' briefing (BRF-*): read-only aggregates for a period and scope, as JSON or as one CSV
 * file. A scope the database does not hold is a bad request rather than an empty briefing.
 */
import { Router } from 'express'
import { briefingCsv } from '../core/briefing-csv'
import { parseBriefingQuery } from '../core/briefing-period'
import { DEFAULT_TIME_ZONE, type Clock } from '../core/clock'
import { buildBriefing } from '../briefing/build-briefing'
import type { Database } from '../db/database'
import type { TopTopicsDeps } from '../topics/top-topics'
import { guard } from './access'
import { requireKnownScope } from './known-scope'

export interface BriefingRouteDeps extends Omit<TopTopicsDeps, 'db'> {
  db: Database
  clock: Clock
}

export function briefingRoutes(deps: BriefingRouteDeps): Router {
  const router = Router()

  router.get('/api/v1/briefing', guard('read:aggregate'), async (req, res) => {
    const now = deps.clock.now()
    const query = parseBriefingQuery(req.query as Record<string, unknown>, { now, timeZone: DEFAULT_TIME_ZONE })
    await requireKnownScope(deps.db, query.scope)
    const briefing = await buildBriefing({ ...deps, timeZone: DEFAULT_TIME_ZONE }, query, now)
    if (query.format === 'csv') {
      const day = briefing.period.from.slice(0, 10)
      res.type('text/csv; charset=utf-8').attachment(`opswall-briefing-${query.scope}-${query.period.name}-${day}.csv`).send(briefingCsv(briefing))
      return
    }
    res.json(briefing)
  })

  return router
}
