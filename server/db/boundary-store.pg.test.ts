/**
 * Boundary import and read-back against real PostgreSQL/PostGIS and embedded PGlite: the HCMC
 * fixtures (read from /work/shared/data, never copied), repair, reprojection, re-runs, and the
 * HTTP route over a real socket.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import http, { type Server } from 'node:http'
import express from 'express'
import proj4 from 'proj4'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { BoundaryImportError } from '../core/boundary-features'
import { identify } from '../http/access'
import { errorHandler } from '../http/errors'
import { boundariesRoutes } from '../http/boundaries-routes'
import { importBoundaryFile, listBoundaries, listLevels } from './boundary-store'
import { seedDemoBoundaries } from './demo-boundaries'

const DATA = new URL('../../../shared/data/boundaries/', import.meta.url)
const readFixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, DATA), 'utf8'))
const DISTRICTS = readFixture('hcmc-districts-22.geojson')
const WARDS = readFixture('hcmc-wards-312.geojson')
const DISTRICT_OPTIONS = { level: 'district', codeProp: 'district_code', nameProp: 'district_name' }
const WARD_OPTIONS = { level: 'ward', codeProp: 'ward_code', nameProp: 'ward_name', parentProp: 'district_code' }

/** Bến Thành market: Phường Bến Thành (26743), Quận 1 (760). */
const BEN_THANH: [number, number] = [106.6981, 10.7725]

const VN2000_TOWGS84 = '+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278'
const PROJECTIONS: Record<number, string> = {
  3405: `+proj=utm +zone=48 +ellps=WGS84 ${VN2000_TOWGS84} +units=m +no_defs`,
  9210: `+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ${VN2000_TOWGS84} +units=m +no_defs`,
}

/** A 200 m square around `centre` in VN-2000 metres, projected independently of PostGIS (proj4js). */
function projectedSquare(srid: number, centre: [number, number]) {
  const [x, y] = proj4('EPSG:4326', PROJECTIONS[srid]!, centre)
  const d = 100
  return { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] }
}

const unitAt = (db: TestDatabase['db'], [lon, lat]: [number, number]) =>
  db.query<{ code: string; level: string }>(
    `SELECT DISTINCT code, level FROM boundary_part WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY level, code`,
    [lon, lat],
  )

const countsByLevel = async (db: TestDatabase['db']) => Object.fromEntries((await listLevels(db)).map((l) => [l.level, l.count]))

/** Everything an import writes except imported_at: equal before and after a re-run means nothing changed. */
const fingerprint = async (db: TestDatabase['db']) =>
  (
    await db.query<{ units: string; parts: string }>(`SELECT
      (SELECT md5(string_agg(concat_ws('|', code, level, name, name_ascii, parent_code, chain::text, properties::text, ST_AsEWKB(geom)::text, ST_AsEWKB(label)::text), ',' ORDER BY code)) FROM boundary) AS units,
      (SELECT count(*) || ':' || md5(string_agg(ST_AsEWKB(geom)::text || chain::text, ',' ORDER BY code, ST_AsEWKB(geom)::text)) FROM boundary_part) AS parts`)
  ).rows[0]

