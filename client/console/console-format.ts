/**
 * How the console writes what the server answers (CON-UI-3, CON-UI-5): record times in
 * Asia/Ho_Chi_Minh, status and SLA labels, histogram bars and the replay banner. Pure; numbers go
 * through the one formatter in app/i18n.ts.
 */
import { formatClock, translate, type Locale, type MessageKey } from '../app/i18n'
import type { Layer } from '../../server/core/protocol'
import type { Histogram, SlaState } from './console-api'

/** "25/11 14:35" in Ho Chi Minh City time, in both languages (a list spans days, so the day is always there). */
export function formatRecordTime(locale: Locale, iso: string): string {
  const at = Date.parse(iso)
  if (!Number.isFinite(at)) return '—'
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit' }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}/${part('month')} ${formatClock(locale, at, false)}`
}

const STATUS_KEYS: Record<string, MessageKey> = {
  received: 'status.received',
  assigned: 'status.assigned',
  in_progress: 'status.in_progress',
  resolved: 'status.resolved',
  closed: 'status.closed',
  reopened: 'status.reopened',
  rejected: 'status.rejected',
  open: 'status.open',
}

export function statusLabel(locale: Locale, status: string | null): string {
  if (status === null) return ''
  const key = STATUS_KEYS[status]
  return key ? translate(locale, key) : status
}

const SLA_KEYS: Record<SlaState, MessageKey> = {
  open_on_time: 'sla.open_on_time',
  open_overdue: 'sla.open_overdue',
  resolved_on_time: 'sla.resolved_on_time',
  resolved_late: 'sla.resolved_late',
  rejected: 'sla.rejected',
}

export function slaLabel(locale: Locale, sla: SlaState | null): string {
  return sla === null ? '' : translate(locale, SLA_KEYS[sla])
}

/** The SLA states that need the officer's eye, drawn in red. */
export const isLate = (sla: SlaState | null): boolean => sla === 'open_overdue' || sla === 'resolved_late'

export interface Bar {
  start: number
  /** Stacked heights, 0–1 of the tallest bucket. */
  heights: Record<Layer, number>
  counts: Record<Layer, number>
}

/** Bars of the layers shown, scaled to the tallest bucket (stacked), so the busiest quarter hour fills the box. */
export function histogramBars(histogram: Histogram, layers: readonly Layer[]): { bars: Bar[]; max: number; total: number } {
  const sum = (b: Histogram['buckets'][number]) => layers.reduce((s, l) => s + (b[l] ?? 0), 0)
  const max = Math.max(0, ...histogram.buckets.map(sum))
  const total = histogram.buckets.reduce((s, b) => s + sum(b), 0)
  const bars = histogram.buckets.map((b) => {
    const counts = { complaints: layers.includes('complaints') ? b.complaints : 0, mentions: layers.includes('mentions') ? b.mentions : 0 }
    return { start: Date.parse(b.start), counts, heights: { complaints: max ? counts.complaints / max : 0, mentions: max ? counts.mentions / max : 0 } }
  })
  return { bars, max, total }
}

/** The bucket holding `at` (the replay's position on the histogram), or -1 outside it. */
export function bucketAt(bars: readonly Bar[], bucketMinutes: number, at: number): number {
  const width = bucketMinutes * 60_000
  return bars.findIndex((b) => at >= b.start && at < b.start + width)
}

/** "ĐANG PHÁT LẠI 14:35" / "REPLAY 14:35": what every screen of a replay says, in Ho Chi Minh City time. */
export function replayBanner(locale: Locale, at: number): string {
  return translate(locale, 'console.replaying', { time: formatClock(locale, at, false) })
}

const HCMC_OFFSET_MS = 7 * 3_600_000

/** A `datetime-local` value read as Ho Chi Minh City time (UTC+7, no DST) → ISO 8601 UTC; null when unreadable. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return null
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}+07:00`)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

/** An instant as a `datetime-local` value in Ho Chi Minh City time ("2026-11-25T14:35"). */
export function isoToLocalInput(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? new Date(ms + HCMC_OFFSET_MS).toISOString().slice(0, 16) : ''
}
