/**
 * The embedded driver never leaves a caller waiting for ever: a query that does not answer in
 * time fails as "unavailable", and so does every query once the worker died — which the driver
 * reports to its owner, once.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import { createPgliteDatabase, EMBEDDED_STOPPED, QUERY_TIMED_OUT, type DatabaseError, type EmbeddedDatabase } from './pglite-driver'
import { isDatabaseUnavailable } from './unavailable'
import { waitFor } from '../../test/support/wait'

let db: EmbeddedDatabase
const stops: DatabaseError[] = []
beforeAll(() => {
  db = createPgliteDatabase({ queryTimeoutMs: 2_000, onStopped: (error) => stops.push(error) })
})
afterAll(() => db?.close())

test('a query that outlives the timeout rejects with query_canceled, which answers 503; the database goes on', async () => {
  // Starting PGlite + PostGIS takes longer than this short timeout: ask until it has started.
  await waitFor(() => db.query('SELECT 1').then(() => true, () => false), 60_000, 'the embedded database to start')
  const error = await db.query('SELECT pg_sleep(4)').then(
    () => null,
    (e: unknown) => e,
  )
  assert.equal((error as { code?: string } | null)?.code, QUERY_TIMED_OUT)
  assert.equal(isDatabaseUnavailable(error), true)
  // The worker finishes the slow query in its own time, then answers again.
  await waitFor(() => db.query<{ n: number }>('SELECT 41 + 1 AS n').then((r) => r.rows[0]?.n === 42, () => false), 30_000, 'the database to answer again')
})

test('a worker that dies rejects what was pending and everything after as unavailable, and is reported to the owner once', async () => {
  await waitFor(() => db.query('SELECT 1').then(() => true, () => false), 60_000, 'the embedded database to start')
  const pending = db.query('SELECT pg_sleep(1.5)').then(
    () => null,
    (e: unknown) => e as DatabaseError,
  )
  await db.injectWorkerCrash()
  const error = await pending
  assert.equal(error?.code, EMBEDDED_STOPPED)
  assert.equal(isDatabaseUnavailable(error), true)
  const later = await db.query('SELECT 1').then(() => null, (e: unknown) => e as DatabaseError)
  assert.equal(later?.code, EMBEDDED_STOPPED)
  assert.deepEqual(stops.map((e) => e.code), [EMBEDDED_STOPPED])
  assert.match(stops[0]!.message, /the embedded database stopped .* restart OpsWall/)
})
