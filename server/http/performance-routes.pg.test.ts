/**
 * Processing speed per unit and week by week over HTTP, on both drivers (LIFE-6): complaints go in
 * through the real ingest, status and rating routes; the expected figures are computed here from
 * the fixtures, with this file's own percentile and the SLA hours read from data/categories.json.
 */
import { percentile } from '../../test/support/percentile'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { insertTestBoundaries, post, startTestServer } from '../../test/support/server'
import { namedQuery } from '../db/queries'
import type { OpsWall } from '../app'

const NOW = new Date('2026-11-25T03:00:00Z') // Wednesday 10:00 in Ho Chi Minh City
const HOUR = 3_600_000
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR)
const NDJSON = { 'content-type': 'application/x-ndjson' }
const JSON_TYPE = { 'content-type': 'application/json' }
const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n'

const TAXONOMY = (JSON.parse(readFileSync(new URL('../../data/categories.json', import.meta.url), 'utf8')) as { categories: Array<{ code: string; group: string; sla_hours: number }> }).categories
const sla = (code: string) => TAXONOMY.find((c) => c.code === code)!.sla_hours
const groupOf = (code: string) => TAXONOMY.find((c) => c.code === code)!.group
const S = sla('flooding')

/** Where a fixture lies: in ward W1 (so in district D1), in D1 outside W1, or nowhere known. */
const POINTS = { W1: { lat: 10.74, lon: 106.67 }, D1: { lat: 10.8, lon: 106.72 }, none: {} } as const
const UNITS_OF = { W1: ['D1', 'W1'], D1: ['D1'], none: [] } as const

interface Fixture {
  id: string
  hoursAgo: number
  where: keyof typeof POINTS
  category: string
  /** Hours from received to the resolution sent through the status feed. */
  resolvedAfter?: number
  /** Ingested closed, its close dated before it was received. */
  invalid?: boolean
  rejected?: boolean
  assigned?: boolean
  rating?: number
}

const FIXTURES: Fixture[] = [
  { id: 'a1', hoursAgo: 120, where: 'W1', category: 'flooding', resolvedAfter: 0.25 * S, rating: 5 },
  { id: 'a2', hoursAgo: 120, where: 'W1', category: 'flooding', resolvedAfter: 0.5 * S, rating: 4 },
  { id: 'a3', hoursAgo: 119, where: 'W1', category: 'flooding', resolvedAfter: 0.75 * S },
  { id: 'a4', hoursAgo: 118, where: 'W1', category: 'flooding', resolvedAfter: 2 * S, rating: 1 },
  { id: 'b1', hoursAgo: 0.5 * S, where: 'D1', category: 'flooding' },
  { id: 'b2', hoursAgo: 3 * S, where: 'D1', category: 'flooding', assigned: true },
  { id: 'b3', hoursAgo: 50, where: 'W1', category: 'flooding', rejected: true },
  { id: 'c1', hoursAgo: 30, where: 'W1', category: 'flooding', invalid: true },
  { id: 'd1', hoursAgo: 1, where: 'none', category: 'flooding' },
  { id: 'e1', hoursAgo: 200, where: 'W1', category: 'roads', resolvedAfter: 20 }, // before the default 7 days
  { id: 'f1', hoursAgo: 24, where: 'W1', category: 'roads', resolvedAfter: 10, rating: 3 },
]


/** What LIFE-6 says the figures of `fixtures` are at NOW. */
function expected(fixtures: Fixture[]) {
  const resolved = fixtures.filter((f) => f.resolvedAfter !== undefined)
  const hours = resolved.map((f) => f.resolvedAfter!)
  const onTime = resolved.filter((f) => f.resolvedAfter! <= sla(f.category)).length
  const open = fixtures.filter((f) => f.resolvedAfter === undefined && !f.invalid && !f.rejected)
  const rated = fixtures.filter((f) => f.rating !== undefined)
  return {
    received: fixtures.length,
    resolved: resolved.length,
    invalid: fixtures.filter((f) => f.invalid).length,
    median_hours: percentile(hours, 0.5),
    p90_hours: percentile(hours, 0.9),
    on_time_pct: resolved.length > 0 ? (100 * onTime) / resolved.length : null,
    open: open.length,
    overdue: open.filter((f) => f.hoursAgo > sla(f.category)).length,
    rejected: fixtures.filter((f) => f.rejected).length,
    satisfaction: rated.length > 0 ? rated.reduce((sum, f) => sum + f.rating!, 0) / rated.length : null,
    ratings: rated.length,
  }
}

type Figures = ReturnType<typeof expected>

function assertFigures(actual: Record<string, unknown>, wanted: Partial<Figures>, label: string) {
  for (const [key, value] of Object.entries(wanted)) {
    const got = actual[key]
    if (typeof value === 'number' && typeof got === 'number' && !Number.isInteger(value)) assert.ok(Math.abs(got - value) < 1e-6, `${label} ${key}: ${got} ≠ ${value}`)
    else assert.equal(got, value, `${label} ${key}`)
  }
}

