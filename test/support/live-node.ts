/**
 * A real OpsWall node for live tests and benches: startOpsWall (HTTP ingest, PostGIS enrichment,
 * roll-ups, /live) on port 0 with a clock the test moves. Screens are the wall's own
 * `client/live` LiveConnection. Run as a script, it is one node of a multi-node or fault test,
 * driven over IPC: DATABASE_URL=… REDIS_URL=… LIVE_PREFIX=… LIVE_PORT=… tsx test/support/live-node.ts
 */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { cellToParent } from 'h3-js'
import { io as connect, type Socket } from 'socket.io-client'
import { LiveConnection, type LiveTarget } from '../../client/live/live-connection'
import type { AlertMonitor } from '../../server/alerts/alert-monitor'
import type { TopicsMonitor } from '../../server/topics/topics-monitor'
import { startOpsWall } from '../../server/app'
import type { Clock } from '../../server/core/clock'
import type { MapResolution } from '../../server/core/h3'
import { LAYERS, LIVE_NAMESPACE, PROTOCOL_VERSION, WINDOWS, type CellCount, type ClientToServerEvents, type Layer, type ServerToClientEvents, type SubscribeRequest, type WindowName } from '../../server/core/protocol'
import { WINDOW_MINUTES, minuteOf, MINUTE_MS } from '../../server/core/windows'
import type { Config } from '../../server/config'
import { DEFAULT_JURISDICTION, DEV_API_KEY } from '../../server/config'
import { connectDatabase } from '../../server/db/connect'
import type { Database } from '../../server/db/database'
import { seedDemoBoundaries } from '../../server/db/demo-boundaries'
import { migrate } from '../../server/db/migrate'
import { createLog, silentLog, type Log } from '../../server/log'
import type { LiveHandle, LiveOptions } from '../../server/live/live-server'
import { waitFor } from './wait'

/** A clock tests move by hand; each process has its own (MULTI-3 relies on that). */
export class MovableClock implements Clock {
  offsetMs = 0
  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }
  advance(ms: number): void {
    this.offsetMs += ms
  }
}

export interface LiveNode {
  url: string
  port: number
  db: Database
  live: LiveHandle
  /** Spike alerts (NLP-6), stepped with `live.step()`. */
  alerts: AlertMonitor
  /** Today's top issues (NLP-5), stepped with `live.step()`. */
  topics: TopicsMonitor
  clock: MovableClock
  close(): Promise<void>
}

/** Steps `node` until `check` holds: what a test waits for must happen after some step of the node's clock. */
export function stepUntil(node: LiveNode, check: () => boolean, what: string): Promise<void> {
  return waitFor(() => {
    node.live.step()
    return check()
  }, 10_000, what)
}

export interface LiveNodeOptions {
  db: Database
  redisUrl?: string
  clock?: MovableClock
  live?: Partial<LiveOptions>
  verbose?: boolean
  /** Producers, source → API key; each key writes as its source (ING-8). Default: `test` with the dev key. */
  producers?: Record<string, string>
  /** 0 (default) picks a free one; a fixed port lets clients connect again after a restart. */
  port?: number
  /** Sees every log line (after `verbose` decides whether it is printed). */
  onLog?: (message: string, extra: Record<string, unknown> | undefined) => void
}

const testConfig = (redisUrl: string | undefined, port: number, producers: Record<string, string> = { test: DEV_API_KEY }): Config => ({
  port,
  databaseUrl: 'postgres://unused', // the db is passed in; a URL here only skips the demo seeding
  dataDir: '.opswall-test',
  redisUrl,
  simulator: false,
  secret: undefined,
  logLevel: 'warn',
  production: false,
  apiKeys: new Map(Object.entries(producers).map(([source, key]) => [key, source])),
  jurisdiction: DEFAULT_JURISDICTION,
  faultInjection: false,
})

