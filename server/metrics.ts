/**
 * The one owner of metrics: a Prometheus registry per app (tests start many apps in one
 * process, so never prom-client's global registry), served by `GET /metrics`.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

/** Connections of the database driver: a pg Pool's counts, or PGlite's single connection. */
export interface PoolStats {
  total: number
  idle: number
  waiting: number
}

export interface IngestMetrics {
  /** `opswall_ingest_events_total{result, source}`: result is accepted, duplicate or rejected. */
  readonly events: Counter<'result' | 'source'>
  /** `opswall_ingest_rejections_total{reason}`: reason is the rejected field (`lat`, `unit`, `line`…). */
  readonly rejections: Counter<'reason'>
  /** `opswall_ingest_batch_seconds`: one committed batch, or one atomic request. */
  readonly batchSeconds: Histogram
  /** Counts a committed batch of one source. */
  stored(source: string, accepted: number, duplicates: number): void
  /** Counts one rejected line of the producer writing as `source` (its API key's). */
  rejected(source: string, field: string): void
}

/** What the live server counts right now, read at every scrape. */
export interface LiveGauges {
  /** Sockets connected to /live on this node. */
  clients(): number
  /** Subscriptions (socket × subscription) on this node. */
  subscriptions(): number
  /** 1 while the node knows its windows may miss committed events (LIVE-12), else 0. */
  degraded(): number
  /** Committed batches waiting to be published to the shared log. */
  unpublished(): number
}

/** Defined here, updated by the live server (server/live). */
export interface LiveMetrics {
  /** `opswall_live_socket_clients` and `opswall_live_subscriptions` read `gauges` at each scrape. */
  report(gauges: LiveGauges): void
  /** `opswall_live_delta_lag_seconds`: from a batch's commit to the delta that carries it. */
  readonly deltaLagSeconds: Histogram
  /** `opswall_live_redis_log_lag_seconds`: age of the newest Redis log entry this node has applied. */
  readonly redisLogLagSeconds: Gauge
  /** `opswall_live_keyframes_total`: unasked snapshots sent to clients that lagged (LIVE-8). */
  readonly keyframes: Counter
  /** `opswall_live_slow_clients_total`: times a client was left out of a delta for a full buffer (LIVE-8). */
  readonly slowClients: Counter
  /** `opswall_live_resyncs_total`: recounts of the windows from the database after a gap or a lost log (LIVE-12). */
  readonly resyncs: Counter
  /** `opswall_live_publish_failures_total`: failed appends of a committed batch to the shared log (each retried). */
  readonly publishFailures: Counter
  /** `opswall_live_unpublished_dropped_total`: batches dropped unpublished past the queue bound (readers then recount). */
  readonly unpublishedDropped: Counter
}

export interface Metrics {
  readonly registry: Registry
  readonly ingest: IngestMetrics
  /** `opswall_http_request_duration_seconds{method, route, status}`: route is the Express pattern. */
  readonly httpRequestSeconds: Histogram<'method' | 'route' | 'status'>
  readonly live: LiveMetrics
}

/** Label values a producer chooses are capped, so a flood of names cannot grow the registry without bound. */
const MAX_SOURCES = 200
const MAX_REASONS = 50
const MAX_LABEL_LENGTH = 64
export const OTHER = 'other'
export const UNKNOWN = 'unknown'

