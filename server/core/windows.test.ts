import assert from 'node:assert/strict'
import { test } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import { CITY_SCOPE, MINUTE_MS, SlidingWindows, groupKey, type WindowInput } from './windows'

const T0 = Date.parse('2026-11-24T08:00:00Z')
const BEN_THANH = latLngToCell(10.7725, 106.698, 9)
const THU_DUC = latLngToCell(10.8497, 106.7537, 9)

/** A fake clock: the windows only ever see the instants we give them. */
function clock(start = T0) {
  let now = start
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) }
}

const complaint = (at: number, extra: Partial<WindowInput> = {}): WindowInput => ({
  kind: 'complaint',
  occurredAtMs: at,
  cell: BEN_THANH,
  category: 'flooding',
  units: ['Q1', 'BN'],
  ...extra,
})

const count = (w: SlidingWindows, window: '1h' | '24h' | '7d', cell = BEN_THANH, res: 6 | 7 | 8 | 9 = 9, scope = CITY_SCOPE) =>
  w.cell(window, scope, res, 'complaints', cellToParent(cell, res))?.count ?? 0

test('WIN-1 an event counts in every window, resolution and its scopes, by category', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0), complaint(T0, { category: 'trash' }), complaint(T0, { kind: 'mention' })])
  for (const window of ['1h', '24h', '7d'] as const) {
    for (const res of [6, 7, 8, 9] as const) {
      for (const scope of [CITY_SCOPE, 'Q1', 'BN']) {
        const cell = w.cell(window, scope, res, 'complaints', cellToParent(BEN_THANH, res))
        assert.deepEqual(cell, { cell: cellToParent(BEN_THANH, res), layer: 'complaints', count: 2, byCategory: { flooding: 1, trash: 1 } })
      }
    }
  }
  assert.equal(w.cell('1h', CITY_SCOPE, 9, 'mentions', BEN_THANH)?.count, 1)
  assert.equal(w.cell('1h', 'Q7', 9, 'complaints', BEN_THANH), null, 'another district sees nothing')
})

test('WIN-2 a minute bucket stays in a window for exactly its length; events a little in the future count now', () => {
  const c = clock(T0 + 30_000)
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0 + 10_000), complaint(T0 + 2 * MINUTE_MS)])
  assert.equal(count(w, '1h'), 2)
  c.advance(59 * MINUTE_MS) // 08:59:30 — the 08:00 bucket is still inside the last 60 minutes
  w.advanceTo(c.now())
  assert.equal(count(w, '1h'), 2)
  c.advance(MINUTE_MS) // 09:00:30 — the 08:00 bucket left
  w.advanceTo(c.now())
  assert.equal(count(w, '1h'), 1)
  assert.equal(count(w, '24h'), 2)
})

test('WIN-3 expired buckets are subtracted, reported as changed, and a cell that empties is removed', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0), complaint(T0 + 5 * MINUTE_MS, { cell: THU_DUC, units: ['TD'] })])
  w.takeDirty()
  c.advance(60 * MINUTE_MS)
  w.advanceTo(c.now())
  const dirty = w.takeDirty()
  assert.ok(dirty.get(groupKey('1h', CITY_SCOPE, 9, 'complaints'))?.has(BEN_THANH), 'expiry marks the cell changed')
  assert.equal(w.cell('1h', CITY_SCOPE, 9, 'complaints', BEN_THANH), null, 'emptied cell is gone')
  assert.equal(w.cells('1h', 'Q1', 8, 'complaints').length, 0)
  assert.equal(count(w, '1h', THU_DUC), 1, 'the later event is still in')
  assert.equal(count(w, '24h'), 1)
})

test('WIN-4 a late event (old occurred_at) lands in its own bucket and only in the windows that still cover it', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0 - 3 * 60 * MINUTE_MS)]) // three hours late
  assert.equal(count(w, '1h'), 0)
  assert.equal(count(w, '24h'), 1)
  assert.equal(count(w, '7d'), 1)
  c.advance(21 * 60 * MINUTE_MS) // 24 h after it occurred
  w.advanceTo(c.now())
  assert.equal(count(w, '24h'), 0, 'it expires 24 h after it occurred, not after it arrived')
  assert.equal(count(w, '7d'), 1)
})

