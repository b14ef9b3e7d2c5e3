/**
 * The top issues of a scope (NLP-5): read-only, what a leader's "what is happening today" shows.
 * A scope the database does not hold is a bad request rather than an empty list.
 */
import { Router } from 'express'
import type { Clock } from '../core/clock'
import { parseTopicsQuery } from '../core/topics-query'
import type { Database } from '../db/database'
import { topTopics, type TopTopicsDeps } from '../topics/top-topics'
import { guard } from './access'
import { requireKnownScope } from './known-scope'

export interface TopicsRouteDeps extends Omit<TopTopicsDeps, 'db'> {
  db: Database
  clock: Clock
}

export function topicsRoutes(deps: TopicsRouteDeps): Router {
  const router = Router()

  router.get('/api/v1/topics/top', guard('read:aggregate'), async (req, res) => {
    const query = parseTopicsQuery(req.query as Record<string, unknown>)
    await requireKnownScope(deps.db, query.scope)
    res.json(await topTopics(deps, query, deps.clock.now()))
  })

  return router
}
