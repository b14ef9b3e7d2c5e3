/**
 * ROLL-1: hourly roll-ups agree with the minute ones. Events go in through the real ingestor at
 * minutes scattered over two days; for spans cut every way — inside one hour, across hour and day
 * boundaries, whole days — rollup_units_between (hours from rollup_hour, the ends from
 * rollup_minute) counts exactly what rollup_minute counts. Both drivers.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { loadCategories } from '../categories-file'
import { systemClock } from '../core/clock'
import { validateEvent } from '../core/event'
import { categorySla } from '../core/sla'
import { createIngestor } from '../ingest/event-ingestor'
import { boundaryTextReader } from '../nlp/boundary-text-reader'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { seedDemoBoundaries } from './demo-boundaries'
import { namedQuery } from './queries'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const START = Date.parse('2026-11-20T16:00:00Z') // 23:00 in Hồ Chí Minh City
const CATEGORIES = ['flooding', 'traffic', undefined]

interface Count {
  kind: string
  category: string
  units: string[]
  count: number
}

const key = (r: Count) => `${r.kind}|${r.category}|${r.units.join(',')}`
const asMap = (rows: Count[]) => new Map(rows.map((r) => [key(r), Number(r.count)]))

for (const driver of DRIVERS) {
  describe(`hourly roll-ups [${driver.name}]`, () => {
    let database: TestDatabase
    beforeAll(async () => {
      database = await driver.create()
      await seedDemoBoundaries(database.db)
      const now = new Date(START + 3 * 24 * HOUR)
      const events = Array.from({ length: 600 }, (_, i) => {
        // Minutes spread over 48 h, unevenly, some sharing a minute.
        const at = START + ((i * 7919) % (48 * 60)) * MINUTE + (i % 50) * 1000
        const result = validateEvent(
          { kind: i % 3 === 0 ? 'mention' : 'complaint', source_id: `h-${i}`, occurred_at: new Date(at).toISOString(), lat: 10.76 + (i % 9) * 0.01, lon: 106.66 + (i % 7) * 0.01, category: CATEGORIES[i % 3] ?? null, text: null },
          { now, categories: new Set(['flooding', 'traffic']), source: 'rollup-test' },
        )
        assert.ok(result.ok, JSON.stringify(result))
        return result.event
      })
      const ingestor = createIngestor({ db: database.db, texts: boundaryTextReader({ db: database.db, clock: systemClock }), sla: categorySla(loadCategories()) })
      for (let i = 0; i < events.length; i += 97) await ingestor.ingest(events.slice(i, i + 97))
    })
    afterAll(() => database?.drop())

    const between = async (from: number, to: number) =>
      asMap((await database.db.query<Count>(`SELECT kind, category, units, sum(count)::int AS count FROM rollup_units_between($1, $2) GROUP BY 1, 2, 3`, [new Date(from).toISOString(), new Date(to).toISOString()])).rows)
    const minutes = async (from: number, to: number) =>
      asMap((await database.db.query<Count>(`SELECT kind, category, units, sum(count)::int AS count FROM rollup_minute WHERE minute >= $1 AND minute < $2 GROUP BY 1, 2, 3`, [new Date(from).toISOString(), new Date(to).toISOString()])).rows)

    test('ROLL-1 any minute-aligned span counts what the minute roll-ups count', async () => {
      const spans: [number, number][] = [
        [START + 10 * MINUTE, START + 50 * MINUTE], // inside one hour
        [START + 10 * MINUTE, START + 3 * HOUR + 20 * MINUTE], // partial, whole, partial
        [START, START + 24 * HOUR], // whole hours only
        [START + 7 * HOUR + 59 * MINUTE, START + 8 * HOUR + MINUTE], // across one boundary
        [START - HOUR, START + 49 * HOUR], // all of it, and empty edges
        [START + 5 * HOUR, START + 5 * HOUR], // empty
      ]
      let seen = 0
      for (const [from, to] of spans) {
        const expected = await minutes(from, to)
        assert.deepEqual(await between(from, to), expected, `${new Date(from).toISOString()} → ${new Date(to).toISOString()}`)
        seen += [...expected.values()].reduce((a, b) => a + b, 0)
      }
      assert.ok(seen > 600, 'the spans hold events')
    })

    test('ROLL-1 a refill from the minute roll-ups changes nothing ingest wrote', async () => {
      const before = (await database.db.query<Count & { hour: string }>(`SELECT hour::text, kind, category, units, count FROM rollup_hour ORDER BY 1, 2, 3, 4`)).rows
      assert.ok(before.length > 10)
      await database.db.query(namedQuery('rollup-hour-refill'))
      assert.deepEqual((await database.db.query(`SELECT hour::text, kind, category, units, count FROM rollup_hour ORDER BY 1, 2, 3, 4`)).rows, before)
    })
  })
}