test('WIN-5 out-of-order arrival gives the same counts as in-order arrival', () => {
  const events = Array.from({ length: 200 }, (_, i) => complaint(T0 - ((i * 7919) % (3 * 60)) * MINUTE_MS, { category: i % 3 ? 'trash' : 'flooding' }))
  const ordered = new SlidingWindows({ now: new Date(T0) })
  ordered.add([...events].sort((a, b) => a.occurredAtMs - b.occurredAtMs))
  const shuffled = new SlidingWindows({ now: new Date(T0) })
  for (const event of events) shuffled.add([event])
  for (const window of ['1h', '24h', '7d'] as const) assert.deepEqual(shuffled.cells(window, 'Q1', 8, 'complaints'), ordered.cells(window, 'Q1', 8, 'complaints'))
  for (const minutes of [30, 90, 181]) {
    ordered.advanceTo(new Date(T0 + minutes * MINUTE_MS))
    shuffled.advanceTo(new Date(T0 + minutes * MINUTE_MS))
    assert.deepEqual(shuffled.cells('1h', CITY_SCOPE, 9, 'complaints'), ordered.cells('1h', CITY_SCOPE, 9, 'complaints'))
  }
})

test('WIN-6 events older than 7 days are ignored and buckets older than 7 days are dropped', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0 - 7 * 24 * 60 * MINUTE_MS)])
  assert.equal(count(w, '7d'), 0)
  assert.equal(w.stats().buckets, 0)
  w.add([complaint(T0)])
  c.advance(7 * 24 * 60 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.equal(count(w, '7d'), 0)
  assert.deepEqual(w.stats(), { buckets: 0, groups: 0, cells: 0 })
})

test('WIN-7 time never goes back: an older instant changes nothing', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([complaint(T0)])
  w.advanceTo(new Date(T0 - 2 * 60 * MINUTE_MS))
  assert.equal(w.minute, Math.floor(T0 / MINUTE_MS))
  assert.equal(count(w, '1h'), 1)
})

test('WIN-7 a jump over several windows at once expires everything it should, exactly once', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  for (let m = 0; m < 300; m += 10) w.add([complaint(T0 - m * MINUTE_MS)])
  w.advanceTo(new Date(T0 + 2 * 24 * 60 * MINUTE_MS))
  assert.equal(count(w, '1h'), 0)
  assert.equal(count(w, '24h'), 0)
  assert.equal(count(w, '7d'), 30)
})

test('WIN-8 scopes: city holds everything, each unit (any level) only its own events', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([
    complaint(T0),
    complaint(T0, { cell: THU_DUC, units: ['TD', 'LT'] }),
    complaint(T0, { units: [] }),
    // A commune of a city with no district level: a scope like any other.
    complaint(T0, { cell: THU_DUC, units: ['C-26734'] }),
  ])
  const total = (scope: string) => w.cells('1h', scope, 6, 'complaints').reduce((sum, c) => sum + c.count, 0)
  assert.equal(total(CITY_SCOPE), 4)
  assert.equal(total('C-26734'), 1)
  assert.equal(total('Q1'), 1)
  assert.equal(total('BN'), 1)
  assert.equal(total('TD'), 1)
  assert.equal(total('LT'), 1)
})

test('WIN-9 an event without a cell counts in KPI sums but in no cell; rollup rows add their count', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([complaint(T0, { cell: null }), complaint(T0, { count: 5 })])
  assert.equal(count(w, '1h'), 5)
  const minute = Math.floor(T0 / MINUTE_MS)
  assert.equal(w.sumMinutes('Q1', minute, minute + 1).get('complaints|flooding'), 6)
})

test('WIN-3 byCategory drops a category that reaches zero while others remain', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0, { category: 'trash' })])
  c.advance(30 * MINUTE_MS)
  w.add([complaint(c.now().getTime(), { category: null })])
  c.advance(31 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual(w.cell('1h', CITY_SCOPE, 9, 'complaints', BEN_THANH)?.byCategory, { '': 1 })
})

