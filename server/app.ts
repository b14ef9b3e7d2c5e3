/**
 * Composition: config → database → ingest → HTTP → live → simulator. `main.ts` calls it with
 * the environment; tests call it with a test database and port 0.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { loadTaxonomy } from './categories-file'
import type { Taxonomy } from './core/categories'
import { systemClock, type Clock } from './core/clock'
import { categorySla } from './core/sla'
import { redactUrl, type Config } from './config'
import { connectDatabase } from './db/connect'
import type { Database } from './db/database'
import { migrate } from './db/migrate'
import { seedDemoBoundaries } from './db/demo-boundaries'
import { createHttpApp } from './http/app'
import { createIngestor } from './ingest/event-ingestor'
import type { Ingestor } from './ingest/ingestor'
import { createIntake } from './ingest/intake'
import { boundaryTextReader } from './nlp/boundary-text-reader'
import { AlertMonitor, DEFAULT_ALERT_LEVELS } from './alerts/alert-monitor'
import { loadNormaliser } from './nlp/load-normaliser'
import { loadTopicWords } from './nlp/load-topic-words'
import { DEFAULT_TOPICS } from './core/topics-query'
import { topTopics } from './topics/top-topics'
import { TopicsMonitor } from './topics/topics-monitor'
import { spikeConfigSchema, type SpikeConfig } from './core/spikes'
import { spikeCounts } from './db/spike-queries'
import { attachLive, type LiveHandle, type LiveOptions } from './live/live-server'
import { simulatedLifecycle } from './sim/simulated-lifecycle'
import { SIMULATOR_SOURCE, startSimulator } from './sim/simulator'
import { silentLog, type Log } from './log'
import { createMetrics, type Metrics } from './metrics'

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url))

export interface StartOptions {
  /** A database the caller owns (tests); otherwise one is opened from the config and closed on close(). */
  db?: Database
  clock?: Clock
  log?: Log
  /** Defaults to data/categories.json. */
  taxonomy?: Taxonomy
  clientDir?: string | null
  host?: string
  /** Spike alert thresholds and the unit levels alerts are raised for (NLP-6); defaults otherwise. */
  alerts?: { config?: Partial<SpikeConfig>; levels?: readonly string[] }
  /** Live tuning and test hooks (flush interval, Redis key prefix…). */
  live?: Partial<LiveOptions>
  /**
   * Something this process cannot live through happened (the embedded database's worker died):
   * `main.ts` exits so that the supervisor starts a fresh process. Until then every request
   * that needs the database is answered 503. Without it the failure is only logged.
   */
  onFatal?: (reason: string) => void
}

export interface OpsWall {
  url: string
  port: number
  db: Database
  ingestor: Ingestor
  server: Server
  live: LiveHandle
  /** Spike alerts (NLP-6), stepped with the live node. */
  alerts: AlertMonitor
  /** Today's top issues of the active scopes (NLP-5), stepped with the live node. */
  topics: TopicsMonitor
  /** This app's Prometheus registry and named metrics (GET /metrics). */
  metrics: Metrics
  close(): Promise<void>
}

