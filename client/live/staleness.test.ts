import { test } from 'vitest'
import assert from 'node:assert/strict'
import { freshness, STALE_AFTER_MS } from './staleness'

const t0 = 1_700_000_000_000

test('fresh while messages keep arriving; N seconds ago is whole seconds since the last one', () => {
  const f = freshness({ now: t0 + 12_400, lastMessageAt: t0, connected: true, startedAt: t0 - 60_000 })
  assert.deepEqual(f, { stale: false, reason: null, since: t0, ageSeconds: 12, incomplete: null })
})

test('stale after 30 s of silence even though the socket is up, since the last message', () => {
  const f = freshness({ now: t0 + STALE_AFTER_MS, lastMessageAt: t0, connected: true, startedAt: t0 - 1 })
  assert.equal(f.stale, true)
  assert.equal(f.reason, 'silent')
  assert.equal(f.since, t0)
})

test('stale at once when the socket drops, and fresh again with the next message after reconnecting', () => {
  const down = freshness({ now: t0 + 1_000, lastMessageAt: t0, connected: false, startedAt: t0 - 10_000 })
  assert.deepEqual([down.stale, down.reason, down.since], [true, 'disconnected', t0])
  const back = freshness({ now: t0 + 90_000, lastMessageAt: t0 + 89_500, connected: true, startedAt: t0 - 10_000 })
  assert.equal(back.stale, false)
})

test('a page that never received anything is stale after a short grace period', () => {
  assert.equal(freshness({ now: t0 + 2_000, lastMessageAt: null, connected: false, startedAt: t0 }).stale, false)
  const f = freshness({ now: t0 + 6_000, lastMessageAt: null, connected: false, startedAt: t0 })
  assert.deepEqual([f.stale, f.ageSeconds], [true, null])
})

test('stale while a subscription goes unanswered, even with heartbeats arriving on an open socket', () => {
  const f = freshness({ now: t0 + 1_000, lastMessageAt: t0 + 900, connected: true, startedAt: t0 - 10_000, unanswered: true })
  assert.deepEqual([f.stale, f.reason], [true, 'unanswered'])
  const answered = freshness({ now: t0 + 1_000, lastMessageAt: t0 + 900, connected: true, startedAt: t0 - 10_000, unanswered: false })
  assert.equal(answered.stale, false)
})

test('LIVE-12 fresh but incomplete while the server says its counts may miss events; stale outranks it', () => {
  const degraded = { since: new Date(t0 - 3_000).toISOString(), reason: 'log_unavailable' as const }
  const f = freshness({ now: t0 + 1_000, lastMessageAt: t0 + 900, connected: true, startedAt: t0 - 10_000, degraded })
  assert.deepEqual([f.stale, f.incomplete], [false, { since: t0 - 3_000, reason: 'log_unavailable' }])
  const silent = freshness({ now: t0 + STALE_AFTER_MS, lastMessageAt: t0, connected: true, startedAt: t0 - 10_000, degraded })
  assert.deepEqual([silent.stale, silent.reason, silent.incomplete], [true, 'silent', null])
  assert.equal(freshness({ now: t0 + 1_000, lastMessageAt: t0 + 900, connected: true, startedAt: t0 - 10_000, degraded: null }).incomplete, null)
})
