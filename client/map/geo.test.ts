import { test } from 'vitest'
import assert from 'node:assert/strict'
import { bboxOf, inBbox, unionBbox, type AreaGeometry } from './geo'

const square: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] }

test('bbox of a polygon and of a multipolygon, their union, and a point in a bbox', () => {
  assert.deepEqual(bboxOf(square), [0, 0, 10, 10])
  const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [square.coordinates, [[[20, 20], [21, 20], [21, 21], [20, 20]]]] }
  assert.deepEqual(bboxOf(multi), [0, 0, 21, 21])
  assert.deepEqual(unionBbox([[0, 0, 1, 1], [-1, 0.5, 0.5, 3]]), [-1, 0, 1, 3])
  assert.equal(unionBbox([]), null)
  assert.equal(inBbox([0.5, 0.5], [0, 0, 1, 1]), true)
  assert.equal(inBbox([1.5, 0.5], [0, 0, 1, 1]), false)
})
