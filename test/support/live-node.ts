/**
 * A real OpsWall node for live tests and benches: the lead's startOpsWall (HTTP ingest on
 * /api/v1/events, PostGIS enrichment, roll-ups) with attachLive on its http server.
 * Run as a script it is one node of a multi-node test, driven over IPC:
 *   DATABASE_URL=… REDIS_URL=… LIVE_PREFIX=… tsx test/support/live-node.ts
 */
import { io as connect, type Socket } from 'socket.io-client'
import type { Clock } from '../../server/core/clock'
import { LIVE_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '../../server/core/protocol'
import { startOpsWall } from '../../server/app'
import type { Config } from '../../server/config'
import { DEV_API_KEY } from '../../server/config'
import { connectDatabase } from '../../server/db/connect'
import type { Database } from '../../server/db/database'
import { seedDemoBoundaries } from '../../server/db/demo-boundaries'
import { migrate } from '../../server/db/migrate'
import type { LiveHandle, LiveOptions } from '../../server/live/live-server'

/** A clock tests can move forward; each process has its own (MULTI-3 relies on that). */
export class MovableClock implements Clock {
  offsetMs = 0
  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }
}

export interface LiveNode {
  url: string
  port: number
  db: Database
  live: LiveHandle
  clock: MovableClock
  close(): Promise<void>
}

export interface LiveNodeOptions {
  db: Database
  redisUrl?: string
  clock?: MovableClock
  live?: Partial<LiveOptions>
  verbose?: boolean
}

const testConfig = (redisUrl: string | undefined): Config => ({
  port: 0,
  databaseUrl: 'postgres://unused', // the db is passed in; a URL here only skips the demo seeding
  dataDir: '.opswall-test',
  redisUrl,
  simulator: false,
  secret: undefined,
  logLevel: 'warn',
  production: false,
  apiKeys: new Map([[DEV_API_KEY, 'test']]),
})

export async function startLiveNode(options: LiveNodeOptions): Promise<LiveNode> {
  await seedDemoBoundaries(options.db)
  const clock = options.clock ?? new MovableClock()
  const log = options.verbose ? (level: string, msg: string, extra?: unknown) => console.error(level, msg, extra ?? '') : () => {}
  const wall = await startOpsWall(testConfig(options.redisUrl), {
    db: options.db,
    clock,
    clientDir: null,
    host: '127.0.0.1',
    log,
    ...(options.live ? { live: options.live } : {}),
  })
  return { url: wall.url, port: wall.port, db: options.db, live: wall.live, clock, close: () => wall.close() }
}

export interface Place {
  lat: number
  lon: number
  /** [district, ward]: the units ingest assigns there (the demo wards all have a district). */
  units: string[]
}

/** A point inside each demo ward (PostGIS picks it), with the units ingest will assign. */
export async function demoPlaces(db: Database): Promise<Place[]> {
  const { rows } = await db.query<{ lat: number; lon: number; district: string; ward: string }>(
    `SELECT ST_Y(ST_PointOnSurface(w.geom))::float8 AS lat, ST_X(ST_PointOnSurface(w.geom))::float8 AS lon,
            w.parent_code AS district, w.code AS ward
     FROM boundary w WHERE w.level = 'ward' ORDER BY w.code`,
  )
  return rows.map((r) => ({ lat: Number(r.lat), lon: Number(r.lon), units: [r.district, r.ward] }))
}

let sequence = 0
/** A producer event at `place`; `minutesAgo` makes it late. */
export function eventAt(place: Place, extra: Record<string, unknown> = {}, minutesAgo = 0, now = Date.now()): Record<string, unknown> {
  return {
    kind: 'complaint',
    source: 'live-test',
    source_id: `${process.pid}-${Date.now()}-${++sequence}`,
    occurred_at: new Date(now - minutesAgo * 60_000).toISOString(),
    lat: place.lat,
    lon: place.lon,
    category: 'flooding',
    text: 'ngập nặng, gọi anh Nguyễn Văn Nam 0903 123 456',
    ...extra,
  }
}

export async function postEvents(url: string, events: unknown[]): Promise<{ accepted: number }> {
  const response = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY, authorization: `Bearer ${DEV_API_KEY}` },
    body: JSON.stringify(events),
  })
  const body = (await response.json()) as { accepted: number; rejectedTotal?: number; rejected?: unknown[] }
  if (response.status !== 200 || (body.rejectedTotal ?? body.rejected?.length ?? 0) > 0) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`)
  return body
}

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>

export function connectLive(url: string, options: Record<string, unknown> = {}): LiveClient {
  return connect(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, ...options })
}

/** Child-process mode: one node of a multi-node test, controlled by IPC messages. */
async function runAsChild(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('DATABASE_URL is required')
  const db = connectDatabase({ databaseUrl, dataDir: '.opswall-test' })
  await migrate(db)
  const node = await startLiveNode({
    db,
    redisUrl: process.env.REDIS_URL || undefined,
    live: { redisPrefix: process.env.LIVE_PREFIX ?? 'opswall:live:test', ...(process.env.LIVE_FLUSH_MS ? { flushMs: Number(process.env.LIVE_FLUSH_MS) } : {}), ...(process.env.LIVE_HEARTBEAT_MS ? { heartbeatMs: Number(process.env.LIVE_HEARTBEAT_MS) } : {}) },
    verbose: process.env.LIVE_VERBOSE === '1',
  })
  const reply = (message: unknown) => process.send?.(message)
  process.on('message', async (raw) => {
    const message = raw as { id: number; type: string; ms?: number; request?: Parameters<LiveHandle['cellsOf']>[0] }
    try {
      if (message.type === 'stats') reply({ id: message.id, data: { ...node.live.stats(), cpu: process.cpuUsage(), memory: process.memoryUsage().rss } })
      else if (message.type === 'advance') {
        node.clock.offsetMs += message.ms ?? 0
        reply({ id: message.id, data: node.clock.offsetMs })
      } else if (message.type === 'cells' && message.request) reply({ id: message.id, data: node.live.cellsOf(message.request) })
      else if (message.type === 'close') {
        await node.close()
        await db.close()
        reply({ id: message.id, data: true })
        process.exit(0)
      }
    } catch (error) {
      reply({ id: message.id, error: String(error) })
    }
  })
  reply({ type: 'ready', url: node.url, nodeId: node.live.nodeId })
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0') && process.send) {
  runAsChild().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