export async function startLiveNode(options: LiveNodeOptions): Promise<LiveNode> {
  await seedDemoBoundaries(options.db)
  const clock = options.clock ?? new MovableClock()
  const printed = options.verbose ? createLog('debug') : silentLog
  const onLog = options.onLog
  const log: Log = onLog ? Object.assign((level: Parameters<Log>[0], message: string, extra?: Record<string, unknown>) => (onLog(message, extra), printed(level, message, extra)), { pino: printed.pino }) : printed
  const wall = await startOpsWall(testConfig(options.redisUrl, options.port ?? 0, options.producers), {
    db: options.db,
    clock,
    clientDir: null,
    host: '127.0.0.1',
    log,
    ...(options.live ? { live: options.live } : {}),
  })
  return { url: wall.url, port: wall.port, db: options.db, live: wall.live, alerts: wall.alerts, topics: wall.topics, clock, close: () => wall.close() }
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
/** A producer event at `place`, occurring at `now` (the node's clock) minus `minutesAgo`. */
export function eventAt(place: Pick<Place, 'lat' | 'lon'>, extra: Record<string, unknown> = {}, minutesAgo = 0, now = Date.now()): Record<string, unknown> {
  return {
    kind: 'complaint',
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
    headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY },
    body: JSON.stringify(events),
  })
  const body = (await response.json()) as { accepted: number; rejectedTotal?: number; rejected?: unknown[] }
  if (response.status !== 200 || (body.rejectedTotal ?? body.rejected?.length ?? 0) > 0) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`)
  return body
}

export type RawLiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** A bare socket, for what the wall's client never sends (malformed commands) and for recording what arrives. */
export function connectLive(url: string, options: Record<string, unknown> = {}): RawLiveSocket {
  return connect(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { protocol: PROTOCOL_VERSION }, ...options })
}

export async function subscribeRaw(socket: RawLiveSocket, request: unknown) {
  const answer = await socket.timeout(10_000).emitWithAck('subscribe', request as SubscribeRequest)
  if ('error' in answer) throw Object.assign(new Error(answer.error.message), { body: answer.error })
  return answer.data
}

/**
 * A round trip on `socket`: everything the server sent it before answering has arrived once this
 * resolves (one socket's packets keep their order), which makes "nothing else came" provable.
 */
export async function barrier(socket: RawLiveSocket): Promise<void> {
  await socket.timeout(10_000).emitWithAck('unsubscribe', 'barrier|complaints|9|1h@none')
}

/** The wall's own live client on `url`, connected, once its first snapshot is in. */
export async function watchLive(url: string, target: LiveTarget, socket: Record<string, unknown> = {}): Promise<LiveConnection> {
  const connection = new LiveConnection(target, { url, socket: { transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 250, randomizationFactor: 0, ...socket } })
  connection.connect()
  await waitFor(() => connection.subscription !== null, 10_000, 'the first snapshot')
  return connection
}

export interface ShownCell {
  layer: Layer
  cell: string
  count: number
}

const byLayerAndCell = (a: ShownCell, b: ShownCell) => a.layer.localeCompare(b.layer) || a.cell.localeCompare(b.cell)

/** What a screen shows: every cell of its stores with its count. */
export function shownCells(connection: LiveConnection): ShownCell[] {
  const out: ShownCell[] = []
  for (const layer of LAYERS) {
    const store = connection.stores[layer]
    for (let slot = 0; slot < store.length; slot++) out.push({ layer, cell: store.cellAt(slot)!, count: store.counts[slot]! })
  }
  return out.sort(byLayerAndCell)
}

/** Cells of the wire (snapshot, peek) in the same form. */
export const asShown = (cells: readonly CellCount[]): ShownCell[] => cells.map(({ layer, cell, count }) => ({ layer, cell, count })).sort(byLayerAndCell)

/** What a node holds for a request, in the same form. */
export function heldCells(live: LiveHandle, request: Pick<SubscribeRequest, 'scope' | 'layers' | 'res' | 'window'>): ShownCell[] {
  return asShown(live.cellsOf(request))
}

/**
 * The database's truth for a request at `now`: the minute roll-ups of the window's minutes
 * (WIN-2), in the request's scope, summed per parent cell at the request's resolution.
 */
export async function databaseCells(db: Database, request: { scope: string; layers: readonly Layer[]; res: MapResolution; window: WindowName }, now: Date): Promise<ShownCell[]> {
  if (!WINDOWS.includes(request.window)) throw new Error(`unknown window ${request.window}`)
  const firstMinute = new Date((minuteOf(now.getTime()) - WINDOW_MINUTES[request.window] + 1) * MINUTE_MS)
  const { rows } = await db.query<{ kind: string; cell: string; count: number }>(
    `SELECT kind, cell, sum(count)::int AS count FROM rollup_minute
     WHERE minute >= $1 AND minute <= $2 AND cell <> '' AND ($3 = 'city' OR $3 = ANY(units))
     GROUP BY kind, cell`,
    [firstMinute.toISOString(), now.toISOString(), request.scope],
  )
  const totals = new Map<string, ShownCell>()
  for (const row of rows) {
    const layer: Layer = row.kind === 'complaint' ? 'complaints' : 'mentions'
    if (!request.layers.includes(layer)) continue
    const cell = cellToParent(row.cell, request.res)
    const key = `${layer}|${cell}`
    const shown = totals.get(key) ?? { layer, cell, count: 0 }
    shown.count += Number(row.count)
    totals.set(key, shown)
  }
  return [...totals.values()].sort(byLayerAndCell)
}

const NODE_SCRIPT = fileURLToPath(import.meta.url)

export interface Child {
  url: string
  nodeId: string
  call<T>(type: 'stats' | 'step' | 'cells' | 'advance' | 'close', extra?: Record<string, unknown>): Promise<T>
  process: ChildProcess
}

/** The child's "live: windows rebuilt" line, stamped with the machine's wall clock (Date.now()). */
export interface RebuildReport {
  rows: number
  ms: number
  at: number
}

export interface LaunchedNode {
  process: ChildProcess
  /** Settles once the node is started (windows rebuilt, ready to answer). */
  ready: Promise<Child>
  /** Settles when the node logs that its windows are rebuilt (before `ready`). */
  rebuilt: Promise<RebuildReport>
}

/** Starts one live node in its own process and returns at once: tests may act while it starts. */
export function launchLiveNode(env: Record<string, string>): LaunchedNode {
  const child = fork(NODE_SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let next = 0
  const waiting = new Map<number, (message: { data?: unknown; error?: string }) => void>()
  let reportRebuild!: (report: RebuildReport) => void
  const rebuilt = new Promise<RebuildReport>((resolve) => (reportRebuild = resolve))
  const started = new Promise<{ url: string; nodeId: string }>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`node exited with ${code ?? signal}`)))
    child.on('message', (raw) => {
      const message = raw as { type?: string; id?: number; url?: string; nodeId?: string; report?: RebuildReport }
      if (message.type === 'ready') resolve({ url: message.url!, nodeId: message.nodeId! })
      else if (message.type === 'rebuilt') reportRebuild(message.report!)
      else if (message.id !== undefined) waiting.get(message.id)?.(message as never)
    })
  })
  const ready = started.then(({ url, nodeId }) => ({
    url,
    nodeId,
    process: child,
    call: <T>(type: string, extra: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next
        waiting.set(id, (message) => (message.error ? reject(new Error(message.error)) : resolve(message.data as T)))
        child.send({ id, type, ...extra })
      }),
  }))
  return { process: child, ready, rebuilt }
}

/** One live node in its own process, driven over IPC: `step` steps it, `advance` moves its clock. */
export function forkLiveNode(env: Record<string, string>): Promise<Child> {
  return launchLiveNode(env).ready
}

/** Child-process mode: one node of a multi-node test or bench, controlled by IPC messages. */
async function runAsChild(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('DATABASE_URL is required')
  const db = connectDatabase({ databaseUrl, dataDir: '.opswall-test' })
  await migrate(db)
  const reply = (message: unknown) => process.send?.(message)
  const node = await startLiveNode({
    db,
    port: Number(process.env.LIVE_PORT ?? 0),
    onLog: (message, extra) => {
      if (message === 'live: windows rebuilt') reply({ type: 'rebuilt', report: { rows: extra?.rows, ms: extra?.ms, at: Date.now() } })
    },
    redisUrl: process.env.REDIS_URL || undefined,
    live: {
      redisPrefix: process.env.LIVE_PREFIX ?? 'opswall:live:test',
      autoStep: process.env.LIVE_AUTO_STEP !== '0',
    },
    verbose: process.env.LIVE_VERBOSE === '1',
  })
  process.on('message', async (raw) => {
    const message = raw as { id: number; type: string; ms?: number; request?: Parameters<LiveHandle['cellsOf']>[0] }
    try {
      if (message.type === 'stats') reply({ id: message.id, data: { ...node.live.stats(), cpu: process.cpuUsage(), memory: process.memoryUsage().rss } })
      else if (message.type === 'step') {
        node.live.step()
        reply({ id: message.id, data: true })
      } else if (message.type === 'advance') {
        node.clock.advance(message.ms ?? 0)
        reply({ id: message.id, data: node.clock.offsetMs })
      } else if (message.type === 'cells' && message.request) reply({ id: message.id, data: heldCells(node.live, message.request) })
      else if (message.type === 'close') {
        await node.close()
        await db.close()
        reply({ id: message.id, data: true })
        process.exit(0)
      } else reply({ id: message.id, error: `unknown command ${message.type}` })
    } catch (error) {
      reply({ id: message.id, error: String(error) })
    }
  })
  reply({ type: 'ready', url: node.url, nodeId: node.live.nodeId })
}

if (process.argv[1] === NODE_SCRIPT && process.send) {
  runAsChild().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
