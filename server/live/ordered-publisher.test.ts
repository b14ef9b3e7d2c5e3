/**
 * MULTI-5: committed batches reach the shared log in commit order, numbered, each once it is
 * appended, whatever fails in between. The log here is an array whose append fails on demand
 * (Redis failing is proved in test/faults/redis-down.pg.test.ts).
 */
import assert from 'node:assert/strict'
import { test } from 'vitest'
import type { BatchEntry } from './log-entry'
import { OrderedPublisher } from './ordered-publisher'
import { waitFor } from '../../test/support/wait'

function flakyLog() {
  const appended: BatchEntry[] = []
  const state = { failures: 0, attempts: 0 }
  return {
    appended,
    state,
    append: async (entry: BatchEntry) => {
      state.attempts++
      await Promise.resolve()
      if (state.failures > 0) {
        state.failures--
        throw new Error('log away')
      }
      appended.push(entry)
    },
  }
}

const batch = (committedAt: number) => ({ committedAt, events: [] })

test('MULTI-5 batches are numbered 1, 2, 3… and a failed append is retried before anything after it', async () => {
  const log = flakyLog()
  const told: string[] = []
  const publisher = new OrderedPublisher({
    origin: 'node-a',
    append: log.append,
    retryMs: 1,
    maxRetryMs: 4,
    maxQueued: 100,
    onFailing: () => told.push('failing'),
    onDrained: () => told.push('drained'),
    onDropped: () => told.push('dropped'),
  })
  publisher.publish(batch(1))
  await waitFor(() => log.appended.length === 1, 2000, 'the first append')
  log.state.failures = 5
  for (let t = 2; t <= 6; t++) publisher.publish(batch(t))
  assert.equal(publisher.pending, 5)
  await waitFor(() => publisher.pending === 0, 2000, 'the retries to drain the queue')
  assert.deepEqual(
    log.appended.map((e) => [e.origin, e.n, e.committedAt]),
    [1, 2, 3, 4, 5, 6].map((n) => ['node-a', n, n]),
    'in order, each once',
  )
  assert.deepEqual(told, ['failing', 'drained'], 'one episode: told when it starts and when every batch is in')
  assert.equal(log.state.attempts, 6 + 5)
  await publisher.close()
})

test('MULTI-5 past the bound the oldest waiting batches are dropped (never the one in flight), and numbering goes on so readers see the gap', async () => {
  const log = flakyLog()
  const dropped: number[] = []
  const publisher = new OrderedPublisher({
    origin: 'node-a',
    append: log.append,
    retryMs: 1,
    maxRetryMs: 2,
    maxQueued: 3,
    onFailing: () => undefined,
    onDrained: () => undefined,
    onDropped: (n) => dropped.push(n),
  })
  log.state.failures = 1_000_000
  for (let t = 1; t <= 6; t++) publisher.publish(batch(t))
  assert.equal(publisher.pending, 3)
  assert.deepEqual(dropped, [1, 1, 1])
  log.state.failures = 0
  await waitFor(() => publisher.pending === 0, 2000, 'the queue to drain')
  assert.deepEqual(log.appended.map((e) => e.n), [1, 5, 6])
  await publisher.close()
})

test('close stops retrying: nothing is appended after it', async () => {
  const log = flakyLog()
  const publisher = new OrderedPublisher({ origin: 'a', append: log.append, retryMs: 60_000, maxRetryMs: 60_000, maxQueued: 10, onFailing: () => undefined, onDrained: () => undefined, onDropped: () => undefined })
  log.state.failures = 1
  publisher.publish(batch(1))
  await waitFor(() => log.state.attempts === 1, 2000, 'the failed attempt')
  await publisher.close()
  assert.equal(log.state.attempts, 1, 'close does not wait the minute out, nor append once more')
  assert.deepEqual(log.appended, [])
})
