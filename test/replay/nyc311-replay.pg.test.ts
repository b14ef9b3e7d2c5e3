/**
 * A day of New York's 311 complaints replayed through the product, on both drivers (LIFE-2, LIFE-6):
 * 4,999 real records with their quirks — closed before created, no close date, no coordinates,
 * statuses In Progress, Assigned, Pending, Started. No boundary file of New York is at hand, so the
 * test cuts the city into 0.05° cells (level `nyc_cell`). Complaints go in through event ingest,
 * their closes and other statuses through the bulk status feed; then processing speed per cell and
 * per category is checked against figures computed here — this file's own grid, percentile and
 * on-time rule, SLA hours read from data/categories.json — never the product's functions.
 */
import { percentile } from '../support/percentile'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import type { OpsWall } from '../../server/app'
import { namedQuery } from '../../server/db/queries'
import { DRIVERS, type TestDatabase } from '../support/databases'
import { nycInstant, readNyc311, type Nyc311Row } from '../support/nyc311'
import { loadTaxonomy } from '../../server/categories-file'
import { mapExternalCategory } from '../../server/core/categories'

/** NYC's complaint types in our categories: the taxonomy's `nyc311` mapping (TAX-3), the data a city adds. */
const taxonomy = loadTaxonomy()
const nycCategory = (type: string) => mapExternalCategory(taxonomy, 'nyc311', type) ?? 'other'
import { post, startTestServer } from '../support/server'

const LEVEL = 'nyc_cell'
const STEP = 0.05
const ORIGIN = { lat: 40.45, lon: -74.3 }
const ROWS_OF_CELLS = 10
const COLUMNS_OF_CELLS = 13
/** After every close in the file (the last is 2023-04-14): nothing is in the future, open ones are long overdue. */
const NOW = new Date('2023-05-01T00:00:00Z')
const FROM = '2023-02-28T00:00:00-05:00'
const TO = '2023-03-01T00:00:00-05:00'
const HOUR = 3_600_000
const NDJSON = { 'content-type': 'application/x-ndjson' }
const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n'

const SLA_HOURS = new Map(
  (JSON.parse(readFileSync(new URL('../../data/categories.json', import.meta.url), 'utf8')) as { categories: Array<{ code: string; sla_hours: number }> }).categories.map((c) => [c.code, c.sla_hours]),
)

const cellCode = (row: number, column: number) => `nyc-${String(row).padStart(2, '0')}-${String(column).padStart(2, '0')}`

/** The cell holding a point: this file's own arithmetic, not PostGIS. */
function cellOf(lat: number, lon: number): string {
  return cellCode(Math.floor((lat - ORIGIN.lat) / STEP), Math.floor((lon - ORIGIN.lon) / STEP))
}

/** How far a coordinate is from the nearest cell edge, in degrees: a point on an edge would lie in two cells. */
function edgeDistance(value: number, origin: number): number {
  const steps = (value - origin) / STEP
  return Math.abs(steps - Math.round(steps)) * STEP
}


interface Replayed {
  row: Nyc311Row
  category: string
  receivedMs: number
  /** Its close as the CSV says — only a row whose status is Closed is closed. */
  closedMs: number | null
  cell: string | null
}

/**
 * How the feed is replayed: a Closed row is closed at its closed_date; an Assigned one is assigned
 * to its agency, an In Progress or Started one in progress, both when received (the file says
 * nothing of when). Open and Pending rows stay received. A closed_date on a row that is not Closed
 * is not a close: DOB copies created_date into it, and on Assigned rows it is a planned date, often
 * weeks later than the export.
 */
function statusLine(r: Replayed): Record<string, unknown> | null {
  const at = nycInstant(r.row.created_date)
  if (r.closedMs !== null) return { source_id: r.row.unique_key, status: 'closed', at: nycInstant(r.row.closed_date) }
  if (r.row.status === 'Assigned') return { source_id: r.row.unique_key, status: 'assigned', at, unit: r.row.agency }
  if (r.row.status === 'In Progress' || r.row.status === 'Started') return { source_id: r.row.unique_key, status: 'in_progress', at }
  return null
}

