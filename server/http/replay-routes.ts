/** Replay (CON-9): frames of cell counts from the minute roll-ups, never from events. */
import { Router } from 'express'
import type { Clock } from '../core/clock'
import { parseReplayQuery, replayFrames, replayMinutes } from '../core/replay'
import { CITY_SCOPE } from '../core/windows'
import { replayRows } from '../db/console-queries'
import type { Database } from '../db/database'
import { guard } from './access'
import { requireKnownScope } from './known-scope'

export function replayRoutes(deps: { db: Database; clock: Clock }): Router {
  const router = Router()
  router.get('/api/v1/replay', guard('read:aggregate'), async (req, res) => {
    const query = parseReplayQuery(req.query as Record<string, unknown>, { now: deps.clock.now() })
    await requireKnownScope(deps.db, query.scope)
    const rows = await replayRows(deps.db, query.scope === CITY_SCOPE ? null : query.scope, replayMinutes(query), query.kinds)
    res.json(replayFrames(query, rows))
  })
  return router
}
