/**
 * Where overdue complaints are, for the map's overdue layer: the cells of the last `overdue` event
 * of this screen's subscription. Each event states every cell, so it replaces what was held; an
 * event for another subscription (a peek, or the one before a retarget) is dropped. Pure.
 */
import { cellCentre } from '../../server/core/h3'
import type { Overdue } from '../../server/core/protocol'

export interface OverdueSpot {
  cell: string
  count: number
  /** [lng, lat] of the cell's centre. */
  position: [number, number]
}

export class OverdueStore {
  /** Largest count first (ties by cell). */
  spots: OverdueSpot[] = []
  total = 0
  /** When the server counted them (ISO 8601), null before the first event. */
  at: string | null = null
  /** Bumped on every change, so a reader knows when to redraw. */
  version = 0
  private subscription: string | null = null

  /** Takes an event of `current` (the screen's subscription) and answers whether anything changed. */
  accept(event: Overdue, current: string | null): boolean {
    if (current === null || event.subscription !== current || !Array.isArray(event.cells)) return false
    this.subscription = current
    this.at = String(event.at)
    this.spots = event.cells
      .filter((c) => typeof c?.cell === 'string' && Number.isFinite(c.count) && c.count > 0)
      .map((c) => ({ cell: c.cell, count: c.count, position: cellCentre(c.cell) }))
      .sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell))
    this.total = this.spots.reduce((sum, s) => sum + s.count, 0)
    this.version++
    return true
  }

  /** Forgets what belongs to any other subscription than `current` (a new snapshot, a retarget). */
  keepOnly(current: string | null): boolean {
    if (this.subscription === null || this.subscription === current) return false
    this.subscription = null
    this.spots = []
    this.total = 0
    this.at = null
    this.version++
    return true
  }
}
