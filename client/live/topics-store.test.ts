import { describe, expect, it } from 'vitest'
import type { TopicsUpdate } from '../../server/core/protocol'
import type { Topic } from '../../server/core/topics'
import { TopicsStore } from './topics-store'

const topic = (id: string, total: number): Topic => ({
  id,
  label: { vi: `Ngập nước · ${id}`, en: `Flooding · ${id}` },
  category: 'flooding',
  group: 'infrastructure',
  place: null,
  phrase: null,
  counts: { complaints: total, mentions: 0 },
  total,
  previous: 1,
  growth: total,
  samples: [],
  cells: [],
})
const event = (scope: string, topics: Topic[], period: string = 'today'): TopicsUpdate => ({ scope, period, at: '2026-11-25T08:00:00Z', topics }) as TopicsUpdate

describe('TopicsStore', () => {
  it("replaces the list with each event of the screen's scope, ten at most, in the server's order", () => {
    const store = new TopicsStore()
    store.accept(event('city', [topic('a', 5)]), 'city')
    const many = Array.from({ length: 12 }, (_, k) => topic(`t${k}`, 20 - k))
    expect(store.accept(event('city', many), 'city')).toBe(true)
    expect(store.topics.map((t) => t.id)).toEqual(many.slice(0, 10).map((t) => t.id))
    expect(store.at).toBe('2026-11-25T08:00:00Z')
  })

  it("drops a list of another scope (a peek) or another period", () => {
    const store = new TopicsStore()
    store.accept(event('city', [topic('a', 5)]), 'city')
    expect(store.accept(event('Q1', [topic('b', 9)]), 'city')).toBe(false)
    expect(store.accept(event('city', [topic('c', 9)], 'week'), 'city')).toBe(false)
    expect(store.topics.map((t) => t.id)).toEqual(['a'])
  })

  it('skips malformed items and forgets the list on clear', () => {
    const store = new TopicsStore()
    store.accept(event('city', [{ id: 1 } as unknown as Topic, topic('a', 5)]), 'city')
    expect(store.topics.map((t) => t.id)).toEqual(['a'])
    expect(store.clear()).toBe(true)
    expect(store.topics).toEqual([])
    expect(store.clear()).toBe(false)
  })
})
