import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { UnitCollection } from './boundaries'
import { childCollection, labelsForZoom, outlineCollection, topCollection, type MapLevel } from './map-levels'

const collection = (...codes: string[]): UnitCollection => ({
  type: 'FeatureCollection',
  features: codes.map((code) => ({ type: 'Feature', properties: { code, level: 'x', name: code, name_ascii: code, parent_code: null }, geometry: { type: 'Polygon', coordinates: [] } })),
})
const level = (name: string, depth: number, ...codes: string[]): MapLevel => ({
  level: name, depth, collection: collection(...codes), labels: codes.map((code) => ({ position: [0, 0], text: code, width: 1 })),
})
const codes = (c: UnitCollection) => c.features.map((f) => f.properties.code)
const texts = (labels: Array<{ text: string }>) => labels.map((l) => l.text)

test('the top level is filled and outlined, deeper levels are thin lines, whatever the levels are called', () => {
  const levels = [level('district', 0, '760'), level('ward', 1, '26734', '26740')]
  assert.deepEqual(codes(topCollection(levels)), ['760'])
  assert.deepEqual(codes(childCollection(levels)), ['26734', '26740'])
  const communes = [level('commune', 0, '26734', '26740')]
  assert.deepEqual(codes(topCollection(communes)), ['26734', '26740'])
  assert.deepEqual(codes(childCollection(communes)), [])
  assert.deepEqual(codes(topCollection([])), [])
})

test('the highlighted unit is outlined even when it lies below the top level', () => {
  const levels = [level('district', 0, '760'), level('ward', 1, '26734', '26740')]
  assert.deepEqual(codes(outlineCollection(levels, null)), ['760'])
  assert.deepEqual(codes(outlineCollection(levels, '760')), ['760'])
  assert.deepEqual(codes(outlineCollection(levels, '26740')), ['760', '26740'])
  assert.deepEqual(codes(outlineCollection(levels, 'nowhere')), ['760'])
})

test('names of the top level when zoomed out, of deeper levels as the map zooms in; one level is always named', () => {
  const levels = [level('province', 0, 'P'), level('district', 1, 'D'), level('ward', 2, 'W')]
  assert.deepEqual([11, 12.5, 13.9, 14, 18].map((z) => texts(labelsForZoom(levels, z))), [['P'], ['D'], ['D'], ['W'], ['W']])
  const two = [level('district', 0, 'D'), level('ward', 1, 'W')]
  assert.deepEqual([11, 13, 16].map((z) => texts(labelsForZoom(two, z))), [['D'], ['W'], ['W']])
  assert.deepEqual([9, 16].map((z) => texts(labelsForZoom([level('commune', 0, 'C')], z))), [['C'], ['C']])
  assert.deepEqual(labelsForZoom([], 12), [])
})
