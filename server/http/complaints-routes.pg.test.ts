/**
 * The complaint lifecycle over HTTP on both drivers (LIFE-1…LIFE-5): changes one by one and as a
 * feed, exactly once, the clock's deadline, ratings — and every bad transition refused with its
 * reason while nothing changes.
 */
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { insertTestBoundaries, post, startTestServer, TEST_API_KEY } from '../../test/support/server'
import type { OpsWall } from '../app'

const NOW = new Date('2026-11-24T03:00:00Z')
const HOUR = 3_600_000
const at = (hoursAfterNow: number) => new Date(NOW.getTime() + hoursAfterNow * HOUR).toISOString()
const JSON_TYPE = { 'content-type': 'application/json' }
const NDJSON = { 'content-type': 'application/x-ndjson' }
const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n'

/** A flooding complaint (SLA 4 h in data/categories.json) received `hoursAgo` before NOW. */
const complaint = (sourceId: string, hoursAgo: number, patch: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  source_id: sourceId,
  occurred_at: at(-hoursAgo),
  lat: 10.75,
  lon: 106.68,
  text: 'Ngập sâu đường Lê Lợi',
  category: 'flooding',
  ...patch,
})

for (const driver of DRIVERS) {
  describe(`complaint lifecycle [${driver.name}]`, () => {
    let test: TestDatabase
    let server: OpsWall
    const clock = { now: () => NOW }

    beforeAll(async () => {
      test = await driver.create()
      await insertTestBoundaries(test.db)
      server = await startTestServer(test.db, { clock })
    })
    afterAll(async () => {
      await server?.close()
      await test?.drop()
    })
    beforeEach(async () => {
      await test.db.query('TRUNCATE event, rollup_minute CASCADE')
    })

    /** Ingests complaints; answers source_id → OpsWall id. */
    async function ingest(...events: Array<Record<string, unknown>>): Promise<Map<string, string>> {
      const res = await post(`${server.url}/api/v1/events`, ndjson(events), NDJSON)
      assert.equal(res.status, 200, await res.clone().text())
      const { rows } = await test.db.query<{ id: string; source_id: string }>('SELECT id::text AS id, source_id FROM event')
      return new Map(rows.map((r) => [r.source_id, r.id]))
    }
    const change = (id: string, body: unknown) => post(`${server.url}/api/v1/complaints/${id}/status`, JSON.stringify(body), JSON_TYPE)
    const rate = (id: string, body: unknown) => post(`${server.url}/api/v1/complaints/${id}/rating`, JSON.stringify(body), JSON_TYPE)
    const feed = (lines: unknown[]) => post(`${server.url}/api/v1/complaints/status`, ndjson(lines), NDJSON)
    const state = async (id: string) =>
      (await test.db.query<Record<string, unknown>>('SELECT status, due_at, clock_stopped_at, first_resolved_at, resolved_on_time, assigned_unit, rating FROM complaint WHERE event_id = $1', [id])).rows[0]!
    const history = async (id: string) =>
      (await test.db.query<{ status: string; at: Date; actor: string; note: string | null }>('SELECT status, at, actor, note FROM complaint_status_change WHERE event_id = $1 ORDER BY at, id', [id])).rows.map((r) => `${r.status}@${new Date(r.at).toISOString()}`)
    /** The complaint's whole record: what "nothing changes" is checked against. */
    const record = async (id: string) => JSON.stringify([await state(id), await history(id)])

    it('LIFE-1/2 walks received → assigned → in_progress → resolved → closed, keeping who, when and the note', async () => {
      const ids = await ingest(complaint('c1', 3))
      const id = ids.get('c1')!
      let res = await change(id, { status: 'assigned', at: at(-2), unit: 'W1', note: 'Giao UBND phường' })
      assert.equal(res.status, 200)
      assert.deepEqual(await res.json(), { id, status: 'assigned', at: at(-2), duplicate: false, due_at: at(1), overdue: false })
      assert.equal((await change(id, { status: 'in_progress', at: at(-1.5) })).status, 200)
      assert.equal((await change(id, { status: 'resolved', at: at(-1) })).status, 200)
      res = await change(id, { status: 'closed' }) // at defaults to now
      assert.equal(res.status, 200)
      assert.equal(((await res.json()) as { at: string }).at, NOW.toISOString())
      assert.deepEqual(await history(id), [`received@${at(-3)}`, `assigned@${at(-2)}`, `in_progress@${at(-1.5)}`, `resolved@${at(-1)}`, `closed@${at(0)}`])
      const s = await state(id)
      assert.equal(s.status, 'closed')
      assert.equal(s.assigned_unit, 'W1')
      assert.equal(new Date(s.first_resolved_at as string).toISOString(), at(-1), 'time to resolve ends at the first resolution')
      assert.equal(s.resolved_on_time, true)
      const { rows } = await test.db.query<{ actor: string; note: string | null }>("SELECT actor, note FROM complaint_status_change WHERE event_id = $1 AND status = 'assigned'", [id])
      assert.deepEqual(rows[0], { actor: 'test', note: 'Giao UBND phường' })
    })

    it('LIFE-3 a reopened complaint\'s clock runs on from where it stopped', async () => {
      const ids = await ingest(complaint('c2', 3)) // due at +1 h
      const id = ids.get('c2')!
      assert.equal((await change(id, { status: 'resolved', at: at(-2) })).status, 200) // 1 h used, 3 h left
      const res = await change(id, { status: 'reopened', at: at(-0.5) }) // stood still 1.5 h
      assert.deepEqual(((await res.json()) as { due_at: string }).due_at, at(2.5))
      const s = await state(id)
      assert.equal(s.clock_stopped_at, null)
      assert.equal(new Date(s.first_resolved_at as string).toISOString(), at(-2))
    })

    it('LIFE-2 a feed may skip steps forward, is applied exactly once, and reports each bad line', async () => {
      await ingest(complaint('f1', 10), complaint('f2', 10), complaint('f3', 1))
      const lines = [
        { source_id: 'f1', status: 'closed', at: at(-8) },
        { source: 'test', source_id: 'f2', status: 'assigned', at: at(-9), unit: 'W1' },
        { source_id: 'f2', status: 'resolved', at: at(-5) },
        { source_id: 'f3', status: 'closed', at: at(-2) }, // before it was received
        { source_id: 'nope', status: 'closed', at: at(-1) },
        { source_id: 'f1', status: 'done', at: at(-1) },
        { source: 'social', source_id: 'f1', status: 'closed', at: at(-1) },
      ]
      let res = await feed(lines)
      assert.equal(res.status, 200)
      const body = (await res.json()) as { applied: number; duplicates: number; rejected: Array<{ line: number; field: string; reason: string }> }
      assert.equal(body.applied, 3)
      assert.equal(body.duplicates, 0)
      assert.deepEqual(body.rejected.map((r) => [r.line, r.field]), [[4, 'at'], [5, 'source_id'], [6, 'status'], [7, 'source']])
      assert.match(body.rejected[0]!.reason, /before the complaint was received/)
      assert.match(body.rejected[1]!.reason, /no complaint "nope"/)
      const before = await test.db.query('SELECT count(*)::int AS n FROM complaint_status_change')
      res = await feed(lines.slice(0, 3))
      assert.deepEqual(await res.json(), { applied: 0, duplicates: 3, rejected: [] })
      assert.deepEqual((await test.db.query('SELECT count(*)::int AS n FROM complaint_status_change')).rows, before.rows)
    })

    it('LIFE-5 a complaint ingested closed, with its closed_at, gets its history; one closed before it was received is kept as invalid', async () => {
      const ids = await ingest(complaint('i1', 5, { status: 'closed', closed_at: at(-1) }), complaint('i2', 5, { status: 'closed', closed_at: at(-50) }))
      assert.deepEqual(await history(ids.get('i1')!), [`received@${at(-5)}`, `closed@${at(-1)}`])
      const valid = await state(ids.get('i1')!)
      assert.equal(valid.resolved_on_time, true)
      const invalid = await state(ids.get('i2')!)
      assert.equal(new Date(invalid.first_resolved_at as string).toISOString(), at(-50))
      assert.equal(invalid.resolved_on_time, null)
    })

    it('LIFE-4 a rating is taken once, only after resolution, 1 to 5', async () => {
      const ids = await ingest(complaint('r1', 3))
      const id = ids.get('r1')!
      let res = await rate(id, { score: 4 })
      assert.equal(res.status, 409)
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /received: it can be rated once it is resolved or closed/)
      await change(id, { status: 'resolved', at: at(-1) })
      for (const score of [0, 6, 2.5, '5']) {
        res = await rate(id, { score })
        assert.equal(res.status, 400, String(score))
        assert.equal(((await res.json()) as { error: { field: string } }).error.field, 'score')
      }
      res = await rate(id, { score: 5, comment: 'Xử lý nhanh' })
      assert.equal(res.status, 201)
      res = await rate(id, { score: 1 })
      assert.equal(res.status, 409)
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /already rated/)
      assert.equal((await state(id)).rating, 5)
      assert.equal((await rate('999999', { score: 3 })).status, 404)
    })

    it('refuses every bad transition with its reason, and nothing changes', async () => {
      const ids = await ingest(complaint('b1', 3))
      const id = ids.get('b1')!
      await change(id, { status: 'resolved', at: at(-1) })
      const before = await record(id)
      const cases: Array<[string, unknown, number, string, RegExp]> = [
        [id, { status: 'received' }, 409, 'status', /cannot go back to received/],
        [id, { status: 'in_progress' }, 409, 'status', /resolved → in_progress goes back/],
        [id, { status: 'rejected' }, 409, 'status', /cannot be rejected; reopen it first/],
        [id, { status: 'closed', at: at(-4) }, 409, 'at', /before the complaint was received/],
        [id, { status: 'closed', at: at(-2) }, 409, 'at', /before the complaint's last change/],
        [id, { status: 'closed', at: at(1) }, 409, 'at', /in the future/],
        [id, { status: 'finished' }, 400, 'status', /"finished" is not one of received, assigned/],
        [id, {}, 400, 'status', /is required/],
        [id, { status: 'closed', at: 'yesterday' }, 400, 'at', /ISO 8601/],
        [id, { status: 'closed', when: at(0) }, 400, 'when', /not a field/],
        ['424242', { status: 'closed' }, 404, 'id', /no complaint 424242/],
        ['abc', { status: 'closed' }, 404, 'id', /no complaint "abc"/],
      ]
      for (const [target, body, status, field, reason] of cases) {
        const res = await change(target, body)
        const error = ((await res.json()) as { error: { field?: string; message: string } }).error
        assert.equal(res.status, status, JSON.stringify(body))
        assert.equal(error.field ?? 'id', field, JSON.stringify(body))
        assert.match(error.message, reason, JSON.stringify(body))
      }
      assert.equal(await record(id), before)
      const other = (await ingest(complaint('b2', 3))).get('b2')!
      const res = await change(other, { status: 'assigned' })
      assert.equal(res.status, 400)
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /unit.*|is required with status assigned/)
    })

    it('needs an API key, and a feed needs NDJSON', async () => {
      const ids = await ingest(complaint('k1', 1))
      let res = await fetch(`${server.url}/api/v1/complaints/${ids.get('k1')}/status`, { method: 'POST', body: '{"status":"closed"}', headers: JSON_TYPE })
      assert.equal(res.status, 403)
      res = await post(`${server.url}/api/v1/complaints/status`, '[]', { ...JSON_TYPE, 'x-api-key': TEST_API_KEY })
      assert.equal(res.status, 415)
    })
  })
}
