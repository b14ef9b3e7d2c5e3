/**
 * The overdue layer (LIVE-15): the database counts overdue open complaints per r9 cell, each
 * subscription shows them at its own resolution. Pure.
 */
import { cellToParent } from 'h3-js'
import type { MapResolution } from './h3'
import type { Overdue } from './protocol'

export type OverdueCell = Overdue['cells'][number]

/** Overdue complaints per r9 cell of one scope. */
export type OverdueByR9 = ReadonlyMap<string, number>

/** The r9 counts summed into their parents at `res`, ordered by cell so that equal layers compare equal. */
export function overdueCellsAt(byR9: OverdueByR9, res: MapResolution): OverdueCell[] {
  const sums = new Map<string, number>()
  for (const [cell, count] of byR9) {
    const parent = cellToParent(cell, res)
    sums.set(parent, (sums.get(parent) ?? 0) + count)
  }
  return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([cell, count]) => ({ cell, count }))
}

export function sameOverdueCells(a: readonly OverdueCell[], b: readonly OverdueCell[]): boolean {
  return a.length === b.length && a.every((x, i) => x.cell === b[i]!.cell && x.count === b[i]!.count)
}

export function sameOverdueByR9(a: OverdueByR9, b: OverdueByR9): boolean {
  if (a.size !== b.size) return false
  for (const [cell, count] of a) if (b.get(cell) !== count) return false
  return true
}
