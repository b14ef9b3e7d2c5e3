/**
 * `npm run bench [-- name…]`: runs the benchmarks and prints one table with the machine's state.
 * Figures are medians or percentiles of runs made in this same process.
 */
import os from 'node:os'
import pg from 'pg'
import { ADMIN_DATABASE_URL } from '../test/support/databases'
import { runClassifyBench } from './classify'
import { runConsoleBench } from './console'
import { runIngestBench } from './ingest'
import { runLiveBench } from './live'
import { runPerformanceBench } from './performance'
import { runPrivacyBench } from './privacy'
import { runTopicsBench } from './topics'
import { runWallBench } from './wall-browser'
import type { BenchRow } from './types'

const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
  classify: runClassifyBench,
  console: runConsoleBench,
  ingest: runIngestBench,
  live: runLiveBench,
  performance: runPerformanceBench,
  privacy: runPrivacyBench,
  topics: runTopicsBench,
  wall: runWallBench,
}

async function machineState(): Promise<string[]> {
  const cpu = os.cpus()
  let database = 'PostgreSQL unreachable'
  try {
    const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
    await client.connect()
    const version = (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v
    const postgis = (await client.query<{ v: string }>(`SELECT default_version AS v FROM pg_available_extensions WHERE name = 'postgis'`)).rows[0]?.v
    await client.end()
    database = `PostgreSQL ${version}, PostGIS ${postgis ?? 'not installed'}`
  } catch {}
  return [
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB (${(os.freemem() / 2 ** 30).toFixed(1)} free), load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `runtime: Node ${process.version}, ${database}, ${new Date().toISOString()}`,
  ]
}

function printTable(rows: BenchRow[]) {
  const cells = rows.map((r) => [r.bench, r.metric, r.value.toLocaleString('en'), r.unit, r.note ?? ''])
  const header = ['bench', 'metric', 'value', 'unit', 'note']
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd()
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}

async function main() {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !BENCHES[name])
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`)
    process.exit(2)
  }
  const before = await machineState()
  const rows: BenchRow[] = []
  const started = performance.now()
  for (const [name, run] of Object.entries(BENCHES)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue
    process.stderr.write(`bench ${name}\n`)
    rows.push(...(await run()))
  }
  console.log(before.join('\n'))
  console.log()
  printTable(rows)
  console.log(`\n${rows.length} figures from ${wanted.length || Object.keys(BENCHES).length} benches in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  process.exit(0)
}

main().catch((error) => {
  console.error('bench failed:', error)
  process.exit(1)
})
