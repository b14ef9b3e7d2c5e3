import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { nycCategory, nycInstant, readNyc311 } from '../../test/support/nyc311'
import { insertTestBoundaries, startTestServer, TEST_API_KEY } from '../../test/support/server'
import type { OpsWall } from '../app'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
/** A second producer of the same server: its key writes as "nyc311". */
const NYC_KEY = 'nyc311-producer-key-0001'

function form(fields: Record<string, string | undefined>) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, v)
  return body.toString()
}

for (const driver of DRIVERS) {
  describe(`Open311 GeoReport v2 [${driver.name}]`, () => {
    let test: TestDatabase
    let server: OpsWall
    let base: string

    beforeAll(async () => {
      test = await driver.create()
      await insertTestBoundaries(test.db)
      server = await startTestServer(test.db, { producers: { test: TEST_API_KEY, nyc311: NYC_KEY } })
      base = `${server.url}/open311/v2`
    })
    afterAll(async () => {
      await server?.close()
      await test?.drop()
    })
    beforeEach(() => test.db.query('TRUNCATE event, rollup_minute CASCADE'))

    const submit = (fields: Record<string, string | undefined>, headers: Record<string, string> = {}) =>
      fetch(`${base}/requests.json`, { method: 'POST', body: form({ api_key: TEST_API_KEY, ...fields }), headers: { ...FORM, ...headers } })

    it('discovery.json names this endpoint', async () => {
      const body = await (await fetch(`${base}/discovery.json`)).json()
      assert.equal(body.endpoints[0].url, base)
      assert.deepEqual(body.endpoints[0].formats, ['application/json'])
    })

    it('services.json lists the taxonomy in Vietnamese, or English on request', async () => {
      const vi = await (await fetch(`${base}/services.json`)).json()
      const flooding = vi.find((s: { service_code: string }) => s.service_code === 'flooding')
      assert.equal(flooding.service_name, 'Ngập nước')
      assert.equal(flooding.metadata, false)
      const en = await (await fetch(`${base}/services.json?locale=en`)).json()
      assert.equal(en.find((s: { service_code: string }) => s.service_code === 'flooding').service_name, 'Flooding')
      const bad = await fetch(`${base}/services.json?locale=fr`)
      assert.equal(bad.status, 400)
      assert.match((await bad.json())[0].description, /locale/)
    })

    it('POST (form) stores a complaint, answers its id, and never shows the personal fields', async () => {
      const res = await submit({ service_code: 'flooding', lat: '10.75', long: '106.68', description: 'Ngập sâu trước nhà số 12, gọi chị Hoa SĐT 0912 345 678', first_name: 'Lan', last_name: 'Nguyễn', phone: '0903123456', email: 'lan@example.com' })
      assert.equal(res.status, 201)
      const [created] = await res.json()
      assert.match(created.service_request_id, /^\d+$/)
      assert.match(created.service_notice, /4 h/)
      const [request] = await (await fetch(`${base}/requests/${created.service_request_id}.json`)).json()
      assert.equal(request.status, 'open')
      assert.equal(request.service_code, 'flooding')
      assert.equal(request.service_name, 'Ngập nước')
      assert.equal(request.lat, 10.75)
      assert.equal(request.long, 106.68)
      assert.equal(request.agency_responsible, 'D1')
      const shown = JSON.stringify(request)
      for (const secret of ['Lan', 'Nguyễn', '0903123456', 'lan@example.com', 'Hoa', '0912 345 678']) assert.ok(!shown.includes(secret), `${secret} leaked`)
      assert.match(request.description, /^Ngập sâu trước nhà số 12/)
      const stored = (await test.db.query<{ contact: Record<string, string> }>('SELECT contact FROM event')).rows[0]!
      assert.equal(stored.contact.phone, '0903123456', 'kept for the case handler, in the contact column only')
    })

    it('POST (JSON) with an Idempotency-Key stores once and answers the same id on retry', async () => {
      const send = () =>
        fetch(`${base}/requests.json`, {
          method: 'POST',
          body: JSON.stringify({ api_key: TEST_API_KEY, service_code: 'traffic', address_string: '12 Lê Lợi, Quận 1' }),
          headers: { 'content-type': 'application/json', 'idempotency-key': 'retry-1' },
        })
      const first = await send()
      const second = await send()
      assert.equal(first.status, 201)
      assert.equal(second.status, 200)
      assert.equal((await first.json())[0].service_request_id, (await second.json())[0].service_request_id)
      assert.equal((await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event')).rows[0]!.n, 1)
    })

    it('ING-8 the same (source, source_id) through Open311 (Idempotency-Key) and bulk NDJSON under one key is one event, whichever comes first', async () => {
      const bulk = (line: Record<string, unknown>, key = TEST_API_KEY) =>
        fetch(`${server.url}/api/v1/events`, {
          method: 'POST',
          body: JSON.stringify({ kind: 'complaint', occurred_at: new Date(Date.now() - 60_000).toISOString(), lat: 10.75, lon: 106.68, category: 'flooding', ...line }) + '\n',
          headers: { 'content-type': 'application/x-ndjson', 'x-api-key': key },
        }).then((res) => res.json())
      const open311 = (id: string) => submit({ service_code: 'flooding', lat: '10.75', long: '106.68' }, { 'idempotency-key': id })
      const rows = async (id: string) => (await test.db.query<{ id: string; source: string }>('SELECT id::text, source FROM event WHERE source_id = $1 ORDER BY source', [id])).rows

      // Open311 first, then the same record in a bulk feed: recognised, not stored again.
      const created = await open311('call-1')
      assert.equal(created.status, 201)
      const [{ service_request_id: firstId }] = await created.json()
      assert.deepEqual(await bulk({ source_id: 'call-1' }), { accepted: 0, duplicates: 1, rejected: [] })
      assert.deepEqual(await bulk({ source: 'test', source_id: 'call-1' }), { accepted: 0, duplicates: 1, rejected: [] })
      assert.deepEqual(await rows('call-1'), [{ id: firstId, source: 'test' }])

      // Bulk first, then Open311 with that id as its Idempotency-Key: answered with the stored event's id.
      assert.deepEqual(await bulk({ source_id: 'call-2' }), { accepted: 1, duplicates: 0, rejected: [] })
      const retried = await open311('call-2')
      assert.equal(retried.status, 200)
      const [stored] = await rows('call-2')
      assert.equal((await retried.json())[0].service_request_id, stored!.id)
      assert.equal((await rows('call-2')).length, 1)

      // Another producer cannot write under this one's source, even with a source_id it knows.
      const claimed = await bulk({ source: 'test', source_id: 'call-1', status: 'closed' }, NYC_KEY)
      assert.deepEqual(claimed.rejected.map((r: { field: string }) => r.field), ['source'])
      assert.equal(claimed.accepted + claimed.duplicates, 0)
      assert.deepEqual(await rows('call-1'), [{ id: firstId, source: 'test' }])
      const [request] = await (await fetch(`${base}/requests/${firstId}.json`)).json()
      assert.equal(request.status, 'open', 'the stored request is untouched')
    })

    it('POST errors: 403 without a valid key, 400 naming the field, nothing stored', async () => {
      const cases: Array<[Record<string, string | undefined>, number, RegExp]> = [
        [{ api_key: undefined, service_code: 'flooding', lat: '10.75', long: '106.68' }, 403, /api_key/],
        [{ api_key: 'not-a-real-key', service_code: 'flooding', lat: '10.75', long: '106.68' }, 403, /api_key/],
        [{ lat: '10.75', long: '106.68' }, 400, /service_code/],
        [{ service_code: 'potholes', lat: '10.75', long: '106.68' }, 400, /service_code/],
        [{ service_code: 'flooding' }, 400, /location is required/],
        [{ service_code: 'flooding', lat: '106.68', long: '10.75' }, 400, /lat: .*swapped/],
        [{ service_code: 'flooding', lat: '10.75', long: '999' }, 400, /long/],
        [{ service_code: 'flooding', lat: '10.75', long: '106.68', description: 'x'.repeat(4001) }, 400, /description/],
        [{ service_code: 'flooding', lat: '10.75', long: '106.68', requested_datetime: '2026-11-24 08:00' }, 400, /requested_datetime/],
      ]
      for (const [fields, status, description] of cases) {
        const res = await submit(fields)
        assert.equal(res.status, status, JSON.stringify(fields))
        const body = await res.json()
        assert.ok(Array.isArray(body) && body[0].code === status, 'errors in the GeoReport v2 shape')
        assert.match(body[0].description, description)
      }
      const wrongType = await fetch(`${base}/requests.json`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', 'x-api-key': TEST_API_KEY } })
      assert.equal(wrongType.status, 415)
      assert.equal((await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event')).rows[0]!.n, 0)
    })

    it('GET requests.json filters by id, service_code, dates and status, and pages', async () => {
      const at = (iso: string, code: string, id: string) => submit({ service_code: code, lat: '10.75', long: '106.68', requested_datetime: iso }, { 'idempotency-key': id })
      const ids: string[] = []
      for (const [iso, code, id] of [
        ['2026-11-20T08:00:00+07:00', 'flooding', 'r1'],
        ['2026-11-21T08:00:00+07:00', 'traffic', 'r2'],
        ['2026-11-22T08:00:00+07:00', 'flooding', 'r3'],
      ] as const) ids.push((await (await at(iso, code, id)).json())[0].service_request_id)
      await test.db.query(`UPDATE complaint SET status = 'closed', clock_stopped_at = status_at FROM event WHERE event.id = complaint.event_id AND event.source_id = 'r3'`)
      const get = async (query: string) => (await (await fetch(`${base}/requests.json?${query}`)).json()) as Array<{ service_request_id: string }>
      const idsOf = (rows: Array<{ service_request_id: string }>) => rows.map((r) => r.service_request_id)
      assert.deepEqual(idsOf(await get('')), [ids[2], ids[1], ids[0]], 'newest first')
      assert.deepEqual(idsOf(await get(`service_request_id=${ids[0]},${ids[2]}`)), [ids[2], ids[0]])
      assert.deepEqual(idsOf(await get('service_code=flooding')), [ids[2], ids[0]])
      assert.deepEqual(idsOf(await get('start_date=2026-11-21T00:00:00%2B07:00&end_date=2026-11-22T00:00:00%2B07:00')), [ids[1]])
      assert.deepEqual(idsOf(await get('status=closed')), [ids[2]])
      assert.deepEqual(idsOf(await get('status=open')), [ids[1], ids[0]])
      assert.deepEqual(idsOf(await get('page_size=2&page=2')), [ids[0]])
      for (const [query, field] of [['status=done', 'status'], ['start_date=yesterday', 'start_date'], ['page_size=5000', 'page_size'], ['service_request_id=abc', 'service_request_id']] as const) {
        const res = await fetch(`${base}/requests.json?${query}`)
        assert.equal(res.status, 400, query)
        assert.match((await res.json())[0].description, new RegExp(field))
      }
    })

    it('GET requests/{id}.json answers 404 for an unknown or malformed id', async () => {
      for (const id of ['999999', 'abc']) {
        const res = await fetch(`${base}/requests/${id}.json`)
        assert.equal(res.status, 404)
        assert.equal((await res.json())[0].code, 404)
      }
    })

    it('takes the 4,999 real NYC 311 records through Open311 POST and bulk NDJSON; re-sending adds nothing', async () => {
      const rows = readNyc311()
      assert.equal(rows.length, 4999)
      const fields = (r: (typeof rows)[number]) => ({
        service_code: nycCategory(r.complaint_type),
        lat: r.latitude || undefined,
        long: r.longitude || undefined,
        address_string: r.latitude ? undefined : `${r.incident_zip || ''} ${r.borough}`.trim() || 'New York',
        description: `${r.complaint_type}: ${r.descriptor}`,
        requested_datetime: nycInstant(r.created_date),
      })
      const postAll = async () => {
        const statuses: number[] = []
        for (let i = 0; i < rows.length; i += 50) {
          const slice = rows.slice(i, i + 50)
          statuses.push(...(await Promise.all(slice.map((r) => submit(fields(r), { 'idempotency-key': `nyc-${r.unique_key}` }).then((res) => res.status)))))
        }
        return statuses
      }
      const first = await postAll()
      assert.equal(first.filter((s) => s === 201).length, 4999)
      const again = await postAll()
      assert.equal(again.filter((s) => s === 200).length, 4999, 're-sent requests are recognised')
      const stored = async () => (await test.db.query<{ n: number; out: number; unknown: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE out_of_area)::int AS out, count(*) FILTER (WHERE precision = 'unknown')::int AS unknown FROM event`)).rows[0]!
      const afterOpen311 = await stored()
      assert.equal(afterOpen311.n, 4999)
      const withoutPoint = rows.filter((r) => !r.latitude).length
      assert.equal(afterOpen311.unknown, withoutPoint)
      assert.equal(afterOpen311.out, 4999 - withoutPoint, 'New York is outside every boundary: kept and flagged')

      // The same records as a bulk NDJSON feed from another producer (its own key and source): stored once more under that source, then never again.
      const ndjson = rows.map((r) => JSON.stringify({ kind: 'complaint', source: 'nyc311', source_id: r.unique_key, occurred_at: nycInstant(r.created_date), lat: r.latitude || undefined, lon: r.longitude || undefined, category: nycCategory(r.complaint_type), text: r.descriptor, status: r.status === 'Closed' ? 'closed' : 'open' })).join('\n')
      const bulk = () => fetch(`${server.url}/api/v1/events`, { method: 'POST', body: ndjson, headers: { 'content-type': 'application/x-ndjson', 'x-api-key': NYC_KEY } }).then((r) => r.json())
      assert.deepEqual(await bulk(), { accepted: 4999, duplicates: 0, rejected: [] })
      assert.deepEqual(await bulk(), { accepted: 0, duplicates: 4999, rejected: [] })
      assert.equal((await stored()).n, 2 * 4999)
    })
  })
}
