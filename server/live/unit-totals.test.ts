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
    { unit: '770', counts: { mentions: 1 }, placeOnly: { mentions: 1 } },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: '760', window: '1h', layers: ['complaints'] }), [
    { unit: '26743', counts: { complaints: 2 } },
    { unit: '760', counts: { complaints: 2 } },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: '770', window: '24h', layers: ['complaints'] }), [])
})

test('WIN-11 a unit holding events located only by its name says how many of its events those are, per layer', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([
    { kind: 'mention', occurredAtMs: T0, cell: null, category: null, units: ['778', '27490'], count: 2 },
    { kind: 'mention', occurredAtMs: T0, cell: CELL, category: null, units: ['778', '27490'] },
    { kind: 'complaint', occurredAtMs: T0, cell: null, category: null, units: ['778'] },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: 'city', window: '1h', layers: ['complaints', 'mentions'] }), [
    { unit: '27490', counts: { mentions: 3 }, placeOnly: { mentions: 2 } },
    { unit: '778', counts: { complaints: 1, mentions: 3 }, placeOnly: { complaints: 1 } },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: '27490', window: '1h', layers: ['mentions'] }), [
    { unit: '27490', counts: { mentions: 3 }, placeOnly: { mentions: 2 } },
    { unit: '778', counts: { mentions: 3 } },
  ])
  assert.deepEqual(unitTotalsOf(w, { scope: 'city', window: '1h', layers: ['complaints'] }), [{ unit: '778', counts: { complaints: 1 }, placeOnly: { complaints: 1 } }], 'only the layers asked for')
})
