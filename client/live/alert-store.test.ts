import { describe, expect, it } from 'vitest'
import type { SpikeAlert } from '../../server/core/spikes'
import { AlertStore } from './alert-store'

const T0 = Date.parse('2026-11-25T08:00:00Z')
const MIN = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

function alert(id: string, over: Partial<SpikeAlert> = {}): SpikeAlert {
  return {
    id,
    place: { kind: 'unit', code: id, name: `Phường ${id}`, level: 'ward' },
    layer: 'complaints',
    category: 'flooding',
    count: 20,
    peak: 20,
    baseline: 2,
    ratio: 10,
    windowMinutes: 30,
    startedAt: iso(T0),
    updatedAt: iso(T0),
    state: 'raised',
    sentence: { vi: `Phản ánh ngập nước tăng đột biến tại ${id}`, en: `Flooding complaints spiking in ${id}` },
    ...over,
  }
}

describe('AlertStore', () => {
  it('keeps one entry per alert id, the latest state of it', () => {
    const store = new AlertStore()
    store.accept(alert('a'), T0)
    store.accept(alert('a', { state: 'updated', count: 30, ratio: 15, updatedAt: iso(T0 + MIN) }), T0 + MIN)
    expect(store.alerts.map((a) => [a.id, a.state, a.count])).toEqual([['a', 'updated', 30]])
  })

  it('ignores an update older than the one held (events crossing on the way)', () => {
    const store = new AlertStore()
    store.accept(alert('a', { state: 'updated', count: 30, updatedAt: iso(T0 + 2 * MIN) }), T0)
    expect(store.accept(alert('a', { state: 'updated', count: 25, updatedAt: iso(T0 + MIN) }), T0)).toBe(false)
    expect(store.alerts[0]!.count).toBe(30)
  })

  it('orders active alerts by ratio, then newest, and cleared ones after them', () => {
    const store = new AlertStore()
    store.accept(alert('old-small', { ratio: 5 }), T0)
    store.accept(alert('new-small', { ratio: 5, startedAt: iso(T0 + MIN) }), T0)
    store.accept(alert('big', { ratio: 12 }), T0)
    store.accept(alert('done', { ratio: 30, state: 'cleared', clearedAt: iso(T0) }), T0)
    expect(store.alerts.map((a) => a.id)).toEqual(['big', 'new-small', 'old-small', 'done'])
  })

  it('lets a cleared alert go after the keep time, and keeps active ones', () => {
    const store = new AlertStore(5 * MIN)
    store.accept(alert('a'), T0)
    store.accept(alert('b', { state: 'cleared', clearedAt: iso(T0), updatedAt: iso(T0) }), T0)
    expect(store.prune(T0 + 4 * MIN)).toBe(false)
    expect(store.alerts).toHaveLength(2)
    expect(store.prune(T0 + 5 * MIN)).toBe(true)
    expect(store.alerts.map((a) => a.id)).toEqual(['a'])
  })

  it('drops a malformed event', () => {
    const store = new AlertStore()
    expect(store.accept({ id: 7 } as unknown as SpikeAlert, T0)).toBe(false)
    expect(store.alerts).toEqual([])
  })
})
