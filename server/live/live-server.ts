/**
 * Composition of `/live`: cluster wiring (Redis or not), Socket.IO, the LiveNode, the rebuild from
 * the database (LIVE-5) and the one timer that steps the node. Logic lives in live-node.ts and
 * server/core; transport in socket-adapter.ts; Redis in cluster.ts.
 */
import type http from 'node:http'
import { randomBytes } from 'node:crypto'
import { Server } from 'socket.io'
import { DEFAULT_TIME_ZONE, type Clock } from '../core/clock'
import { Continuity } from '../core/continuity'
import { startOfDay } from '../core/kpi'
import { LIVE_NAMESPACE, PROTOCOL_VERSION, type CellCount, type ClientToServerEvents, type ServerToClientEvents, type SubscribeRequest } from '../core/protocol'
import type { Database } from '../db/database'
import { boundaryCodes, complaintFigures, overdueCells, processingFigures } from '../db/live-queries'
import type { AlertMonitor } from '../alerts/alert-monitor'
import type { TopicsMonitor } from '../topics/topics-monitor'
import type { Ingestor } from '../ingest/ingestor'
import type { Log } from '../log'
import type { LiveMetrics } from '../metrics'
import { joinCluster } from './cluster'
import { knownScopes } from './known-scopes'
import { DEFAULT_LIMITS, LiveNode, type LiveLimits } from './live-node'
import { toLogEvent } from './log-entry'
import { OrderedPublisher } from './ordered-publisher'
import { bindLiveNamespace, socketTransport } from './socket-adapter'

export interface LiveDeps {
  db: Database
  ingestor: Pick<Ingestor, 'onCommitted'>
  clock: Clock
  redisUrl?: string
  log: Log
  metrics?: LiveMetrics
  /** Spike alerts, stepped with the node and announced to the scopes holding their places (NLP-6). */
  alerts?: Pick<AlertMonitor, 'step'>
  /** Today's top issues of the active scopes, stepped with the node (NLP-5). */
  topics?: Pick<TopicsMonitor, 'step' | 'latest'>
  /** Tuning and test hooks; defaults suit production. */
  options?: Partial<LiveOptions>
}

export interface LiveOptions {
  /** The node is stepped this often: deltas of a room are batched for at most this long (LIVE-4). */
  flushMs: number
  /** How often the expiry leader appends a tick to the shared log (MULTI-3). */
  tickMs: number
  /** Complaint counts and overdue cells are asked for this often (KPI-4, LIVE-15). */
  complaintFiguresMs: number
  /** …and the last 7 days' processing figures this often. */
  processingMs: number
  heartbeatMs: number
  timeZone: string
  /** Redis keys prefix: several clusters (or test runs) may share one Redis. */
  redisPrefix: string
  limits: LiveLimits
  /** false: no timer steps the node; the caller calls `step()` (tests step a clock by hand). */
  autoStep: boolean
  /**
   * The protocol version the handshake accepts. Always PROTOCOL_VERSION in production; a test sets
   * another to play a server already rolled out to a newer version than the wall's bundle.
   */
  protocol: number
  /** Committed batches kept for the shared log while it is away (MULTI-5); beyond, readers recount. */
  maxUnpublished: number
}

const DEFAULTS: LiveOptions = {
  flushMs: 100,
  tickMs: 1000,
  complaintFiguresMs: 5000,
  processingMs: 60_000,
  heartbeatMs: 5000,
  timeZone: DEFAULT_TIME_ZONE,
  redisPrefix: 'opswall:live',
  limits: DEFAULT_LIMITS,
  autoStep: true,
  protocol: PROTOCOL_VERSION,
  maxUnpublished: 10_000,
}

type LiveRequest = Pick<SubscribeRequest, 'scope' | 'layers' | 'res' | 'window'>

export interface LiveHandle {
  io: Server<ClientToServerEvents, ServerToClientEvents>
  nodeId: string
  node: LiveNode
  /** One step of the node at the clock's now (what the timer does every `flushMs`). */
  step(): void
  /** Counters and current state, for tests, benches and /metrics. */
  stats(): ReturnType<LiveNode['stats']> & { isLeader: boolean; clients: number; maxBacklogBytes: number; maxBacklogPackets: number; unpublished: number }
  /** Cells of a request as this node holds them now. */
  cellsOf(request: LiveRequest): CellCount[]
  close(): Promise<void>
}

