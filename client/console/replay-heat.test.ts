import { test } from 'vitest'
import assert from 'node:assert/strict'
import { cellsForPoint } from '../../server/core/h3'
import { ReplayHeat } from './replay-heat'

const a = cellsForPoint(10.776, 106.7).r7
const b = cellsForPoint(10.745, 106.625).r7

test('CON-UI-5: the map shows the frame of the replayed instant, coloured on one scale for the whole replay', () => {
  const heat = new ReplayHeat({
    scope: 'city',
    window: '1h',
    res: 7,
    from: '2026-11-25T00:00:00Z',
    to: '2026-11-25T00:10:00Z',
    step_minutes: 5,
    frames: [
      { at: '2026-11-25T00:00:00Z', cells: [] },
      { at: '2026-11-25T00:05:00Z', cells: [{ cell: a, layer: 'complaints', count: 3 }] },
      { at: '2026-11-25T00:10:00Z', cells: [{ cell: a, layer: 'complaints', count: 9 }, { cell: b, layer: 'mentions', count: 2 }] },
    ],
  })
  assert.equal(heat.showAt(Date.parse('2026-11-25T00:06:00Z')), true)
  assert.equal(heat.total('complaints'), 3)
  assert.equal(heat.total('mentions'), 0)
  assert.equal(heat.showAt(Date.parse('2026-11-25T00:07:00Z')), false, 'same frame: nothing to redraw')
  const colourAt3 = [...heat.stores.complaints.colours.subarray(0, 4)]
  heat.showAt(Date.parse('2026-11-25T00:10:00Z'))
  assert.equal(heat.total('complaints'), 9)
  assert.equal(heat.stores.mentions.countOf(b), 2)
  assert.notDeepEqual([...heat.stores.complaints.colours.subarray(0, 4)], colourAt3, 'a larger count is another colour of the same scale')
  heat.showAt(Date.parse('2026-11-24T23:00:00Z'))
  assert.equal(heat.total('complaints'), 0, 'before the first frame the map is empty')
})