const totals = (w: SlidingWindows, window: '1h' | '24h' | '7d', scope = CITY_SCOPE, layer: 'complaints' | 'mentions' = 'complaints') =>
  Object.fromEntries([...w.unitTotals(window, scope, layer)].sort(([a], [b]) => a.localeCompare(b)))

test('WIN-10 unit totals: each event counts for each of its units, in every scope it belongs to', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([
    complaint(T0),
    complaint(T0, { units: ['Q1', 'BT'] }),
    complaint(T0, { cell: THU_DUC, units: ['TD', 'LT'], count: 3 }),
    complaint(T0, { kind: 'mention', units: ['Q1', 'BN'] }),
    complaint(T0, { units: [] }),
  ])
  // The city knows every unit at every level; the total of the city itself is not a unit.
  assert.deepEqual(totals(w, '1h'), { BN: 1, BT: 1, LT: 3, Q1: 2, TD: 3 })
  // A district knows its own total and those of its wards, and nothing of other districts.
  assert.deepEqual(totals(w, '1h', 'Q1'), { BN: 1, BT: 1, Q1: 2 })
  // A ward knows itself; the district appears with the ward's events only (events per unit inside the scope).
  assert.deepEqual(totals(w, '1h', 'BN'), { BN: 1, Q1: 1 })
  assert.deepEqual(totals(w, '1h', CITY_SCOPE, 'mentions'), { BN: 1, Q1: 1 }, 'layers apart')
  assert.deepEqual(totals(w, '1h', 'nowhere'), {})
  // A copy: changing it changes nothing inside.
  w.unitTotals('1h', CITY_SCOPE, 'complaints').set('Q1', 99)
  assert.equal(w.unitTotals('1h', CITY_SCOPE, 'complaints').get('Q1'), 2)
})

test('WIN-10 unit totals expire with their minute bucket, per window, and a unit that empties is gone', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0), complaint(T0 + 30 * MINUTE_MS, { units: ['Q1', 'BT'] })])
  c.advance(59 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual(totals(w, '1h'), { BN: 1, BT: 1, Q1: 2 }, 'still inside the last 60 minutes')
  w.takeDirtyScopes()
  c.advance(MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual(totals(w, '1h'), { BT: 1, Q1: 1 }, 'the 08:00 bucket left the hour: BN is gone, Q1 went down')
  assert.deepEqual(totals(w, '1h', 'BN'), {})
  assert.deepEqual(totals(w, '24h'), { BN: 1, BT: 1, Q1: 2 }, 'the day still holds both')
  assert.ok(w.takeDirtyScopes().has('BN'), 'the scopes are due for a recount (their totals are pushed with the KPIs)')
  c.advance(30 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual(totals(w, '1h'), {})
  c.advance(7 * 24 * 60 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual([totals(w, '24h'), totals(w, '7d')], [{}, {}], 'a jump past every window leaves nothing, never below zero')
})

test('WIN-10 a late event counts in the totals of the windows that still cover its minute only, and leaves with them', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0 - 2 * 60 * MINUTE_MS, { units: ['Q1', 'BT'] })]) // occurred two hours ago
  assert.deepEqual(totals(w, '1h'), {})
  assert.deepEqual(totals(w, '24h'), { BT: 1, Q1: 1 })
  c.advance(22 * 60 * MINUTE_MS) // 24 h after it occurred, not after it arrived
  w.advanceTo(c.now())
  assert.deepEqual(totals(w, '24h'), {})
  assert.deepEqual(totals(w, '7d'), { BT: 1, Q1: 1 })
})

test('WIN-10 an event located only by its unit (no point, no cell) counts in that unit and its ancestors', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([complaint(T0, { cell: null, units: ['Q1', 'BN'] }), complaint(T0, { cell: null, units: ['Q3'], count: 2 })])
  assert.deepEqual(w.cells('1h', CITY_SCOPE, 9, 'complaints'), [], 'in no cell')
  assert.deepEqual(totals(w, '1h'), { BN: 1, Q1: 1, Q3: 2 })
  assert.deepEqual(totals(w, '1h', 'Q1'), { BN: 1, Q1: 1 })
})

