import { test } from 'vitest'
import assert from 'node:assert/strict'
import { cellToLatLng } from 'h3-js'
import { cellsForPoint } from '../../server/core/h3'
import { OverdueStore } from './overdue-store'

const A = cellsForPoint(10.776, 106.7).r8
const B = cellsForPoint(10.8, 106.66).r8
const MINE = 'city|complaints|8|24h@n1.1'
const event = (subscription: string, cells: Array<{ cell: string; count: number }>) => ({ subscription, at: '2026-11-24T02:41:00.000Z', cells })

test('WALL-5 an overdue event of this screen replaces what was held, largest count first, centred on each cell', () => {
  const store = new OverdueStore()
  assert.equal(store.accept(event(MINE, [{ cell: A, count: 2 }, { cell: B, count: 5 }]), MINE), true)
  assert.deepEqual(store.spots.map((s) => [s.cell, s.count]), [[B, 5], [A, 2]])
  assert.equal(store.total, 7)
  const [lat, lng] = cellToLatLng(B)
  assert.deepEqual(store.spots[0]!.position, [lng, lat], '[lng, lat], as deck.gl wants')
  // A deadline passed in A and a complaint in B was resolved: the next event says so in full.
  assert.equal(store.accept(event(MINE, [{ cell: A, count: 3 }]), MINE), true)
  assert.deepEqual(store.spots.map((s) => [s.cell, s.count]), [[A, 3]])
  assert.equal(store.total, 3)
  assert.equal(store.accept(event(MINE, []), MINE), true)
  assert.deepEqual(store.spots, [])
  assert.equal(store.at, '2026-11-24T02:41:00.000Z')
})

test('WALL-5 events of another subscription, or before this screen has one, are dropped; so are empty cells', () => {
  const store = new OverdueStore()
  assert.equal(store.accept(event(MINE, [{ cell: A, count: 1 }]), null), false, 'not subscribed yet')
  store.accept(event(MINE, [{ cell: A, count: 1 }, { cell: B, count: 0 }]), MINE)
  const version = store.version
  assert.equal(store.accept(event('760|complaints|8|24h@n1.1', [{ cell: B, count: 9 }]), MINE), false, 'a peek at a district')
  assert.deepEqual(store.spots.map((s) => s.cell), [A])
  assert.equal(store.version, version)
})

test('WALL-5 a new subscription (snapshot or retarget) forgets the cells of the old one', () => {
  const store = new OverdueStore()
  store.accept(event(MINE, [{ cell: A, count: 4 }]), MINE)
  assert.equal(store.keepOnly(MINE), false, 'the same subscription keeps them')
  assert.equal(store.spots.length, 1)
  assert.equal(store.keepOnly('city|complaints|9|24h@n1.1'), true)
  assert.deepEqual([store.spots, store.total, store.at], [[], 0, null])
  assert.equal(store.keepOnly(null), false, 'nothing left to forget')
})