/** LIFE-6's figures of `records` at NOW, from the CSV alone. */
function expected(records: readonly Replayed[]) {
  // A close before the complaint was received is refused by the feed: the complaint stays open.
  const resolved = records.filter((r) => r.closedMs !== null && r.closedMs >= r.receivedMs)
  const hours = resolved.map((r) => (r.closedMs! - r.receivedMs) / HOUR)
  const onTime = resolved.filter((r) => r.closedMs! - r.receivedMs <= SLA_HOURS.get(r.category)! * HOUR)
  const open = records.filter((r) => !resolved.includes(r))
  return {
    received: records.length,
    resolved: resolved.length,
    invalid: 0,
    median_hours: percentile(hours, 0.5),
    p90_hours: percentile(hours, 0.9),
    on_time_pct: resolved.length > 0 ? (100 * onTime.length) / resolved.length : null,
    open: open.length,
    overdue: open.filter((r) => NOW.getTime() > r.receivedMs + SLA_HOURS.get(r.category)! * HOUR).length,
    rejected: 0,
    satisfaction: null,
    ratings: 0,
  }
}

function assertFigures(actual: Record<string, unknown>, wanted: ReturnType<typeof expected>, label: string) {
  for (const [key, value] of Object.entries(wanted)) {
    const got = actual[key]
    if (typeof value === 'number' && !Number.isInteger(value)) {
      assert.equal(typeof got, 'number', `${label} ${key}: ${String(got)}`)
      assert.ok(Math.abs((got as number) - value) < 1e-6, `${label} ${key}: ${String(got)} ≠ ${value}`)
    } else assert.equal(got, value, `${label} ${key}`)
  }
}

const RECORDS: Replayed[] = readNyc311().map((row) => {
  const hasPoint = row.latitude !== '' && row.longitude !== ''
  return {
    row,
    category: nycCategory(row.complaint_type),
    receivedMs: Date.parse(nycInstant(row.created_date)),
    closedMs: row.status === 'Closed' && row.closed_date !== '' ? Date.parse(nycInstant(row.closed_date)) : null,
    cell: hasPoint ? cellOf(Number(row.latitude), Number(row.longitude)) : null,
  }
})
const CELLS = Array.from({ length: ROWS_OF_CELLS }, (_, row) => Array.from({ length: COLUMNS_OF_CELLS }, (_, column) => ({ code: cellCode(row, column), row, column }))).flat()
const CATEGORIES = [...new Set(RECORDS.map((r) => r.category))].sort()

