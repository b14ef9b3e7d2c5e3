/**
 * Live path benches (issue 3): ingest HTTP 200 → delta received with many connected clients,
 * fan-out across district rooms, and the city snapshot at res 8 over 7 d. The server runs in
 * its own process (test/support/live-node.ts: startOpsWall + attachLive on PostgreSQL), the
 * clients here, all over loopback. Sizes are scaled to finish in well under 3 minutes on 2 cores.
 */
import { cellToParent, latLngToCell } from 'h3-js'
import type { CellCount, Snapshot } from '../server/core/protocol'
import { SlidingWindows, type WindowInput } from '../server/core/windows'
import { DRIVERS } from '../test/support/databases'
import { connectLive, forkLiveNode, postEvents, subscribeRaw, type Child, type RawLiveSocket } from '../test/support/live-node'
import { waitFor } from '../test/support/wait'
import { percentile, progress } from './stats'
import type { BenchRow } from './types'

const PROBE_CATEGORY = 'health'
const BACKGROUND = ['flooding', 'waste', 'traffic', 'roads', 'noise']

interface District {
  code: string
  probe: { lat: number; lon: number }
  spots: Array<{ lat: number; lon: number }>
}

async function districts(child: Child, db: import('../server/db/database').Database): Promise<District[]> {
  void child
  const { rows } = await db.query<{ code: string; lat: number; lon: number }>(
    `SELECT d.code, ST_Y(p.geom)::float8 AS lat, ST_X(p.geom)::float8 AS lon
     FROM boundary d, LATERAL (SELECT (ST_Dump(ST_GeneratePoints(d.geom, 40, 7))).geom) p
     WHERE d.level = 'district' ORDER BY d.code`,
  )
  const byCode = new Map<string, Array<{ lat: number; lon: number }>>()
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), { lat: Number(r.lat), lon: Number(r.lon) }])
  return [...byCode].map(([code, points]) => ({ code, probe: points[0]!, spots: points.slice(1) }))
}

let sequence = 0
const event = (point: { lat: number; lon: number }, category: string) => ({
  kind: 'complaint',
  source_id: `${Date.now()}-${++sequence}`,
  occurred_at: new Date().toISOString(),
  lat: point.lat,
  lon: point.lon,
  category,
  text: 'bench',
})

async function connectMany(url: string, count: number, areas: District[], res: 8 | 9 = 8): Promise<Array<{ client: RawLiveSocket; district: District; subscription: string }>> {
  const out: Array<{ client: RawLiveSocket; district: District; subscription: string }> = []
  for (let i = 0; i < count; i += 50) {
    const group = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
        const district = areas[(i + j) % areas.length]!
        const client = connectLive(url)
        const snapshot = (await subscribeRaw(client, { scope: district.code, layers: ['complaints'], res, window: '1h' })) as Snapshot
        return { client, district, subscription: snapshot.subscription }
      }),
    )
    out.push(...group)
  }
  return out
}

/** Posts `rate` events/s for `seconds` in batches every `tickMs`, one probe per district per batch. */
async function drive(url: string, areas: District[], rate: number, seconds: number, tickMs: number, onBatch: (batch: number, okAt: number) => void) {
  const perTick = Math.max(areas.length, Math.round((rate * tickMs) / 1000))
  const started = Date.now()
  let batch = 0
  let sent = 0
  const inFlight = new Set<Promise<void>>()
  while (Date.now() - started < seconds * 1000) {
    const due = started + batch * tickMs
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()))
    batch++
    const events = areas.map((d) => event(d.probe, PROBE_CATEGORY))
    for (let i = events.length; i < perTick; i++) {
      const d = areas[i % areas.length]!
      events.push(event(d.spots[(i * 7 + batch) % d.spots.length]!, BACKGROUND[i % BACKGROUND.length]!))
    }
    // Up to 4 requests in flight, as several producers would post: the rate is not capped by one round trip.
    const n = batch
    const request = postEvents(url, events).then(() => {
      sent += events.length
      onBatch(n, Date.now())
      inFlight.delete(request)
    })
    inFlight.add(request)
    if (inFlight.size >= 4) await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  return { batches: batch, sent, seconds: (Date.now() - started) / 1000 }
}

async function cpuOf(child: Child): Promise<number> {
  const { cpu } = await child.call<{ cpu: { user: number; system: number } }>('stats')
  return (cpu.user + cpu.system) / 1000
}

