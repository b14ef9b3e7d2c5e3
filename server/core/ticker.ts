/**
 * The latest events of every scope, newest by `occurredAt` first. Arrival order is not time order:
 * a backfill or a late producer delivers old events last, and they must not push today's aside.
 * Pure; bounded to `perScope` items for each scope seen.
 */
import type { TickerItem } from './protocol'
import { scopesOf } from './windows'

export class RecentEvents {
  private readonly byScope = new Map<string, TickerItem[]>()

  constructor(private readonly perScope: number) {}

  /** Adds an item to the rings of its scopes; returns false when it was older than all of them hold. */
  add(item: TickerItem): boolean {
    let kept = false
    for (const scope of scopesOf(item.districtCode, item.wardCode)) {
      let ring = this.byScope.get(scope)
      if (!ring) this.byScope.set(scope, (ring = []))
      if (ring.some((existing) => existing.id === item.id)) continue
      let index = ring.findIndex((existing) => newerFirst(item, existing) < 0)
      if (index === -1) index = ring.length
      if (index >= this.perScope) continue
      ring.splice(index, 0, item)
      if (ring.length > this.perScope) ring.pop()
      kept = true
    }
    return kept
  }

  /** Newest first. */
  of(scope: string): TickerItem[] {
    return [...(this.byScope.get(scope) ?? [])]
  }
}

/** Newest occurrence first; equal times by the later id (ids grow with storage order). */
export function newerFirst(a: TickerItem, b: TickerItem): number {
  return Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.id.length - a.id.length || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0)
}
