import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { UnitTotal } from '../../server/core/protocol'
import type { UnitCollection } from './boundaries'
import type { PolygonGeometry } from './geo'
import type { MapLevel } from './map-levels'
import { PLACE_ONLY_OPACITY, placeOnlyOpacity, placeOnlyView } from './place-only'
import { boundaryLayers, BOUNDARY_LINE_LAYER, PLACE_ONLY_FILL_LAYER, PLACE_ONLY_LINE_LAYER } from './offline-style'

const square = (x: number): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] })
const level = (name: string, depth: number, ...codes: string[]): MapLevel => {
  const collection: UnitCollection = {
    type: 'FeatureCollection',
    features: codes.map((code, i) => ({ type: 'Feature', properties: { code, level: name, name: code, name_ascii: code, parent_code: null }, geometry: square(i) })),
  }
  return { level: name, depth, collection, labels: [] }
}
const LEVELS = [level('ward', 1, '27490', '27493'), level('district', 0, '778')]

test('WALL-9 each unit holding place-only events of a shown layer is one feature with its own polygon; units and layers without are not', () => {
  const totals: UnitTotal[] = [
    { unit: '27490', counts: { mentions: 5, complaints: 1 }, placeOnly: { mentions: 2 } },
    { unit: '27493', counts: { mentions: 4 } }, // events with points only: nothing to fill
    { unit: '778', counts: { mentions: 9, complaints: 4 }, placeOnly: { complaints: 3, mentions: 1 } },
    { unit: '99999', counts: { mentions: 7 }, placeOnly: { mentions: 7 } }, // no polygon loaded
  ]
  const view = placeOnlyView(totals, ['mentions'], LEVELS, 1)
  assert.deepEqual(
    view.collection.features.map((f) => [f.properties.code, f.properties.layer, f.properties.count]),
    [
      ['778', 'mentions', 1],
      ['27490', 'mentions', 2],
    ],
    'the district first, so the ward lies over it; complaints are not shown on this map',
  )
  assert.deepEqual(view.collection.features[1]!.geometry, square(0), 'the ward\'s own polygon, not a point')
  assert.deepEqual(view.byLayer, { mentions: { events: 3, units: 2 } }, 'the legend counts what is drawn: the unit without a polygon is left out')
  const both = placeOnlyView(totals, ['complaints', 'mentions'], LEVELS, 2)
  assert.deepEqual(both.byLayer, { complaints: { events: 3, units: 1 }, mentions: { events: 3, units: 2 } })
  assert.deepEqual(
    both.collection.features.map((f) => [f.properties.code, f.properties.layer, f.properties.colour, f.properties.lineWidth]),
    [
      ['778', 'complaints', '#f97316', 4],
      ['778', 'mentions', '#38bdf8', 4],
      ['27490', 'mentions', '#38bdf8', 4],
    ],
    'each layer in its colour family; the outline scales with the screen',
  )
  assert.deepEqual(placeOnlyView([], ['mentions'], LEVELS, 1), { collection: { type: 'FeatureCollection', features: [] }, byLayer: { mentions: { events: 0, units: 0 } } })
})

test('WALL-9 opacity grows with the count, log-spread within the layer, and stays translucent', () => {
  assert.equal(placeOnlyOpacity(1, 1), PLACE_ONLY_OPACITY.max, 'a lone unit is as visible as the busiest')
  assert.ok(placeOnlyOpacity(1, 100) < placeOnlyOpacity(10, 100) && placeOnlyOpacity(10, 100) < placeOnlyOpacity(100, 100))
  assert.equal(placeOnlyOpacity(100, 100), PLACE_ONLY_OPACITY.max)
  assert.ok(placeOnlyOpacity(1, 1000) >= PLACE_ONLY_OPACITY.min)
  assert.ok(PLACE_ONLY_OPACITY.max <= 0.5, 'never as solid as a hexagon')
  const view = placeOnlyView(
    [
      { unit: '27490', counts: { mentions: 1 }, placeOnly: { mentions: 1 } },
      { unit: '27493', counts: { mentions: 50 }, placeOnly: { mentions: 50 } },
    ],
    ['mentions'],
    LEVELS,
    1,
  )
  const [quiet, busy] = view.collection.features.map((f) => f.properties.fillOpacity)
  assert.ok(quiet! < busy!, `${quiet} < ${busy}`)
})

test('WALL-9 the fills lie under the top units\' borders, dashed, above the land; maplibre draws beneath every deck.gl hexagon and name', () => {
  const ids = boundaryLayers().map((l) => l.id)
  assert.ok(ids.indexOf('opswall-top-fill') < ids.indexOf(PLACE_ONLY_FILL_LAYER))
  assert.ok(ids.indexOf(PLACE_ONLY_FILL_LAYER) < ids.indexOf(PLACE_ONLY_LINE_LAYER))
  assert.ok(ids.indexOf(PLACE_ONLY_LINE_LAYER) < ids.indexOf(BOUNDARY_LINE_LAYER))
  const line = boundaryLayers().find((l) => l.id === PLACE_ONLY_LINE_LAYER) as { paint: Record<string, unknown> }
  assert.ok(Array.isArray(line.paint['line-dasharray']), 'a dashed outline')
})
