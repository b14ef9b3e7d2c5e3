/**
 * Processing speed and satisfaction per unit, and week by week (LIFE-6). Read-only aggregates:
 * what a wall or a leader's ranking shows. A level or scope the database does not hold is a bad
 * request that names what it holds.
 */
import { Router } from 'express'
import type { Category } from '../core/categories'
import { DEFAULT_TIME_ZONE, type Clock } from '../core/clock'
import { AppError } from '../core/errors'
import { parsePerformanceQuery, parseWeeklyQuery, performanceAnswer, weekFigures } from '../core/performance'
import { listLevels } from '../db/boundary-store'
import type { Database } from '../db/database'
import { countUnits, countWeeks } from '../db/performance-queries'
import { guard } from './access'
import { requireKnownScope } from './known-scope'

export interface PerformanceRouteDeps {
  db: Database
  clock: Clock
  categories: readonly Category[]
}

export function performanceRoutes(deps: PerformanceRouteDeps): Router {
  const router = Router()

  router.get('/api/v1/units/performance', guard('read:aggregate'), async (req, res) => {
    const now = deps.clock.now()
    const query = parsePerformanceQuery(req.query as Record<string, unknown>, { now, categories: deps.categories })
    const answer = performanceAnswer(query, await countUnits(deps.db, query, now))
    if (!answer) {
      const levels = (await listLevels(deps.db)).map((l) => l.level)
      throw new AppError(400, 'bad_request', `no units at level "${query.level}" — the levels stored are ${levels.join(', ') || 'none (import boundaries first)'}`, 'level')
    }
    res.json(answer)
  })

  router.get('/api/v1/units/performance/weekly', guard('read:aggregate'), async (req, res) => {
    const query = parseWeeklyQuery(req.query as Record<string, unknown>, { now: deps.clock.now(), timeZone: DEFAULT_TIME_ZONE, categories: deps.categories })
    await requireKnownScope(deps.db, query.scope)
    const weeks = await countWeeks(deps.db, query)
    res.json({ scope: query.scope, weeks: weeks.map((week) => weekFigures(week.period_start, week)) })
  })

  return router
}
