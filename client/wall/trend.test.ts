import { test } from 'vitest'
import assert from 'node:assert/strict'
import { topWithTrend } from './trend'

test('top categories today, with arrows against the same period yesterday', () => {
  const rows = topWithTrend(
    [{ category: 'flooding', count: 9 }, { category: 'traffic', count: 4 }, { category: 'noise', count: 4 }, { category: 'roads', count: 2 }, { category: 'x', count: 0 }],
    [{ category: 'flooding', count: 3 }, { category: 'traffic', count: 8 }, { category: 'roads', count: 2 }],
    4,
  )
  assert.deepEqual(rows.map((r) => [r.category, r.count, r.trend]), [['flooding', 9, 'up'], ['noise', 4, 'new'], ['traffic', 4, 'down'], ['roads', 2, 'flat']])
})
