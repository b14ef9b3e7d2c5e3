import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { cellToLatLng, latLngToCell } from 'h3-js'
import type { DivergenceRow } from '../../server/core/briefing'
import type { UnitFeature } from '../map/boundaries'
import { boundsOf, cellFeatures, divergenceFeatures, HOTLINE_COLOUR, NEUTRAL_COLOUR, SOCIAL_COLOUR } from './briefing-map'

const square = (code: string, west: number): UnitFeature => ({
  type: 'Feature',
  properties: { code, level: 'district', name: `Quận ${code}`, name_ascii: `quan ${code}`, parent_code: null },
  geometry: { type: 'Polygon', coordinates: [[[west, 10.7], [west + 0.1, 10.7], [west + 0.1, 10.8], [west, 10.8], [west, 10.7]]] },
})
const row = (unit: string, score: number): DivergenceRow => ({ unit, name: unit, level: 'district', mentions: 10, complaints: 10, mention_share: 0, complaint_share: 0, score, direction: score > 0 ? 'social_louder' : 'hotline_louder' })

describe('briefing map', () => {
  it('BRF-7 the scope’s units only, blue where social media is louder, red where the hotline is, stronger with the gap', () => {
    const units = [square('A', 106.6), square('B', 106.7), square('C', 106.8), square('X', 106.9)]
    const features = divergenceFeatures(units, new Set(['A', 'B', 'C']), [row('A', 0.5), row('B', -0.1)])
    assert.deepEqual(features.map((f) => [f.properties.code, f.properties.colour]), [['A', SOCIAL_COLOUR], ['B', HOTLINE_COLOUR], ['C', NEUTRAL_COLOUR]])
    assert.equal(features[0]!.properties.opacity, 0.9)
    assert.ok(features[1]!.properties.opacity < features[0]!.properties.opacity)
    assert.deepEqual(boundsOf(features)!.map((n) => Math.round(n * 1000) / 1000), [106.6, 10.7, 106.9, 10.8])
  })

  it('BRF-7 issue cells are closed rings in [lng, lat] around the cell’s centre, each cell once', () => {
    const cell = latLngToCell(10.776, 106.7, 8)
    const [feature, ...rest] = cellFeatures([cell, cell])
    assert.equal(rest.length, 0)
    const ring = feature!.geometry.coordinates[0]!
    assert.deepEqual(ring[0], ring.at(-1))
    const [lat, lng] = cellToLatLng(cell)
    const mean = (k: 0 | 1) => ring.slice(0, -1).reduce((sum, p) => sum + p[k], 0) / (ring.length - 1)
    assert.ok(Math.abs(mean(0) - lng) < 0.01 && Math.abs(mean(1) - lat) < 0.01, 'longitude first')
  })
})