test('WIN-10 arrival order does not change the totals', () => {
  const inputs = [
    complaint(T0 - 90 * MINUTE_MS),
    complaint(T0, { units: ['Q1', 'BT'] }),
    complaint(T0 - 5 * MINUTE_MS, { units: ['TD'], count: 4 }),
  ]
  const forward = new SlidingWindows({ now: new Date(T0) })
  forward.add(inputs)
  const backward = new SlidingWindows({ now: new Date(T0) })
  for (const input of [...inputs].reverse()) backward.add([input])
  for (const window of ['1h', '24h', '7d'] as const) assert.deepEqual(totals(backward, window), totals(forward, window), window)
})

const placeOnly = (w: SlidingWindows, window: '1h' | '24h' | '7d', scope = CITY_SCOPE, layer: 'complaints' | 'mentions' = 'complaints') =>
  Object.fromEntries([...w.placeOnlyTotals(window, scope, layer)].sort(([a], [b]) => a.localeCompare(b)))

test('WIN-11 an event located only by a unit counts at its finest unit, never at the units above; an event with a point never counts', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([
    complaint(T0, { cell: null, units: ['Q7', 'TP'] }), // sent with ward Tân Phong
    complaint(T0, { cell: null, units: ['Q7'], count: 2 }), // sent with district 7 only
    complaint(T0, { units: ['Q7', 'TP'] }), // a point in Tân Phong
    complaint(T0, { cell: null, units: [] }), // no point, no unit: nowhere to draw
    complaint(T0, { kind: 'mention', cell: null, units: ['Q1', 'BN'] }),
  ])
  assert.deepEqual(placeOnly(w, '1h'), { Q7: 2, TP: 1 }, 'the district-only events at the district, not at its wards; the ward-only one not at the district')
  assert.deepEqual(placeOnly(w, '1h', CITY_SCOPE, 'mentions'), { BN: 1 }, 'layers apart')
  assert.deepEqual(totals(w, '1h'), { Q7: 4, TP: 2 }, 'unit totals still count every event at every unit of its chain (WIN-10)')
  assert.deepEqual(w.cells('1h', CITY_SCOPE, 9, 'complaints').map((c) => c.count), [1], 'only the event with a point has a cell')
  // A copy: changing it changes nothing inside.
  w.placeOnlyTotals('1h', CITY_SCOPE, 'complaints').set('TP', 99)
  assert.equal(w.placeOnlyTotals('1h', CITY_SCOPE, 'complaints').get('TP'), 1)
})

test('WIN-11 scopes: a ward sees its own place-only events, a district its own and its wards\'', () => {
  const w = new SlidingWindows({ now: new Date(T0) })
  w.add([
    complaint(T0, { cell: null, units: ['Q7', 'TP'] }),
    complaint(T0, { cell: null, units: ['Q7', 'TH'], count: 3 }),
    complaint(T0, { cell: null, units: ['Q7'], count: 2 }),
    complaint(T0, { cell: null, units: ['Q1', 'BN'] }),
  ])
  assert.deepEqual(placeOnly(w, '1h', 'Q7'), { Q7: 2, TH: 3, TP: 1 })
  assert.deepEqual(placeOnly(w, '1h', 'TP'), { TP: 1 }, 'not the district-only events: they may lie in any of its wards')
  assert.deepEqual(placeOnly(w, '1h', 'BN'), { BN: 1 })
  assert.deepEqual(placeOnly(w, '1h', 'nowhere'), {})
  assert.deepEqual(placeOnly(w, '1h'), { BN: 1, Q7: 2, TH: 3, TP: 1 })
})

