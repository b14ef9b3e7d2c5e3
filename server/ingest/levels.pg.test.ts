/**
 * Levels are data everywhere (ING-3): the official 312 wards of Ho Chi Minh City imported by the
 * import CLI as `commune`, with no district level; then districts beside them, then linked to them;
 * and events stored before migration 003 carried over from district_code/ward_code to units.
 * Both drivers; the fixtures are read from /work/shared/data, never copied.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import { loadCategories } from '../categories-file'
import { systemClock } from '../core/clock'
import { categorySla } from '../core/sla'
import assert from 'node:assert/strict'
import path from 'node:path'
import { validateEvent } from '../core/event'
import { listLevels } from '../db/boundary-store'
import { listMigrations, migrate } from '../db/migrate'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { BOUNDARY_DATA as DATA, databaseForCli, type CliDatabase } from '../../test/support/import-cli'
import { createIngestor } from './event-ingestor'
import { boundaryTextReader } from '../nlp/boundary-text-reader'

const COMMUNES = [path.join(DATA, 'hcmc-wards-312.geojson'), '--level', 'commune', '--code-prop', 'ward_code', '--name-prop', 'ward_name']
const DISTRICTS = [path.join(DATA, 'hcmc-districts-22.geojson'), '--level', 'district', '--code-prop', 'district_code', '--name-prop', 'district_name']

/** Bến Thành market: Phường Bến Thành (26743) in Quận 1 (760). */
const BEN_THANH = { lat: 10.7725, lon: 106.6981 }

let sequence = 0
function event(at: { lat: number; lon: number } | { unit: string }) {
  const result = validateEvent(
    { kind: 'complaint', source_id: `levels-${++sequence}`, occurred_at: new Date().toISOString(), category: null, ...at },
    { now: new Date(), categories: new Set(), source: 'levels' },
  )
  assert.ok(result.ok, JSON.stringify(result))
  return result.event
}