const inPeriod = (f: Fixture, fromHoursAgo: number) => f.hoursAgo <= fromHoursAgo
const inUnit = (f: Fixture, code: string) => (UNITS_OF[f.where] as readonly string[]).includes(code)

for (const driver of DRIVERS) {
  describe(`unit performance [${driver.name}]`, () => {
    let test: TestDatabase
    let server: OpsWall
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`)
      return { status: res.status, body: (await res.json()) as Record<string, any> }
    }

    beforeAll(async () => {
      test = await driver.create()
      await insertTestBoundaries(test.db)
      // A second ward of D1 and a second district, where nothing is received: they answer zeros.
      await test.db.query(`INSERT INTO boundary (code, level, name, name_ascii, parent_code, geom) VALUES
        ('D2', 'district', 'Quận Hai', 'quan hai', NULL, ST_Multi(ST_MakeEnvelope(106.80, 10.72, 106.90, 10.82, 4326))),
        ('W2', 'ward', 'Phường Hai', 'phuong hai', 'D1', ST_Multi(ST_MakeEnvelope(106.70, 10.72, 106.75, 10.77, 4326)))`)
      await test.db.query(`INSERT INTO boundary_part (code, level, geom) SELECT code, level, ST_GeometryN(geom, 1) FROM boundary WHERE code IN ('D2', 'W2')`)
      await test.db.query(namedQuery('boundary-chains-refresh'))
      server = await startTestServer(test.db, { clock: { now: () => NOW } })

      const events = FIXTURES.map((f) => ({
        kind: 'complaint',
        source_id: f.id,
        occurred_at: ago(f.hoursAgo).toISOString(),
        ...POINTS[f.where],
        category: f.category,
        text: 'Ngập sâu',
        ...(f.invalid ? { status: 'closed', closed_at: ago(f.hoursAgo + 48).toISOString() } : {}),
      }))
      let res = await post(`${server.url}/api/v1/events`, ndjson(events), NDJSON)
      assert.equal(res.status, 200, await res.clone().text())
      const lines = FIXTURES.flatMap((f) => [
        ...(f.assigned ? [{ source_id: f.id, status: 'assigned', at: ago(f.hoursAgo - 1).toISOString(), unit: 'D1' }] : []),
        ...(f.rejected ? [{ source_id: f.id, status: 'rejected', at: ago(f.hoursAgo - 1).toISOString() }] : []),
        ...(f.resolvedAfter !== undefined ? [{ source_id: f.id, status: 'resolved', at: ago(f.hoursAgo - f.resolvedAfter).toISOString() }] : []),
      ])
      res = await post(`${server.url}/api/v1/complaints/status`, ndjson(lines), NDJSON)
      assert.deepEqual(await res.json(), { applied: lines.length, duplicates: 0, rejected: [] })
      const ids = new Map((await test.db.query<{ id: string; source_id: string }>('SELECT id::text AS id, source_id FROM event')).rows.map((r) => [r.source_id, r.id]))
      for (const f of FIXTURES.filter((f) => f.rating !== undefined)) {
        res = await post(`${server.url}/api/v1/complaints/${ids.get(f.id)}/rating`, JSON.stringify({ score: f.rating }), JSON_TYPE)
        assert.equal(res.status, 201)
      }
    })
    afterAll(async () => {
      await server?.close()
      await test?.drop()
    })

    it('LIFE-6 per ward, the last 7 days by default: every ward by code, zeros and nulls where nothing was received; the city over all', async () => {
      const { status, body } = await get('/api/v1/units/performance?level=ward')
      assert.equal(status, 200)
      assert.deepEqual(Object.keys(body), ['level', 'from', 'to', 'rows', 'city'])
      assert.equal(body.level, 'ward')
      assert.equal(body.to, NOW.toISOString())
      assert.equal(body.from, ago(7 * 24).toISOString())
      assert.deepEqual(body.rows.map((r: { code: string }) => r.code), ['W1', 'W2'])
      assert.deepEqual(Object.keys(body.rows[0]), ['code', 'name', 'level', 'received', 'resolved', 'invalid', 'median_hours', 'p90_hours', 'on_time_pct', 'open', 'overdue', 'rejected', 'satisfaction', 'ratings'])
      const week = FIXTURES.filter((f) => inPeriod(f, 7 * 24))
      assert.deepEqual([body.rows[0].name, body.rows[0].level], ['Phường Bến Nghé', 'ward'])
      assertFigures(body.rows[0], expected(week.filter((f) => inUnit(f, 'W1'))), 'W1')
      assert.deepEqual(body.rows[1], { code: 'W2', name: 'Phường Hai', level: 'ward', ...expected([]) })
      assertFigures(body.city, expected(week), 'city')
      assert.equal(body.city.code, 'city')
    })

    it('LIFE-6 an invalid record (closed before received) is counted and left out of every speed figure; never a negative duration', async () => {
      const { body } = await get('/api/v1/units/performance?level=ward')
      const w1 = body.rows[0]
      assert.equal(w1.invalid, 1)
      assert.ok(w1.median_hours > 0 && w1.p90_hours >= w1.median_hours)
      assert.equal(w1.resolved, FIXTURES.filter((f) => inPeriod(f, 168) && inUnit(f, 'W1') && f.resolvedAfter !== undefined).length)
    })

    it('LIFE-6 per district: open and overdue are now, of the complaints received in the period', async () => {
      const { body } = await get('/api/v1/units/performance?level=district')
      assert.deepEqual(body.rows.map((r: { code: string }) => r.code), ['D1', 'D2'])
      const week = FIXTURES.filter((f) => inPeriod(f, 168))
      assertFigures(body.rows[0], expected(week.filter((f) => inUnit(f, 'D1'))), 'D1')
      assert.equal(body.rows[0].overdue, 1)
      assert.equal(body.rows[1].received, 0)
      assert.equal(body.rows[1].median_hours, null)
    })

    it('LIFE-6 a period, a category, a group', async () => {
      const from = ago(240).toISOString()
      let { body } = await get(`/api/v1/units/performance?level=ward&from=${encodeURIComponent(from)}&to=${encodeURIComponent(NOW.toISOString())}`)
      assertFigures(body.rows[0], expected(FIXTURES.filter((f) => inUnit(f, 'W1'))), 'W1, 10 days')
      ;({ body } = await get('/api/v1/units/performance?level=ward&category=roads'))
      assertFigures(body.rows[0], expected(FIXTURES.filter((f) => inPeriod(f, 168) && inUnit(f, 'W1') && f.category === 'roads')), 'W1 roads')
      const group = groupOf('flooding')
      ;({ body } = await get(`/api/v1/units/performance?level=district&group=${group}`))
      assertFigures(body.city, expected(FIXTURES.filter((f) => inPeriod(f, 168) && groupOf(f.category) === group)), `city ${group}`)
    })

    it('LIFE-6 a level not stored is a bad request naming the levels there are; bad parameters name themselves', async () => {
      let res = await get('/api/v1/units/performance?level=province')
      assert.equal(res.status, 400)
      assert.equal(res.body.error.field, 'level')
      assert.match(res.body.error.message, /no units at level "province" — the levels stored are district, ward/)
      res = await get('/api/v1/units/performance?level=ward&from=2026-11-20')
      assert.equal(res.status, 400)
      assert.equal(res.body.error.field, 'from')
      res = await get('/api/v1/units/performance/weekly?scope=W9')
      assert.equal(res.status, 400)
      assert.equal(res.body.error.field, 'scope')
      assert.match(res.body.error.message, /no unit coded "W9"/)
    })

    it('LIFE-6 week by week from Monday 00:00 in Ho Chi Minh City, the current week last, empty weeks as zeros', async () => {
      const { status, body } = await get('/api/v1/units/performance/weekly?scope=W1&weeks=3')
      assert.equal(status, 200)
      assert.equal(body.scope, 'W1')
      // Monday 23 November 2026 00:00 at +07:00, and the two Mondays before.
      const starts = ['2026-11-08T17:00:00.000Z', '2026-11-15T17:00:00.000Z', '2026-11-22T17:00:00.000Z']
      assert.deepEqual(body.weeks.map((w: { week_start: string }) => w.week_start), starts)
      assert.deepEqual(Object.keys(body.weeks[0]), ['week_start', 'received', 'resolved', 'median_hours', 'p90_hours', 'on_time_pct', 'satisfaction', 'ratings'])
      const bounds = [...starts, '2026-11-29T17:00:00.000Z'].map((s) => Date.parse(s))
      body.weeks.forEach((week: Record<string, unknown>, i: number) => {
        const inWeek = FIXTURES.filter((f) => inUnit(f, 'W1') && ago(f.hoursAgo).getTime() >= bounds[i]! && ago(f.hoursAgo).getTime() < bounds[i + 1]!)
        const { received, resolved, median_hours, p90_hours, on_time_pct, satisfaction, ratings } = expected(inWeek)
        assertFigures(week, { received, resolved, median_hours, p90_hours, on_time_pct, satisfaction, ratings }, `week ${i}`)
      })
      assert.equal(body.weeks[0].received, 0)
      assert.equal(body.weeks[0].median_hours, null)
      const city = await get('/api/v1/units/performance/weekly')
      assert.equal(city.body.scope, 'city')
      assert.equal(city.body.weeks.length, 8)
      assert.equal(city.body.weeks.reduce((sum: number, w: { received: number }) => sum + w.received, 0), FIXTURES.length)
    })
  })
}