test('WIN-11 place-only counts expire with their minute bucket, per window, like cells and totals', () => {
  const c = clock()
  const w = new SlidingWindows({ now: c.now() })
  w.add([complaint(T0, { cell: null, units: ['Q7', 'TP'] }), complaint(T0 + 30 * MINUTE_MS, { cell: null, units: ['Q7', 'TP'] })])
  w.takeDirtyScopes()
  c.advance(60 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual(placeOnly(w, '1h'), { TP: 1 }, 'the 08:00 event left the hour')
  assert.deepEqual(placeOnly(w, '24h'), { TP: 2 })
  assert.ok(w.takeDirtyScopes().has('TP'), 'the scope is due: its totals go out with the KPIs')
  c.advance(30 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual(placeOnly(w, '1h'), {}, 'a unit that empties is not listed')
  c.advance(7 * 24 * 60 * MINUTE_MS)
  w.advanceTo(c.now())
  assert.deepEqual([placeOnly(w, '24h'), placeOnly(w, '7d')], [{}, {}])
})

test('WIN-11 a roll-up row without a cell adds its count at its finest unit, in any arrival order', () => {
  const inputs = [
    complaint(T0 - 90 * MINUTE_MS, { cell: null, units: ['Q7', 'TP'], count: 4 }),
    complaint(T0, { cell: null, units: ['Q7'] }),
    complaint(T0 - 5 * MINUTE_MS, { units: ['Q7', 'TP'], count: 2 }),
  ]
  const forward = new SlidingWindows({ now: new Date(T0) })
  forward.add(inputs)
  const backward = new SlidingWindows({ now: new Date(T0) })
  for (const input of [...inputs].reverse()) backward.add([input])
  assert.deepEqual(placeOnly(forward, '1h'), { Q7: 1 })
  assert.deepEqual(placeOnly(forward, '24h'), { Q7: 1, TP: 4 })
  for (const window of ['1h', '24h', '7d'] as const) assert.deepEqual(placeOnly(backward, window), placeOnly(forward, window), window)
})

test('LIVE-12 after a recount, exactly the cells that differ (or were changed and not yet sent) are marked changed, in every scope of either', () => {
  const shown = new SlidingWindows({ now: new Date(T0) })
  shown.add([complaint(T0, { cell: BEN_THANH }), complaint(T0, { cell: THU_DUC, units: ['769', '26800'] })])
  shown.takeDirty()
  shown.takeDirtyScopes()
  shown.add([complaint(T0, { cell: THU_DUC, units: ['769', '26800'] })]) // changed, not yet flushed

  const recounted = new SlidingWindows({ now: new Date(T0) })
  // The recount: Bến Thành as shown, Thủ Đức with its unflushed event, and one event the view had missed.
  recounted.add([complaint(T0, { cell: BEN_THANH }), complaint(T0, { cell: THU_DUC, units: ['769', '26800'], count: 2 }), complaint(T0, { cell: BEN_THANH, category: 'noise' })])
  recounted.takeDirty()
  recounted.takeDirtyScopes()
  recounted.markChangedSince(shown)

  const dirty = recounted.takeDirty()
  assert.deepEqual([...(dirty.get(groupKey('1h', CITY_SCOPE, 9, 'complaints')) ?? [])].sort(), [BEN_THANH, THU_DUC].sort(), 'Bến Thành differs by category; Thủ Đức was changed and not yet sent')
  assert.deepEqual([...(dirty.get(groupKey('1h', '769', 9, 'complaints')) ?? [])], [THU_DUC])
  assert.equal(dirty.get(groupKey('1h', 'Q1', 9, 'mentions')), undefined, 'nothing changed among mentions')
  assert.deepEqual([...recounted.takeDirtyScopes()].sort(), ['BN', '26800', 'Q1', '769', CITY_SCOPE].sort())

  // A cell the recount no longer holds is marked too, so that screens remove it.
  const empty = new SlidingWindows({ now: new Date(T0) })
  empty.markChangedSince(recounted)
  assert.deepEqual([...(empty.takeDirty().get(groupKey('24h', 'Q1', 7, 'complaints')) ?? [])], [cellToParent(BEN_THANH, 7)])
  assert.equal(empty.cell('24h', 'Q1', 7, 'complaints', cellToParent(BEN_THANH, 7)), null)
})
