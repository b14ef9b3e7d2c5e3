/**
 * Spike alerts as this node holds them (NLP-6): read-only, what a wall's banner or a leader's
 * phone shows. A scope the database does not hold is a bad request rather than an empty list.
 */
import { Router } from 'express'
import { parseAlertsQuery } from '../core/alerts-query'
import { AppError } from '../core/errors'
import { placeInScope, type SpikeAlert } from '../core/spikes'
import { CITY_SCOPE } from '../core/windows'
import type { Database } from '../db/database'
import { unitExists } from '../db/performance-queries'
import { guard } from './access'

export interface AlertsRouteDeps {
  db: Database
  alerts: { active(): SpikeAlert[]; all(): SpikeAlert[] }
}

export function alertsRoutes(deps: AlertsRouteDeps): Router {
  const router = Router()

  router.get('/api/v1/alerts', guard('read:aggregate'), async (req, res) => {
    const query = parseAlertsQuery(req.query as Record<string, unknown>)
    if (query.scope !== CITY_SCOPE && !(await unitExists(deps.db, query.scope))) {
      throw new AppError(400, 'bad_request', `no unit coded "${query.scope}" — give city or a unit code (GET /api/v1/boundaries?level=… lists them)`, 'scope')
    }
    const alerts = query.state === 'all' ? deps.alerts.all() : deps.alerts.active()
    res.json({ scope: query.scope, state: query.state, alerts: alerts.filter((alert) => placeInScope(alert.place, query.scope)) })
  })

  return router
}
