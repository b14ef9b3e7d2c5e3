import { test } from 'vitest'
import assert from 'node:assert/strict'
import { bboxOf, labelPoint, pointInArea, type AreaGeometry } from './geo'

const square: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] }
const crescent: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 8], [8, 8], [8, 2], [0, 2], [0, 0]]] }

test('point in polygon honours holes and multipolygons', () => {
  assert.equal(pointInArea([1, 1], square), true)
  assert.equal(pointInArea([5, 5], square), false, 'inside the hole')
  assert.equal(pointInArea([11, 5], square), false)
  const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [square.coordinates as never, [[[20, 20], [21, 20], [21, 21], [20, 20]]]] }
  assert.equal(pointInArea([20.8, 20.2], multi), true)
})

test('bbox and label points: a label always falls inside its unit', () => {
  assert.deepEqual(bboxOf(square), [0, 0, 10, 10])
  const p = labelPoint(crescent)
  assert.equal(pointInArea(p, crescent), true, `label ${p} inside the crescent`)
})
