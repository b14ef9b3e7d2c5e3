import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import type { TickerItem } from './protocol'
import { RecentEvents } from './ticker'

const item = (id: string, occurredAt: string, units: string[] = ['760', '26743']): TickerItem => ({
  id, kind: 'complaint', occurredAt, category: 'flooding', units, cell: null, text: null,
})
const ids = (items: TickerItem[]) => items.map((i) => i.id)

describe('RecentEvents (LIVE-7)', () => {
  it('orders by occurrence, not arrival: a backfill of older events does not push newer ones out', () => {
    const recent = new RecentEvents(3)
    recent.add(item('today', '2026-11-24T02:40:00Z'))
    for (let i = 0; i < 10; i++) recent.add(item(`yesterday-${i}`, `2026-11-23T03:${String(10 + i)}:00Z`))
    assert.deepEqual(ids(recent.of('760')), ['today', 'yesterday-9', 'yesterday-8'])
  })

  it('keeps each scope to its own events and to its bound', () => {
    const recent = new RecentEvents(2)
    recent.add(item('a', '2026-11-24T01:00:00Z', ['760', '26743']))
    recent.add(item('b', '2026-11-24T02:00:00Z', ['770']))
    recent.add(item('c', '2026-11-24T03:00:00Z', ['760', '26740']))
    assert.deepEqual(ids(recent.of('city')), ['c', 'b'])
    assert.deepEqual(ids(recent.of('760')), ['c', 'a'])
    assert.deepEqual(ids(recent.of('26743')), ['a'])
    assert.deepEqual(ids(recent.of('770')), ['b'])
    assert.deepEqual(recent.of('999'), [])
  })

  it('orders events of the same instant by the later id, whatever the arrival order', () => {
    const recent = new RecentEvents(5)
    for (const id of ['9', '11', '10', '2']) recent.add(item(id, '2026-11-24T01:00:00Z'))
    assert.deepEqual(ids(recent.of('city')), ['11', '10', '9', '2'])
  })

  it('ignores an item it already holds and reports items too old to keep', () => {
    const recent = new RecentEvents(1)
    assert.equal(recent.add(item('a', '2026-11-24T01:00:00Z')), true)
    assert.equal(recent.add(item('a', '2026-11-24T01:00:00Z')), false)
    assert.equal(recent.add(item('old', '2026-11-20T01:00:00Z')), false)
    assert.deepEqual(ids(recent.of('city')), ['a'])
  })
})
