import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { Unit } from '../map/boundaries'
import { childLevel, formatHours, formatPercent, formatSatisfaction, parsePerformance, performancePath, rankWorstFirst, type PerformanceRow } from './performance'

const row = (code: string, overdue: number, median: number | null, received = 10): PerformanceRow => ({
  code,
  name: `Quận ${code}`,
  received,
  resolved: median === null ? 0 : 5,
  invalid: 0,
  median_hours: median,
  p90_hours: median === null ? null : median * 3,
  on_time_pct: median === null ? null : 80,
  open: 4,
  overdue,
  satisfaction: null,
  ratings: 0,
})

test('WALL-6 worst first: most overdue, then the slowest median; none resolved is slowest, no complaints last', () => {
  const ranked = rankWorstFirst([row('a', 0, 4), row('b', 3, 2), row('c', 3, 9.5), row('d', 0, null), row('e', 0, null, 0), row('f', 0, 12)])
  assert.deepEqual(ranked.map((r) => r.code), ['c', 'b', 'd', 'f', 'a', 'e'])
})

test('WALL-6 a district scope ranks only its own wards, ties keep a stable order', () => {
  const ranked = rankWorstFirst([row('w2', 1, 5), row('w9', 8, 5), row('w1', 1, 5)], new Set(['w1', 'w2']))
  assert.deepEqual(ranked.map((r) => r.code), ['w1', 'w2'])
})

test('WALL-1 / WALL-6 figures are written in each language’s number format, "—" where there is none', () => {
  assert.equal(formatHours('vi', 5.24), '5,2')
  assert.equal(formatHours('en', 5.24), '5.2')
  assert.equal(formatHours('vi', 0.04), '0,0')
  assert.equal(formatHours('vi', 125.6), '126')
  assert.equal(formatHours('en', 1_250.2), '1,250')
  assert.equal(formatHours('vi', null), '—')
  assert.equal(formatPercent('vi', 82.46), '82%')
  assert.equal(formatPercent('en', null), '—')
  assert.equal(formatSatisfaction('vi', 4.16, 1_035), '★ 4,2 (1.035)')
  assert.equal(formatSatisfaction('en', 4.16, 35), '★ 4.2 (35)')
  assert.equal(formatSatisfaction('vi', null, 0), '—')
})

test('WALL-6 the question: the scope’s child level over the last 7 days', () => {
  const now = Date.UTC(2026, 10, 24, 2, 41)
  const [pathname, query] = performancePath('district', now).split('?')
  const params = new URLSearchParams(query)
  assert.equal(pathname, '/api/v1/units/performance')
  assert.equal(params.get('level'), 'district')
  assert.equal(params.get('from'), '2026-11-17T02:41:00.000Z')
  assert.equal(params.get('to'), '2026-11-24T02:41:00.000Z')
  const unit = (code: string, level: string) => ({ code, level }) as Unit
  assert.equal(childLevel([unit('1', 'ward'), unit('2', 'ward'), unit('3', 'commune')]), 'ward')
  assert.equal(childLevel([]), null)
})

test('WALL-6 the answer is read leniently: a malformed row is left out, not the whole panel; not an answer is null', () => {
  const body = {
    level: 'district',
    from: '2026-11-17T02:41:00.000Z',
    to: '2026-11-24T02:41:00.000Z',
    rows: [{ ...row('760', 2, 5.5), code: 760 }, { name: 'no code' }],
    city: { ...row('city', 2, 5.5) },
  }
  const answer = parsePerformance(body)!
  assert.deepEqual(answer.rows.map((r) => [r.code, r.median_hours]), [['760', 5.5]])
  assert.equal(answer.city?.code, 'city')
  assert.equal(parsePerformance('<!doctype html>'), null)
  assert.equal(parsePerformance({ error: { code: 'not_found' } }), null)
})
