import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { AppError } from './errors'
import { DEFAULT_LIST_DAYS, open311Field, open311ToEvent, parseLocale, parseRequestFilters } from './open311'

const now = new Date('2026-11-24T03:00:00Z')
const fault = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof AppError)
    return { status: error.status, field: error.field, message: error.message }
  }
  assert.fail('expected a 400')
}

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
    assert.deepEqual(filters.statuses, ['open', 'in_progress'])
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

describe('open311ToEvent', () => {
  const context = { sourceId: 'k-1', now }

  it('ING-6 keeps personal fields apart and turns the rest into a producer event', () => {
    const { raw, contact } = open311ToEvent(
      { service_code: ' flooding ', lat: '10.75', long: '106.68', description: ' Ngập ', first_name: 'Lan', phone: '0903123456', 'attribute[depth]': '30cm', media_url: 'http://x/a.jpg' },
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
      attributes: { depth: '30cm', media_url: 'http://x/a.jpg' },
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

  it('keeps a media_url only when it is a web address', () => {
    const at = { service_code: 'flooding', lat: '10.75', long: '106.68' }
    assert.equal(open311ToEvent({ ...at, media_url: 'https://example.org/a.jpg' }, context).raw.attributes.media_url, 'https://example.org/a.jpg')
    const refused = fault(() => open311ToEvent({ ...at, media_url: 'javascript:alert(1)' }, context))
    assert.deepEqual([refused.status, refused.field], [400, 'media_url'])
  })
})

describe('open311Field', () => {
  it('names an event field at fault in the words of the request the producer sent', () => {
    assert.deepEqual(['lon', 'text', 'category', 'occurred_at', 'address', 'attributes', 'lat'].map(open311Field), ['long', 'description', 'service_code', 'requested_datetime', 'address_string', 'attribute', 'lat'])
  })
})
