/**
 * What the alert strip says (WALL-7): at most two lines — the two most pressing alerts, the store's
 * order — each its sentence in the screen's language, since when, and how many more are held.
 * Pure; the component only lays it out.
 */
import type { SpikeAlert } from '../../server/core/spikes'
import { formatClock, translate, type Locale } from '../app/i18n'

export const BANNER_LINES = 2

export interface BannerLine {
  id: string
  sentence: string
  /** "từ 14:32" / "since 14:32": when the storm began (Ho Chi Minh City time). */
  since: string
  cleared: boolean
  layer: SpikeAlert['layer']
}

export interface Banner {
  lines: BannerLine[]
  /** "+3 cảnh báo khác", or null when every alert is on a line. */
  more: string | null
}

export function bannerOf(alerts: readonly SpikeAlert[], locale: Locale): Banner {
  const lines = alerts.slice(0, BANNER_LINES).map((alert) => ({
    id: alert.id,
    sentence: alert.sentence[locale] ?? alert.sentence.vi,
    since: translate(locale, 'alert.since', { time: formatClock(locale, Date.parse(alert.startedAt), false) }),
    cleared: alert.state === 'cleared',
    layer: alert.layer,
  }))
  const rest = alerts.length - lines.length
  return { lines, more: rest > 0 ? translate(locale, 'alert.more', { n: rest }) : null }
}
