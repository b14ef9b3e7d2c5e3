import { Router } from 'express'
import type { Database } from '../db/database'
import { pendingMigrations } from '../db/migrate'
import { guard } from './access'

export function healthRoutes(deps: { db: Database; startedAt: Date }): Router {
  const router = Router()
  router.get('/healthz', guard('read:public'), (_req, res) => {
    res.json({ status: 'ok', uptime_s: Math.round((Date.now() - deps.startedAt.getTime()) / 1000) })
  })
  router.get('/readyz', guard('read:public'), async (_req, res) => {
    try {
      const pending = await pendingMigrations(deps.db)
      if (pending.length > 0) {
        res.status(503).json({ status: 'not_ready', reason: `migrations not applied: ${pending.join(', ')}` })
        return
      }
      res.json({ status: 'ready', driver: deps.db.driver })
    } catch (error) {
      res.status(503).json({ status: 'not_ready', reason: `database unreachable: ${(error as Error).message}` })
    }
  })
  return router
}
