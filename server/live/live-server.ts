/**
 * Socket.IO namespace /live: from committed ingest batches to every subscribed screen.
 * Composition only: windows, deltas and KPIs are in server/core; rooms and flushes in publisher.ts.
 */
import type http from 'node:http'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { Server } from 'socket.io'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { ANONYMOUS, authorize, type Principal } from '../core/access'
import { DEFAULT_TIME_ZONE, type Clock } from '../core/clock'
import { AppError } from '../core/errors'
import { LIVE_NAMESPACE, type ClientToServerEvents, type ErrorBody, type ServerToClientEvents } from '../core/protocol'
import { parseSubscribeRequest, parseSubscriptionId } from '../core/subscription'
import type { Database } from '../db/database'
import { countOpenComplaints } from '../db/live-queries'
import type { Ingestor } from '../ingest/ingestor'
import { Aggregator } from './aggregator'
import { createRedisLeadership, soleLeader, type Leadership } from './leader'
import { createLocalLog, toLogEvent, type LiveLog, type LogEntry } from './log-entry'
import { DEFAULT_LIMITS, LivePublisher, type LiveNamespace, type LiveSocket, type PublisherLimits, type SocketData } from './publisher'
import { createRedisLog } from './redis-log'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface LiveDeps {
  db: Database
  ingestor: Pick<Ingestor, 'onCommitted'>
  clock: Clock
  redisUrl?: string
  log: (level: LogLevel, msg: string, extra?: Record<string, unknown>) => void
  /** Tuning and test hooks; defaults suit production. */
  options?: Partial<LiveOptions>
}

export interface LiveOptions {
  /** Deltas of a room are batched for at most this long (LIVE-4). */
  flushMs: number
  /** How often the expiry leader checks the clock (MULTI-3). */
  tickMs: number
  openComplaintsMs: number
  heartbeatMs: number
  timeZone: string
  /** Redis keys prefix: several clusters (or test runs) may share one Redis. */
  redisPrefix: string
  limits: PublisherLimits
}

const DEFAULTS: LiveOptions = {
  flushMs: 100,
  tickMs: 1000,
  openComplaintsMs: 5000,
  heartbeatMs: 5000,
  timeZone: DEFAULT_TIME_ZONE,
  redisPrefix: 'opswall:live',
  limits: DEFAULT_LIMITS,
}

export interface LiveHandle {
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
  nodeId: string
  /** Counters and current state, for tests, benches and /metrics. */
  stats(): ReturnType<LivePublisher['stats']> & { cells: number; buckets: number; isLeader: boolean; minute: number }
  /** Cells of a subscription as this node holds them now (tests compare clients against it). */
  cellsOf(request: { scope: string; layers: Array<'complaints' | 'mentions'>; res: 6 | 7 | 8 | 9; window: '1h' | '24h' | '7d' }): ReturnType<Aggregator['windows']['cells']>
  close(): Promise<void>
}

function errorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) }
  return { code: 'internal', message: 'internal error — subscribe again' }
}

