/** Enrichment at ingest against the real boundaries of Ho Chi Minh City (22 districts, 312 wards). */
import { categorySla } from '../core/sla'
import { loadCategories } from '../categories-file'
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { latLngToCell } from 'h3-js'
import { validateEvent } from '../core/event'
import { importBoundaryFile } from '../db/boundary-store'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { createIngestor } from './event-ingestor'
import { systemClock } from '../core/clock'
import { boundaryTextReader } from '../nlp/boundary-text-reader'

const BOUNDARIES = fileURLToPath(new URL('../../../shared/data/boundaries/', import.meta.url))
const read = (name: string) => JSON.parse(readFileSync(`${BOUNDARIES}${name}`, 'utf8'))

function event(id: string, lat: number, lon: number) {
  const result = validateEvent(
    { kind: 'mention', source_id: id, occurred_at: new Date().toISOString(), lat, lon },
    { now: new Date(), categories: new Set(), source: 'enrich' },
  )
  assert.ok(result.ok)
  return result.event
}

for (const driver of DRIVERS) {
  describe(`enrichment with official HCMC boundaries [${driver.name}]`, () => {
    let test: TestDatabase
    beforeAll(async () => {
      test = await driver.create()
      await importBoundaryFile(test.db, read('hcmc-districts-22.geojson'), { level: 'district', codeProp: 'district_code', nameProp: 'district_name' })
      await importBoundaryFile(test.db, read('hcmc-wards-312.geojson'), { level: 'ward', codeProp: 'ward_code', nameProp: 'ward_name', parentProp: 'district_code' })
    })
    afterAll(() => test?.drop())

    it('places each point in its ward and district, and flags points outside the city', async () => {
      const ingestor = createIngestor({ db: test.db, texts: boundaryTextReader({ db: test.db, clock: systemClock }), sla: categorySla(loadCategories()) })
      const { stored } = await ingestor.ingest([
        event('ben-thanh', 10.7725, 106.6981), // Bến Thành market, Quận 1
        event('sea', 10.3, 107.2), // the East Sea off Cần Giờ
        event('nyc', 40.7128, -74.006),
      ])
      const byId = new Map(
        (await test.db.query<{ source_id: string; units: string[]; out_of_area: boolean; cell_r8: string }>(
          `SELECT source_id, units, out_of_area, cell_r8 FROM event`,
        )).rows.map((r) => [r.source_id, r]),
      )
      const benThanh = byId.get('ben-thanh')!
      assert.deepEqual(benThanh.units, ['760', '26743'], 'district, then ward')
      const ward = (await test.db.query<{ name: string; parent_code: string }>(`SELECT name, parent_code FROM boundary WHERE code = $1`, [benThanh.units[1]])).rows[0]!
      assert.equal(ward.name, 'Phường Bến Thành')
      assert.equal(ward.parent_code, '760')
      assert.equal(benThanh.cell_r8, latLngToCell(10.7725, 106.6981, 8))
      assert.equal(benThanh.out_of_area, false)
      for (const outside of ['sea', 'nyc']) {
        assert.deepEqual([byId.get(outside)!.units, byId.get(outside)!.out_of_area], [[], true], outside)
      }
      assert.deepEqual(stored.find((s) => s.units[0] === '760')?.units, benThanh.units, 'the announcement carries the same placement')
    })
  })
}
