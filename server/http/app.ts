import { existsSync } from 'node:fs'
import path from 'node:path'
import express, { type Express } from 'express'
import type { Taxonomy } from '../core/categories'
import type { Clock } from '../core/clock'
import type { Database } from '../db/database'
import type { Intake } from '../ingest/intake'
import type { Log } from '../log'
import type { Metrics } from '../metrics'
import { identify } from './access'
import { alertsRoutes, type AlertsRouteDeps } from './alerts-routes'
import { categoriesRoutes } from './categories-routes'
import { complaintsRoutes } from './complaints-routes'
import { consoleRoutes } from './console-routes'
import { errorHandler, notFoundHandler } from './errors'
import { MAX_BODY_BYTES, MAX_FORM_BYTES, refuseDeclaredTooLarge } from './body-limits'
import { eventsRoutes } from './events-routes'
import { healthRoutes } from './health-routes'
import { metricsRoutes } from './metrics-routes'
import { logRequestError, requestLogger, requestMetrics } from './observability'
import { open311Routes } from './open311-routes'
import { performanceRoutes } from './performance-routes'
import { replayRoutes } from './replay-routes'
import { searchRoutes } from './search-routes'
import { boundariesRoutes } from './boundaries-routes'
import { briefingRoutes } from './briefing-routes'
import { topicsRoutes, type TopicsRouteDeps } from './topics-routes'

export interface HttpDeps {
  db: Database
  /** The one intake of events (ingest routes, Open311 POST; the simulator shares it). */
  intake: Intake
  taxonomy: Taxonomy
  /** The Open311 jurisdiction_id this server answers for (OPEN311-3). */
  jurisdiction: string
  clock: Clock
  log: Log
  metrics: Metrics
  apiKeys: ReadonlyMap<string, string>
  baseUrl: () => string
  /** The built client (vite build → dist/client); null serves the API only. */
  clientDir: string | null
  startedAt: Date
  /** Spike alerts as this node holds them (NLP-6). */
  alerts: AlertsRouteDeps['alerts']
  /** The tokeniser and word lists topics are named with (NLP-5). */
  nlp: Pick<TopicsRouteDeps, 'normalise' | 'words'>
  /** Signs the console's cursors (CON-3): OPSWALL_SECRET, or one drawn per process. */
  secret: string
}

/** Client routes that the single-page app answers. */
const CLIENT_ROUTES = ['/', '/wall', '/console', '/briefing']

export function createHttpApp(deps: HttpDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  // First, so that body-parser errors are logged and timed too.
  app.use(requestLogger(deps.log), requestMetrics(deps.metrics))
  // NDJSON is streamed by its route; JSON and forms are small enough to parse here.
  app.use(refuseDeclaredTooLarge)
  app.use(express.json({ limit: MAX_BODY_BYTES, type: 'application/json' }))
  app.use(express.urlencoded({ extended: false, limit: MAX_FORM_BYTES }))
  app.use(identify(deps.apiKeys))

  app.use(healthRoutes({ db: deps.db, startedAt: deps.startedAt }))
  app.use(metricsRoutes(deps.metrics))
  app.use(categoriesRoutes(deps.taxonomy))
  app.use(eventsRoutes({ intake: deps.intake }))
  app.use(complaintsRoutes({ db: deps.db, clock: deps.clock }))
  app.use(open311Routes({ db: deps.db, intake: deps.intake, taxonomy: deps.taxonomy, jurisdiction: deps.jurisdiction, clock: deps.clock, baseUrl: deps.baseUrl, metrics: deps.metrics.ingest }))
  app.use(boundariesRoutes({ db: deps.db }))
  app.use(alertsRoutes({ db: deps.db, alerts: deps.alerts }))
  app.use(topicsRoutes({ db: deps.db, clock: deps.clock, taxonomy: deps.taxonomy, ...deps.nlp }))
  app.use(briefingRoutes({ db: deps.db, clock: deps.clock, taxonomy: deps.taxonomy, ...deps.nlp }))
  app.use(performanceRoutes({ db: deps.db, clock: deps.clock, categories: deps.taxonomy.categories }))
  app.use(consoleRoutes({ db: deps.db, clock: deps.clock, categories: deps.taxonomy.categories, secret: deps.secret }))
  app.use(replayRoutes({ db: deps.db, clock: deps.clock }))
  app.use(searchRoutes({ db: deps.db, clock: deps.clock, categories: deps.taxonomy.categories, secret: deps.secret }))
  app.use(['/api', '/open311'], notFoundHandler)

  if (deps.clientDir && existsSync(path.join(deps.clientDir, 'index.html'))) {
    const index = path.join(deps.clientDir, 'index.html')
    app.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }))
    app.get(CLIENT_ROUTES, (_req, res) => res.sendFile(index))
  }
  app.use(notFoundHandler)
  app.use(errorHandler(logRequestError))
  return app
}
