import { test } from 'vitest'
import assert from 'node:assert/strict'
import { latLngToCell, gridDisk } from 'h3-js'
import { cellCentre } from '../../server/core/h3'
import type { CellCount } from '../../server/core/protocol'
import { CellLayerStore, type Rgba } from './cell-store'

const colour = (n: number): Rgba => [Math.min(255, n), 0, 0, 255]
const cells = gridDisk(latLngToCell(10.78, 106.7, 9), 3)
const cc = (cell: string, count: number, layer: CellCount['layer'] = 'complaints'): CellCount => ({ cell, layer, count, byCategory: {} })

function snapshotOf(store: CellLayerStore): Map<string, { count: number; lng: number; lat: number; r: number }> {
  const out = new Map<string, { count: number; lng: number; lat: number; r: number }>()
  for (let i = 0; i < store.length; i++) {
    out.set(store.cellAt(i)!, { count: store.counts[i]!, lng: store.positions[i * 2]!, lat: store.positions[i * 2 + 1]!, r: store.colours[i * 4]! })
  }
  return out
}

test('reset keeps only its own layer and writes [lng, lat] centres, counts and colours into the arrays', () => {
  const store = new CellLayerStore('complaints', cellCentre, colour)
  store.reset([cc(cells[0]!, 5), cc(cells[1]!, 7, 'mentions'), cc(cells[2]!, 0)])
  assert.equal(store.length, 1)
  const [lng, lat] = cellCentre(cells[0]!)
  assert.deepEqual(snapshotOf(store).get(cells[0]!), { count: 5, lng, lat, r: 5 })
  assert.ok(lng > 106 && lat < 11, 'longitude first')
})

test('a delta updates, adds and removes in place; the arrays stay dense and consistent with the index', () => {
  const store = new CellLayerStore('complaints', cellCentre, colour)
  store.reset(cells.slice(0, 10).map((c, i) => cc(c, i + 1)))
  const pv = store.positionsVersion
  const vv = store.valuesVersion
  const result = store.apply([cc(cells[0]!, 50), cc(cells[11]!, 3), cc(cells[12]!, 9, 'mentions')], [{ cell: cells[3]!, layer: 'complaints' }, { cell: cells[4]!, layer: 'mentions' }])
  assert.deepEqual({ added: result.added, changed: result.changed, removed: result.removed }, { added: 1, changed: 1, removed: 1 })
  assert.deepEqual(result.increased.sort(), [cells[0]!, cells[11]!].sort())
  assert.equal(store.length, 10)
  const state = snapshotOf(store)
  assert.equal(state.get(cells[0]!)?.count, 50)
  assert.equal(state.get(cells[0]!)?.r, 50)
  assert.equal(state.has(cells[3]!), false)
  for (const [cell, v] of state) {
    const [lng, lat] = cellCentre(cell)
    assert.equal(v.lng, lng, `position of ${cell} moved with its slot`)
    assert.equal(v.lat, lat)
    assert.equal(store.countOf(cell), v.count)
  }
  assert.ok(store.positionsVersion > pv && store.valuesVersion > vv)
})

test('a count-only delta bumps values but not positions (no position re-upload)', () => {
  const store = new CellLayerStore('complaints', cellCentre, colour)
  store.reset([cc(cells[0]!, 1), cc(cells[1]!, 1)])
  const pv = store.positionsVersion
  store.apply([cc(cells[1]!, 2)], [])
  assert.equal(store.positionsVersion, pv)
  store.apply([cc(cells[1]!, 2)], [])
  const vv = store.valuesVersion
  store.apply([cc(cells[1]!, 2)], [])
  assert.equal(store.valuesVersion, vv, 'an unchanged count is not a change')
})

test('a zero count in an upsert removes the cell; max follows decreases', () => {
  const store = new CellLayerStore('complaints', cellCentre, colour)
  store.reset([cc(cells[0]!, 10), cc(cells[1]!, 4)])
  assert.equal(store.max, 10)
  store.apply([cc(cells[0]!, 0)], [])
  assert.equal(store.length, 1)
  assert.equal(store.max, 4)
  assert.equal(store.total, 4)
})

test('grows past its capacity and shrinks back on a small snapshot', () => {
  const many = gridDisk(latLngToCell(10.78, 106.7, 9), 25)
  const store = new CellLayerStore('complaints', cellCentre, colour, 16)
  store.apply(many.map((c) => cc(c, 1)), [])
  assert.equal(store.length, many.length)
  assert.ok(store.capacity >= many.length)
  store.reset([cc(cells[0]!, 1)])
  assert.ok(store.capacity <= 1024, `capacity ${store.capacity} shrank`)
  assert.equal(store.countOf(cells[0]!), 1)
})

test('top(n) returns the hottest cells, filtered', () => {
  const store = new CellLayerStore('complaints', cellCentre, colour)
  store.reset(cells.slice(0, 20).map((c, i) => cc(c, i + 1)))
  assert.deepEqual(store.top(3).map((t) => t.count), [20, 19, 18])
  assert.deepEqual(store.top(2, (cell) => cell !== cells[19]).map((t) => t.count), [19, 18])
})