for (const driver of DRIVERS) {
  describe(`boundary store [${driver.name}]`, () => {
    let test: TestDatabase
    let server: Server
    let base: string

    beforeAll(async () => {
      test = await driver.create()
      const app = express()
      app.use(express.json())
      app.use(identify(new Map()))
      app.use(boundariesRoutes({ db: test.db }))
      app.use(errorHandler(() => {}))
      server = app.listen(0)
      await new Promise((resolve) => server.once('listening', resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve))
      await test?.drop()
    })

    it('seeds the demo boundaries into an empty database only', async () => {
      const seeded = await seedDemoBoundaries(test.db)
      assert.ok(seeded, 'an empty database is seeded')
      assert.deepEqual(await countsByLevel(test.db), { district: 22, ward: seeded[1]!.imported })
      assert.deepEqual(seeded[1]!.unlinkedParents, [], 'every demo ward is linked to a demo district')
      assert.deepEqual((await unitAt(test.db, BEN_THANH)).rows.find((r) => r.level === 'district'), { code: '760', level: 'district' })
      const demo = await test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM boundary WHERE properties->>'demo' = 'true'`)
      assert.equal(demo.rows[0]?.n, 22 + seeded[1]!.imported)
      assert.equal(await seedDemoBoundaries(test.db), null, 'a database with boundaries is left alone')
      await test.db.query('DELETE FROM boundary')
    })

    it('imports 22 districts then 312 wards, each ward linked to its district', async () => {
      const t0 = performance.now()
      const districts = await importBoundaryFile(test.db, DISTRICTS, DISTRICT_OPTIONS)
      const t1 = performance.now()
      const wards = await importBoundaryFile(test.db, WARDS, WARD_OPTIONS)
      const t2 = performance.now()
      console.log(`# [${driver.name}] import: 22 districts ${(t1 - t0).toFixed(0)} ms, 312 wards ${(t2 - t1).toFixed(0)} ms`)
      assert.deepEqual([districts.imported, districts.inserted, wards.imported, wards.inserted], [22, 22, 312, 312])
      assert.deepEqual(wards.unlinkedParents, [])
      assert.deepEqual(await countsByLevel(test.db), { district: 22, ward: 312 })
      const linked = await test.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM boundary w JOIN boundary d ON d.code = w.parent_code AND d.level = 'district' WHERE w.level = 'ward'`,
      )
      assert.equal(linked.rows[0]?.n, 312)
      const unparted = await test.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM boundary b WHERE NOT EXISTS (SELECT 1 FROM boundary_part p WHERE p.code = b.code)`,
      )
      assert.equal(unparted.rows[0]?.n, 0, 'every unit is cut into boundary_part')
      const maxPoints = await test.db.query<{ n: number }>(`SELECT max(ST_NPoints(geom))::int AS n FROM boundary_part`)
      assert.ok(maxPoints.rows[0]!.n <= 64 + 1, `parts hold at most 64 vertices, got ${maxPoints.rows[0]!.n}`)
    })

    it('places Bến Thành market in Quận 1 and Phường Bến Thành through boundary_part', async () => {
      assert.deepEqual((await unitAt(test.db, BEN_THANH)).rows, [
        { code: '760', level: 'district' },
        { code: '26743', level: 'ward' },
      ])
      const ward = await test.db.query<{ name: string; parent_code: string; chain: string[] }>(`SELECT name, parent_code, chain FROM boundary WHERE code = '26743'`)
      assert.deepEqual(ward.rows[0], { name: 'Phường Bến Thành', parent_code: '760', chain: ['760', '26743'] })
      const parts = await test.db.query<{ chain: string[] }>(`SELECT DISTINCT chain FROM boundary_part WHERE code = '26743'`)
      assert.deepEqual(parts.rows, [{ chain: ['760', '26743'] }], 'the parts carry the chain ingest reads')
    })

    it('keeps every unit\'s label point inside the unit', async () => {
      const outside = await test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM boundary WHERE label IS NULL OR NOT ST_Contains(geom, label)`)
      assert.equal(outside.rows[0]?.n, 0)
    })

    it('keeps names with diacritics and folds name_ascii', async () => {
      const rows = await test.db.query<{ code: string; name: string; name_ascii: string }>(
        `SELECT code, name, name_ascii FROM boundary WHERE code IN ('760', '769', '26740') ORDER BY code`,
      )
      assert.deepEqual(rows.rows, [
        { code: '26740', name: 'Phường Bến Nghé', name_ascii: 'phuong ben nghe' },
        { code: '760', name: 'Quận 1', name_ascii: 'quan 1' },
        { code: '769', name: 'Thành phố Thủ Đức', name_ascii: 'thanh pho thu duc' },
      ])
    })

    it('re-running the import changes nothing (upsert by code)', async () => {
      const before = await fingerprint(test.db)
      const districts = await importBoundaryFile(test.db, DISTRICTS, DISTRICT_OPTIONS)
      const wards = await importBoundaryFile(test.db, WARDS, WARD_OPTIONS)
      assert.deepEqual([districts.inserted, districts.updated, wards.inserted, wards.updated], [0, 22, 0, 312])
      assert.deepEqual(await countsByLevel(test.db), { district: 22, ward: 312 })
      assert.deepEqual(await fingerprint(test.db), before)
    })

    it('refuses a code that exists at another level, and leaves the database as it was', async () => {
      const before = await fingerprint(test.db)
      const clash = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'NEW-1', name: 'Mới' }, geometry: lonLatSquare([106.9, 10.9]) },
          { type: 'Feature', properties: { code: '760', name: 'Quận 1 again' }, geometry: lonLatSquare([106.7, 10.78]) },
        ],
      }
      await assert.rejects(importBoundaryFile(test.db, clash, { level: 'ward' }), (error: unknown) => {
        assert.ok(error instanceof BoundaryImportError)
        assert.match(error.message, /already exist at another level: 760 \(district\)/)
        return true
      })
      assert.deepEqual(await fingerprint(test.db), before, 'the whole file is one transaction')
    })

    it('repairs a self-intersecting (bowtie) polygon into its polygonal parts', async () => {
      const bowtie = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'BOW-1', name: 'Nơ' },
            geometry: { type: 'Polygon', coordinates: [[[106.6, 10.6], [106.62, 10.62], [106.62, 10.6], [106.6, 10.62], [106.6, 10.6]]] },
          },
        ],
      }
      const result = await importBoundaryFile(test.db, bowtie, { level: 'test_zone' })
      assert.deepEqual(result.repaired, ['BOW-1'])
      const stored = await test.db.query<{ valid: boolean; parts: number; type: string; area: number }>(
        `SELECT ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts, GeometryType(geom) AS type, ST_Area(geom) AS area FROM boundary WHERE code = 'BOW-1'`,
      )
      const row = stored.rows[0]!
      assert.deepEqual([row.valid, row.parts, row.type], [true, 2, 'MULTIPOLYGON'])
      assert.ok(Math.abs(row.area - 0.0002) < 1e-9, `two triangles of 0.0001 deg² each, got ${row.area}`)
      assert.deepEqual((await unitAt(test.db, [106.603, 10.61])).rows, [{ code: 'BOW-1', level: 'test_zone' }])
    })

    for (const srid of [3405, 9210]) {
      it(`reprojects VN-2000 (EPSG:${srid}) to lon/lat, and warns about a parent that is not there`, async () => {
        const level = `vn2000_${srid}`
        const collection = {
          type: 'FeatureCollection',
          // 3405 through the file's crs member, 9210 through the srid option.
          ...(srid === 3405 ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } } } : {}),
          features: [{ type: 'Feature', properties: { code: `VN-${srid}`, name: 'Chợ Bến Thành', parent: 'NO-SUCH-UNIT' }, geometry: projectedSquare(srid, BEN_THANH) }],
        }
        const result = await importBoundaryFile(test.db, collection, { level, parentProp: 'parent', ...(srid === 9210 ? { srid } : {}) })
        assert.deepEqual(result.unlinkedParents, [{ code: `VN-${srid}`, parentCode: 'NO-SUCH-UNIT' }])
        const centre = await test.db.query<{ lon: number; lat: number; srid: number }>(
          `SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat, ST_SRID(geom) AS srid FROM boundary WHERE code = $1`,
          [`VN-${srid}`],
        )
        const { lon, lat, srid: stored } = centre.rows[0]!
        assert.equal(stored, 4326)
        // 2e-5° ≈ 2 m: PROJ and proj4js apply the VN-2000 datum shift within a metre of each other.
        assert.ok(Math.abs(lon - BEN_THANH[0]) < 2e-5 && Math.abs(lat - BEN_THANH[1]) < 2e-5, `centre ${lon}, ${lat}`)
        assert.ok((await unitAt(test.db, BEN_THANH)).rows.some((r) => r.code === `VN-${srid}`))
      })
    }

    it('BND-1 a parent imported after its children links them: chains and the parts\' chains follow', async () => {
      const children = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'LATE-C1', name: 'Con 1', up: 'LATE-P' }, geometry: lonLatSquare([10, 10]) },
          { type: 'Feature', properties: { code: 'LATE-C2', name: 'Con 2', up: 'LATE-P' }, geometry: lonLatSquare([10.001, 10]) },
        ],
      }
      const parent = {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: 'LATE-P', name: 'Cha' }, geometry: { type: 'Polygon', coordinates: [[[9.9, 9.9], [10.1, 9.9], [10.1, 10.1], [9.9, 10.1], [9.9, 9.9]]] } }],
      }
      const chains = async () =>
        (await test.db.query<{ code: string; chain: string[]; parts: string[][] }>(
          `SELECT b.code, b.chain, array_agg(DISTINCT p.chain::text) AS parts FROM boundary b JOIN boundary_part p USING (code) WHERE b.code LIKE 'LATE-%' GROUP BY b.code, b.chain ORDER BY b.code`,
        )).rows.map((r) => [r.code, r.chain, r.parts])
      await importBoundaryFile(test.db, children, { level: 'late_child', parentProp: 'up' })
      assert.deepEqual(await chains(), [
        ['LATE-C1', ['LATE-C1'], ['{LATE-C1}']],
        ['LATE-C2', ['LATE-C2'], ['{LATE-C2}']],
      ])
      await importBoundaryFile(test.db, parent, { level: 'late_parent' })
      assert.deepEqual(await chains(), [
        ['LATE-C1', ['LATE-P', 'LATE-C1'], ['{LATE-P,LATE-C1}']],
        ['LATE-C2', ['LATE-P', 'LATE-C2'], ['{LATE-P,LATE-C2}']],
        ['LATE-P', ['LATE-P'], ['{LATE-P}']],
      ])
      const areas = await test.db.query<{ ordered: boolean }>(
        `SELECT bool_and(cardinality(chain_areas) = 2 AND chain_areas[1] > chain_areas[2]) AS ordered FROM boundary_part WHERE code IN ('LATE-C1', 'LATE-C2')`,
      )
      assert.equal(areas.rows[0]?.ordered, true, 'the parts know each member\'s area, the parent\'s first')
      const levels = (await listLevels(test.db)).filter((l) => l.level.startsWith('late_'))
      assert.deepEqual(levels, [
        { level: 'late_parent', count: 1, depth: 0, parent: null },
        { level: 'late_child', count: 2, depth: 1, parent: 'late_parent' },
      ])
      await test.db.query(`DELETE FROM boundary WHERE code LIKE 'LATE-%'`)
    })

    it('refuses an SRID the database does not know', async () => {
      const collection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'X', name: 'X' }, geometry: projectedSquare(3405, BEN_THANH) }] }
      await assert.rejects(importBoundaryFile(test.db, collection, { level: 'x', srid: 999_999 }), /SRID 999999 is not in this database's spatial_ref_sys/)
    })

    it('lists one level as GeoJSON, simplified more at lower zoom', async () => {
      const fine = await listBoundaries(test.db, { level: 'ward', zoom: 18 })
      const coarse = await listBoundaries(test.db, { level: 'ward', zoom: 9 })
      assert.equal(fine.features.length, 312)
      assert.equal(coarse.features.length, 312)
      const vertices = (fc: typeof fine) => JSON.stringify(fc.features.map((f) => f.geometry.coordinates)).split('],[').length
      assert.ok(vertices(coarse) < vertices(fine) / 2, `zoom 9 ${vertices(coarse)} vs zoom 18 ${vertices(fine)} vertices`)
      assert.deepEqual((await listBoundaries(test.db, { level: 'no_such_level' })).features, [])
    })

    describe('GET /api/v1/boundaries', () => {
      it('answers GeoJSON for one level, cacheable, with 304 on a matching ETag', async () => {
        const res = await fetch(`${base}/api/v1/boundaries?level=district&zoom=11`)
        assert.equal(res.status, 200)
        assert.match(res.headers.get('content-type') ?? '', /^application\/geo\+json/)
        assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/)
        const text = await res.text()
        const body = JSON.parse(text)
        assert.equal(body.type, 'FeatureCollection')
        assert.equal(body.features.length, 22)
        const q1 = body.features.find((f: { id: string }) => f.id === '760')
        const { label, ...properties } = q1.properties
        assert.deepEqual(properties, { code: '760', level: 'district', name: 'Quận 1', name_ascii: 'quan 1', parent_code: null })
        const inside = await test.db.query<{ inside: boolean }>(`SELECT ST_Contains(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) AS inside FROM boundary WHERE code = '760'`, label)
        assert.equal(inside.rows[0]?.inside, true, `label ${label} lies in Quận 1`)
        assert.equal(q1.geometry.type, 'MultiPolygon')
        assert.ok(body.features.every((f: { properties: { level: string } }) => f.properties.level === 'district'))
        assert.ok(!/\d\.\d{7,}/.test(text), 'coordinates have at most 6 decimals')
        const etag = res.headers.get('etag')
        assert.ok(etag)
        assert.equal(await statusOf(`${base}/api/v1/boundaries?level=district&zoom=11`, { 'if-none-match': etag }), 304)
        assert.equal(await statusOf(`${base}/api/v1/boundaries?level=district&zoom=12`, { 'if-none-match': etag }), 200, 'another zoom, another body')
        const wards = await (await fetch(`${base}/api/v1/boundaries?level=ward`)).json()
        assert.equal(wards.features.length, 312)
        assert.equal(wards.features.find((f: { id: string }) => f.id === '26743').properties.parent_code, '760')
      })

      it('400s with field and reason for a bad level or zoom', async () => {
        for (const [query, field] of [
          ['level=Quận', 'level'],
          ['level=', 'level'],
          ['zoom=10', 'level'],
          ['level=district&zoom=23', 'zoom'],
          ['level=district&zoom=-1', 'zoom'],
          ['level=district&zoom=abc', 'zoom'],
        ] as const) {
          const res = await fetch(`${base}/api/v1/boundaries?${encodeURI(query)}`)
          assert.equal(res.status, 400, query)
          const body = await res.json()
          assert.equal(body.error.field, field, query)
          assert.ok(body.error.message.length > 10, query)
        }
      })

      it('404s for a level that is not stored, naming the levels that are', async () => {
        const res = await fetch(`${base}/api/v1/boundaries?level=commune`)
        assert.equal(res.status, 404)
        const body = await res.json()
        assert.equal(body.error.code, 'not_found')
        assert.match(body.error.message, /no boundaries at level "commune" — levels stored: .*district.*ward/)
      })

      it('lists levels with counts, depth and parent level, the top level first', async () => {
        const res = await fetch(`${base}/api/v1/boundaries/levels`)
        assert.equal(res.status, 200)
        const { levels } = await res.json()
        assert.deepEqual(
          levels.filter((l: { level: string }) => l.level === 'district' || l.level === 'ward'),
          [
            { level: 'district', count: 22, depth: 0, parent: null },
            { level: 'ward', count: 312, depth: 1, parent: 'district' },
          ],
        )
        assert.ok(levels.every((l: { depth: number }, i: number) => i === 0 || levels[i - 1].depth <= l.depth), 'ordered by depth')
      })
    })
  })
}

/**
 * Status of a GET sent as a browser revalidates from its cache. Not fetch: with If-None-Match it
 * adds `Cache-Control: no-cache`, which rightly forbids a 304.
 */
function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    }).on('error', reject)
  })
}

/** A small lon/lat square (the clash test only needs valid geometry). */
function lonLatSquare([x, y]: [number, number]) {
  const d = 0.001
  return { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] }
}
