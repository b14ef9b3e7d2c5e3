/**
 * Spike alerts as this node holds them (NLP-6): read-only, what a wall's banner or a leader's
 * phone shows. A scope the database does not hold is a bad request rather than an empty list.
 */
import { Router } from 'express'
import { parseAlertsQuery } from '../core/alerts-query'
import { placeInScope, type SpikeAlert } from '../core/spikes'
import type { Database } from '../db/database'
import { guard } from './access'
import { requireKnownScope } from './known-scope'

export interface AlertsRouteDeps {
  db: Database
  alerts: { active(): SpikeAlert[]; all(): SpikeAlert[] }
}

export function alertsRoutes(deps: AlertsRouteDeps): Router {
  const router = Router()

  router.get('/api/v1/alerts', guard('read:aggregate'), async (req, res) => {
    const query = parseAlertsQuery(req.query as Record<string, unknown>)
    await requireKnownScope(deps.db, query.scope)
    const alerts = query.state === 'all' ? deps.alerts.all() : deps.alerts.active()
    res.json({ scope: query.scope, state: query.state, alerts: alerts.filter((alert) => placeInScope(alert.place, query.scope)) })
  })

  return router
}
