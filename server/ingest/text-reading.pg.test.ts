/**
 * NLP-7 end to end, on PostgreSQL and on PGlite: texts are read as they are ingested, through
 * POST /api/v1/events, with the official districts of Hồ Chí Minh City imported and, later, its
 * wards. A post naming "phường Tân Phong quận 7" without coordinates lands in ward 27490's
 * figures once the wards are known — its district's before — and nothing a producer sent is
 * overruled.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { loadTaxonomy } from '../categories-file'
import { importBoundaryFile } from '../db/boundary-store'
import { BOUNDARY_CHECK_MS } from '../nlp/boundary-text-reader'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { MovableClock, postEvents, startLiveNode, stepUntil, watchLive, type LiveNode } from '../../test/support/live-node'
import type { LiveConnection } from '../../client/live/live-connection'

const BOUNDARIES = fileURLToPath(new URL('../../../shared/data/boundaries/', import.meta.url))
const read = (name: string) => JSON.parse(readFileSync(`${BOUNDARIES}${name}`, 'utf8'))
const TAN_PHONG = '27490'
const QUAN_7 = '778'

interface StoredRow {
  source_id: string
  units: string[]
  precision: string
  category: string | null
  category_confidence: number | null
  sentiment: string | null
  sentiment_confidence: number | null
  place_confidence: number | null
}

const SLA_HOURS = new Map(loadTaxonomy().categories.map((c) => [c.code, c.sla_hours]))

for (const driver of DRIVERS) {
  describe(`NLP-7 texts read at ingest [${driver.name}]`, () => {
    let database: TestDatabase
    let node: LiveNode
    const screens: LiveConnection[] = []
    const clock = new MovableClock()
    let sequence = 0
    const post = (fields: Record<string, unknown>) => {
      const sourceId = `read-${++sequence}`
      return postEvents(node.url, [{ kind: 'mention', source_id: sourceId, occurred_at: clock.now().toISOString(), ...fields }]).then(() => sourceId)
    }
    const stored = async (sourceId: string) => {
      const { rows } = await database.db.query<StoredRow>(
        `SELECT source_id, units, precision, category, category_confidence, sentiment, sentiment_confidence, place_confidence FROM event WHERE source_id = $1`,
        [sourceId],
      )
      assert.equal(rows.length, 1, `${sourceId} is stored once`)
      return rows[0]!
    }

    beforeAll(async () => {
      database = await driver.create()
      // Districts only at first: the wards come later, as another import would bring them.
      await importBoundaryFile(database.db, read('hcmc-districts-22.geojson'), { level: 'district', codeProp: 'district_code', nameProp: 'district_name' })
      node = await startLiveNode({ db: database.db, clock })
    })
    afterAll(async () => {
      for (const screen of screens) screen.close()
      await node?.close()
      await database?.drop()
    })

    test('NLP-7 a post naming a place without coordinates is placed at the finest unit known: the district, then — wards imported — the ward, in its figures', async () => {
      const text = 'Ngập sâu ở phường Tân Phong quận 7 sau cơn mưa chiều nay, xe chết máy la liệt 😩'
      const before = await stored(await post({ text }))
      assert.deepEqual([before.units, before.precision], [[QUAN_7], 'district'], 'only the districts are known yet')

      await importBoundaryFile(database.db, read('hcmc-wards-312.geojson'), { level: 'ward', codeProp: 'ward_code', nameProp: 'ward_name', parentProp: 'district_code' })
      clock.advance(BOUNDARY_CHECK_MS)
      const after = await stored(await post({ text }))
      assert.deepEqual([after.units, after.precision], [[QUAN_7, TAN_PHONG], 'ward'], 'the gazetteer follows the import')
      assert.equal(after.category, 'flooding')
      assert.ok(after.category_confidence! > 0 && after.category_confidence! <= 1, `a confidence: ${after.category_confidence}`)
      assert.equal(after.sentiment, 'negative')
      assert.ok(after.place_confidence! >= 0.9, `a named ward is near certain: ${after.place_confidence}`)

      // Ward 27490's screen counts it — the later post only, the first was placed at the district.
      const ward = await watchLive(node.url, { scope: TAN_PHONG, layers: ['mentions'], res: 8, window: '1h' })
      screens.push(ward)
      assert.equal(ward.kpi?.today.mentions?.total, 1)
      assert.deepEqual(ward.units.find((u) => u.unit === TAN_PHONG)?.counts.mentions, 1)
      const district = await watchLive(node.url, { scope: QUAN_7, layers: ['mentions'], res: 8, window: '1h' })
      screens.push(district)
      assert.equal(district.kpi?.today.mentions?.total, 2, 'the district counts both')

      // Live too: the next one reaches the ward's screen without a new subscription.
      await post({ text: 'p tan phong q7 lai ngap nua roi, chan qua' })
      await stepUntil(node, () => ward.kpi?.today.mentions?.total === 2, "the ward's KPI counting the live post")
    })

    test('NLP-7 what the producer sent stands: a category is kept (sentiment still read), a point is finer than a named place', async () => {
      const given = await stored(await post({ kind: 'complaint', category: 'noise', text: 'Ngập nước đường Nguyễn Hữu Cảnh, phường 22 quận Bình Thạnh', lat: 10.7769, lon: 106.7009 }))
      assert.equal(given.category, 'noise', 'the producer chose the category')
      assert.equal(given.category_confidence, null)
      assert.equal(given.sentiment !== null, true)
      assert.equal(given.precision, 'point')
      assert.equal(given.place_confidence, null)
      assert.equal(given.units.includes('765'), false, 'placed by its point in Quận 1, not by the Bình Thạnh it names')

      const unitSent = await stored(await post({ unit: '760', text: 'kẹt xe ở phường Tân Phong quận 7' }))
      assert.deepEqual([unitSent.units, unitSent.precision, unitSent.place_confidence], [['760'], 'district', null])
    })

    test('NLP-7 a complaint without a category gets the classifier\'s, and its SLA clock runs by it', async () => {
      const id = await post({ kind: 'complaint', text: 'Hàng xóm hát karaoke tới 1 giờ sáng, ồn không ngủ được, đề nghị phường xử lý' })
      const row = await stored(id)
      assert.equal(row.category, 'noise')
      const { rows } = await database.db.query<{ hours: number; category: string }>(
        `SELECT extract(epoch FROM c.due_at - c.received_at)::float8 / 3600 AS hours, c.category FROM complaint c JOIN event e ON e.id = c.event_id WHERE e.source_id = $1`,
        [id],
      )
      assert.deepEqual(rows.map((r) => [r.category, Number(r.hours)]), [['noise', SLA_HOURS.get('noise')]])
    })

    test('NLP-7 two places apart locate nothing; a text with no place, nor a post without text, is placed nowhere', async () => {
      const apart = await stored(await post({ text: 'nhà ở Q7 mà sáng nào cũng kẹt xe ở Q1 cả tiếng' }))
      assert.deepEqual([apart.units, apart.precision, apart.place_confidence], [[], 'unknown', null])
      const silent = await stored(await post({ text: null }))
      assert.deepEqual([silent.category, silent.sentiment, silent.units], [null, null, []])
    })
  })
}
