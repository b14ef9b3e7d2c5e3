/**
 * A subscription's per-unit totals for the wire (Snapshot, Resumed, kpi): the wall ranks its units
 * by these instead of placing hexagons in polygons itself — PostGIS decided membership at ingest.
 */
import type { Layer, UnitTotal, WindowName } from '../core/protocol'
import type { SlidingWindows } from '../core/windows'

export function unitTotalsOf(
  windows: Pick<SlidingWindows, 'unitTotals'>,
  spec: { scope: string; window: WindowName; layers: readonly Layer[] },
): UnitTotal[] {
  const byUnit = new Map<string, UnitTotal>()
  for (const layer of spec.layers) {
    for (const [unit, count] of windows.unitTotals(spec.window, spec.scope, layer)) {
      let total = byUnit.get(unit)
      if (!total) byUnit.set(unit, (total = { unit, counts: {} }))
      total.counts[layer] = count
    }
  }
  return [...byUnit.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
}
