import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { loadTaxonomy } from '../categories-file'
import { appErrorOf } from '../../test/support/app-error'
import { checkJurisdiction, DEFAULT_LIST_DAYS, open311Field, open311ToEvent, parseLocale, parseRequestFilters, toRequest, type RequestRow } from './open311'

const now = new Date('2026-11-24T03:00:00Z')
const fault = appErrorOf

describe('parseRequestFilters', () => {
  it('lists the last 90 days, 100 per page, by default', () => {
    const filters = parseRequestFilters({}, now)
    assert.equal(filters.start?.getTime(), now.getTime() - DEFAULT_LIST_DAYS * 86_400_000)
    assert.deepEqual([filters.ids, filters.end, filters.statuses, filters.limit, filters.offset], [null, null, null, 100, 0])
  })

  it('reads lists, dates, statuses and pages', () => {
    const filters = parseRequestFilters({ service_request_id: '12, 13', service_code: 'flooding,,traffic', end_date: '2026-11-24T08:00:00+07:00', status: 'open', page_size: '20', page: '3' }, now)
    assert.deepEqual(filters.ids, ['12', '13'])
    assert.deepEqual(filters.serviceCodes, ['flooding', 'traffic'])
    assert.equal(filters.start, null)
    assert.equal(filters.end?.toISOString(), '2026-11-24T01:00:00.000Z')
    assert.deepEqual(filters.statuses, ['received', 'assigned', 'in_progress', 'reopened'])
    assert.deepEqual([filters.limit, filters.offset], [20, 40])
  })

  it('names the parameter at fault, the first one when several are', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ service_request_id: '12,abc' }, 'service_request_id', /comma-separated list of request ids/],
      [{ start_date: '2026-11-24T08:00:00' }, 'start_date', /no time zone/],
      [{ end_date: ['a', 'b'] }, 'end_date', /ISO 8601/],
      [{ status: 'open,done' }, 'status', /open or closed/],
      [{ page_size: '1001' }, 'page_size', /integer from 1 to 1000/],
      [{ page: '0' }, 'page', /integer from 1 to 1000000/],
      [{ start_date: '2026-11-24T00:00:00Z', end_date: '2026-11-23T00:00:00Z', page_size: 'x' }, 'start_date', /after end_date/],
    ]
    for (const [query, field, message] of cases) {
      const error = fault(() => parseRequestFilters(query, now))
      assert.deepEqual([error.status, error.field], [400, field], JSON.stringify(query))
      assert.match(error.message, message, JSON.stringify(query))
    }
  })
})

describe('parseLocale', () => {
  it('defaults to vi and refuses what it does not know', () => {
    assert.deepEqual([parseLocale(undefined), parseLocale(''), parseLocale('en')], ['vi', 'vi', 'en'])
    assert.deepEqual(fault(() => parseLocale('fr')), { status: 400, field: 'locale', message: 'locale must be vi or en' })
  })
})

const taxonomy = loadTaxonomy()

