import assert from 'node:assert/strict'
import { test } from 'vitest'
import { latLngToCell } from 'h3-js'
import { DeltaHistory, buildChanges, coalesce, type RoomSpec } from './deltas'
import { CellLayerStore } from '../../client/live/cell-store'
import { LiveSession } from '../../client/live/session'
import { cellCentre } from './h3'
import type { Delta } from './protocol'
import { SlidingWindows } from './windows'

const T0 = Date.parse('2026-11-24T08:00:00Z')
const A = latLngToCell(10.7725, 106.698, 9)
const B = latLngToCell(10.8497, 106.7537, 9)
const spec: RoomSpec = { subscription: 'city|complaints,mentions|9|1h', scope: 'city', layers: ['complaints', 'mentions'], res: 9, window: '1h' }
const ev = (cell: string, kind: 'complaint' | 'mention' = 'complaint', at = T0) => ({ kind, occurredAtMs: at, cell, category: 'trash', units: ['Q1'] })

test('SEQ-1 changes of a room come from the cells its layers, window, scope and resolution changed', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([ev(A), ev(B, 'mention')])
  const changes = buildChanges(spec, w.takeDirty(), w.cell.bind(w))
  assert.deepEqual(changes?.upserts.map((u) => [u.layer, u.cell, u.count]).sort(), [['complaints', A, 1], ['mentions', B, 1]])
  assert.equal(buildChanges({ ...spec, layers: ['complaints'], scope: 'Q7' }, new Map(), w.cell.bind(w)), null)
})

test('SEQ-1 an expired cell becomes a removal', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([ev(A)])
  w.takeDirty()
  w.advanceTo(new Date(T0 + 3_600_000))
  assert.deepEqual(buildChanges(spec, w.takeDirty(), w.cell.bind(w)), { upserts: [], removals: [{ cell: A, layer: 'complaints' }] })
})

test('SEQ-2 seq rises by one per delta and history returns exactly the deltas after a seq', () => {
  const h = new DeltaHistory()
  const at = new Date(T0)
  for (let i = 0; i < 5; i++) h.next('s', at, { upserts: [], removals: [{ cell: A, layer: 'complaints' }] })
  assert.equal(h.seq, 5)
  assert.deepEqual(h.since(2)?.map((d) => d.seq), [3, 4, 5])
  assert.deepEqual(h.since(5), [])
  assert.equal(h.since(6), null, 'a seq from the future (another node, an old server) is unknown')
})

test('SEQ-4 history is bounded by age and by number of cell changes; a seq that fell out cannot resume', () => {
  const h = new DeltaHistory({ maxAgeMs: 10_000, maxChanges: 3 })
  const change = { upserts: [], removals: [{ cell: A, layer: 'complaints' as const }] }
  for (let i = 0; i < 5; i++) h.next('s', new Date(T0), change)
  assert.equal(h.since(1), null)
  assert.deepEqual(h.since(2)?.map((d) => d.seq), [3, 4, 5])
  h.next('s', new Date(T0 + 20_000), change)
  assert.equal(h.since(4), null)
  assert.deepEqual(h.since(5)?.map((d) => d.seq), [6])
})

test('SEQ-5 coalescing keeps the last state of each cell', () => {
  const up = (cell: string, count: number) => ({ cell, layer: 'complaints' as const, count, byCategory: { trash: count } })
  const deltas: Delta[] = [
    { subscription: 's', seq: 1, at: '', upserts: [up(A, 1), up(B, 1)], removals: [] },
    { subscription: 's', seq: 2, at: '', upserts: [up(A, 2)], removals: [{ cell: B, layer: 'complaints' }] },
    { subscription: 's', seq: 3, at: '', upserts: [up(B, 4)], removals: [] },
  ]
  assert.deepEqual(coalesce(deltas), { upserts: [up(A, 2), up(B, 4)], removals: [] })
  assert.deepEqual(coalesce(deltas.slice(0, 2)), { upserts: [up(A, 2)], removals: [{ cell: B, layer: 'complaints' }] })
})

test('SEQ-3 the wall client applies deltas in order, ignores duplicates, reports gaps, and a late snapshot plus an older delta still converges', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  const h = new DeltaHistory()
  const screen = () => ({ session: new LiveSession(), store: new CellLayerStore('complaints', cellCentre, () => [0, 0, 0, 0]) })
  const receive = (s: ReturnType<typeof screen>, delta: Delta) => {
    const verdict = s.session.judgeDelta(delta)
    if (verdict === 'apply') s.store.apply(delta.upserts, delta.removals)
    return verdict
  }
  const snapshotAt = (s: ReturnType<typeof screen>, seq: number) => {
    s.session.beginSubscribe()
    s.session.acceptSnapshot({ subscription: spec.subscription, seq })
    s.store.reset(w.cells('1h', 'city', 9, 'complaints'))
  }
  const early = screen()
  snapshotAt(early, 0)
  w.add([ev(A)])
  const d1 = h.next(spec.subscription, new Date(T0), buildChanges(spec, w.takeDirty(), w.cell.bind(w))!)
  w.add([ev(A), ev(B)])
  // A snapshot taken between flushes already holds changes the next delta will carry.
  const late = screen()
  snapshotAt(late, h.seq)
  const d2 = h.next(spec.subscription, new Date(T0), buildChanges(spec, w.takeDirty(), w.cell.bind(w))!)
  assert.equal(receive(early, d2), 'gap')
  assert.equal(receive(early, d1), 'apply')
  assert.equal(receive(early, d1), 'ignore')
  assert.equal(receive(early, d2), 'apply')
  assert.equal(receive(late, d2), 'apply')
  const counts = (s: ReturnType<typeof screen>) => {
    const out: Array<[string, number]> = []
    for (let slot = 0; slot < s.store.length; slot++) out.push([s.store.cellAt(slot)!, s.store.counts[slot]!])
    return out.sort()
  }
  const truth = w.cells('1h', 'city', 9, 'complaints').map((c): [string, number] => [c.cell, c.count]).sort()
  assert.deepEqual(counts(early), truth)
  assert.deepEqual(counts(late), truth)
})
