import { test } from 'vitest'
import assert from 'node:assert/strict'
import { getHexagonEdgeLengthAvg, latLngToCell } from 'h3-js'
import { hexVerticesAt, hexVerticesMetres } from './hex-geometry'

test('the shared hexagon has 6 vertices at about the H3 edge length from its centre, in metres east/north', () => {
  for (const res of [6, 7, 8, 9]) {
    const v = hexVerticesAt(106.7, 10.78, res)
    assert.equal(v.length, 6)
    const edge = getHexagonEdgeLengthAvg(res, 'm')
    for (const [x, y] of v) {
      const d = Math.hypot(x, y)
      assert.ok(d > edge * 0.85 && d < edge * 1.15, `res ${res}: vertex at ${d.toFixed(0)} m, edge ${edge.toFixed(0)} m`)
    }
  }
})

test('vertices are [east, north]: a vertex north of the centre has positive y', () => {
  const v = hexVerticesMetres(latLngToCell(10.78, 106.7, 8))
  assert.ok(v.some(([, y]) => y > 0) && v.some(([, y]) => y < 0))
  assert.ok(Math.abs(v.reduce((s, [x]) => s + x, 0)) < 50, 'centred')
})
