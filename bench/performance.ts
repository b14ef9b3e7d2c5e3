/**
 * Processing speed per unit (LIFE-6) over a year of complaints with their history: a million on
 * PostgreSQL (goal: the default query — districts, last 7 days — answers in p95 ≤ 100 ms), a
 * hundred thousand on embedded PGlite. Timed through HTTP, as a wall or a leader's screen asks.
 */
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
const GOAL_P95_MS = 100

/** What is timed: the default query the goal is about, then wider ones. */
function queries(now: Date) {
  const thirtyDaysAgo = encodeURIComponent(new Date(now.getTime() - 30 * 86_400_000).toISOString())
  return [
    { metric: 'districts, last 7 days (default)', path: '/api/v1/units/performance?level=district', goal: true },
    { metric: 'wards, last 7 days', path: '/api/v1/units/performance?level=ward', goal: false },
    { metric: 'districts, last 30 days', path: `/api/v1/units/performance?level=district&from=${thirtyDaysAgo}`, goal: false },
    { metric: 'city, 8 weeks week by week', path: '/api/v1/units/performance/weekly', goal: false },
  ]
}

async function timeGets(url: string, runs: number): Promise<number[]> {
  const times: number[] = []
  for (let run = 0; run < WARM_UP + runs; run++) {
    const started = performance.now()
    const res = await fetch(url)
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
    if (run >= WARM_UP) times.push(performance.now() - started)
  }
  return times
}

export async function runPerformanceBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const only = process.env.BENCH_DRIVERS?.split(',')
  // A whole hour, so that two runs of the bench seed and ask the same rows.
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000)
  for (const driver of DRIVERS.filter((d) => !only || only.includes(d.name))) {
    const size = SIZES[driver.name]
    const bench = `unit performance [${driver.name}]`
    progress(`performance on ${driver.name}: creating database`)
    const test = await driver.create()
    const server = await startTestServer(test.db, { clock: { now: () => now } })
    try {
      await seedDemoBoundaries(test.db)
      progress(`performance on ${driver.name}: seeding ${size.toLocaleString('en')} complaints with history over a year`)
      const started = performance.now()
      await seedComplaints(test.db, { size, now, days: 365, categories: loadCategories() })
      const seconds = (performance.now() - started) / 1000
      const history = (await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaint_status_change')).rows[0]!.n
      rows.push({ bench, metric: 'seeded (set-based SQL)', value: Math.round(seconds), unit: 's', note: `${size.toLocaleString('en')} complaints, ${history.toLocaleString('en')} status changes, 22 demo districts / 73 wards, 1 year` })
      for (const query of queries(now)) {
        const times = await timeGets(`${server.url}${query.path}`, RUNS)
        const p95 = percentile(times, 95)
        progress(`performance on ${driver.name}: ${query.metric}: median ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`)
        rows.push({ bench, metric: `${query.metric} median`, value: round(median(times)), unit: 'ms', note: `${RUNS} runs over HTTP after ${WARM_UP} warm-up` })
        rows.push({
          bench,
          metric: `${query.metric} p95`,
          value: round(p95),
          unit: 'ms',
          ...(query.goal && driver.name === 'pg' ? { note: `goal ≤ ${GOAL_P95_MS} ms: ${p95 <= GOAL_P95_MS ? 'met' : 'MISSED'}` } : {}),
        })
      }
    } finally {
      await server.close()
      await test.drop()
    }
  }
  return rows
}

const round = (n: number) => Math.round(n * 10) / 10
