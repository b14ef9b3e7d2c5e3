import { test } from 'vitest'
import assert from 'node:assert/strict'
import { latLngToCell } from 'h3-js'
import { SlidingWindows } from '../core/windows'
import { unitTotalsOf } from './unit-totals'

const T0 = Date.parse('2026-11-24T08:00:00Z')
const CELL = latLngToCell(10.7725, 106.698, 9)

test('WIN-10 a subscription gets its units\' totals per layer it asked for, sorted by unit', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([
    { kind: 'complaint', occurredAtMs: T0, cell: CELL, category: null, units: ['760', '26743'], count: 2 },
    { kind: 'mention', occurredAtMs: T0, cell: CELL, category: null, units: ['760', '26740'] },
    { kind: 'mention', occurredAtMs: T0, cell: null, category: null, units: ['770'] },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: 'city', window: '1h', layers: ['complaints', 'mentions'] }), [
    { unit: '26740', counts: { mentions: 1 } },
    { unit: '26743', counts: { complaints: 2 } },
    { unit: '760', counts: { complaints: 2, mentions: 1 } },
    { unit: '770', counts: { mentions: 1 } },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: '760', window: '1h', layers: ['complaints'] }), [
    { unit: '26743', counts: { complaints: 2 } },
    { unit: '760', counts: { complaints: 2 } },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: '770', window: '24h', layers: ['complaints'] }), [])
})
