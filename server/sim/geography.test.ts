import { test } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { CITY_BOUNDS, DISTRICTS, FLOOD_SPOTS, districtByKey } from './geography'

type Ring = [number, number][]
interface Feature {
  properties: { code: string }
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] }
}
// Read at test time only: the simulator itself ships its own centres and never reads data/demo.
const demo = JSON.parse(readFileSync(new URL('../../data/demo/hcmc-demo-districts.geojson', import.meta.url), 'utf8')) as {
  features: Feature[]
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function districtCodeAt(lat: number, lon: number): string | undefined {
  return demo.features.find((f) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    return polygons.some(([outer, ...holes]) => outer && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)))
  })?.properties.code
}

test('every district centre lies in the shipped demo polygon of the same GSO code', () => {
  for (const district of DISTRICTS) {
    for (const cluster of district.clusters) {
      assert.equal(districtCodeAt(cluster.lat, cluster.lon), district.code, `${district.name} ${cluster.lat},${cluster.lon}`)
    }
  }
  assert.equal(new Set(DISTRICTS.map((d) => d.code)).size, DISTRICTS.length)
})

test('every flood spot lies in its low-lying district', () => {
  for (const spot of FLOOD_SPOTS) {
    const district = districtByKey(spot.district)
    assert.ok(district.lowLying, district.name)
    assert.equal(districtCodeAt(spot.lat, spot.lon), district.code, spot.street)
    assert.ok(district.streets.includes(spot.street), `${spot.street} is listed in ${district.name}`)
  }
})

test('districts have names to write and stay inside the city box', () => {
  for (const district of DISTRICTS) {
    assert.ok(district.streets.length >= 3 && district.wards.length >= 3, district.name)
    for (const c of district.clusters) {
      assert.ok(c.lat > CITY_BOUNDS.south && c.lat < CITY_BOUNDS.north && c.lon > CITY_BOUNDS.west && c.lon < CITY_BOUNDS.east)
    }
  }
})
