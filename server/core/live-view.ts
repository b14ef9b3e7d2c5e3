/**
 * What a screen holds for one subscription: a snapshot with deltas applied in seq order
 * (SEQ-2, SEQ-3). Pure and shared: client/live can build its store on it; tests use it to prove
 * a client ends with exactly the server's counts.
 */
import type { CellCount, Delta, Kpi, Layer, Resumed, Snapshot } from './protocol'

export type DeltaOutcome = 'applied' | 'duplicate' | 'gap' | 'foreign'

export class LiveView {
  subscription: string | null = null
  seq = 0
  kpi: Kpi | null = null
  readonly cells = new Map<string, CellCount>()

  /** A snapshot (or an unasked keyframe) replaces everything. */
  applySnapshot(snapshot: Snapshot): void {
    this.subscription = snapshot.subscription
    this.seq = snapshot.seq
    this.kpi = snapshot.kpi
    this.cells.clear()
    for (const cell of snapshot.cells) this.cells.set(key(cell.layer, cell.cell), cell)
  }

  /** A delta applies only when it is the next one; an older one is ignored; a newer one is a gap (SEQ-2). */
  applyDelta(delta: Delta): DeltaOutcome {
    if (delta.subscription !== this.subscription) return 'foreign'
    if (delta.seq <= this.seq) return 'duplicate'
    if (delta.seq !== this.seq + 1) return 'gap'
    this.applyChanges(delta)
    this.seq = delta.seq
    return 'applied'
  }

  /** A resume answer applies when it starts where this view stopped. */
  applyResumed(resumed: Resumed): boolean {
    if (resumed.subscription !== this.subscription || resumed.fromSeq !== this.seq) return false
    this.applyChanges(resumed)
    this.seq = resumed.seq
    this.kpi = resumed.kpi
    return true
  }

  private applyChanges(changes: Pick<Delta, 'upserts' | 'removals'>): void {
    for (const upsert of changes.upserts) this.cells.set(key(upsert.layer, upsert.cell), upsert)
    for (const removal of changes.removals) this.cells.delete(key(removal.layer, removal.cell))
  }

  /** Cells as a sorted list, to compare with another view or a snapshot. */
  list(): CellCount[] {
    return [...this.cells.values()].sort((a, b) => a.layer.localeCompare(b.layer) || a.cell.localeCompare(b.cell))
  }
}

const key = (layer: Layer, cell: string) => `${layer}|${cell}`

/** Sorted copy of snapshot cells, comparable with LiveView.list(). */
export const sortCells = (cells: readonly CellCount[]): CellCount[] =>
  [...cells].sort((a, b) => a.layer.localeCompare(b.layer) || a.cell.localeCompare(b.cell))