export function createMetrics(options: { db?: { poolStats(): PoolStats } } = {}): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })

  const events = new Counter({
    name: 'opswall_ingest_events_total',
    help: 'Events received by ingest, by result (accepted, duplicate, rejected) and source',
    labelNames: ['result', 'source'] as const,
    registers: [registry],
  })
  const rejections = new Counter({
    name: 'opswall_ingest_rejections_total',
    help: 'Rejected events by reason: the field that failed validation (line = not a JSON object)',
    labelNames: ['reason'] as const,
    registers: [registry],
  })
  const batchSeconds = new Histogram({
    name: 'opswall_ingest_batch_seconds',
    help: 'Time to enrich and store one batch of events (one transaction), or one atomic request',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const httpRequestSeconds = new Histogram({
    name: 'opswall_http_request_duration_seconds',
    help: 'HTTP requests by method, Express route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  if (options.db) {
    const db = options.db
    new Gauge({
      name: 'opswall_db_pool_connections',
      help: 'Database connections by state (total, idle, waiting); embedded PGlite has one connection',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = db.poolStats()
        this.set({ state: 'total' }, stats.total)
        this.set({ state: 'idle' }, stats.idle)
        this.set({ state: 'waiting' }, stats.waiting)
      },
    })
  }

  const sources = new Set<string>()
  const reasons = new Set<string>()
  const ingest: IngestMetrics = {
    events,
    rejections,
    batchSeconds,
    stored(source, accepted, duplicates) {
      const label = bounded(sources, source, MAX_SOURCES)
      if (accepted > 0) events.inc({ result: 'accepted', source: label }, accepted)
      if (duplicates > 0) events.inc({ result: 'duplicate', source: label }, duplicates)
    },
    rejected(source, field) {
      events.inc({ result: 'rejected', source: bounded(sources, source, MAX_SOURCES) })
      rejections.inc({ reason: bounded(reasons, field.replace(/[^A-Za-z0-9_.]/g, '') || UNKNOWN, MAX_REASONS) })
    },
  }

  let gauges: LiveGauges | null = null
  new Gauge({
    name: 'opswall_live_socket_clients',
    help: 'Sockets connected to /live on this node',
    registers: [registry],
    collect() {
      if (gauges) this.set(gauges.clients())
    },
  })
  new Gauge({
    name: 'opswall_live_subscriptions',
    help: 'Active live subscriptions on this node',
    registers: [registry],
    collect() {
      if (gauges) this.set(gauges.subscriptions())
    },
  })
  new Gauge({
    name: 'opswall_live_degraded',
    help: '1 while this node knows its windows may miss committed events (LIVE-12)',
    registers: [registry],
    collect() {
      if (gauges) this.set(gauges.degraded())
    },
  })
  new Gauge({
    name: 'opswall_live_unpublished_batches',
    help: 'Committed batches waiting to be published to the shared log',
    registers: [registry],
    collect() {
      if (gauges) this.set(gauges.unpublished())
    },
  })
  const live: LiveMetrics = {
    report(next) {
      gauges = next
    },
    deltaLagSeconds: new Histogram({
      name: 'opswall_live_delta_lag_seconds',
      help: 'Time from a batch commit to the delta that carries it',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    redisLogLagSeconds: new Gauge({ name: 'opswall_live_redis_log_lag_seconds', help: 'Age of the newest Redis log entry applied by this node', registers: [registry] }),
    keyframes: new Counter({ name: 'opswall_live_keyframes_total', help: 'Keyframes sent to clients that lagged', registers: [registry] }),
    slowClients: new Counter({ name: 'opswall_live_slow_clients_total', help: 'Times a slow client was left out of a delta', registers: [registry] }),
    resyncs: new Counter({ name: 'opswall_live_resyncs_total', help: 'Recounts of the windows from the database after a gap or a lost log', registers: [registry] }),
    publishFailures: new Counter({ name: 'opswall_live_publish_failures_total', help: 'Failed appends of a committed batch to the shared log, each retried', registers: [registry] }),
    unpublishedDropped: new Counter({ name: 'opswall_live_unpublished_dropped_total', help: 'Committed batches dropped unpublished past the queue bound', registers: [registry] }),
  }

  return { registry, ingest, httpRequestSeconds, live }
}

/** The value itself while fewer than `max` values are known, then `other` for new ones. */
function bounded(known: Set<string>, value: string, max: number): string {
  const label = value.slice(0, MAX_LABEL_LENGTH)
  if (known.has(label)) return label
  if (known.size >= max) return OTHER
  known.add(label)
  return label
}
