import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { BoundaryImportError, parseBoundaryFeatures, sridOfCrs } from './boundary-features'

const square = (x = 106.7, y = 10.77, d = 0.01) => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
})
const feature = (properties: Record<string, unknown>, geometry: unknown = square()) => ({ type: 'Feature', properties, geometry })
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features })

function throwsImport(fn: () => unknown, pattern: RegExp) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BoundaryImportError, `expected BoundaryImportError, got ${String(error)}`)
    assert.match(error.message, pattern)
    return true
  })
}

describe('parseBoundaryFeatures', () => {
  it('maps properties to units, keeps diacritics and folds the name to ASCII', () => {
    const parsed = parseBoundaryFeatures(
      collection(feature({ ward_code: '26734', ward_name: 'Phường Tân Định', district_code: '760', pop: 23258 })),
      { level: 'ward', parentProp: 'district_code' },
    )
    assert.equal(parsed.srid, 4326)
    assert.equal(parsed.codeProp, 'ward_code')
    assert.equal(parsed.nameProp, 'ward_name')
    const [unit] = parsed.units
    assert.deepEqual(
      { code: unit?.code, level: unit?.level, name: unit?.name, nameAscii: unit?.nameAscii, parentCode: unit?.parentCode },
      { code: '26734', level: 'ward', name: 'Phường Tân Định', nameAscii: 'phuong tan dinh', parentCode: '760' },
    )
    assert.equal(unit?.properties.pop, 23258)
    assert.equal(unit?.geometry.type, 'Polygon')
  })

  it('prefers `code`/`name` over `<level>_code`/`<level>_name`, and explicit props over both', () => {
    const fc = collection(feature({ code: 'A', name: 'Alpha', district_code: 'B', district_name: 'Beta' }))
    assert.equal(parseBoundaryFeatures(fc, { level: 'district' }).units[0]?.code, 'A')
    const explicit = parseBoundaryFeatures(fc, { level: 'district', codeProp: 'district_code', nameProp: 'district_name' })
    assert.deepEqual([explicit.units[0]?.code, explicit.units[0]?.name], ['B', 'Beta'])
  })

  it('turns numeric codes into strings and leaves a missing parent as null', () => {
    const parsed = parseBoundaryFeatures(collection(feature({ code: 760, name: 'Quận 1' })), { level: 'district', parentProp: 'province_code' })
    assert.equal(parsed.units[0]?.code, '760')
    assert.equal(parsed.units[0]?.parentCode, null)
  })

  it('accepts MultiPolygon', () => {
    const multi = { type: 'MultiPolygon', coordinates: [square().coordinates, square(106.8).coordinates] }
    assert.equal(parseBoundaryFeatures(collection(feature({ code: '1', name: 'x' }, multi)), { level: 'ward' }).units[0]?.geometry.type, 'MultiPolygon')
  })

  it('refuses an empty file and what is not a FeatureCollection', () => {
    throwsImport(() => parseBoundaryFeatures(collection(), { level: 'ward' }), /no features/)
    throwsImport(() => parseBoundaryFeatures({ type: 'Feature' }, { level: 'ward' }), /not a GeoJSON FeatureCollection/)
    throwsImport(() => parseBoundaryFeatures([], { level: 'ward' }), /not a GeoJSON FeatureCollection/)
  })

  it('refuses a level that cannot name a URL parameter', () => {
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', name: 'x' })), { level: 'Ward; DROP' }), /level "Ward; DROP"/)
  })

  it('refuses the level names an event precision uses besides levels, and the code of the whole city', () => {
    for (const level of ['point', 'unknown']) {
      throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', name: 'x' })), { level }), new RegExp(`level "${level}" is reserved`))
    }
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: 'city', name: 'x' })), { level: 'commune' }), /^feature 0 \(code city\): "city" names the whole city/)
  })

  it('names the feature index and property of a missing code', () => {
    const fc = collection(feature({ code: '1', name: 'a' }), feature({ code: '2', name: 'b' }), feature({ code: '  ', name: 'c' }))
    throwsImport(() => parseBoundaryFeatures(fc, { level: 'ward' }), /^feature 2: property "code" \(the unit code\) is missing/)
  })

  it('names the property when no default code or name property exists', () => {
    throwsImport(() => parseBoundaryFeatures(collection(feature({ ma: '1', ten: 'a' })), { level: 'ward' }), /tried code, ward_code\); pass --code-prop — properties: ma, ten/)
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', ten: 'a' })), { level: 'ward' }), /tried name, ward_name\); pass --name-prop/)
  })

  it('names both features of a duplicate code', () => {
    const fc = collection(feature({ code: '1', name: 'a' }), feature({ code: '2', name: 'b' }), feature({ code: 1, name: 'c' }))
    throwsImport(() => parseBoundaryFeatures(fc, { level: 'ward' }), /^feature 2 \(code 1\): duplicate code — feature 0 has the same "code"/)
  })

  it('names a missing name', () => {
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', name: 'a' }), feature({ code: '2' })), { level: 'ward' }), /^feature 1 \(code 2\): property "name"/)
  })

  it('refuses geometry types other than Polygon and MultiPolygon, and a missing geometry', () => {
    const point = { type: 'Point', coordinates: [106.7, 10.7] }
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '9', name: 'a' }, point)), { level: 'ward' }), /^feature 0 \(code 9\): geometry type Point is not accepted/)
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '9', name: 'a' }, null)), { level: 'ward' }), /^feature 0 \(code 9\): geometry is missing/)
  })

  it('refuses malformed rings before they reach PostGIS', () => {
    const short = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }
    const openFive = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5]]] }
    const text = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], ['1', 1], [0, 0]]] }
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', name: 'a' }, short)), { level: 'ward' }), /ring 0: a ring needs at least 4 positions/)
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', name: 'a' }, openFive)), { level: 'ward' }), /ring 0: not closed/)
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', name: 'a' }, text)), { level: 'ward' }), /position 2: expected \[x, y\] numbers/)
  })

  it('says a projected file needs --srid', () => {
    const projected = square(603491, 1191454, 100)
    throwsImport(() => parseBoundaryFeatures(collection(feature({ code: '1', name: 'a' }, projected)), { level: 'ward' }), /looks projected; pass --srid/)
    assert.equal(parseBoundaryFeatures(collection(feature({ code: '1', name: 'a' }, projected)), { level: 'ward', srid: 9210 }).srid, 9210)
  })

  it('uses the SRID a crs member names, unless an srid option overrides it', () => {
    const fc = { ...collection(feature({ code: '1', name: 'a' }, square(685476, 1191450, 100))), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } } }
    assert.equal(parseBoundaryFeatures(fc, { level: 'ward' }).srid, 3405)
    assert.equal(parseBoundaryFeatures(fc, { level: 'ward', srid: 9210 }).srid, 9210)
  })
})

describe('sridOfCrs', () => {
  it('reads the usual spellings', () => {
    assert.equal(sridOfCrs(undefined), undefined)
    assert.equal(sridOfCrs({ type: 'name', properties: { name: 'EPSG:9210' } }), 9210)
    assert.equal(sridOfCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } }), 3405)
    assert.equal(sridOfCrs({ type: 'name', properties: { name: 'http://www.opengis.net/def/crs/EPSG/0/3405' } }), 3405)
    assert.equal(sridOfCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }), 4326)
    assert.equal(sridOfCrs({ type: 'EPSG', properties: { code: 3405 } }), 3405)
  })

  it('refuses a crs it cannot read', () => {
    throwsImport(() => sridOfCrs({ type: 'name', properties: { name: 'VN-2000 local' } }), /names "VN-2000 local", which is not an EPSG code; pass --srid/)
    throwsImport(() => sridOfCrs('EPSG:4326'), /"crs" member is not/)
  })
})
