import { Router } from 'express'
import type { Metrics } from '../metrics'
import { guard } from './access'

/** Prometheus text format (0.0.4) for a scraper. */
export function metricsRoutes(metrics: Metrics): Router {
  const router = Router()
  router.get('/metrics', guard('read:metrics'), async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType)
    res.send(await metrics.registry.metrics())
  })
  return router
}