export async function attachLive(httpServer: http.Server, deps: LiveDeps): Promise<LiveHandle> {
  const options: LiveOptions = { ...DEFAULTS, ...deps.options, limits: { ...DEFAULTS.limits, ...deps.options?.limits } }
  const nodeId = randomBytes(4).toString('hex')
  const onError = (message: string, error: unknown) => deps.log('warn', message, { error })
  const continuity = new Continuity()
  const cluster = await joinCluster({
    ...(deps.redisUrl ? { redisUrl: deps.redisUrl } : {}),
    prefix: options.redisPrefix,
    nodeId,
    recoveryMs: options.limits.idleRoomMs,
    onError: (error) => onError('live: redis error', error),
    onLogConnection: (up) => {
      if (up) continuity.logRestored()
      else continuity.logLost(deps.clock.now().getTime())
      deps.log(up ? 'info' : 'warn', up ? 'live: shared log back; windows will be recounted' : 'live: shared log unreachable; screens are told the view may be incomplete', { nodeId })
    },
  })
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, { serveClient: false, ...cluster.socketOptions })
  const nsp = io.of(LIVE_NAMESPACE)
  const transport = socketTransport(nsp, nodeId, options.limits)
  const node: LiveNode = new LiveNode(
    deps.clock.now(),
    {
      nodeId,
      timeZone: options.timeZone,
      limits: options.limits,
      heartbeatMs: options.heartbeatMs,
      complaintFiguresMs: options.complaintFiguresMs,
      processingMs: options.processingMs,
      tickMs: options.tickMs,
      expiry: cluster.expiry,
    },
    {
      transport,
      continuity,
      isLeader: () => cluster.leadership.isLeader,
      publishTick: (at) => void cluster.log.append({ type: 'tick', at }).catch((error) => onError('live: could not publish a tick', error)),
      rebuild: (now) => node.aggregator.rebuild(deps.db, now),
      complaintFigures: (scopes, now) => complaintFigures(deps.db, scopes, now, startOfDay(now, options.timeZone)),
      overdueCells: (scopes, now) => overdueCells(deps.db, scopes, now),
      processing: (scopes, now) => processingFigures(deps.db, scopes, now),
      onError,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
    },
  )
  const publisher = new OrderedPublisher({
    origin: nodeId,
    append: (entry) =>
      cluster.log.append(entry).catch((error: unknown) => {
        deps.metrics?.publishFailures.inc()
        throw error
      }),
    retryMs: 250,
    maxRetryMs: 5000,
    maxQueued: options.maxUnpublished,
    onFailing: (error) => {
      continuity.publishFailing(deps.clock.now().getTime())
      deps.log('error', 'live: could not publish a committed batch; retrying in order', { error, nodeId })
    },
    onDrained: () => {
      continuity.publishDrained()
      deps.log('info', 'live: every committed batch is published', { nodeId })
    },
    onDropped: (batches) => {
      deps.metrics?.unpublishedDropped.inc(batches)
      deps.log('error', 'live: unpublished batches dropped past the bound; every node will recount', { batches, nodeId })
    },
  })

  // Screens may connect while the windows are rebuilt: their subscribes wait for it (LIVE-5).
  let markReady!: () => void
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  const isKnownScope = knownScopes(() => boundaryCodes(deps.db), deps.clock)
  bindLiveNamespace(nsp, { node, nodeId, protocol: options.protocol, clock: deps.clock, ready, isKnownScope, onError, ...(deps.topics ? { latestTopics: (scope: string) => deps.topics?.latest(scope) } : {}) })

  // Order matters (LIVE-5): listen first and hold what arrives, build from the database, then
  // apply what arrived meanwhile — events already in the roll-ups are skipped by id.
  node.aggregator.holdEntries()
  await cluster.log.start((entry, appendedAt) => {
    if (cluster.expiry === 'log') deps.metrics?.redisLogLagSeconds.set(Math.max(0, Date.now() - appendedAt) / 1000)
    node.apply(entry, deps.clock.now())
  })
  const unlisten = deps.ingestor.onCommitted((batch) => {
    if (batch.length > 0) publisher.publish({ committedAt: deps.clock.now().getTime(), events: batch.map(toLogEvent) })
  })
  const started = Date.now()
  const rows = await node.rebuild(deps.clock.now())
  markReady()
  deps.log('info', 'live: windows rebuilt', { rows, ms: Date.now() - started, nodeId, redis: Boolean(deps.redisUrl) })

  deps.metrics?.report({
    clients: () => transport.clients(),
    subscriptions: () => node.stats().members,
    degraded: () => (continuity.degraded() ? 1 : 0),
    unpublished: () => publisher.pending,
  })
  const step = () => {
    try {
      const now = deps.clock.now()
      node.step(now)
      deps.alerts?.step(now)
      deps.topics?.step(now, node.activeScopes())
    } catch (error) {
      deps.log('error', 'live: step failed', { error })
    }
  }
  const timer = options.autoStep ? setInterval(step, options.flushMs) : null
  timer?.unref()

  return {
    io,
    nodeId,
    node,
    step,
    stats: () => {
      const backlog = transport.maxBacklog()
      return { ...node.stats(), isLeader: cluster.leadership.isLeader, clients: transport.clients(), maxBacklogBytes: backlog.bytes, maxBacklogPackets: backlog.packets, unpublished: publisher.pending }
    },
    cellsOf: (request) => request.layers.flatMap((layer) => node.aggregator.windows.cells(request.window, request.scope, request.res, layer)),
    async close() {
      if (timer) clearInterval(timer)
      unlisten()
      await publisher.close()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await cluster.close()
    },
  }
}
