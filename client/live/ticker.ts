/**
 * The ticker shows TickerItem fields only, as the server sent them: personal data is masked on the
 * server before an event enters the live log (server/core/privacy.ts, PRIV-*), the one owner of
 * that rule — a second rule here would disagree with it (and did: it hid amounts and dates).
 */
import type { TickerItem } from '../../server/core/protocol'

export const TICKER_LIMIT = 30

/** Copies only the protocol's ticker fields, so extra fields a server may add never reach the DOM. */
export function sanitizeTickerItem(item: TickerItem): TickerItem {
  return {
    id: String(item.id),
    kind: item.kind === 'mention' ? 'mention' : 'complaint',
    occurredAt: String(item.occurredAt),
    category: item.category ?? null,
    units: Array.isArray(item.units) ? item.units.map(String) : [],
    cell: item.cell ?? null,
    text: item.text == null ? null : String(item.text),
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
