/**
 * Bulk ingest (HTTP NDJSON → validate → read texts → H3 → point-in-polygon → insert + roll-ups) and Open311
 * POST latency, on real PostgreSQL/PostGIS and on embedded PGlite, with the 22 districts and
 * 312 wards of Ho Chi Minh City loaded.
 */
import { categorySla } from '../server/core/sla'
import { loadCategories } from '../server/categories-file'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { importBoundaryFile } from '../server/db/boundary-store'
import type { Database } from '../server/db/database'
import { seedDemoBoundaries } from '../server/db/demo-boundaries'
import { systemClock } from '../server/core/clock'
import { createIngestor } from '../server/ingest/event-ingestor'
import { boundaryTextReader } from '../server/nlp/boundary-text-reader'
import { createIntake } from '../server/ingest/intake'
import { DRIVERS } from '../test/support/databases'
import { startTestServer, TEST_API_KEY } from '../test/support/server'
import { median, percentile, progress } from './stats'
import type { BenchRow } from './types'
import { join } from 'node:path'
import { readLabelled } from '../server/nlp/load-classifier'
import { DEFAULT_NLP_DIR } from '../server/nlp/load-normaliser'

const SHARED = fileURLToPath(new URL('../../shared/data/boundaries/', import.meta.url))
const CATEGORIES = ['flooding', 'traffic', 'waste', 'noise', 'roads', undefined]
/** Real variety for the reader (NLP-7): the labelled posts, not one sentence its caches learn at once. */
const TEXTS = readLabelled(join(DEFAULT_NLP_DIR, 'train.ndjson')).map((post) => post.text)

async function loadCityBoundaries(db: Database): Promise<string> {
  if (!existsSync(`${SHARED}hcmc-wards-312.geojson`)) {
    await seedDemoBoundaries(db)
    return 'demo boundaries'
  }
  const read = (name: string) => JSON.parse(readFileSync(`${SHARED}${name}`, 'utf8'))
  await importBoundaryFile(db, read('hcmc-districts-22.geojson'), { level: 'district', codeProp: 'district_code', nameProp: 'district_name' })
  await importBoundaryFile(db, read('hcmc-wards-312.geojson'), { level: 'ward', codeProp: 'ward_code', nameProp: 'ward_name', parentProp: 'district_code' })
  return '22 districts + 312 wards'
}

/**
 * Events spread over the city's bounding box, most of them inside a ward; every text read at
 * ingest (NLP-7): posts come uncategorised, one complaint in six too, and one post in five without
 * a point (placed by the places its text names, if any).
 */
function ndjsonBody(run: string, count: number): string {
  const now = Date.now()
  const lines: string[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const complaint = i % 3 === 0
    const located = complaint || i % 5 !== 1
    lines[i] = JSON.stringify({
      kind: complaint ? 'complaint' : 'mention',
      source: 'bench',
      source_id: `${run}-${i}`,
      occurred_at: new Date(now - (i % 86_400) * 1000).toISOString(),
      lat: located ? 10.38 + ((i * 7919) % 7800) / 10_000 : null,
      lon: located ? 106.36 + ((i * 104_729) % 6600) / 10_000 : null,
      text: TEXTS[i % TEXTS.length],
      category: complaint ? CATEGORIES[(i / 3) % CATEGORIES.length] : undefined,
    })
  }
  return lines.join('\n') + '\n'
}

/** The storage pipeline alone: validate → H3 → point-in-polygon → insert + roll-ups, no HTTP, no live aggregator. */
async function storePipeline(db: Database, body: string): Promise<number> {
  const events = body.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)
  const ingestor = createIngestor({ db, texts: boundaryTextReader({ db, clock: systemClock }), sla: categorySla(loadCategories()) })
  const intake = createIntake({ db, ingestor, categories: new Set(CATEGORIES.filter((c): c is string => Boolean(c))), clock: systemClock })
  const started = performance.now()
  const summary = await intake.ingestBatch('bench', events)
  if (summary.accepted !== events.length) throw new Error(`pipeline stored ${summary.accepted} of ${events.length}`)
  return events.length / ((performance.now() - started) / 1000)
}

