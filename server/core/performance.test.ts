import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import type { Category } from './categories'
import { DEFAULT_TIME_ZONE } from './clock'
import { AppError } from './errors'
import { parsePerformanceQuery, parseWeeklyQuery, performanceAnswer, processingFigures, startOfWeek, weekBounds, weekFigures, type CountedUnit } from './performance'

const NOW = new Date('2026-11-25T03:00:00Z') // Wednesday 10:00 in Ho Chi Minh City
const DAY = 86_400_000
const CATEGORIES: Category[] = [
  { code: 'flooding', group: 'flooding', sla_hours: 4, name: { vi: 'Ngập nước', en: 'Flooding' }, colour: '#1f77b4', icon: 'dot' },
  { code: 'drainage', group: 'infrastructure', sla_hours: 48, name: { vi: 'Cống', en: 'Drains' }, colour: '#1f77b4', icon: 'dot' },
  { code: 'roads', group: 'infrastructure', sla_hours: 72, name: { vi: 'Đường', en: 'Roads' }, colour: '#1f77b4', icon: 'dot' },
  { code: 'other', group: 'other', sla_hours: 72, name: { vi: 'Khác', en: 'Other' }, colour: '#1f77b4', icon: 'dot' },
]
const context = { now: NOW, categories: CATEGORIES }
const weekly = { ...context, timeZone: DEFAULT_TIME_ZONE }

function fault(run: () => unknown): { field: string | undefined; message: string } {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof AppError, String(error))
    assert.equal(error.status, 400)
    return { field: error.field, message: error.message }
  }
  assert.fail('expected a 400')
}

