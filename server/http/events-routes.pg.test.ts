import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { insertTestBoundaries, post, startTestServer, TEST_API_KEY } from '../../test/support/server'
import type { OpsWall } from '../app'
import type { StoredEvent } from '../ingest/stored-event'

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n'
const NDJSON = { 'content-type': 'application/x-ndjson' }
const JSON_TYPE = { 'content-type': 'application/json' }
/** Another producer of the same server: its key writes as "social". */
const SOCIAL_KEY = 'social-producer-key-0001'

function event(id: string, patch: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    source: 'hotline-1022',
    source_id: id,
    occurred_at: new Date(Date.now() - 60_000).toISOString(),
    lat: 10.75,
    lon: 106.68,
    text: 'Đường Lê Lợi ngập sâu sau cơn mưa',
    category: 'flooding',
    ...patch,
  }
}

for (const driver of DRIVERS) {
  describe(`POST /api/v1/events [${driver.name}]`, () => {
    let test: TestDatabase
    let server: OpsWall
    let url: string
    const announced: StoredEvent[] = []

    beforeAll(async () => {
      test = await driver.create()
      await insertTestBoundaries(test.db)
      server = await startTestServer(test.db, { producers: { 'hotline-1022': TEST_API_KEY, social: SOCIAL_KEY } })
      server.ingestor.onCommitted((batch) => announced.push(...batch))
      url = `${server.url}/api/v1/events`
    })
    afterAll(async () => {
      await server?.close()
      await test?.drop()
    })
    beforeEach(async () => {
      await test.db.query('TRUNCATE event, rollup_minute CASCADE')
      announced.length = 0
    })

    const count = async (sql = 'SELECT count(*)::int AS n FROM event') => (await test.db.query<{ n: number }>(sql)).rows[0]!.n

    it('stores NDJSON events enriched with H3 cells, units (every level, top down) and precision', async () => {
      const res = await post(url, ndjson([event('a'), event('b', { kind: 'mention', lat: 10.79, lon: 106.72, category: undefined }), event('c', { lat: undefined, lon: undefined })]), NDJSON)
      assert.equal(res.status, 200)
      assert.deepEqual(await res.json(), { accepted: 3, duplicates: 0, rejected: [] })
      const rows = (await test.db.query<Record<string, unknown>>(`SELECT event.source_id, event.units, event.precision, event.out_of_area, event.cell_r6, event.cell_r9, complaint.status FROM event LEFT JOIN complaint ON complaint.event_id = event.id ORDER BY event.source_id`)).rows
      assert.deepEqual(rows.map((r) => [r.source_id, r.units, r.precision, r.out_of_area]), [
        ['a', ['D1', 'W1'], 'point', false],
        ['b', ['D1'], 'point', false],
        ['c', [], 'unknown', false],
      ])
      assert.deepEqual(announced.map((e) => JSON.stringify([e.units, e.precision])).sort(), ['[["D1","W1"],"point"]', '[["D1"],"point"]', '[[],"unknown"]'])
      assert.match(String(rows[0]!.cell_r9), /^89[0-9a-f]{13}$/)
      assert.match(String(rows[0]!.cell_r6), /^86[0-9a-f]{13}$/)
      assert.equal(rows[0]!.status, 'received')
      assert.equal(rows[1]!.status, null)
    })

    it('keeps an event outside every boundary and flags it out of area', async () => {
      const res = await post(url, ndjson([event('nyc', { lat: 40.7128, lon: -74.006 })]), NDJSON)
      assert.equal(res.status, 200)
      const row = (await test.db.query<Record<string, unknown>>(`SELECT out_of_area, units, precision FROM event`)).rows[0]!
      assert.deepEqual(row, { out_of_area: true, units: [], precision: 'point' })
    })

    it('locates an event by a unit code when it has no point, and rejects an unknown unit', async () => {
      const res = await post(url, ndjson([event('u1', { lat: undefined, lon: undefined, unit: 'W1' }), event('u2', { lat: undefined, lon: undefined, unit: 'NOPE' })]), NDJSON)
      const body = await res.json()
      assert.equal(body.accepted, 1)
      assert.deepEqual(body.rejected, [{ line: 2, field: 'unit', reason: '"NOPE" is not a known boundary code (GET /api/v1/boundaries lists them)' }])
      const row = (await test.db.query<Record<string, unknown>>(`SELECT precision, units FROM event`)).rows[0]!
      assert.deepEqual(row, { precision: 'ward', units: ['D1', 'W1'] }, 'the unit and its ancestors; precision names its level')
      const rollup = (await test.db.query<Record<string, unknown>>(`SELECT cell, units, count FROM rollup_minute`)).rows
      assert.deepEqual(rollup, [{ cell: '', units: ['D1', 'W1'], count: 1 }])
    })

    it('accepts a JSON array and a single JSON object', async () => {
      let res = await post(url, JSON.stringify([event('j1'), event('j2')]), JSON_TYPE)
      assert.deepEqual(await res.json(), { accepted: 2, duplicates: 0, rejected: [] })
      res = await post(url, JSON.stringify(event('j3')), JSON_TYPE)
      assert.deepEqual(await res.json(), { accepted: 1, duplicates: 0, rejected: [] })
      assert.equal(await count(), 3)
    })

    it('ING-4 values PostgreSQL would refuse are rejected per line, and the good lines around them are stored', async () => {
      // Written as text: this side's JSON.stringify would overflow its own stack on 6,000 levels.
      const deep = JSON.stringify(event('pg-deep', { attributes: 'DEEP' })).replace('"DEEP"', '{"next":'.repeat(6000) + '{}' + '}'.repeat(6000))
      const lines = [
        event('pg-ok-1'),
        event('pg-nul', { text: 'ngập\u0000nước' }),
        event('pg-year0', { occurred_at: '0000-01-01T00:00:00Z' }),
        null,
        event('pg-surrogate', { address: '\uD800 Lê Lợi' }),
        event('pg-ok-2'),
      ].map((e) => (e === null ? deep : JSON.stringify(e)))
      const res = await post(url, lines.join('\n') + '\n', NDJSON)
      assert.equal(res.status, 200)
      const body = (await res.json()) as { accepted: number; rejected: Array<{ line: number; field: string }> }
      assert.equal(body.accepted, 2)
      assert.deepEqual(body.rejected.map((r) => [r.line, r.field]), [[2, 'text'], [3, 'occurred_at'], [4, 'attributes'], [5, 'address']])
      assert.equal(await count(`SELECT count(*)::int AS n FROM event WHERE source_id LIKE 'pg-%'`), 2)
    })

    it('stores and counts each (source, source_id) once, also across requests', async () => {
      const body = ndjson([event('d1'), event('d2'), event('d1')])
      assert.deepEqual(await (await post(url, body, NDJSON)).json(), { accepted: 2, duplicates: 1, rejected: [] })
      assert.deepEqual(await (await post(url, body, NDJSON)).json(), { accepted: 0, duplicates: 3, rejected: [] })
      assert.equal(await count(), 2)
      assert.equal(await count('SELECT sum(count)::int AS n FROM rollup_minute'), 2)
      assert.equal(announced.length, 2, 'duplicates are never announced to the live aggregator')
    })

    it('stores each event once when the same batch is retried concurrently', async () => {
      const body = ndjson(Array.from({ length: 300 }, (_, i) => event(`race-${i}`)))
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(url, body, NDJSON).then((r) => r.json())))
      assert.equal(answers.reduce((sum, a) => sum + a.accepted, 0), 300)
      assert.equal(answers.reduce((sum, a) => sum + a.duplicates, 0), 5 * 300)
      assert.equal(await count(), 300)
      assert.equal(await count('SELECT sum(count)::int AS n FROM rollup_minute'), 300)
    })

    it('stores the good lines and reports each bad one with line, field and reason', async () => {
      const lines = [
        JSON.stringify(event('ok-1')),
        '{"kind": "complaint", broken',
        JSON.stringify(event('bad-kind', { kind: 'tweet' })),
        JSON.stringify(event('no-date', { occurred_at: undefined })),
        JSON.stringify(event('swapped', { lat: 106.68, lon: 10.75 })),
        JSON.stringify(event('bad-date', { occurred_at: '24/11/2026 08:00' })),
        JSON.stringify(event('future', { occurred_at: new Date(Date.now() + 10 * 60_000).toISOString() })),
        JSON.stringify(event('long', { text: 'a'.repeat(4001) })),
        '',
        JSON.stringify(event('ok-2')),
        JSON.stringify(event('', {})),
      ]
      const res = await post(url, lines.join('\n'), NDJSON)
      assert.equal(res.status, 200)
      const body = await res.json()
      assert.equal(body.accepted, 2)
      assert.deepEqual(
        body.rejected.map((r: { line: number; field: string }) => [r.line, r.field]),
        [[2, '(line)'], [3, 'kind'], [4, 'occurred_at'], [5, 'lat'], [6, 'occurred_at'], [7, 'occurred_at'], [8, 'text'], [11, 'source_id']],
      )
      assert.match(body.rejected[0].reason, /not valid JSON/)
      assert.match(body.rejected[3].reason, /swapped/)
      assert.match(body.rejected[5].reason, /future/)
      assert.deepEqual((await test.db.query<{ source_id: string }>('SELECT source_id FROM event ORDER BY 1')).rows.map((r) => r.source_id), ['ok-1', 'ok-2'])
    })

    it('with ?atomic=true stores nothing when any line is rejected, and everything otherwise', async () => {
      let res = await post(`${url}?atomic=true`, ndjson([event('at-1'), event('at-2', { kind: 'x' }), event('at-3')]), NDJSON)
      assert.equal(res.status, 400)
      assert.deepEqual(await res.json(), { accepted: 0, duplicates: 0, rejected: [{ line: 2, field: 'kind', reason: '"x" is not complaint or mention' }] })
      assert.equal(await count(), 0)
      assert.equal(announced.length, 0)
      res = await post(`${url}?atomic=true`, ndjson([event('at-1'), event('at-3')]), NDJSON)
      assert.deepEqual(await res.json(), { accepted: 2, duplicates: 0, rejected: [] })
      assert.equal(announced.length, 2)
    })

    it('answers 400 when every line is rejected', async () => {
      const res = await post(url, ndjson([{ kind: 'complaint' }]), NDJSON)
      assert.equal(res.status, 400)
      assert.equal((await res.json()).rejected[0].field, 'source_id')
    })

    it('ING-8 files every line under the API key\'s source, whether the line omits it or states the same', async () => {
      const res = await post(url, ndjson([event('own-stated'), event('own-omitted', { source: undefined })]), NDJSON)
      assert.deepEqual(await res.json(), { accepted: 2, duplicates: 0, rejected: [] })
      const rows = (await test.db.query<{ source: string; source_id: string }>('SELECT source, source_id FROM event ORDER BY source_id')).rows
      assert.deepEqual(rows, [{ source: 'hotline-1022', source_id: 'own-omitted' }, { source: 'hotline-1022', source_id: 'own-stated' }])
    })

    it('ING-8 rejects, on its own line, an event stating another producer\'s source; its neighbours are stored and nothing is written under that source', async () => {
      const foreign = event('claimed', { source: 'social' })
      const res = await post(url, ndjson([event('before'), foreign, event('after')]), NDJSON)
      assert.equal(res.status, 200)
      assert.deepEqual(await res.json(), {
        accepted: 2,
        duplicates: 0,
        rejected: [{ line: 2, field: 'source', reason: '"social" is not this API key\'s source: it writes as "hotline-1022" — omit source or send "hotline-1022"' }],
      })
      const rows = (await test.db.query<{ source: string; source_id: string }>('SELECT source, source_id FROM event ORDER BY source_id')).rows
      assert.deepEqual(rows, [{ source: 'hotline-1022', source_id: 'after' }, { source: 'hotline-1022', source_id: 'before' }])
      assert.equal(await count('SELECT sum(count)::int AS n FROM rollup_minute'), 2)
      assert.equal(announced.length, 2)

      const atomic = await post(`${url}?atomic=true`, ndjson([event('atomic-own'), foreign]), NDJSON)
      assert.equal(atomic.status, 400)
      assert.deepEqual((await atomic.json()).rejected.map((r: { line: number; field: string }) => [r.line, r.field]), [[2, 'source']])
      assert.equal(await count(), 2, 'all or nothing: the whole atomic request stored nothing')

      // The same line from the producer whose source it names is its own, and is taken.
      const social = await post(url, ndjson([foreign]), { ...NDJSON, 'x-api-key': SOCIAL_KEY })
      assert.deepEqual(await social.json(), { accepted: 1, duplicates: 0, rejected: [] })
      assert.equal(await count(`SELECT count(*)::int AS n FROM event WHERE source = 'social'`), 1)
    })

    it('refuses a wrong content type, an empty body, a bad atomic flag and a missing key — storing nothing', async () => {
      let res = await post(url, ndjson([event('ct')]), { 'content-type': 'text/plain' })
      assert.equal(res.status, 415)
      assert.equal((await res.json()).error.field, 'content-type')
      res = await post(url, '', NDJSON)
      assert.equal(res.status, 400)
      assert.equal((await res.json()).error.code, 'empty_body')
      res = await post(`${url}?atomic=maybe`, ndjson([event('af')]), NDJSON)
      assert.equal(res.status, 400)
      assert.equal((await res.json()).error.field, 'atomic')
      res = await fetch(url, { method: 'POST', body: ndjson([event('nokey')]), headers: NDJSON })
      assert.equal(res.status, 403)
      res = await fetch(url, { method: 'POST', body: ndjson([event('badkey')]), headers: { ...NDJSON, 'x-api-key': 'wrong-key-000000' } })
      assert.equal(res.status, 403)
      res = await post(url, '{"broken": ', JSON_TYPE)
      assert.equal(res.status, 400)
      assert.equal((await res.json()).error.code, 'malformed_json')
      assert.equal(await count(), 0)
    })

    it('refuses a body over the limit with 413, declared or streamed', async () => {
      const big = 'x'.repeat(51 * 1024 * 1024)
      let res = await post(url, big, NDJSON)
      assert.equal(res.status, 413)
      assert.equal((await res.json()).error.field, 'body')
      // chunked, without Content-Length: counted while streaming
      const chunk = new TextEncoder().encode(ndjson([event('s')]).replace(/\n$/, '') + ' '.repeat(512 * 1024) + '\n')
      let sent = 0
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 120) controller.enqueue(chunk)
          else controller.close()
        },
      })
      res = await fetch(url, { method: 'POST', body: stream, headers: { ...NDJSON, 'x-api-key': TEST_API_KEY }, duplex: 'half' } as RequestInit)
      assert.equal(res.status, 413)
      const body = await res.json()
      assert.equal(body.error.code, 'body_too_large')
      assert.ok(body.accepted <= 1, 'the one distinct event is stored at most once')
      assert.ok(body.accepted + body.duplicates < 120, 'lines past the limit are not read')
    })

    it('ING-5 a line without end is refused on its own (read once, never held whole), and the lines after it are stored', async () => {
      const endless = 'z'.repeat(3 * 1024 * 1024)
      const res = await post(url, `${JSON.stringify(event('around-1'))}\n${endless}\n${JSON.stringify(event('around-2'))}\n`, NDJSON)
      assert.equal(res.status, 200)
      const body = (await res.json()) as { accepted: number; rejected: Array<{ line: number; field: string; reason: string }> }
      assert.equal(body.accepted, 2)
      assert.deepEqual(body.rejected.map((r) => [r.line, r.field]), [[2, '(line)']])
      assert.match(body.rejected[0]!.reason, /longer than/)
    })

    it('streams a large NDJSON body in several batches', async () => {
      const events = Array.from({ length: 12_000 }, (_, i) => event(`bulk-${i}`, { lat: 10.72 + (i % 100) * 0.001, kind: i % 3 ? 'mention' : 'complaint', category: i % 3 ? undefined : 'traffic' }))
      const res = await post(url, ndjson(events), NDJSON)
      assert.deepEqual(await res.json(), { accepted: 12_000, duplicates: 0, rejected: [] })
      assert.equal(await count(), 12_000)
      assert.equal(await count('SELECT sum(count)::int AS n FROM rollup_minute'), 12_000)
      assert.equal(announced.length, 12_000)
    })
  })
}
