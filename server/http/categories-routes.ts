import { Router } from 'express'
import type { Category } from '../core/categories'
import { guard } from './access'

export function categoriesRoutes(categories: readonly Category[]): Router {
  const router = Router()
  router.get('/api/v1/categories', guard('read:aggregate'), (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(categories)
  })
  return router
}
