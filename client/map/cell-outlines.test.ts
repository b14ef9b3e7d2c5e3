import { test } from 'vitest'
import assert from 'node:assert/strict'
import { latLngToCell } from 'h3-js'
import { cellOutlines } from './cell-outlines'

test('CON-UI-4: a cell outline is a closed [lng, lat] ring; a cell both selected and found is drawn once, as selected', () => {
  const cell = latLngToCell(10.776, 106.7, 8)
  const other = latLngToCell(10.8, 106.66, 8)
  const { features } = cellOutlines([
    { cell, kind: 'found' },
    { cell, kind: 'selected' },
    { cell, kind: 'found' },
    { cell: other, kind: 'found' },
  ])
  assert.deepEqual(
    features.map((f) => [f.properties.cell, f.properties.kind]),
    [
      [cell, 'selected'],
      [other, 'found'],
    ],
  )
  const ring = features[0]!.geometry.coordinates[0]!
  assert.equal(ring.length, 7)
  assert.deepEqual(ring[0], ring[6])
  for (const [lng, lat] of ring) {
    assert.ok(lng > 106.6 && lng < 106.8, `lng ${lng}`)
    assert.ok(lat > 10.7 && lat < 10.9, `lat ${lat}`)
  }
})
