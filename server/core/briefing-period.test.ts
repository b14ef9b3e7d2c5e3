import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { AppError } from './errors'
import { briefingPeriod, parseBriefingQuery } from './briefing-period'

const ZONE = 'Asia/Ho_Chi_Minh'
/** Wednesday 25 Nov 2026, 10:00 in Ho Chi Minh City. */
const NOW = new Date('2026-11-25T03:00:00Z')
const iso = (d: Date) => d.toISOString()
const span = (p: { from: Date; to: Date }) => [iso(p.from), iso(p.to)]

function rejection(raw: Record<string, unknown>): { field: string | undefined; message: string } {
  try {
    parseBriefingQuery(raw, { now: NOW, timeZone: ZONE })
  } catch (error) {
    assert.ok(error instanceof AppError)
    assert.equal(error.status, 400)
    return { field: error.field, message: error.message }
  }
  assert.fail(`${JSON.stringify(raw)} was accepted`)
}

describe('briefing periods', () => {
  it('BRF-1 today runs from local midnight to now and compares with the same hours of yesterday', () => {
    const p = briefingPeriod('today', NOW, ZONE)
    assert.deepEqual(span(p), ['2026-11-24T17:00:00.000Z', '2026-11-25T03:00:00.000Z'])
    assert.deepEqual(span(p.previous), ['2026-11-23T17:00:00.000Z', '2026-11-24T03:00:00.000Z'])
  })

  it('BRF-1 yesterday is the whole local day before, compared with the day before it', () => {
    const p = briefingPeriod('yesterday', NOW, ZONE)
    assert.deepEqual(span(p), ['2026-11-23T17:00:00.000Z', '2026-11-24T17:00:00.000Z'])
    assert.deepEqual(span(p.previous), ['2026-11-22T17:00:00.000Z', '2026-11-23T17:00:00.000Z'])
  })

  it('BRF-1 this week starts Monday 00:00 local and compares with the same stretch of last week', () => {
    const p = briefingPeriod('this_week', NOW, ZONE)
    assert.deepEqual(span(p), ['2026-11-22T17:00:00.000Z', '2026-11-25T03:00:00.000Z'])
    assert.deepEqual(span(p.previous), ['2026-11-15T17:00:00.000Z', '2026-11-18T03:00:00.000Z'])
  })

  it('BRF-1 last week is Monday to Monday, compared with the week before; at Monday 00:00 this week is empty and last week is whole', () => {
    const p = briefingPeriod('last_week', NOW, ZONE)
    assert.deepEqual(span(p), ['2026-11-15T17:00:00.000Z', '2026-11-22T17:00:00.000Z'])
    assert.deepEqual(span(p.previous), ['2026-11-08T17:00:00.000Z', '2026-11-15T17:00:00.000Z'])
    const monday = new Date('2026-11-22T17:00:00Z')
    assert.deepEqual(span(briefingPeriod('this_week', monday, ZONE)), [iso(monday), iso(monday)])
    assert.deepEqual(span(briefingPeriod('last_week', monday, ZONE)), ['2026-11-15T17:00:00.000Z', '2026-11-22T17:00:00.000Z'])
  })

  it('BRF-1 a Sunday 23:59 local is still in the week that began the Monday before', () => {
    const sunday = new Date('2026-11-29T16:59:00Z')
    assert.equal(iso(briefingPeriod('this_week', sunday, ZONE).from), '2026-11-22T17:00:00.000Z')
  })

  it('BRF-2 the defaults: today, the city, JSON', () => {
    const q = parseBriefingQuery({}, { now: NOW, timeZone: ZONE })
    assert.equal(q.period.name, 'today')
    assert.equal(q.scope, 'city')
    assert.equal(q.format, 'json')
    assert.equal(parseBriefingQuery({ format: 'csv', scope: '760', period: 'last_week' }, { now: NOW, timeZone: ZONE }).format, 'csv')
  })

  it('BRF-2 custom takes from and to with zones and compares with the same length just before', () => {
    const q = parseBriefingQuery({ period: 'custom', from: '2026-11-01T00:00:00+07:00', to: '2026-11-11T00:00:00+07:00' }, { now: NOW, timeZone: ZONE })
    assert.deepEqual(span(q.period), ['2026-10-31T17:00:00.000Z', '2026-11-10T17:00:00.000Z'])
    assert.deepEqual(span(q.period.previous), ['2026-10-21T17:00:00.000Z', '2026-10-31T17:00:00.000Z'])
    const ninety = parseBriefingQuery({ period: 'custom', from: '2026-08-27T03:00:00Z', to: '2026-11-25T03:00:00Z' }, { now: NOW, timeZone: ZONE })
    assert.equal(ninety.period.to.getTime() - ninety.period.from.getTime(), 90 * 86_400_000)
  })

  it('BRF-2 each bad parameter is a 400 naming it', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ period: 'month' }, 'period', /"month" is not a period; give today, yesterday, this_week, last_week, custom/],
      [{ period: ['today', 'today'] }, 'period', /given twice/],
      [{ format: 'xlsx' }, 'format', /"xlsx" is not a format; give json, csv/],
      [{ period: 'custom', to: '2026-11-02T00:00:00Z' }, 'from', /is required with period=custom/],
      [{ period: 'custom', from: '2026-11-02T00:00:00Z' }, 'to', /is required with period=custom/],
      [{ period: 'custom', from: '2026-11-02', to: '2026-11-03T00:00:00Z' }, 'from', /is not an ISO 8601 date-time such as 2026-11-24T08:30:00\+07:00/],
      [{ period: 'custom', from: '2026-11-02T00:00:00', to: '2026-11-03T00:00:00Z' }, 'from', /has no time zone/],
      [{ period: 'custom', from: '2026-11-03T00:00:00Z', to: '2026-11-02T00:00:00Z' }, 'from', /is not before to/],
      [{ period: 'custom', from: '2026-11-03T00:00:00Z', to: '2026-11-03T00:00:00Z' }, 'from', /is not before to/],
      [{ period: 'custom', from: '2026-08-01T00:00:00Z', to: '2026-11-03T00:00:00Z' }, 'to', /the period is 94 days; at most 90/],
      [{ period: 'custom', from: '2026-11-24T00:00:00Z', to: '2026-11-26T00:00:00Z' }, 'to', /in the future/],
      [{ period: 'today', from: '2026-11-24T00:00:00Z' }, 'from', /only with period=custom, not today/],
      [{ from: '2026-11-24T00:00:00Z' }, 'from', /only with period=custom/],
      [{ period: 'week', to: '2026-11-24T00:00:00Z' }, 'period', /not a period/],
      [{ scope: 'x'.repeat(65) }, 'scope', /longer than 64/],
      [{ level: 'ward' }, 'level', /is not a parameter here; the parameters are period, from, to, scope, format/],
    ]
    for (const [raw, field, message] of cases) {
      const got = rejection(raw)
      assert.equal(got.field, field, JSON.stringify(raw))
      assert.match(got.message, message, JSON.stringify(raw))
    }
  })

  it('BRF-2 the access key may ride along', () => {
    assert.equal(parseBriefingQuery({ api_key: 'k' }, { now: NOW, timeZone: ZONE }).scope, 'city')
  })
})
