import assert from 'node:assert/strict'
import { test } from 'vitest'
import { DEFAULT_TIME_ZONE } from './clock'
import { computeKpi, startOfDay } from './kpi'
import { SlidingWindows, type WindowInput } from './windows'

const ZONE = DEFAULT_TIME_ZONE
// 2026-11-24 10:30 in Ho Chi Minh City (UTC+7).
const NOW = new Date('2026-11-24T03:30:00Z')
const at = (iso: string) => Date.parse(iso)
const ev = (iso: string, extra: Partial<WindowInput> = {}): WindowInput => ({ kind: 'complaint', occurredAtMs: at(iso), cell: null, category: 'flooding', units: ['Q1'], ...extra })

test('KPI-1 a day starts at local midnight in Asia/Ho_Chi_Minh, not UTC', () => {
  assert.equal(startOfDay(NOW, ZONE).toISOString(), '2026-11-23T17:00:00.000Z')
  assert.equal(startOfDay(new Date('2026-11-23T17:00:00Z'), ZONE).toISOString(), '2026-11-23T17:00:00.000Z')
  assert.equal(startOfDay(new Date('2026-11-23T16:59:59Z'), ZONE).toISOString(), '2026-11-22T17:00:00.000Z')
  assert.equal(startOfDay(NOW, 'UTC').toISOString(), '2026-11-24T00:00:00.000Z')
  // Zones are data: on the day New York moved to summer time, midnight was still at −05:00.
  assert.equal(startOfDay(new Date('2023-03-12T16:00:00Z'), 'America/New_York').toISOString(), '2023-03-12T05:00:00.000Z')
  assert.equal(startOfDay(new Date('2023-11-05T16:00:00Z'), 'America/New_York').toISOString(), '2023-11-05T04:00:00.000Z')
})

test('KPI-2 today and the same period yesterday, per layer and category; KPI-3 last hour against the same hour yesterday; KPI-4 the database\'s complaint figures', () => {
  const w = new SlidingWindows({ now: NOW })
  w.add([
    ev('2026-11-23T17:00:00Z'), // 00:00 today local
    ev('2026-11-24T03:00:00Z', { category: 'trash' }), // 10:00 today, last hour
    ev('2026-11-24T03:29:00Z', { kind: 'mention', category: null }),
    ev('2026-11-23T16:59:00Z'), // 23:59 yesterday: yesterday, after the same clock time
    ev('2026-11-23T03:00:00Z'), // 10:00 yesterday: same period and same hour yesterday
    ev('2026-11-23T03:31:00Z'), // 10:31 yesterday: after the same clock time
    ev('2026-11-24T03:00:00Z', { units: ['Q3'] }),
  ])
  const kpi = computeKpi({ scope: 'Q1', now: NOW, timeZone: ZONE, sums: w.sumMinutes.bind(w), complaints: { open: 7, overdue: 2, resolvedToday: 5 } })
  assert.deepEqual(kpi.today.complaints, { total: 2, byCategory: [{ category: 'flooding', count: 1 }, { category: 'trash', count: 1 }] })
  assert.deepEqual(kpi.today.mentions, { total: 1, byCategory: [{ category: '', count: 1 }] })
  assert.deepEqual(kpi.yesterdaySamePeriod.complaints, { total: 1, byCategory: [{ category: 'flooding', count: 1 }] })
  assert.deepEqual(kpi.lastHour, { complaints: 1, mentions: 1 })
  assert.deepEqual(kpi.sameHourYesterday, { complaints: 1, mentions: 0 })
  assert.deepEqual([kpi.openComplaints, kpi.overdueComplaints, kpi.resolvedToday], [7, 2, 5])
  const city = computeKpi({ scope: 'city', now: NOW, timeZone: ZONE, sums: w.sumMinutes.bind(w), complaints: { open: 0, overdue: 0, resolvedToday: 0 } })
  assert.equal(city.today.complaints.total, 3)
  assert.equal(Object.keys(city).includes('processing'), false, 'no processing figures before the database was asked')
  const processing = { periodDays: 7, resolved: 3, medianHours: 2.5, p90Hours: 6, onTimePct: 66.7, satisfaction: 4, ratings: 2 } as const
  assert.deepEqual(computeKpi({ scope: 'city', now: NOW, timeZone: ZONE, sums: w.sumMinutes.bind(w), complaints: { open: 0, overdue: 0, resolvedToday: 0 }, processing }).processing, processing)
})
