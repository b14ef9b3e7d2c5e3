import assert from 'node:assert/strict'
import { test } from 'vitest'
import { Continuity, RESYNC_RETRY_MS } from './continuity'

const iso = (ms: number) => new Date(ms).toISOString()

test('MULTI-5 batches of each origin in order are next; a repeat is a duplicate; a skipped number is a gap', () => {
  const c = new Continuity()
  assert.equal(c.batch('a', 7, 0), 'next', 'an origin starts wherever it is first seen')
  assert.equal(c.batch('b', 1, 0), 'next')
  assert.equal(c.batch('a', 8, 0), 'next')
  assert.equal(c.batch('a', 8, 0), 'duplicate')
  assert.equal(c.batch('a', 5, 0), 'duplicate')
  assert.equal(c.degraded(), null)
  assert.equal(c.batch('b', 3, 1000), 'gap')
  assert.deepEqual(c.degraded(), { since: iso(1000), reason: 'log_gap' })
  assert.equal(c.batch('b', 4, 1000), 'next')
})

test('LIVE-12 a lost log is degraded from its loss; no recount while it is away; one recount once it is back', () => {
  const c = new Continuity()
  c.logLost(5000)
  c.logLost(9000)
  assert.deepEqual(c.degraded(), { since: iso(5000), reason: 'log_unavailable' })
  assert.equal(c.takeResync(0), false)
  c.logRestored()
  assert.deepEqual(c.degraded(), { since: iso(5000), reason: 'resyncing' }, 'the episode keeps its start while its reason changes')
  assert.equal(c.takeResync(0), true)
  assert.equal(c.takeResync(0), false, 'one recount at a time')
  c.resyncEnded(true, 0)
  assert.equal(c.degraded(), null)
})

test('LIVE-12 pending publishes outrank a gap; the episode ends only when every reason has', () => {
  const c = new Continuity()
  c.publishFailing(100)
  c.batch('a', 1, 200)
  c.batch('a', 3, 300)
  assert.deepEqual(c.degraded(), { since: iso(100), reason: 'publish_pending' })
  assert.equal(c.takeResync(0), true)
  c.resyncEnded(true, 0)
  assert.deepEqual(c.degraded(), { since: iso(100), reason: 'publish_pending' })
  c.publishDrained()
  assert.equal(c.degraded(), null)
  c.publishFailing(900)
  assert.deepEqual(c.degraded(), { since: iso(900), reason: 'publish_pending' }, 'a new episode, a new start')
})

test('LIVE-12 a failed recount is due again; a gap found during a recount makes another one due', () => {
  const c = new Continuity()
  c.batch('a', 1, 0)
  c.batch('a', 5, 10)
  assert.equal(c.takeResync(0), true)
  c.resyncEnded(false, 0)
  assert.equal(c.degraded()?.reason, 'log_gap')
  assert.equal(c.takeResync(RESYNC_RETRY_MS - 1), false, 'not again at once: the database may be away too')
  assert.equal(c.takeResync(RESYNC_RETRY_MS), true)
  c.batch('a', 9, 20)
  c.resyncEnded(true, 0)
  assert.equal(c.degraded()?.reason, 'log_gap', 'the gap found meanwhile is not covered by the recount that was under way')
  assert.equal(c.takeResync(0), true)
  c.resyncEnded(true, 0)
  assert.equal(c.degraded(), null)
})