for (const driver of DRIVERS) {
  describe(`NYC 311 replay [${driver.name}]`, () => {
    let test: TestDatabase
    let server: OpsWall
    let feedAnswer: { applied: number; duplicates: number; rejected: Array<{ line: number; field: string; reason: string }> }
    let feedLines: Array<{ record: Replayed; line: Record<string, unknown> }>
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`)
      assert.equal(res.status, 200, path)
      return (await res.json()) as { rows: Array<Record<string, unknown> & { code: string }>; city: Record<string, unknown> }
    }
    const period = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`

    beforeAll(async () => {
      test = await driver.create()
      await test.db.query(
        `INSERT INTO boundary (code, level, name, name_ascii, geom)
         SELECT code, $1, name, name, ST_Multi(ST_MakeEnvelope(xmin, ymin, xmin + $2, ymin + $2, 4326))
         FROM unnest($3::text[], $4::text[], $5::float8[], $6::float8[]) AS cell (code, name, xmin, ymin)`,
        [LEVEL, STEP, CELLS.map((c) => c.code), CELLS.map((c) => `Ô ${c.row}-${c.column}`), CELLS.map((c) => ORIGIN.lon + c.column * STEP), CELLS.map((c) => ORIGIN.lat + c.row * STEP)],
      )
      await test.db.query('INSERT INTO boundary_part (code, level, geom) SELECT code, level, ST_GeometryN(geom, 1) FROM boundary')
      await test.db.query(namedQuery('boundary-chains-refresh'))
      server = await startTestServer(test.db, { clock: { now: () => NOW } })

      const events = RECORDS.map(({ row, category }) => ({
        kind: 'complaint',
        source_id: row.unique_key,
        occurred_at: nycInstant(row.created_date),
        ...(row.latitude !== '' && row.longitude !== '' ? { lat: Number(row.latitude), lon: Number(row.longitude) } : {}),
        category,
        text: row.descriptor || row.complaint_type,
      }))
      const ingested = await post(`${server.url}/api/v1/events`, ndjson(events), NDJSON)
      assert.equal(ingested.status, 200)
      const ingest = (await ingested.json()) as { accepted: number; rejected: unknown[] }
      assert.deepEqual([ingest.accepted, ingest.rejected], [RECORDS.length, []])

      feedLines = RECORDS.flatMap((record) => {
        const line = statusLine(record)
        return line ? [{ record, line }] : []
      })
      const fed = await post(`${server.url}/api/v1/complaints/status`, ndjson(feedLines.map((l) => l.line)), NDJSON)
      assert.equal(fed.status, 200)
      feedAnswer = (await fed.json()) as typeof feedAnswer
    })
    afterAll(async () => {
      await server?.close()
      await test?.drop()
    })

    it('the grid is unambiguous: no point of the file lies on a cell edge, and every one lies in the grid', () => {
      for (const r of RECORDS.filter((r) => r.cell !== null)) {
        const lat = Number(r.row.latitude)
        const lon = Number(r.row.longitude)
        assert.ok(edgeDistance(lat, ORIGIN.lat) > 1e-7 && edgeDistance(lon, ORIGIN.lon) > 1e-7, `${r.row.unique_key} on an edge`)
        assert.ok(CELLS.some((c) => c.code === r.cell), `${r.row.unique_key} outside the grid`)
      }
    })

    it('LIFE-2 the feed refuses, line by line, each close dated before its complaint was received, and applies the rest', () => {
      const closedBeforeCreated = RECORDS.filter((r) => r.closedMs !== null && r.closedMs < r.receivedMs)
      assert.ok(closedBeforeCreated.length > 0, 'the file holds closes before creation')
      assert.equal(feedAnswer.rejected.length, closedBeforeCreated.length)
      for (const rejection of feedAnswer.rejected) {
        assert.equal(rejection.field, 'at')
        assert.match(rejection.reason, /before the complaint was received/)
        assert.ok(closedBeforeCreated.includes(feedLines[rejection.line - 1]!.record), `line ${rejection.line} is not one of them`)
      }
      assert.deepEqual([feedAnswer.applied, feedAnswer.duplicates], [feedLines.length - closedBeforeCreated.length, 0])
    })

    it('LIFE-6 median, p90, on time, open and overdue per cell and for the city match the CSV; refused closes are in no speed figure', async () => {
      const answer = await get(`/api/v1/units/performance?level=${LEVEL}&${period}`)
      assert.deepEqual(answer.rows.map((r) => r.code), CELLS.map((c) => c.code).sort())
      for (const row of answer.rows) assertFigures(row, expected(RECORDS.filter((r) => r.cell === row.code)), row.code)
      assertFigures(answer.city, expected(RECORDS), 'city')
      const refused = RECORDS.filter((r) => r.closedMs !== null && r.closedMs < r.receivedMs)
      assert.equal(answer.city.resolved, RECORDS.filter((r) => r.closedMs !== null).length - refused.length)
      assert.ok(answer.rows.some((r) => r.received === 0 && r.median_hours === null), 'cells over the water answer zeros and nulls')
    })

    it('LIFE-6 the same per category, per cell and for the city', async () => {
      for (const category of CATEGORIES) {
        const answer = await get(`/api/v1/units/performance?level=${LEVEL}&${period}&category=${category}`)
        const records = RECORDS.filter((r) => r.category === category)
        for (const row of answer.rows) assertFigures(row, expected(records.filter((r) => r.cell === row.code)), `${category} ${row.code}`)
        assertFigures(answer.city, expected(records), `${category} city`)
      }
    })
  })
}
