import { test } from 'vitest'
import assert from 'node:assert/strict'
import { cellsForPoint } from '../../server/core/h3'
import { pickPlace } from './pick'

const HOT = { lat: 10.776, lon: 106.7 }
const depths = new Map([
  ['760', 0],
  ['26734', 1],
])
const depth = (code: string) => depths.get(code)

test('CON-UI-1: a click on a hexagon with events selects that cell (the server\'s cell at the map resolution)', () => {
  const cell = cellsForPoint(HOT.lat, HOT.lon).r8
  const place = pickPlace({ lngLat: [HOT.lon, HOT.lat], units: ['760', '26734'] }, 8, (c) => c === cell, depth)
  assert.deepEqual(place, { kind: 'cell', id: cell })
})

test('CON-UI-1: elsewhere a click selects the deepest unit drawn there (the ward, not its district), or nothing', () => {
  assert.deepEqual(pickPlace({ lngLat: [HOT.lon, HOT.lat], units: ['760', '26734'] }, 8, () => false, depth), { kind: 'unit', id: '26734' })
  assert.deepEqual(pickPlace({ lngLat: [HOT.lon, HOT.lat], units: ['760'] }, 8, () => false, depth), { kind: 'unit', id: '760' })
  assert.equal(pickPlace({ lngLat: [HOT.lon, HOT.lat], units: ['unknown'] }, 8, () => false, depth), null)
})
