import { test } from 'vitest'
import assert from 'node:assert/strict'
import { PerformanceFeed, type Fetch, type PerformanceState } from './performance-feed'

const answer = (median: number) => ({
  level: 'district',
  from: 'f',
  to: 't',
  rows: [{ code: '760', name: 'Quận 1', received: 3, resolved: 2, invalid: 0, median_hours: median, p90_hours: median, on_time_pct: 50, open: 1, overdue: 1, satisfaction: 4, ratings: 2 }],
  city: null,
})

function setup() {
  let now = Date.UTC(2026, 10, 24, 2, 41)
  const asked: string[] = []
  const replies: Array<() => Promise<{ ok: boolean; json(): Promise<unknown> }>> = []
  const fetch: Fetch = (path) => {
    asked.push(path)
    return replies.shift()!()
  }
  const states: PerformanceState[] = []
  const feed = new PerformanceFeed(fetch, () => now, (s) => states.push(s))
  const ok = (body: unknown) => replies.push(async () => ({ ok: true, json: async () => body }))
  return { feed, asked, states, ok, replies, tick: (ms: number) => (now += ms) }
}

test('WALL-6 figures with the time they were fetched; a failed ask keeps them, marked stale, until one succeeds', async () => {
  const { feed, states, ok, replies, tick } = setup()
  ok(answer(5))
  await feed.setLevel('district')
  assert.deepEqual([feed.state.answer?.rows[0]?.median_hours, feed.state.asOf, feed.state.stale], [5, Date.UTC(2026, 10, 24, 2, 41), false])
  tick(60_000)
  replies.push(async () => ({ ok: false, json: async () => ({ error: { code: 'unavailable' } }) }))
  await feed.refresh()
  assert.deepEqual([feed.state.answer?.rows[0]?.median_hours, feed.state.asOf, feed.state.stale], [5, Date.UTC(2026, 10, 24, 2, 41), true])
  tick(60_000)
  replies.push(async () => Promise.reject(new TypeError('Failed to fetch')))
  await feed.refresh()
  assert.equal(feed.state.stale, true)
  tick(60_000)
  ok(answer(7))
  await feed.refresh()
  assert.deepEqual([feed.state.answer?.rows[0]?.median_hours, feed.state.asOf, feed.state.stale], [7, Date.UTC(2026, 10, 24, 2, 44), false])
  assert.equal(states.at(-1), feed.state, 'every change is published')
})

test('WALL-6 before any success a failure is stale with nothing to show; a new level drops the old figures', async () => {
  const { feed, asked, ok, replies } = setup()
  replies.push(async () => ({ ok: true, json: async () => '<!doctype html>' }))
  await feed.setLevel('district')
  // Read through a function: deepEqual narrows what it is given, and the state moves on below.
  const state = () => feed.state
  assert.deepEqual(state(), { answer: null, asOf: null, stale: true })
  ok(answer(5))
  await feed.refresh()
  ok(answer(9))
  await feed.setLevel('ward')
  assert.match(asked.at(-1)!, /level=ward/)
  assert.equal(state().answer?.rows[0]?.median_hours, 9)
  await feed.setLevel('ward')
  assert.equal(asked.length, 3, 'the same level is not asked again at once')
})

test('WALL-6 an answer overtaken by a later ask is dropped', async () => {
  const { feed, ok, replies } = setup()
  let release!: () => void
  replies.push(() => new Promise((resolve) => (release = () => resolve({ ok: true, json: async () => answer(1) }))))
  const slow = feed.setLevel('district')
  ok(answer(2))
  await feed.refresh()
  release()
  await slow
  assert.equal(feed.state.answer?.rows[0]?.median_hours, 2)
})
