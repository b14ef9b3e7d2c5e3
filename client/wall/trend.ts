/** Figures against the same period yesterday: top categories and the KPI comparison lines. Pure. */
import type { CategoryCount } from '../../server/core/protocol'
import { formatNumber, formatSignedNumber, translate, type Locale } from '../app/i18n'

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

export type Change = 'up' | 'down' | 'flat'

const ARROW: Record<Change, string> = { up: '▲', down: '▼', flat: '▬' }

/**
 * "▲ +19 so với cùng giờ hôm qua (hôm qua 8.917)": the signed change and yesterday's figure, each
 * labelled, so neither is taken for the other (a bare "hôm qua: 19" next to 8.936 was read both ways).
 */
export function compareWithYesterday(locale: Locale, now: number, yesterday: number): { change: Change; text: string } {
  const change: Change = now > yesterday ? 'up' : now < yesterday ? 'down' : 'flat'
  const text = translate(locale, 'kpi.vsYesterday', { delta: formatSignedNumber(locale, now - yesterday), before: formatNumber(locale, yesterday) })
  return { change, text: `${ARROW[change]} ${text}` }
}
