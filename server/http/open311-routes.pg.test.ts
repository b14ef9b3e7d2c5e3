import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { XMLParser } from 'fast-xml-parser'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { nycInstant, readNyc311 } from '../../test/support/nyc311'
import { insertTestBoundaries, startTestServer, TEST_API_KEY } from '../../test/support/server'
import type { OpsWall } from '../app'
import { loadTaxonomy } from '../categories-file'
import { mapExternalCategory } from '../core/categories'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
/** A second producer of the same server: its key writes as "nyc311". */
const NYC_KEY = 'nyc311-producer-key-0001'
const taxonomy = loadTaxonomy()
/** NYC's complaint type as our category, through the taxonomy's `nyc311` mapping (TAX-3). */
const nycCategory = (type: string) => mapExternalCategory(taxonomy, 'nyc311', type) ?? undefined

function form(fields: Record<string, string | undefined>) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, v)
  return body.toString()
}

/** GeoReport v2's list items, by element name: read as lists even when one is sent. */
const XML_ITEMS = new Set(['service', 'request', 'error', 'endpoint', 'format', 'attribute', 'value'])
const XML_ITEM_OF: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' }
const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (name) => XML_ITEMS.has(name) })

/** An XML answer as a standard parser reads it: its root element and content (the declaration aside). */
async function readXml(res: Response): Promise<[string, unknown]> {
  assert.match(res.headers.get('content-type') ?? '', /^text\/xml/)
  const parsed = xmlParser.parse(await res.text()) as Record<string, unknown>
  const roots = Object.keys(parsed).filter((key) => key !== '?xml')
  assert.equal(roots.length, 1, `one root element, got ${roots.join(', ')}`)
  return [roots[0]!, parsed[roots[0]!]]
}

/**
 * What the parser must read for a JSON answer, as GeoReport v2 writes it in XML: every value as
 * text, null as an empty element, a list as its items' elements (an empty list as an empty element).
 */
