import { test } from 'vitest'
import assert from 'node:assert/strict'
import { compareWithYesterday, topWithTrend } from './trend'

test('top categories today, with arrows against the same period yesterday', () => {
  const rows = topWithTrend(
    [{ category: 'flooding', count: 9 }, { category: 'traffic', count: 4 }, { category: 'noise', count: 4 }, { category: 'roads', count: 2 }, { category: 'x', count: 0 }],
    [{ category: 'flooding', count: 3 }, { category: 'traffic', count: 8 }, { category: 'roads', count: 2 }],
    4,
  )
  assert.deepEqual(rows.map((r) => [r.category, r.count, r.trend]), [['flooding', 9, 'up'], ['noise', 4, 'new'], ['traffic', 4, 'down'], ['roads', 2, 'flat']])
})

test('WALL-1 the KPI comparison says which figure is the change and which is yesterday, in each language’s number format', () => {
  assert.deepEqual(compareWithYesterday('vi', 8_936, 8_917), { change: 'up', text: '▲ +19 so với cùng giờ hôm qua (hôm qua 8.917)' })
  assert.deepEqual(compareWithYesterday('en', 8_936, 8_917), { change: 'up', text: '▲ +19 vs same time yesterday (yesterday 8,917)' })
  assert.deepEqual(compareWithYesterday('vi', 1_200, 2_450), { change: 'down', text: '▼ -1.250 so với cùng giờ hôm qua (hôm qua 2.450)' })
  assert.deepEqual(compareWithYesterday('en', 7, 7), { change: 'flat', text: '▬ 0 vs same time yesterday (yesterday 7)' })
})
