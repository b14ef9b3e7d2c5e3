/**
 * The latest events of every scope, newest by `occurredAt` first. Arrival order is not time order:
 * a backfill or a late producer delivers old events last, and they must not push today's aside.
 * Pure; bounded to `perScope` items for each scope seen.
 */
import type { TickerItem } from './protocol'
import { scopesOf } from './windows'

interface Entry {
  item: TickerItem
  at: number
}

export class RecentEvents {
  private readonly byScope = new Map<string, Entry[]>()

  constructor(private readonly perScope: number) {}

  /** Adds an item to the rings of its scopes; returns false when it was older than all of them hold. */
  add(item: TickerItem): boolean {
    const entry = { item, at: Date.parse(item.occurredAt) }
    let kept = false
    for (const scope of scopesOf(item.units)) {
      let ring = this.byScope.get(scope)
      if (!ring) this.byScope.set(scope, (ring = []))
      // Most late events are older than a full ring's oldest: one comparison turns them away.
      if (ring.length >= this.perScope && newer(entry, ring[ring.length - 1]!) >= 0) continue
      if (ring.some((existing) => existing.item.id === item.id)) continue
      let index = ring.findIndex((existing) => newer(entry, existing) < 0)
      if (index === -1) index = ring.length
      ring.splice(index, 0, entry)
      if (ring.length > this.perScope) ring.pop()
      kept = true
    }
    return kept
  }

  /** Newest first. */
  of(scope: string): TickerItem[] {
    return (this.byScope.get(scope) ?? []).map((entry) => entry.item)
  }
}

/** Negative when `a` goes before `b`: newest occurrence first, equal times by the later id (ids grow with storage order). */
function newer(a: Entry, b: Entry): number {
  return b.at - a.at || b.item.id.length - a.item.id.length || (b.item.id > a.item.id ? 1 : b.item.id < a.item.id ? -1 : 0)
}
