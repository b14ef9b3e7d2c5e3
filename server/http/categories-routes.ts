import { Router } from 'express'
import type { Taxonomy } from '../core/categories'
import { guard } from './access'

/** The taxonomy for screens: groups and categories (names, SLA, colour, icon, attributes); other systems' names stay server-side. */
export function categoriesRoutes(taxonomy: Taxonomy): Router {
  const router = Router()
  const body = { groups: taxonomy.groups, categories: taxonomy.categories }
  router.get('/api/v1/categories', guard('read:aggregate'), (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(body)
  })
  return router
}
