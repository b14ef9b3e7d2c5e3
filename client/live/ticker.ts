/**
 * The ticker shows TickerItem fields only. The server masks personal data; the screen masks
 * again whatever still looks like an e-mail address or a phone number, because a wall in a
 * public room is the last place such a slip can be caught.
 */
import type { TickerItem } from '../../server/core/protocol'

export const TICKER_LIMIT = 30

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu
/** +84 or 0 followed by 8–10 digits, allowing spaces, dots and dashes between groups. */
const PHONE = /(?:\+\s?84|\b0)(?:[\s.-]?\d){8,10}\b/g
/** Any run of 7+ digits with separators left over (hotline-style numbers, IDs). */
const LONG_DIGITS = /\d(?:[\s.-]?\d){6,}/g

export const MASK = '•••'

export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, MASK).replace(PHONE, MASK).replace(LONG_DIGITS, MASK)
}

/** Copies only the protocol's ticker fields, so extra fields a server may add never reach the DOM. */
export function sanitizeTickerItem(item: TickerItem): TickerItem {
  return {
    id: String(item.id),
    kind: item.kind === 'mention' ? 'mention' : 'complaint',
    occurredAt: String(item.occurredAt),
    category: item.category ?? null,
    districtCode: item.districtCode ?? null,
    wardCode: item.wardCode ?? null,
    cell: item.cell ?? null,
    text: item.text == null ? null : maskPersonalData(String(item.text)),
  }
}

/** Newest first, de-duplicated by id, at most `limit` items (the ticker never grows). */
export function mergeTicker(current: readonly TickerItem[], incoming: readonly TickerItem[], limit = TICKER_LIMIT): TickerItem[] {
  const seen = new Set<string>()
  const merged: TickerItem[] = []
  for (const item of [...incoming.map(sanitizeTickerItem), ...current]) {
    if (seen.has(item.id)) continue
    seen.add(item.id)
    merged.push(item)
  }
  merged.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt))
  return merged.slice(0, limit)
}