describe('LIFE-6 performance query', () => {
  it('defaults to the 7 days up to now, all categories', () => {
    assert.deepEqual(parsePerformanceQuery({ level: 'district' }, context), { level: 'district', from: new Date(NOW.getTime() - 7 * DAY), to: NOW, codes: null })
  })

  it('takes a period [from, to) with zones; to alone reaches back 7 days', () => {
    const q = parsePerformanceQuery({ level: 'nyc_cell', from: '2023-02-28T00:00:00-05:00', to: '2023-03-01T00:00:00-05:00' }, context)
    assert.equal(q.from.toISOString(), '2023-02-28T05:00:00.000Z')
    assert.equal(q.to.toISOString(), '2023-03-01T05:00:00.000Z')
    assert.equal(parsePerformanceQuery({ level: 'ward', to: '2026-11-10T00:00:00Z' }, context).from.toISOString(), '2026-11-03T00:00:00.000Z')
    assert.equal(parsePerformanceQuery({ level: 'ward', from: '2026-11-10T00:00:00Z' }, context).to, NOW)
  })

  it('selects a category, or every category of a group (groups are data), or both when they agree', () => {
    assert.deepEqual(parsePerformanceQuery({ level: 'ward', category: 'roads' }, context).codes, ['roads'])
    assert.deepEqual(parsePerformanceQuery({ level: 'ward', group: 'infrastructure' }, context).codes, ['drainage', 'roads'])
    assert.deepEqual(parsePerformanceQuery({ level: 'ward', group: 'infrastructure', category: 'roads' }, context).codes, ['roads'])
  })

  it('refuses each bad parameter by name, saying what to do', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{}, 'level', /is required, e.g. level=district/],
      [{ level: 'Quận' }, 'level', /lower-case letters/],
      [{ level: ['ward', 'district'] }, 'level', /given twice/],
      [{ level: 'ward', from: '2026-11-20T00:00:00' }, 'from', /no time zone/],
      [{ level: 'ward', from: '2026-11-20T00:00:00Z', to: '2026-11-20T00:00:00Z' }, 'from', /is not before to/],
      [{ level: 'ward', from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' }, 'from', /is not before to/],
      [{ level: 'ward', from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' }, 'from', /367 days; at most 366/],
      [{ level: 'ward', category: 'flood' }, 'category', /"flood" is not a known category/],
      [{ level: 'ward', group: 'water' }, 'group', /"water" is not a group; the groups are flooding, infrastructure, other/],
      [{ level: 'ward', group: 'flooding', category: 'roads' }, 'category', /"roads" is in group "infrastructure", not "flooding"/],
      [{ level: 'ward', lvl: 'x' }, 'lvl', /is not a parameter here; the parameters are level, from, to, category, group/],
    ]
    for (const [query, field, message] of cases) {
      const f = fault(() => parsePerformanceQuery(query, context))
      assert.equal(f.field, field, JSON.stringify(query))
      assert.match(f.message, message, JSON.stringify(query))
    }
  })

  it('lets the api_key of the access guard ride along; a full 366 days is taken', () => {
    const q = parsePerformanceQuery({ level: 'ward', api_key: 'k', from: '2025-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, context)
    assert.equal(q.to.getTime() - q.from.getTime(), 366 * DAY)
  })
})

describe('LIFE-6 weeks', () => {
  it('start on Monday 00:00 in Asia/Ho_Chi_Minh, not UTC', () => {
    assert.equal(startOfWeek(NOW, DEFAULT_TIME_ZONE).toISOString(), '2026-11-22T17:00:00.000Z') // Mon 23 Nov 00:00 +07
    assert.equal(startOfWeek(new Date('2026-11-22T17:00:00Z'), DEFAULT_TIME_ZONE).toISOString(), '2026-11-22T17:00:00.000Z')
    assert.equal(startOfWeek(new Date('2026-11-22T16:59:59Z'), DEFAULT_TIME_ZONE).toISOString(), '2026-11-15T17:00:00.000Z') // Sun 23:59 local
    assert.equal(startOfWeek(new Date('2026-11-22T23:00:00Z'), 'UTC').toISOString(), '2026-11-16T00:00:00.000Z') // still Sunday in UTC
  })

  it('are the last N up to the current one, oldest first, with the end of the current one; whole in a zone with daylight saving', () => {
    const bounds = weekBounds(NOW, 3, DEFAULT_TIME_ZONE).map((d) => d.toISOString())
    assert.deepEqual(bounds, ['2026-11-08T17:00:00.000Z', '2026-11-15T17:00:00.000Z', '2026-11-22T17:00:00.000Z', '2026-11-29T17:00:00.000Z'])
    // New York moved its clocks on Sunday 2023-03-12: the week after is 7 days less one hour.
    const ny = weekBounds(new Date('2023-03-15T12:00:00Z'), 2, 'America/New_York').map((d) => d.toISOString())
    assert.deepEqual(ny, ['2023-03-06T05:00:00.000Z', '2023-03-13T04:00:00.000Z', '2023-03-20T04:00:00.000Z'])
  })

  it('takes scope and weeks, with defaults city and 8, and refuses bad ones by name', () => {
    const q = parseWeeklyQuery({}, weekly)
    assert.equal(q.scope, 'city')
    assert.equal(q.bounds.length, 9)
    assert.deepEqual(parseWeeklyQuery({ scope: '760', weeks: '1', group: 'infrastructure' }, weekly).codes, ['drainage', 'roads'])
    for (const [query, field, message] of [
      [{ weeks: '0' }, 'weeks', /from 1 to 53/],
      [{ weeks: '54' }, 'weeks', /from 1 to 53/],
      [{ weeks: '2.5' }, 'weeks', /whole number/],
      [{ scope: 'x'.repeat(65) }, 'scope', /longer than 64/],
      [{ window: '7d' }, 'window', /the parameters are scope, weeks, category, group/],
    ] as Array<[Record<string, unknown>, string, RegExp]>) {
      const f = fault(() => parseWeeklyQuery(query, weekly))
      assert.equal(f.field, field, JSON.stringify(query))
      assert.match(f.message, message, JSON.stringify(query))
    }
  })
})

describe('LIFE-6 figures', () => {
  const counted = { received: 10, resolved: 4, invalid: 1, on_time: 3, open: 4, overdue: 2, rejected: 1, rating_sum: 9, ratings: 2, hours: [2.5, 7.25] }

  it('on time is a share of the valid resolutions; satisfaction the mean rating; none is null, never 0 or NaN', () => {
    assert.deepEqual(processingFigures(counted), {
      received: 10, resolved: 4, invalid: 1, median_hours: 2.5, p90_hours: 7.25, on_time_pct: 75, open: 4, overdue: 2, rejected: 1, satisfaction: 4.5, ratings: 2,
    })
    const none = processingFigures({ ...counted, resolved: 0, on_time: 0, rating_sum: 0, ratings: 0, hours: null })
    assert.equal(none.median_hours, null)
    assert.equal(none.p90_hours, null)
    assert.equal(none.on_time_pct, null)
    assert.equal(none.satisfaction, null)
    assert.deepEqual(weekFigures(new Date('2026-11-22T17:00:00Z'), { ...counted, hours: ['1.5', '3'] }), {
      week_start: '2026-11-22T17:00:00.000Z', received: 10, resolved: 4, median_hours: 1.5, p90_hours: 3, on_time_pct: 75, satisfaction: 4.5, ratings: 2,
    })
  })

  it('answers the city apart and the units by code; no unit at all means the level is not stored', () => {
    const row = (code: string, name: string | null, level: string | null): CountedUnit => ({ code, name, level, ...counted })
    const query = { level: 'ward', from: new Date('2026-11-18T03:00:00Z'), to: NOW, codes: null }
    const answer = performanceAnswer(query, [row('W2', 'Phường 2', 'ward'), row('city', null, null), row('W10', 'Phường 10', 'ward')])!
    assert.deepEqual(answer.rows.map((r) => r.code), ['W10', 'W2'])
    assert.deepEqual([answer.city.code, answer.city.name, answer.city.level], ['city', 'city', 'city'])
    assert.equal(answer.from, '2026-11-18T03:00:00.000Z')
    assert.equal(performanceAnswer(query, [row('city', null, null)]), null)
  })
})
