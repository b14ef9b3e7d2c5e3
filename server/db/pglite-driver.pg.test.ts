/** The embedded driver never leaves a caller waiting for ever: a query that does not answer in time fails as "unavailable". */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import type { Database } from './database'
import { createPgliteDatabase, QUERY_TIMED_OUT } from './pglite-driver'
import { isDatabaseUnavailable } from './unavailable'
import { waitFor } from '../../test/support/wait'

let db: Database
beforeAll(() => {
  db = createPgliteDatabase({ queryTimeoutMs: 2_000 })
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
