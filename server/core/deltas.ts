/**
 * Sequenced deltas of one subscription: building them from changed cells, numbering them, keeping
 * a bounded history for resume, and coalescing several into one (SEQ-1…SEQ-6). Pure.
 */
import type { MapResolution } from './h3'
import type { CellCount, Delta, Layer, WindowName } from './protocol'
import { groupKey } from './windows'

export interface RoomSpec {
  subscription: string
  scope: string
  layers: readonly Layer[]
  res: MapResolution
  window: WindowName
}

/** Reads one cell's current count (null when empty) — SlidingWindows.cell, bound. */
export type CellReader = (window: WindowName, scope: string, res: MapResolution, layer: Layer, cell: string) => CellCount | null

/**
 * The changes of one room since the last flush, or null when nothing it shows changed.
 * Upserts carry absolute counts, so applying a delta twice, or over a newer snapshot, is harmless (SEQ-3).
 */
export function buildChanges(spec: RoomSpec, dirty: ReadonlyMap<string, ReadonlySet<string>>, read: CellReader): Pick<Delta, 'upserts' | 'removals'> | null {
  const upserts: CellCount[] = []
  const removals: Delta['removals'] = []
  for (const layer of spec.layers) {
    const cells = dirty.get(groupKey(spec.window, spec.scope, spec.res, layer))
    if (!cells) continue
    for (const cell of cells) {
      const count = read(spec.window, spec.scope, spec.res, layer, cell)
      if (count) upserts.push(count)
      else removals.push({ cell, layer })
    }
  }
  return upserts.length || removals.length ? { upserts, removals } : null
}

/** Merges consecutive deltas into one carrying the last state of every cell they touched (SEQ-5). */
export function coalesce(deltas: readonly Delta[]): Pick<Delta, 'upserts' | 'removals'> {
  const last = new Map<string, CellCount | { cell: string; layer: Layer; removed: true }>()
  for (const delta of deltas) {
    for (const upsert of delta.upserts) last.set(`${upsert.layer}|${upsert.cell}`, upsert)
    for (const removal of delta.removals) last.set(`${removal.layer}|${removal.cell}`, { ...removal, removed: true })
  }
  const upserts: CellCount[] = []
  const removals: Delta['removals'] = []
  for (const change of last.values()) {
    if ('removed' in change) removals.push({ cell: change.cell, layer: change.layer })
    else upserts.push(change)
  }
  return { upserts, removals }
}

export interface DeltaHistoryLimits {
  /** Deltas older than this are forgotten; a client away longer takes a snapshot (SEQ-4). */
  maxAgeMs: number
  /** Cell changes kept across all retained deltas: bounds memory whatever the load. */
  maxChanges: number
}

export const DEFAULT_HISTORY: DeltaHistoryLimits = { maxAgeMs: 120_000, maxChanges: 200_000 }

/** Seq counter and recent deltas of one subscription. */
export class DeltaHistory {
  private readonly deltas: Delta[] = []
  private changes = 0
  private current = 0

  constructor(private readonly limits: DeltaHistoryLimits = DEFAULT_HISTORY) {}

  get seq(): number {
    return this.current
  }

  /** Numbers the next delta: seq goes up by exactly one per delta (SEQ-2). */
  next(subscription: string, at: Date, changes: Pick<Delta, 'upserts' | 'removals'>): Delta {
    const delta: Delta = { subscription, seq: ++this.current, at: at.toISOString(), ...changes }
    this.deltas.push(delta)
    this.changes += delta.upserts.length + delta.removals.length
    this.trim(at.getTime())
    return delta
  }

  trim(nowMs: number): void {
    while (this.deltas.length > 0) {
      const first = this.deltas[0]!
      const tooOld = Date.parse(first.at) < nowMs - this.limits.maxAgeMs
      if (!tooOld && this.changes <= this.limits.maxChanges) break
      this.deltas.shift()
      this.changes -= first.upserts.length + first.removals.length
    }
  }

  /** The deltas after `seq`, or null when some of them are no longer kept or `seq` is unknown (SEQ-4). */
  since(seq: number): Delta[] | null {
    if (seq > this.current) return null
    if (seq === this.current) return []
    const first = this.deltas[0]
    if (!first || first.seq > seq + 1) return null
    return this.deltas.slice(seq + 1 - first.seq)
  }
}