export async function startOpsWall(config: Config, options: StartOptions = {}): Promise<OpsWall> {
  const log = options.log ?? silentLog
  const clock = options.clock ?? systemClock
  const startedAt = clock.now()
  const ownsDb = !options.db
  log('info', config.databaseUrl ? `database: PostgreSQL at ${redactUrl(config.databaseUrl)}` : `database: embedded PGlite + PostGIS in ${config.dataDir}`)
  const onFatal = options.onFatal ?? ((reason: string) => log('error', `the process cannot go on: ${reason}`))
  const db = options.db ?? connectDatabase({ ...config, onStopped: (error) => onFatal(error.message) })
  const cleanups: Array<() => Promise<void>> = []
  try {
    const applied = await migrate(db)
    if (applied.length > 0) log('info', `migrations applied: ${applied.join(', ')}`)
    if (!config.databaseUrl) {
      // The embedded demo needs a map on first start; official boundaries are imported by CLI.
      const seeded = await seedDemoBoundaries(db)
      if (seeded) log('info', `demo boundaries loaded (approximate): ${seeded.map((r) => `${r.imported} ${r.level}`).join(', ')}`)
    }
    const taxonomy = options.taxonomy ?? loadTaxonomy()
    const metrics = createMetrics({ db })
    const sla = categorySla(taxonomy.categories)
    const ingestor = createIngestor({ db, sla, texts: boundaryTextReader({ db, clock }), metrics: metrics.ingest, onListenerError: (error) => log('error', 'a committed-batch listener failed', { error }) })
    // One intake for every producer: the HTTP routes and the built-in simulator alike.
    const intake = createIntake({ db, ingestor, categories: new Set(taxonomy.categories.map((c) => c.code)), clock, metrics: metrics.ingest })

    // Announced through the live node, attached after HTTP: until then an alert is only listed.
    let live: LiveHandle | undefined
    const categoryNames = new Map(taxonomy.categories.map((c) => [c.code, c.name]))
    const alerts = new AlertMonitor(
      { config: spikeConfigSchema.parse(options.alerts?.config ?? {}), levels: options.alerts?.levels ?? DEFAULT_ALERT_LEVELS },
      {
        counts: (windows, levels) => spikeCounts(db, windows, levels),
        categoryNames: (code) => categoryNames.get(code),
        changed: (changed) => live?.node.announceAlerts(changed),
        onError: (error) => log('warn', 'alerts: counts query failed; asked again next minute', { error }),
      },
    )

    // Loaded once: the route and the live node name topics with the same words (NLP-5).
    const nlp = { normalise: loadNormaliser(), words: loadTopicWords() }
    const topics = new TopicsMonitor({
      top: async (scope, now) => (await topTopics({ db, taxonomy, ...nlp }, { scope, period: 'today', limit: DEFAULT_TOPICS }, now)).topics,
      changed: (update) => live?.node.announceTopics(update),
      onError: (error) => log('warn', 'topics: query failed; asked again in a minute', { error }),
    })

    let url = ''
    const app = createHttpApp({
      db,
      intake,
      taxonomy,
      jurisdiction: config.jurisdiction,
      clock,
      log,
      metrics,
      apiKeys: config.apiKeys,
      baseUrl: () => url,
      clientDir: options.clientDir === undefined ? DEFAULT_CLIENT_DIR : options.clientDir,
      startedAt,
      alerts,
      nlp,
      // Without OPSWALL_SECRET (never in production) a cursor holds only on the node that gave it.
      secret: config.secret ?? randomBytes(32).toString('hex'),
    })
    const server = createServer(app)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, options.host ?? '0.0.0.0', () => resolve())
    })
    cleanups.push(() => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }))
    const port = (server.address() as AddressInfo).port
    url = `http://127.0.0.1:${port}`

    live = await attachLive(server, {
      db,
      alerts,
      topics,
      ingestor,
      clock,
      log,
      metrics: metrics.live,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      ...(options.live ? { options: options.live } : {}),
    })
    cleanups.push(() => live.close())

    if (config.simulator) {
      const simulator = startSimulator({
        clock,
        log,
        categories: taxonomy.categories,
        ingest: async (raw) => {
          const summary = await intake.ingestBatch(SIMULATOR_SOURCE, raw)
          if (summary.rejectedTotal > 0) log('warn', `simulator: ${summary.rejectedTotal} events rejected`, { first: summary.rejected[0] })
          return summary
        },
        lifecycle: simulatedLifecycle({ db, clock, log, sla }),
      })
      cleanups.push(() => simulator.stop())
    }

    let closing: Promise<void> | undefined
    return {
      url,
      port,
      db,
      ingestor,
      server,
      live,
      alerts,
      topics,
      metrics,
      close() {
        closing ??= (async () => {
          for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log('warn', 'shutdown step failed', { error }))
          if (ownsDb) await db.close()
        })()
        return closing
      },
    }
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
    if (ownsDb) await db.close().catch(() => {})
    throw error
  }
}
