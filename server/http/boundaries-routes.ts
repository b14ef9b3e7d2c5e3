/**
 * Boundaries for the map: one level at a time as GeoJSON, simplified for the zoom, and the list of
 * levels present (with depth and parent level, so a client asks only for levels that exist). Boundaries change only on import, so answers are cacheable for a short while
 * and revalidated by ETag.
 */
import { createHash } from 'node:crypto'
import express from 'express'
import { parseLevel, parseZoom } from '../core/boundary-params'
import { notFound } from '../core/errors'
import type { Database } from '../db/database'
import { listBoundaries, listLevels } from '../db/boundary-store'
import { guard } from './access'

/** Short: a re-import shows on the wall within a minute; the ETag makes the revalidation cheap. */
const CACHE_CONTROL = 'public, max-age=60'

export function boundariesRoutes(deps: { db: Database }): express.Router {
  const router = express.Router()

  router.get('/api/v1/boundaries/levels', guard('read:aggregate'), async (req, res) => {
    const levels = await listLevels(deps.db)
    send(req, res, 'application/json; charset=utf-8', JSON.stringify({ levels }))
  })

  router.get('/api/v1/boundaries', guard('read:aggregate'), async (req, res) => {
    const level = parseLevel(req.query.level)
    const zoom = parseZoom(req.query.zoom)
    const collection = await listBoundaries(deps.db, { level, zoom })
    if (collection.features.length === 0) {
      // Levels are data: one not imported is a resource that is not there, said with the ones that are.
      const levels = (await listLevels(deps.db)).map((l) => l.level)
      if (!levels.includes(level)) {
        throw notFound(`no boundaries at level "${level}" — levels stored: ${levels.join(', ') || 'none (import some)'}; GET /api/v1/boundaries/levels lists them`)
      }
    }
    send(req, res, 'application/geo+json; charset=utf-8', JSON.stringify(collection))
  })

  return router
}

/** Strong ETag over the body; `res.send` answers 304 when the request's If-None-Match matches it. */
function send(req: express.Request, res: express.Response, type: string, body: string) {
  res.set('Content-Type', type)
  res.set('Cache-Control', CACHE_CONTROL)
  res.set('ETag', `"${createHash('sha1').update(body).digest('base64url')}"`)
  if (req.fresh) {
    res.status(304).end()
    return
  }
  res.send(body)
}
