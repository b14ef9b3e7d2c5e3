/** The storage contract: the same behaviour from PostgreSQL/PostGIS and from PGlite. */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { startTestServer } from '../../test/support/server'
import { listMigrations, migrate, pendingMigrations, splitStatements } from './migrate'

for (const driver of DRIVERS) {
  describe(`storage contract [${driver.name}]`, () => {
    let test: TestDatabase
    beforeAll(async () => (test = await driver.create()))
    afterAll(() => test?.drop())

    it('migrations are applied once and re-running them changes nothing', async () => {
      assert.deepEqual(await pendingMigrations(test.db), [])
      assert.deepEqual(await migrate(test.db), [])
      const versions = (await test.db.query<{ version: string }>('SELECT version FROM schema_migration ORDER BY 1')).rows.map((r) => r.version)
      assert.deepEqual(versions, listMigrations().map((m) => m.version))
    })

    it('runs PostGIS with VN-2000 and the spatial functions the product relies on', async () => {
      const row = (await test.db.query<{ lon: number; lat: number; valid: boolean }>(
        `SELECT ST_X(p) AS lon, ST_Y(p) AS lat,
                ST_IsValid(ST_MakeValid('POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))'::geometry)) AS valid
         FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(686000, 1191000), 3405), 4326) AS p) AS t`,
      )).rows[0]!
      assert.ok(Math.abs(row.lon - 106.70) < 0.02 && Math.abs(row.lat - 10.77) < 0.02, `VN-2000 point at ${row.lon}, ${row.lat}`)
      assert.equal(row.valid, true)
    })

    it('rolls a failed transaction back entirely', async () => {
      await assert.rejects(
        test.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO rollup_minute (minute, kind, cell, category, units, count) VALUES (now(), 'complaint', '', '', '{}', 1)`)
          assert.equal((await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM rollup_minute')).rows[0]!.n, 1, 'the row is there inside')
          await tx.query('SELECT no_such_function()')
        }),
      )
      assert.equal((await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rollup_minute')).rows[0]!.n, 0)
    })

    it('a COMMIT that fails rejects the transaction: the caller is never told its data was stored', async () => {
      await test.db.query('CREATE TABLE commit_probe (id int UNIQUE DEFERRABLE INITIALLY DEFERRED)')
      // A deferred constraint is checked at COMMIT: both inserts succeed, the COMMIT fails.
      await assert.rejects(
        test.db.transaction(async (tx) => {
          await tx.query('INSERT INTO commit_probe VALUES (1)')
          await tx.query('INSERT INTO commit_probe VALUES (1)')
        }),
        (error: { code?: string }) => error.code === '23505',
      )
      assert.equal((await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM commit_probe')).rows[0]!.n, 0)
      await test.db.query('DROP TABLE commit_probe')
    })

    it('answers /healthz and /readyz, and /readyz says when migrations are missing', async () => {
      const server = await startTestServer(test.db)
      try {
        assert.equal((await fetch(`${server.url}/healthz`)).status, 200)
        const ready = await fetch(`${server.url}/readyz`)
        assert.deepEqual(await ready.json(), { status: 'ready', driver: driver.name })
        await test.db.query(`DELETE FROM schema_migration`)
        const notReady = await fetch(`${server.url}/readyz`)
        assert.equal(notReady.status, 503)
        assert.match((await notReady.json()).reason, /migrations not applied: 001_init/)
      } finally {
        await test.db.query(`INSERT INTO schema_migration (version) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [listMigrations().map((m) => m.version)])
        await server.close()
      }
    })

    it('answers unknown API routes with a JSON 404', async () => {
      const server = await startTestServer(test.db)
      try {
        const res = await fetch(`${server.url}/api/v1/nothing`)
        assert.equal(res.status, 404)
        assert.equal((await res.json()).error.code, 'not_found')
      } finally {
        await server.close()
      }
    })
  })
}

describe('splitStatements', () => {
  it('splits on semicolons at line ends and drops comments', () => {
    assert.deepEqual(splitStatements('-- head\nCREATE TABLE a (x int);\n\nCREATE INDEX i ON a (x);\n'), ['CREATE TABLE a (x int)', 'CREATE INDEX i ON a (x)'])
  })
})