function asXmlText(value: unknown, item?: string): unknown {
  if (Array.isArray(value)) return value.length === 0 ? '' : { [item!]: value.map((v) => asXmlText(v)) }
  if (value === null) return ''
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, asXmlText(v, XML_ITEM_OF[k])]))
  return String(value)
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

    const changeStatus = (id: string, change: Record<string, string>) =>
      fetch(`${server.url}/api/v1/complaints/${id}/status`, { method: 'POST', body: JSON.stringify(change), headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY } }).then(async (res) => {
        assert.equal(res.status, 200, await res.clone().text())
      })

    const submit = (fields: Record<string, string | undefined>, headers: Record<string, string> = {}) =>
      fetch(`${base}/requests.json`, { method: 'POST', body: form({ api_key: TEST_API_KEY, ...fields }), headers: { ...FORM, ...headers } })

    it('discovery.json names this endpoint', async () => {
      const body = await (await fetch(`${base}/discovery.json`)).json()
      assert.equal(body.endpoints[0].url, base)
      assert.deepEqual(body.endpoints[0].formats, ['text/xml', 'application/json'])
      assert.equal(body.jurisdiction_id, 'hcmc.gov.vn')
    })

    it('services.json lists the taxonomy in Vietnamese, or English on request', async () => {
      const vi = await (await fetch(`${base}/services.json`)).json()
      const flooding = vi.find((s: { service_code: string }) => s.service_code === 'flooding')
      assert.equal(flooding.service_name, 'Ngập nước')
      assert.equal(flooding.metadata, true, 'flooding has attributes: services/flooding.json')
      assert.equal(flooding.group, 'Ngập nước')
      assert.equal(vi.find((s: { service_code: string }) => s.service_code === 'sidewalk').metadata, false)
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
      assert.equal(request.agency_responsible, 'Quận Một', 'unassigned: the top unit it lies in, by name')
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
      await changeStatus(ids[2]!, { status: 'closed' })
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

    it('OPEN311-2 services/{code}.json defines the service\'s attributes; an unknown code is 404', async () => {
      const res = await fetch(`${base}/services/flooding.json`)
      assert.equal(res.status, 200)
      const definition = await res.json()
      assert.equal(definition.service_code, 'flooding')
      assert.deepEqual(definition.attributes.map((a: { code: string; datatype: string; order: number }) => [a.code, a.datatype, a.order]), [['depth_cm', 'number', 1], ['water_level', 'singlevaluelist', 2]])
      assert.deepEqual(definition.attributes[1].values[0], { key: 'ankle', name: 'Mắt cá chân' })
      assert.equal((await (await fetch(`${base}/services/flooding.json?locale=en`)).json()).attributes[0].description, 'Water depth (cm)')
      assert.deepEqual(await (await fetch(`${base}/services/sidewalk.json`)).json(), { service_code: 'sidewalk', attributes: [] })
      for (const format of ['json', 'xml']) {
        const unknown = await fetch(`${base}/services/potholes.${format}`)
        assert.equal(unknown.status, 404)
        const description = format === 'json' ? (await unknown.json())[0].description : ((await readXml(unknown))[1] as { error: Array<{ description: string }> }).error[0]!.description
        assert.match(description, /no service "potholes" — GET services.json lists them/)
      }
    })

    it('OPEN311-4 POST checks attribute[code] against the definition: faults name the attribute, nothing is stored', async () => {
      const at = { service_code: 'flooding', lat: '10.75', long: '106.68' }
      const cases: Array<[Record<string, string>, string]> = [
        [{ 'attribute[depth]': '30' }, 'attribute[depth]: "depth" is not an attribute of flooding: its attributes are depth_cm, water_level (GET services/flooding.json)'],
        [{ 'attribute[depth_cm]': '30cm' }, 'attribute[depth_cm]: "30cm" is not a number'],
        [{ 'attribute[depth_cm]': '301' }, 'attribute[depth_cm]: 301 is outside 0…300'],
        [{ 'attribute[water_level]': 'neck' }, 'attribute[water_level]: "neck" is not one of ankle, knee, waist, above_waist'],
        [{ service_code: 'power', 'attribute[outage_started_at]': '08:30' }, 'attribute[outage_started_at]: "08:30" is not an ISO 8601 date-time such as 2026-11-24T08:30:00+07:00'],
      ]
      for (const [fields, description] of cases) {
        const res = await submit({ ...at, ...fields })
        assert.equal(res.status, 400, JSON.stringify(fields))
        assert.deepEqual(await res.json(), [{ code: 400, description }])
      }
      const json = await fetch(`${base}/requests.json`, {
        method: 'POST',
        body: JSON.stringify({ api_key: TEST_API_KEY, ...at, attribute: { depth_cm: 'deep' } }),
        headers: { 'content-type': 'application/json' },
      })
      assert.deepEqual([json.status, (await json.json())[0].description], [400, 'attribute[depth_cm]: "deep" is not a number'])
      assert.equal((await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event')).rows[0]!.n, 0)

      const ok = await submit({ ...at, 'attribute[depth_cm]': '45', 'attribute[water_level]': 'knee', media_url: 'https://example.org/ngap.jpg' })
      assert.equal(ok.status, 201)
      const form = new URLSearchParams({ api_key: TEST_API_KEY, service_code: 'illegal_dumping', lat: '10.75', long: '106.68' })
      form.append('attribute[waste_type][]', 'debris')
      form.append('attribute[waste_type][]', 'bulky')
      assert.equal((await fetch(`${base}/requests.json`, { method: 'POST', body: form.toString(), headers: FORM })).status, 201)
      const stored = (await test.db.query<{ category: string; attributes: Record<string, unknown> }>('SELECT category, attributes FROM event ORDER BY id')).rows
      assert.deepEqual(stored, [
        { category: 'flooding', attributes: { depth_cm: 45, water_level: 'knee', media_url: 'https://example.org/ngap.jpg' } },
        { category: 'illegal_dumping', attributes: { waste_type: ['debris', 'bulky'] } },
      ])
    })

    it('OPEN311-3 takes jurisdiction_id when it is the one served, on every route; another is refused with 404', async () => {
      const served = 'jurisdiction_id=hcmc.gov.vn'
      for (const path of ['discovery.json', 'services.json', 'services/flooding.json', 'requests.json', `discovery.xml?${served}`]) {
        assert.equal((await fetch(`${base}/${path}${path.includes('?') ? '' : `?${served}`}`)).status, 200, path)
      }
      assert.equal((await submit({ service_code: 'traffic', address_string: '12 Lê Lợi', jurisdiction_id: 'HCMC.gov.vn' })).status, 201)
      for (const path of ['discovery.json', 'services.json', 'services/flooding.json', 'requests.json', 'requests/1.json']) {
        const res = await fetch(`${base}/${path}?jurisdiction_id=nyc.gov`)
        assert.equal(res.status, 404, path)
        assert.deepEqual(await res.json(), [{ code: 404, description: 'jurisdiction_id: jurisdiction_id "nyc.gov" is not served here: this endpoint serves "hcmc.gov.vn" (or leave jurisdiction_id out)' }])
      }
      const refused = await submit({ service_code: 'traffic', address_string: '12 Lê Lợi', jurisdiction_id: 'nyc.gov' })
      assert.equal(refused.status, 404)
      const [root, errors] = await readXml(await fetch(`${base}/services.xml?jurisdiction_id=nyc.gov`))
      assert.equal(root, 'errors')
      assert.equal((errors as { error: Array<{ code: string }> }).error[0]!.code, '404')
      assert.equal((await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event')).rows[0]!.n, 1)
    })

    it('OPEN311-1 round trip in XML: discovery, services, a definition, POST and GET read by a standard parser equal the JSON answers', async () => {
      const both = async (path: string, init?: RequestInit) => {
        const json = await (await fetch(`${base}/${path}.json`, init)).json()
        const xml = await readXml(await fetch(`${base}/${path}.xml`, init))
        return { json, xml }
      }
      const discovery = await both('discovery')
      assert.deepEqual(discovery.xml, ['discovery', asXmlText(discovery.json)])
      const services = await both('services')
      assert.deepEqual(services.xml, ['services', asXmlText(services.json, 'service')])
      assert.equal(services.json.length, taxonomy.categories.length)
      const definition = await both('services/flooding', undefined)
      assert.deepEqual(definition.xml, ['service_definition', asXmlText(definition.json)])

      // POST to requests.xml (a form, as the spec says), answered in XML.
      const posted = await fetch(`${base}/requests.xml`, {
        method: 'POST',
        body: form({ api_key: TEST_API_KEY, service_code: 'flooding', lat: '10.75', long: '106.68', description: 'Ngập <sâu> & "lâu"', 'attribute[depth_cm]': '40' }),
        headers: { ...FORM, 'idempotency-key': 'xml-1' },
      })
      assert.equal(posted.status, 201)
      const [postRoot, postBody] = await readXml(posted)
      assert.equal(postRoot, 'service_requests')
      const created = (postBody as { request: Array<{ service_request_id: string; service_notice: string; account_id: string }> }).request
      assert.equal(created.length, 1)
      assert.match(created[0]!.service_request_id, /^\d+$/)
      assert.equal(created[0]!.account_id, '')
      const again = await fetch(`${base}/requests.json`, {
        method: 'POST',
        body: form({ api_key: TEST_API_KEY, service_code: 'flooding', lat: '10.75', long: '106.68' }),
        headers: { ...FORM, 'idempotency-key': 'xml-1' },
      })
      assert.deepEqual(asXmlText(await again.json(), 'request'), postBody, 'the same answer in JSON, for the same request')

      const id = created[0]!.service_request_id
      const one = await both(`requests/${id}`)
      assert.deepEqual(one.xml, ['service_requests', asXmlText(one.json, 'request')])
      assert.equal(one.json[0].description, 'Ngập <sâu> & "lâu"', 'escaped in XML, read back as sent')
      const list = await both('requests')
      assert.deepEqual(list.xml, ['service_requests', asXmlText(list.json, 'request')])

      const errors = await readXml(await fetch(`${base}/requests.xml?status=done`))
      assert.deepEqual(errors, ['errors', asXmlText(await (await fetch(`${base}/requests.json?status=done`)).json(), 'error')])
    })

    it('OPEN311-5 GET shows the lifecycle: notes of the latest change, the assigned unit by name, when it changed and the deadline', async () => {
      const created = await submit({ service_code: 'flooding', lat: '10.75', long: '106.68', requested_datetime: new Date(Date.now() - 3_600_000).toISOString() })
      const [{ service_request_id: id }] = await created.json()
      const get = async () => (await (await fetch(`${base}/requests/${id}.json`)).json())[0]
      const received = await get()
      assert.deepEqual([received.status, received.status_notes, received.agency_responsible], ['open', null, 'Quận Một'])
      assert.equal(received.expected_datetime, new Date(Date.parse(received.requested_datetime) + 4 * 3_600_000).toISOString(), 'flooding: 4 h')

      const assignedAt = new Date(Date.now() - 1_800_000).toISOString()
      const assigned = await fetch(`${server.url}/api/v1/complaints/${id}/status`, {
        method: 'POST',
        body: JSON.stringify({ status: 'assigned', at: assignedAt, unit: 'W1', note: 'Giao phường Bến Nghé, liên hệ anh Tuấn 0903 123 456' }),
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      })
      assert.equal(assigned.status, 200, await assigned.clone().text())
      const { due_at } = await assigned.json()
      const after = await get()
      assert.equal(after.status, 'open')
      assert.equal(after.agency_responsible, 'Phường Bến Nghé')
      assert.equal(after.updated_datetime, new Date(assignedAt).toISOString())
      assert.equal(after.expected_datetime, due_at)
      assert.match(after.status_notes, /^Giao phường Bến Nghé, liên hệ anh/)
      assert.ok(!/Tuấn|0903/.test(after.status_notes), 'notes are masked as descriptions are')

      await changeStatus(id, { status: 'resolved', note: 'Đã bơm thoát nước' })
      const resolved = await get()
      assert.deepEqual([resolved.status, resolved.status_notes, resolved.agency_responsible], ['closed', 'Đã bơm thoát nước', 'Phường Bến Nghé'])
    })

    it('LIFE-5 a replayed record POSTed closed with its updated_datetime gets its history; closed without open is refused', async () => {
      const requested = new Date(Date.now() - 5 * 3_600_000).toISOString()
      const closed = new Date(Date.now() - 2 * 3_600_000).toISOString()
      const res = await submit({ service_code: 'flooding', lat: '10.75', long: '106.68', requested_datetime: requested, status: 'closed', updated_datetime: closed })
      assert.equal(res.status, 201)
      const [{ service_request_id: id }] = await res.json()
      const [request] = await (await fetch(`${base}/requests/${id}.json`)).json()
      assert.deepEqual([request.status, request.updated_datetime], ['closed', closed])
      const { rows } = await test.db.query<{ status: string; at: Date }>('SELECT status, at FROM complaint_status_change WHERE event_id = $1 ORDER BY at', [id])
      assert.deepEqual(rows.map((r) => `${r.status}@${new Date(r.at).toISOString()}`), [`received@${requested}`, `closed@${closed}`])
      const bad = await submit({ service_code: 'flooding', lat: '10.75', long: '106.68', status: 'done' })
      assert.equal(bad.status, 400)
      assert.equal((await bad.json())[0].description, 'status: must be open or closed')
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
