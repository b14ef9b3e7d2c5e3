/**
 * A batch that fails while another is in flight (the database gone mid-request) is the request's
 * error, never an unhandled rejection: in Node that would end the server for every screen.
 */
import assert from 'node:assert/strict'
import { afterEach, test } from 'vitest'
import type { Database } from '../db/database'
import type { Ingestor } from './ingestor'
import { createIntake } from './intake'

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
process.on('unhandledRejection', onUnhandled)
afterEach(() => {
  unhandled.length = 0
})

const event = (n: number) => ({ kind: 'mention', source_id: `e-${n}`, occurred_at: '2026-11-24T08:00:00+07:00', text: 'x' })

test('ING-5 the second batch failing while the first is still storing rejects the request, and no rejection goes unhandled', async () => {
  let calls = 0
  const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
  // The first batch takes a while; the second fails at once, while the reader is still on the first.
  const ingestor = {
    ingest: async () => {
      calls++
      if (calls === 1) {
        await new Promise((resolve) => setImmediate(resolve))
        return { stored: [], duplicates: 0 }
      }
      throw lost
    },
  } as unknown as Ingestor
  const intake = createIntake({ db: {} as Database, ingestor, categories: new Set(), clock: { now: () => new Date('2026-11-24T03:00:00Z') }, batchRows: 1 })
  await assert.rejects(intake.ingestBatch('intake-test', [1, 2, 3, 4, 5].map(event)), (error) => error === lost)
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(unhandled, [])
  assert.ok(calls <= 3, `stopped reading after the failure (${calls} batches sent)`)
})