for (const driver of DRIVERS) {
  describe(`levels are data: communes only, then districts [${driver.name}]`, () => {
    let database: CliDatabase
    /** The CLI as an operator runs it; a failure stops the test with the CLI's own words. */
    async function importWithCli(args: string[]): Promise<void> {
      const run = await database.run(args)
      if (run.code !== 0) throw new Error(`import-boundaries ${args.join(' ')} failed: ${run.stderr}`)
    }

    /** One batch per event, so each answer lines up with its event. */
    const store = async (...events: Parameters<typeof event>[0][]) => {
      const ingestor = createIngestor({ db: database.db, texts: boundaryTextReader({ db: database.db, clock: systemClock }), sla: categorySla(loadCategories()) })
      const out = []
      for (const e of events) {
        const [s] = (await ingestor.ingest([event(e)])).stored
        out.push({ units: s!.units, precision: s!.precision, outOfArea: s!.outOfArea })
      }
      return out
    }

    beforeAll(async () => {
      database = await databaseForCli(driver)
    })
    afterAll(() => database?.drop())

    it('ING-3 with the official wards imported as `commune` and no district level, an event gets its commune', async () => {
      await importWithCli(COMMUNES)
      assert.deepEqual(await listLevels(database.db), [{ level: 'commune', count: 312, depth: 0, parent: null }])
      const oracle = await database.db.query<{ code: string }>(`SELECT code FROM boundary WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))`, [BEN_THANH.lon, BEN_THANH.lat])
      assert.deepEqual(oracle.rows, [{ code: '26743' }])
      assert.deepEqual(await store(BEN_THANH, { unit: '26743' }, { lat: 10.3, lon: 107.2 }), [
        { units: ['26743'], precision: 'point', outOfArea: false },
        { units: ['26743'], precision: 'commune', outOfArea: false },
        { units: [], precision: 'point', outOfArea: true },
      ])
      const rollups = await database.db.query<{ units: string[]; count: number }>(`SELECT units, sum(count)::int AS count FROM rollup_minute GROUP BY units ORDER BY units`)
      assert.deepEqual(rollups.rows, [{ units: [], count: 1 }, { units: ['26743'], count: 2 }])
    })

    it('ING-3 districts imported beside the communes, not linked: an event gets both, the larger (coarser) first', async () => {
      await importWithCli(DISTRICTS)
      assert.deepEqual((await store(BEN_THANH))[0]!.units, ['760', '26743'])
      assert.deepEqual((await listLevels(database.db)).map((l) => [l.level, l.depth]), [['district', 0], ['commune', 0]], 'two top levels until linked')
    })

    it('ING-3 communes linked to their districts: [district, commune] by the parent chain; a unit names its ancestors too', async () => {
      await importWithCli([...COMMUNES, '--parent-prop', 'district_code'])
      assert.deepEqual(await listLevels(database.db), [
        { level: 'district', count: 22, depth: 0, parent: null },
        { level: 'commune', count: 312, depth: 1, parent: 'district' },
      ])
      assert.deepEqual(await store(BEN_THANH, { unit: '26743' }, { unit: '760' }), [
        { units: ['760', '26743'], precision: 'point', outOfArea: false },
        { units: ['760', '26743'], precision: 'commune', outOfArea: false },
        { units: ['760'], precision: 'district', outOfArea: false },
      ])
      const inCommune = await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE units @> ARRAY['26743']`)
      assert.equal(inCommune.rows[0]?.n, 5, 'every event stored at Bến Thành or named by it, whichever levels existed then')
    })
  })

  describe(`migration 003 carries events over to units [${driver.name}]`, () => {
    let test: TestDatabase
    const before003 = listMigrations().filter((m) => m.version < '003')

    beforeAll(async () => {
      test = await driver.create(before003)
    })
    afterAll(() => test?.drop())

    it('ING-3 events and roll-ups keyed by district_code/ward_code get units; the roll-ups of one key are merged', async () => {
      const db = test.db
      await db.query(`INSERT INTO boundary (code, level, name, name_ascii, parent_code, geom) VALUES
        ('D1', 'district', 'Quận Một', 'quan mot', NULL, ST_Multi(ST_MakeEnvelope(106.65, 10.72, 106.75, 10.82, 4326))),
        ('W1', 'ward', 'Phường Bến Nghé', 'phuong ben nghe', 'D1', ST_Multi(ST_MakeEnvelope(106.65, 10.72, 106.70, 10.77, 4326)))`)
      await db.query(`INSERT INTO boundary_part (code, level, geom) SELECT code, level, ST_GeometryN(geom, 1) FROM boundary`)
      await db.query(`INSERT INTO event (kind, source, source_id, occurred_at, geom, precision, district_code, ward_code) VALUES
        ('complaint', 'old', 'both', '2026-11-24T08:00:00Z', ST_SetSRID(ST_MakePoint(106.68, 10.75), 4326), 'point', 'D1', 'W1'),
        ('complaint', 'old', 'district', '2026-11-24T08:00:00Z', ST_SetSRID(ST_MakePoint(106.72, 10.80), 4326), 'point', 'D1', NULL),
        ('mention', 'old', 'ward-named', '2026-11-24T08:00:00Z', NULL, 'ward', NULL, 'W1'),
        ('mention', 'old', 'gone-ward', '2026-11-24T08:00:00Z', NULL, 'ward', 'D1', 'W-GONE'),
        ('mention', 'old', 'city-named', '2026-11-24T08:00:00Z', NULL, 'city', NULL, NULL),
        ('mention', 'old', 'nowhere', '2026-11-24T08:00:00Z', ST_SetSRID(ST_MakePoint(-74, 40.7), 4326), 'point', NULL, NULL)`)
      await db.query(`INSERT INTO rollup_minute (minute, kind, cell, category, district_code, ward_code, count) VALUES
        ('2026-11-24T08:00:00Z', 'complaint', 'c', '', 'D1', 'W1', 2),
        ('2026-11-24T08:00:00Z', 'complaint', 'c', '', '', 'W1', 3),
        ('2026-11-24T08:00:00Z', 'complaint', 'c', '', 'D1', '', 1),
        ('2026-11-24T08:00:00Z', 'mention', '', '', '', '', 4)`)

      assert.deepEqual(await migrate(db), listMigrations().filter((m) => m.version >= '003').map((m) => m.version))

      const events = await db.query<{ source_id: string; units: string[]; precision: string }>(`SELECT source_id, units, precision FROM event ORDER BY source_id`)
      assert.deepEqual(events.rows, [
        { source_id: 'both', units: ['D1', 'W1'], precision: 'point' },
        { source_id: 'city-named', units: [], precision: 'city' },
        { source_id: 'district', units: ['D1'], precision: 'point' },
        { source_id: 'gone-ward', units: ['D1', 'W-GONE'], precision: 'ward' },
        { source_id: 'nowhere', units: [], precision: 'point' },
        { source_id: 'ward-named', units: ['D1', 'W1'], precision: 'ward' },
      ])
      const rollups = await db.query<{ kind: string; units: string[]; count: number }>(`SELECT kind, units, count FROM rollup_minute ORDER BY kind, units`)
      assert.deepEqual(rollups.rows, [
        { kind: 'complaint', units: ['D1'], count: 1 },
        { kind: 'complaint', units: ['D1', 'W1'], count: 5 },
        { kind: 'mention', units: [], count: 4 },
      ])
      const columns = await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name IN ('event', 'rollup_minute') AND column_name IN ('district_code', 'ward_code')`,
      )
      assert.deepEqual(columns.rows, [], 'district_code and ward_code are gone')
      const units = await db.query<{ code: string; chain: string[]; labelled: boolean }>(`SELECT code, chain, ST_Contains(geom, label) AS labelled FROM boundary ORDER BY code`)
      assert.deepEqual(units.rows, [
        { code: 'D1', chain: ['D1'], labelled: true },
        { code: 'W1', chain: ['D1', 'W1'], labelled: true },
      ])

      // The migrated schema takes new events as any other: a point in W1 gets [D1, W1] through the parts' chains.
      const { stored } = await createIngestor({ db, texts: boundaryTextReader({ db, clock: systemClock }), sla: categorySla(loadCategories()) }).ingest([event({ lat: 10.75, lon: 106.68 })])
      assert.deepEqual(stored.map((s) => s.units), [['D1', 'W1']])
    })
  })
}
