import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { Delta, Snapshot } from '../../server/core/protocol'
import { LiveSession } from './session'

const snap = (subscription: string, seq: number) => ({ subscription, seq }) as Snapshot
const delta = (subscription: string, seq: number): Delta => ({ subscription, seq, at: '', upserts: [], removals: [] })

test('deltas apply in seq order; duplicates and other subscriptions are ignored', () => {
  const s = new LiveSession()
  s.beginSubscribe()
  assert.deepEqual(s.acceptSnapshot(snap('a', 10)), [])
  assert.equal(s.judgeDelta(delta('a', 11)), 'apply')
  assert.equal(s.judgeDelta(delta('a', 11)), 'ignore')
  assert.equal(s.judgeDelta(delta('b', 12)), 'ignore')
  assert.equal(s.judgeDelta(delta('a', 12)), 'apply')
  assert.deepEqual(s.resumePoint(), { subscription: 'a', seq: 12 })
})

test('a missing seq is a gap: the client must fetch a fresh snapshot', () => {
  const s = new LiveSession()
  s.beginSubscribe()
  s.acceptSnapshot(snap('a', 1))
  assert.equal(s.judgeDelta(delta('a', 3)), 'gap')
})

test('deltas that overtake the snapshot are buffered and replayed after it, old ones dropped', () => {
  const s = new LiveSession()
  s.beginSubscribe()
  assert.equal(s.judgeDelta(delta('a', 6)), 'buffered')
  assert.equal(s.judgeDelta(delta('a', 5)), 'buffered')
  assert.equal(s.judgeDelta(delta('a', 4)), 'buffered')
  const follow = s.acceptSnapshot(snap('a', 4))
  assert.deepEqual(follow.map((d) => d.seq), [5, 6])
  assert.equal(s.judgeDelta(delta('a', 7)), 'apply')
})

test('a resume answer continues from the last applied seq; one that does not fit asks for a snapshot', () => {
  const s = new LiveSession()
  s.beginSubscribe()
  s.acceptSnapshot(snap('a', 3))
  assert.equal(s.judgeDelta(delta('a', 4)), 'apply')
  s.beginSubscribe()
  assert.equal(s.judgeDelta(delta('a', 9)), 'buffered')
  assert.deepEqual(s.acceptResumed({ subscription: 'a', fromSeq: 4, seq: 8 })?.map((d) => d.seq), [9])
  assert.equal(s.seq, 9)
  s.beginSubscribe()
  assert.equal(s.acceptResumed({ subscription: 'a', fromSeq: 2, seq: 12 }), null)
  assert.equal(s.resumePoint(), undefined)
})
