/**
 * How the top-issues panel writes each issue (WALL-8): rank, label in the screen's language, its
 * counts per layer, and its growth against the previous 7 days ("▲ ×3,2"). Pure.
 */
import type { Layer } from '../../server/core/protocol'
import { formatDecimal, formatNumber, translate, type Locale } from '../app/i18n'
import type { Topic } from '../../server/core/topics'

export type Trend = 'up' | 'down' | 'flat' | 'new'

export interface TopicRow {
  id: string
  rank: number
  label: string
  /** "12 phản ánh", "30 đề cập MXH": only the layers the wall shows and the issue has. */
  counts: Array<{ layer: Layer; text: string }>
  trend: Trend
  /** "▲ ×3,2", "▼ ×0,5", "= ×1,0", "MỚI". */
  growth: string
}

/** Within 5% of the usual reads as unchanged: a ×1,0 with an arrow would mislead. */
const FLAT = 0.05
const ARROWS: Record<Exclude<Trend, 'new'>, string> = { up: '▲', down: '▼', flat: '=' }

export function trendOf(growth: number | null): Trend {
  if (growth === null) return 'new'
  if (growth >= 1 + FLAT) return 'up'
  if (growth <= 1 - FLAT) return 'down'
  return 'flat'
}

export function topicRows(topics: readonly Topic[], layers: readonly Layer[], locale: Locale): TopicRow[] {
  return topics.map((topic, i) => {
    const trend = trendOf(topic.growth)
    return {
      id: topic.id,
      rank: i + 1,
      label: topic.label[locale] ?? topic.label.vi,
      counts: layers
        .filter((layer) => (topic.counts[layer] ?? 0) > 0)
        .map((layer) => ({ layer, text: translate(locale, `topics.${layer}`, { n: formatNumber(locale, topic.counts[layer]) }) })),
      trend,
      growth: trend === 'new' ? translate(locale, 'topics.new') : `${ARROWS[trend]} ×${formatDecimal(locale, topic.growth!, 1)}`,
    }
  })
}