async function postNdjson(url: string, body: string) {
  const res = await fetch(`${url}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', 'x-api-key': TEST_API_KEY } })
  const answer = (await res.json()) as { accepted: number; duplicates: number }
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`)
  return answer
}

async function open311Latencies(url: string, requests: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = []
  let next = 0
  const worker = async () => {
    while (next < requests) {
      const i = next++
      const body = new URLSearchParams({ api_key: TEST_API_KEY, service_code: 'flooding', lat: String(10.7 + (i % 100) / 1000), long: String(106.65 + (i % 97) / 1000), description: 'Ngập sâu sau mưa' })
      const started = performance.now()
      const res = await fetch(`${url}/open311/v2/requests.json`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      await res.arrayBuffer()
      if (res.status !== 201) throw new Error(`Open311 POST answered ${res.status}`)
      latencies.push(performance.now() - started)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return latencies
}

export async function runIngestBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const only = process.env.BENCH_DRIVERS?.split(',')
  for (const driver of DRIVERS.filter((d) => !only || only.includes(d.name))) {
    const size = driver.name === 'pg' ? 100_000 : 20_000
    const runs = 3
    progress(`ingest on ${driver.name}: creating database`)
    const test = await driver.create()
    const server = await startTestServer(test.db, { producers: { bench: TEST_API_KEY } })
    try {
      const boundaries = await loadCityBoundaries(test.db)
      const rates: number[] = []
      for (let run = 0; run < runs; run++) {
        const body = ndjsonBody(`r${run}`, size)
        const started = performance.now()
        const answer = await postNdjson(server.url, body)
        const seconds = (performance.now() - started) / 1000
        if (answer.accepted !== size) throw new Error(`expected ${size} accepted, got ${answer.accepted}`)
        rates.push(size / seconds)
        progress(`ingest on ${driver.name}: run ${run + 1}/${runs} ${Math.round(size / seconds).toLocaleString('en')} events/s`)
      }
      const resend = ndjsonBody('r0', size)
      const started = performance.now()
      const again = await postNdjson(server.url, resend)
      const resendRate = size / ((performance.now() - started) / 1000)
      if (again.duplicates !== size) throw new Error('re-send stored something')
      rows.push({ bench: `bulk ingest [${driver.name}]`, metric: 'HTTP NDJSON, live on (median)', value: Math.round(median(rates)), unit: 'events/s', note: `${runs} × ${size.toLocaleString('en')} events, texts read, enriched, ${boundaries}, live aggregator in the same process; min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))}` })
      rows.push({ bench: `bulk ingest [${driver.name}]`, metric: 're-send, all duplicates', value: Math.round(resendRate), unit: 'events/s', note: 'nothing stored twice' })
      const pipelineRates: number[] = []
      for (let run = 0; run < runs; run++) pipelineRates.push(await storePipeline(test.db, ndjsonBody(`p${run}`, size)))
      rows.push({ bench: `bulk ingest [${driver.name}]`, metric: 'storage pipeline alone (median)', value: Math.round(median(pipelineRates)), unit: 'events/s', note: 'validate, read texts, H3, point-in-polygon, insert + roll-ups; no HTTP, no live aggregator' })

      const requests = driver.name === 'pg' ? 1000 : 300
      const latencies = await open311Latencies(server.url, requests, 4)
      rows.push({ bench: `Open311 POST [${driver.name}]`, metric: 'p50', value: round(percentile(latencies, 50)), unit: 'ms', note: `${requests} requests, 4 concurrent, form-encoded` })
      rows.push({ bench: `Open311 POST [${driver.name}]`, metric: 'p99', value: round(percentile(latencies, 99)), unit: 'ms' })
    } finally {
      await server.close()
      await test.drop()
    }
  }
  return rows
}

const round = (n: number) => Math.round(n * 10) / 10