async function latencyBench(child: Child, areas: District[], clients: number, rate: number, seconds: number): Promise<BenchRow[]> {
  progress(`latency: connecting ${clients} clients`)
  const conns = await connectMany(child.url, clients, areas)
  const okAt = new Map<number, number>()
  const arrivals: Array<{ batch: number; at: number }> = []
  for (const { client, district } of conns) {
    const probeCell = cellToParent(latLngToCell(district.probe.lat, district.probe.lon, 9), 8)
    let seen = 0
    client.on('delta', (delta) => {
      const at = Date.now()
      const probe = delta.upserts.find((u: CellCount) => u.cell === probeCell)
      const value = probe?.byCategory[PROBE_CATEGORY] ?? 0
      for (let b = seen + 1; b <= value; b++) arrivals.push({ batch: b, at })
      seen = Math.max(seen, value)
    })
  }
  progress(`latency: ${rate} events/s for ${seconds} s`)
  const cpu0 = await cpuOf(child)
  const run = await drive(child.url, areas, rate, seconds, 50, (batch, at) => okAt.set(batch, at))
  const cpu1 = await cpuOf(child)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const latencies = arrivals.filter((a) => okAt.has(a.batch)).map((a) => Math.max(0, a.at - okAt.get(a.batch)!))
  const expected = run.batches * clients
  for (const { client } of conns) client.disconnect()
  const note = `${clients} clients over ${areas.length} district rooms, res 8, 1 h; ${run.sent} events in ${run.seconds.toFixed(1)} s`
  return [
    { bench: 'live latency', metric: 'achieved ingest rate', value: Math.round(run.sent / run.seconds), unit: 'events/s', note: `target ${rate}` },
    { bench: 'live latency', metric: 'ingest 200 → delta p50', value: percentile(latencies, 50), unit: 'ms', note },
    { bench: 'live latency', metric: 'ingest 200 → delta p99', value: percentile(latencies, 99), unit: 'ms', note: 'goal p50 ≤ 100, p99 ≤ 250' },
    { bench: 'live latency', metric: 'probe deliveries seen', value: Math.round((100 * latencies.length) / expected), unit: '%', note: `${latencies.length} of ${expected}` },
    { bench: 'live latency', metric: 'server CPU', value: Math.round((100 * (cpu1 - cpu0)) / (run.seconds * 1000)), unit: '% of one core', note: 'ingest + live, one process' },
  ]
}

async function fanoutBench(child: Child, areas: District[], clients: number, rate: number, seconds: number): Promise<BenchRow[]> {
  progress(`fan-out: connecting ${clients} clients`)
  const conns = await connectMany(child.url, clients, areas)
  let deliveries = 0
  for (const { client } of conns) client.on('delta', () => deliveries++)
  progress(`fan-out: ${rate} events/s for ${seconds} s`)
  const cpu0 = await cpuOf(child)
  const d0 = deliveries
  const run = await drive(child.url, areas, rate, seconds, 100, () => undefined)
  const cpu1 = await cpuOf(child)
  const delivered = deliveries - d0
  for (const { client } of conns) client.disconnect()
  return [
    { bench: 'live fan-out', metric: 'delta deliveries', value: Math.round(delivered / run.seconds), unit: 'deliveries/s', note: `${clients} clients, ${areas.length} district rooms, ${Math.round(run.sent / run.seconds)} events/s` },
    { bench: 'live fan-out', metric: 'server CPU', value: Math.round((100 * (cpu1 - cpu0)) / (run.seconds * 1000)), unit: '% of one core', note: 'ingest + live, one process' },
  ]
}

/** Server-side snapshot build (cells + JSON) for the whole city at res 8 over 7 d, by stored events. */
function snapshotBench(): BenchRow[] {
  const rows: BenchRow[] = []
  const now = Date.now()
  for (const [events, perRow] of [[200_000, 1], [10_000_000, 50]] as const) {
    const windows = new SlidingWindows({ now: new Date(now) })
    const inputs: WindowInput[] = []
    for (let i = 0; i < events / perRow; i++) {
      inputs.push({ kind: i % 3 ? 'complaint' : 'mention', occurredAtMs: now - Math.random() * 7 * 86_400_000, cell: latLngToCell(10.68 + Math.random() * 0.25, 106.58 + Math.random() * 0.3, 9), category: BACKGROUND[i % 5]!, units: [`d${i % 22}`], count: perRow })
    }
    windows.add(inputs)
    const times: number[] = []
    let cells = 0
    for (let i = 0; i < 30; i++) {
      const started = process.hrtime.bigint()
      const list = [...windows.cells('7d', 'city', 8, 'complaints'), ...windows.cells('7d', 'city', 8, 'mentions')]
      JSON.stringify(list)
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
      cells = list.length
    }
    rows.push({ bench: 'live snapshot', metric: `city res 8 7 d, ${events.toLocaleString('en')} events`, value: Number(percentile(times, 50).toFixed(2)), unit: 'ms p50', note: `${cells} cells; p99 ${percentile(times, 99).toFixed(2)} ms; goal ≤ 20 ms` })
  }
  return rows
}

async function networkSnapshot(child: Child): Promise<BenchRow> {
  const client = connectLive(child.url)
  const times: number[] = []
  let cells = 0
  for (let i = 0; i < 20; i++) {
    const started = performance.now()
    const snapshot = (await subscribeRaw(client, { scope: 'city', layers: ['complaints', 'mentions'], res: 8, window: '7d' })) as Snapshot
    times.push(performance.now() - started)
    cells = snapshot.cells.length
  }
  client.disconnect()
  return { bench: 'live snapshot', metric: 'city res 8 7 d over the socket (subscribe → ack)', value: Number(percentile(times, 50).toFixed(1)), unit: 'ms p50', note: `${cells} cells after the benches; p99 ${percentile(times, 99).toFixed(1)} ms` }
}

export async function runLiveBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = snapshotBench()
  const database = await DRIVERS.find((d) => d.name === 'pg')!.create()
  const child = await forkLiveNode({ DATABASE_URL: database.url!, REDIS_URL: '' })
  try {
    const areas = await districts(child, database.db)
    await waitFor(() => areas.length > 0, 1000, 'districts')
    rows.push(...(await latencyBench(child, areas, 500, 5000, 10)))
    rows.push(...(await fanoutBench(child, areas, 2000, 1000, 10)))
    rows.push(await networkSnapshot(child))
  } finally {
    await child.call('close').catch(() => child.process.kill())
    await database.drop()
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runLiveBench().then((rows) => console.table(rows), (error) => {
    console.error(error)
    process.exit(1)
  })
}