describe('open311ToEvent', () => {
  const context = { sourceId: 'k-1', now, taxonomy }

  it('ING-6 keeps personal fields apart and turns the rest into a producer event', () => {
    const { raw, contact } = open311ToEvent(
      { service_code: ' flooding ', lat: '10.75', long: '106.68', description: ' Ngập ', first_name: 'Lan', phone: '0903123456', 'attribute[depth_cm]': '30', media_url: 'http://x/a.jpg' },
      context,
    )
    assert.deepEqual(raw, {
      kind: 'complaint',
      source_id: 'k-1',
      occurred_at: now.toISOString(),
      lat: '10.75',
      lon: '106.68',
      text: 'Ngập',
      address: undefined,
      category: 'flooding',
      attributes: { depth_cm: 30, media_url: 'http://x/a.jpg' },
    })
    assert.deepEqual(contact, { first_name: 'Lan', phone: '0903123456' })
  })

  it('requires a service code and a location', () => {
    assert.deepEqual(fault(() => open311ToEvent({ lat: '10.75', long: '106.68' }, context)), {
      status: 400,
      field: 'service_code',
      message: 'service_code is required (GET services.json lists them)',
    })
    assert.deepEqual(fault(() => open311ToEvent({ service_code: 'flooding', lat: '10.75' }, context)), {
      status: 400,
      field: 'lat',
      message: 'a location is required: lat and long, address_string or address_id',
    })
    assert.equal(open311ToEvent({ service_code: 'flooding', address_id: 'A-12' }, context).raw.attributes.address_id, 'A-12')
  })

  it('OPEN311-4 reads attribute[code] and attribute[code][] fields and JSON attribute objects, checked against the definition', () => {
    const at = { lat: '10.75', long: '106.68' }
    assert.deepEqual(open311ToEvent({ ...at, service_code: 'illegal_dumping', 'attribute[waste_type][]': ['debris', 'bulky'] }, context).raw.attributes, { waste_type: ['debris', 'bulky'] })
    assert.deepEqual(open311ToEvent({ ...at, service_code: 'illegal_dumping', 'attribute[waste_type]': 'debris', 'attribute[waste_type][]': 'bulky' }, context).raw.attributes, { waste_type: ['debris', 'bulky'] })
    assert.deepEqual(open311ToEvent({ ...at, service_code: 'flooding', attribute: { depth_cm: 12, water_level: 'ankle' } }, context).raw.attributes, { depth_cm: 12, water_level: 'ankle' })
    // Categories without a definition take what they are sent, as before definitions existed.
    assert.deepEqual(open311ToEvent({ ...at, service_code: 'sidewalk', 'attribute[stall]': 'phở' }, context).raw.attributes, { stall: 'phở' })
    assert.deepEqual(fault(() => open311ToEvent({ ...at, service_code: 'flooding', 'attribute[depth]': '30cm' }, context)), {
      status: 400,
      field: 'attribute[depth]',
      message: '"depth" is not an attribute of flooding: its attributes are depth_cm, water_level (GET services/flooding.json)',
    })
  })

  it('TAX-3 files another Open311 system\'s service code under ours', () => {
    assert.equal(open311ToEvent({ service_code: 'ngap_nuoc', address_string: '12 Lê Lợi', 'attribute[depth_cm]': '20' }, context).raw.category, 'flooding')
  })

  it('keeps a media_url only when it is a web address', () => {
    const at = { service_code: 'flooding', lat: '10.75', long: '106.68' }
    assert.equal(open311ToEvent({ ...at, media_url: 'https://example.org/a.jpg' }, context).raw.attributes.media_url, 'https://example.org/a.jpg')
    const refused = fault(() => open311ToEvent({ ...at, media_url: 'javascript:alert(1)' }, context))
    assert.deepEqual([refused.status, refused.field], [400, 'media_url'])
  })
})

describe('checkJurisdiction', () => {
  it('OPEN311-3 takes the served jurisdiction in any case, or none; refuses another with 404', () => {
    for (const value of [undefined, '', 'hcmc.gov.vn', ' HCMC.gov.vn ']) checkJurisdiction(value, 'hcmc.gov.vn')
    for (const value of ['nyc.gov', ['hcmc.gov.vn', 'x']]) {
      const refused = fault(() => checkJurisdiction(value, 'hcmc.gov.vn'))
      assert.deepEqual([refused.status, refused.field], [404, 'jurisdiction_id'])
      assert.match(refused.message, /is not served here: this endpoint serves "hcmc.gov.vn" \(or leave jurisdiction_id out\)/)
    }
  })
})

describe('toRequest', () => {
  const row: RequestRow = {
    service_request_id: '7',
    status: 'in_progress',
    status_notes: 'Đã cử tổ công tác, gọi anh Minh 0903 123 456',
    service_code: 'flooding',
    description: 'Ngập sâu',
    address: null,
    requested_datetime: new Date('2026-11-24T01:00:00Z'),
    updated_datetime: new Date('2026-11-24T02:00:00Z'),
    expected_datetime: new Date('2026-11-24T05:00:00Z'),
    assigned_agency: 'Phường Bến Nghé',
    lat: 10.75,
    long: 106.68,
    media_url: null,
  }
  const byCode = new Map(taxonomy.categories.map((c) => [c.code, c]))

  it('OPEN311-5 carries the lifecycle: status, masked notes, the assigned agency, the latest change and the deadline', () => {
    const request = toRequest(row, byCode, 'en')
    assert.deepEqual(
      [request.status, request.service_name, request.agency_responsible, request.updated_datetime, request.expected_datetime],
      ['open', 'Flooding', 'Phường Bến Nghé', '2026-11-24T02:00:00.000Z', '2026-11-24T05:00:00.000Z'],
    )
    assert.ok(request.status_notes!.startsWith('Đã cử tổ công tác'))
    assert.ok(!/Minh|0903/.test(request.status_notes!), request.status_notes!)
    assert.equal(toRequest({ ...row, status: 'resolved' }, byCode, 'en').status, 'closed')
    assert.equal(toRequest({ ...row, status: 'rejected' }, byCode, 'en').status, 'closed')
    assert.equal(toRequest({ ...row, assigned_agency: null }, byCode, 'en').agency_responsible, null, 'outside every unit and unassigned: no agency')
  })
})

describe('open311Field', () => {
  it('names an event field at fault in the words of the request the producer sent', () => {
    assert.deepEqual(['lon', 'text', 'category', 'occurred_at', 'address', 'attributes', 'lat'].map(open311Field), ['long', 'description', 'service_code', 'requested_datetime', 'address_string', 'attribute', 'lat'])
  })
})
