/**
 * The console's reads (CON-*) over the performance bench's seeded year of complaints, placed in
 * cells and rolled up per minute: a million on PostgreSQL, a hundred thousand on embedded PGlite.
 * Goals on PostgreSQL: a drill-down page p95 ≤ 50 ms; replay of the city's last 24 h at 5-minute
 * steps p95 ≤ 300 ms. Timed through HTTP, as the console asks.
 */
import { gridDisk, latLngToCell, cellToParent } from 'h3-js'
import { loadCategories } from '../server/categories-file'
import { seedDemoBoundaries } from '../server/db/demo-boundaries'
import { DRIVERS } from '../test/support/databases'
import { startTestServer } from '../test/support/server'
import { seedComplaints } from './performance-seed'
import { median, percentile, progress } from './stats'
import type { BenchRow } from './types'

const SIZES = { pg: 1_000_000, pglite: 100_000 } as const
const RUNS = 40
const WARM_UP = 3
/** Cells around each leaf unit's inner point: 37 r9 cells (about 4 km²) per ward. */
const DISK = 3

async function timeGets(url: string, runs: number): Promise<{ times: number[]; body: unknown }> {
  const times: number[] = []
  let body: unknown
  for (let run = 0; run < WARM_UP + runs; run++) {
    const started = performance.now()
    const res = await fetch(url)
    body = await res.json()
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`)
    if (run >= WARM_UP) times.push(performance.now() - started)
  }
  return { times, body }
}

export async function runConsoleBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const only = process.env.BENCH_DRIVERS?.split(',')
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000)
  for (const driver of DRIVERS.filter((d) => !only || only.includes(d.name))) {
    const size = SIZES[driver.name]
    const bench = `console [${driver.name}]`
    progress(`console on ${driver.name}: creating database`)
    const test = await driver.create()
    const server = await startTestServer(test.db, { clock: { now: () => now } })
    try {
      await seedDemoBoundaries(test.db)
      const leaves = (
        await test.db.query<{ code: string; parent: string | null; lat: number; lon: number }>(
          `SELECT b.code, b.parent_code AS parent, ST_Y(ST_PointOnSurface(b.geom))::float8 AS lat, ST_X(ST_PointOnSurface(b.geom))::float8 AS lon
           FROM boundary AS b WHERE NOT EXISTS (SELECT FROM boundary AS child WHERE child.parent_code = b.code) ORDER BY b.code`,
        )
      ).rows
      const cells = new Map(leaves.map((leaf) => [leaf.code, gridDisk(latLngToCell(Number(leaf.lat), Number(leaf.lon), 9), DISK)]))
      progress(`console on ${driver.name}: seeding ${size.toLocaleString('en')} complaints in cells, with roll-ups`)
      const started = performance.now()
      await seedComplaints(test.db, { size, now, days: 365, categories: loadCategories(), cells, rollups: true })
      rows.push({ bench, metric: 'seeded (set-based SQL)', value: Math.round((performance.now() - started) / 1000), unit: 's', note: `${size.toLocaleString('en')} complaints over a year in ${leaves.length} leaf units × ${cells.values().next().value!.length} r9 cells, roll-ups` })

      const ward = leaves[0]!
      const cell = cells.get(ward.code)![0]!
      const district = ward.parent ?? ward.code
      const first = await timeGets(`${server.url}/api/v1/cells/${cellToParent(cell, 7)}/events?window=7d&limit=50`, 1)
      const cursor = (first.body as { next_cursor: string | null }).next_cursor
      const queries = [
        { metric: 'drill-down page: r9 cell, 24 h (default)', path: `/api/v1/cells/${cell}/events`, goal: 50 },
        { metric: 'drill-down page: r7 cell, 7 d', path: `/api/v1/cells/${cellToParent(cell, 7)}/events?window=7d`, goal: 50 },
        ...(cursor ? [{ metric: 'drill-down page 2: r7 cell, 7 d (cursor)', path: `/api/v1/cells/${cellToParent(cell, 7)}/events?window=7d&cursor=${encodeURIComponent(cursor)}`, goal: 50 }] : []),
        { metric: 'drill-down page: ward, 7 d', path: `/api/v1/units/${ward.code}/events?window=7d`, goal: 50 },
        { metric: 'drill-down page: district, 7 d, status=open', path: `/api/v1/units/${district}/events?window=7d&status=open`, goal: 50 },
        { metric: 'histogram: district, 24 h at 15 min', path: `/api/v1/units/${district}/histogram`, goal: null },
        { metric: 'summary: ward, 24 h', path: `/api/v1/units/${ward.code}/summary`, goal: null },
        { metric: 'replay: city, 24 h at 5 min, r8, 1 h window', path: '/api/v1/replay', goal: 300 },
        { metric: 'replay: district, 24 h at 5 min, r9, 1 h window', path: `/api/v1/replay?res=9&scope=${district}`, goal: null },
      ]
      for (const query of queries) {
        const { times, body } = await timeGets(`${server.url}${query.path}`, RUNS)
        const p95 = percentile(times, 95)
        const shape = 'items' in (body as object) ? `${(body as { items: unknown[] }).items.length} items` : 'frames' in (body as object) ? `${(body as { frames: unknown[] }).frames.length} frames` : ''
        progress(`console on ${driver.name}: ${query.metric}: median ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ${shape}`)
        rows.push({ bench, metric: `${query.metric} median`, value: round(median(times)), unit: 'ms', note: `${RUNS} runs over HTTP after ${WARM_UP} warm-up${shape ? `; ${shape}` : ''}` })
        rows.push({ bench, metric: `${query.metric} p95`, value: round(p95), unit: 'ms', ...(query.goal !== null && driver.name === 'pg' ? { note: `goal ≤ ${query.goal} ms: ${p95 <= query.goal ? 'met' : 'MISSED'}` } : {}) })
      }
    } finally {
      await server.close()
      await test.drop()
    }
  }
  return rows
}

const round = (n: number) => Math.round(n * 10) / 10
