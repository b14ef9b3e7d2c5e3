/** Top categories today with their trend against the same period yesterday. Pure. */
import type { CategoryCount } from '../../server/core/protocol'

export type Trend = 'up' | 'down' | 'flat' | 'new'

export interface TrendRow {
  category: string
  count: number
  yesterday: number
  trend: Trend
}

export function topWithTrend(today: readonly CategoryCount[], yesterday: readonly CategoryCount[], n = 5): TrendRow[] {
  const before = new Map(yesterday.map((c) => [c.category, c.count]))
  return [...today]
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, n)
    .map((c) => {
      const y = before.get(c.category) ?? 0
      const trend: Trend = y === 0 ? 'new' : c.count > y ? 'up' : c.count < y ? 'down' : 'flat'
      return { category: c.category, count: c.count, yesterday: y, trend }
    })
}
