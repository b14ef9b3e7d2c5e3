/**
 * A subscription's per-unit totals for the wire (Snapshot, Resumed, kpi): the wall ranks its units
 * by these instead of placing hexagons in polygons itself — PostGIS decided membership at ingest —
 * and fills the units that hold events located only by their name (WIN-11).
 */
import type { Layer, UnitTotal, WindowName } from '../core/protocol'
import type { SlidingWindows } from '../core/windows'

export function unitTotalsOf(
  windows: Pick<SlidingWindows, 'unitTotals' | 'placeOnlyTotals'>,
  spec: { scope: string; window: WindowName; layers: readonly Layer[] },
): UnitTotal[] {
  const byUnit = new Map<string, UnitTotal>()
  for (const layer of spec.layers) {
    for (const [unit, count] of windows.unitTotals(spec.window, spec.scope, layer)) {
      let total = byUnit.get(unit)
      if (!total) byUnit.set(unit, (total = { unit, counts: {} }))
      total.counts[layer] = count
    }
    // A unit holding place-only events holds them in its totals too: it is already listed.
    for (const [unit, count] of windows.placeOnlyTotals(spec.window, spec.scope, layer)) {
      const total = byUnit.get(unit)
      if (total) (total.placeOnly ??= {})[layer] = count
    }
  }
  return [...byUnit.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
}