export async function attachLive(httpServer: http.Server, deps: LiveDeps): Promise<LiveHandle> {
  const options: LiveOptions = { ...DEFAULTS, ...deps.options, limits: { ...DEFAULTS.limits, ...deps.options?.limits } }
  const nodeId = randomBytes(4).toString('hex')
  const onRedisError = (error: unknown) => deps.log('warn', 'live: redis error', { error: String(error) })

  let adapterClient: Redis | null = null
  let log: LiveLog
  let leadership: Leadership = soleLeader
  if (deps.redisUrl) {
    adapterClient = new Redis(deps.redisUrl, { maxRetriesPerRequest: 3 })
    adapterClient.on('error', onRedisError)
    log = await createRedisLog({ url: deps.redisUrl, key: `${options.redisPrefix}:log`, onError: onRedisError })
    leadership = await createRedisLeadership({ url: deps.redisUrl, key: `${options.redisPrefix}:leader`, nodeId, onError: onRedisError })
  } else {
    log = createLocalLog()
  }

  // Connection state recovery with the Redis Streams adapter keeps a reconnecting socket's id,
  // rooms and data on any node (MULTI-4). Without Redis it stays off: the in-memory adapter would
  // keep every broadcast for two minutes, and SEQ-4 resume covers what it would restore.
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    ...(adapterClient
      ? {
          adapter: createAdapter(adapterClient, { streamName: `${options.redisPrefix}:sio`, sessionKeyPrefix: `${options.redisPrefix}:session:`, onlyPlaintext: true }),
          connectionStateRecovery: { maxDisconnectionDuration: options.limits.idleRoomMs, skipMiddlewares: true },
        }
      : {}),
  })
  const nsp: LiveNamespace = io.of(LIVE_NAMESPACE)
  const aggregator = new Aggregator(deps.clock.now())
  const publisher = new LivePublisher(nsp, aggregator, { clock: deps.clock, nodeId, timeZone: options.timeZone, limits: options.limits })

  // Order matters (LIVE-5): listen first and buffer, rebuild from the database, then replay what
  // arrived meanwhile — events already in the roll-ups are skipped by id.
  let buffered: LogEntry[] | null = []
  await log.start((entry) => {
    if (buffered) buffered.push(entry)
    else aggregator.apply(entry)
  })
  const unlisten = deps.ingestor.onCommitted((batch) => {
    if (batch.length === 0) return
    log.append({ type: 'batch', events: batch.map(toLogEvent) }).catch((error) => deps.log('error', 'live: could not publish a committed batch', { error: String(error) }))
  })
  const started = Date.now()
  const rows = await aggregator.rebuild(deps.db, deps.clock.now())
  for (const entry of buffered) aggregator.apply(entry)
  buffered = null
  deps.log('info', 'live: windows rebuilt', { rows, ms: Date.now() - started, nodeId, redis: Boolean(deps.redisUrl) })
  const forget = setTimeout(() => aggregator.forgetRebuild(), 60_000)
  forget.unref()

  const refreshOpenComplaints = async (scopes: string[]) => {
    try {
      publisher.setOpenComplaints(await countOpenComplaints(deps.db, scopes))
    } catch (error) {
      deps.log('warn', 'live: open complaints query failed', { error: String(error) })
    }
  }

  nsp.on('connection', (socket: LiveSocket) => {
    socket.data.subscriptions ??= []
    socket.data.lagging ??= []
    if (socket.recovered) publisher.recovered(socket)
    // Roles arrive with a later issue; the principal will come from the handshake then.
    const principal: Principal = ANONYMOUS

    socket.on('subscribe', async (raw, ack) => {
      if (typeof ack !== 'function') return
      try {
        const parsed = parseSubscribeRequest(raw)
        if (!parsed.ok) return ack({ error: parsed.error })
        authorize(principal, 'read:aggregate', parsed.value.scope)
        if (!publisher.hasOpenComplaints(parsed.value.scope)) await refreshOpenComplaints([parsed.value.scope])
        if (!socket.connected) return
        ack({ data: publisher.subscribe(socket, parsed.value) })
      } catch (error) {
        deps.log('warn', 'live: subscribe failed', { error: String(error) })
        ack({ error: errorBody(error) })
      }
    })

    socket.on('unsubscribe', (raw, ack) => {
      if (typeof ack !== 'function') return
      const parsed = parseSubscriptionId(raw)
      if (!parsed.ok) return ack({ error: parsed.error })
      if (!publisher.unsubscribe(socket, parsed.value)) return ack({ error: { code: 'not_found', message: 'this connection holds no such subscription', field: 'subscription' } })
      ack({ data: { subscription: parsed.value } })
    })

    socket.on('disconnect', () => publisher.disconnected(socket))
  })

  const timers = [
    setInterval(() => {
      try {
        if (!deps.redisUrl) aggregator.apply({ type: 'tick', at: deps.clock.now().getTime() })
        publisher.flush()
      } catch (error) {
        deps.log('error', 'live: flush failed', { error: String(error) })
      }
    }, options.flushMs),
    setInterval(() => {
      // The leader alone decides that time moved on; every node applies the tick in log order.
      if (deps.redisUrl && leadership.isLeader) {
        log.append({ type: 'tick', at: deps.clock.now().getTime() }).catch(onRedisError)
      }
    }, options.tickMs),
    setInterval(() => void refreshOpenComplaints(publisher.activeScopes()), options.openComplaintsMs),
    setInterval(() => {
      const beat = { at: deps.clock.now().toISOString() }
      // With Redis the leader's heartbeat goes through the adapter: one per cluster, and it carries
      // the stream offset a client needs for connection state recovery (MULTI-4).
      if (!deps.redisUrl) nsp.local.volatile.emit('heartbeat', beat)
      else if (leadership.isLeader) nsp.emit('heartbeat', beat)
    }, options.heartbeatMs),
  ]
  for (const timer of timers) timer.unref()

  return {
    io,
    nodeId,
    stats: () => ({ ...publisher.stats(), ...aggregator.windows.stats(), isLeader: leadership.isLeader, minute: aggregator.windows.minute }),
    cellsOf: (request) => request.layers.flatMap((layer) => aggregator.windows.cells(request.window, request.scope, request.res, layer)),
    async close() {
      for (const timer of timers) clearInterval(timer)
      clearTimeout(forget)
      unlisten()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await log.close()
      await leadership.close()
      if (adapterClient) await adapterClient.quit().catch(() => undefined)
    },
  }
}
