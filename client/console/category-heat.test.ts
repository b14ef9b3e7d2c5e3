import { describe, expect, it } from 'vitest'
import { latLngToCell } from 'h3-js'
import { cellCentre } from '../../server/core/h3'
import type { CellCount } from '../../server/core/protocol'
import { CellLayerStore } from '../live/cell-store'
import { heatScale } from '../map/colour-scales'
import { CategoryHeat } from './category-heat'

const A = latLngToCell(10.77, 106.7, 8)
const B = latLngToCell(10.8, 106.65, 8)
const C = latLngToCell(10.75, 106.72, 8)

function liveStores(cells: CellCount[]) {
  const stores = {
    complaints: new CellLayerStore('complaints', cellCentre, heatScale('complaints', 10).colourOf),
    mentions: new CellLayerStore('mentions', cellCentre, heatScale('mentions', 10).colourOf),
  }
  stores.complaints.reset(cells)
  stores.mentions.reset(cells)
  return stores
}

const drawn = (store: CellLayerStore) => Array.from({ length: store.length }, (_, slot) => [store.cellAt(slot)!, store.countOf(store.cellAt(slot)!)] as const).sort()

describe('CON-UI-7 the live map filtered by category', () => {
  it('CON-UI-7 counts only the chosen categories, leaves out cells without them, and follows live deltas', () => {
    const live = liveStores([
      { cell: A, layer: 'complaints', count: 5, byCategory: { flooding: 4, waste: 1 } },
      { cell: B, layer: 'complaints', count: 2, byCategory: { traffic: 2 } },
      { cell: C, layer: 'mentions', count: 3, byCategory: { waste: 2, '': 1 } },
    ])
    const heat = new CategoryHeat(new Set(['waste', 'drainage']))
    heat.refresh(live)
    expect(drawn(heat.stores.complaints)).toEqual([[A, 1]])
    expect(drawn(heat.stores.mentions)).toEqual([[C, 2]])
    expect([heat.total('complaints'), heat.total('mentions')]).toEqual([1, 2])
    const before = heat.version

    live.complaints.apply([{ cell: B, layer: 'complaints', count: 5, byCategory: { traffic: 2, waste: 3 } }], [{ cell: A, layer: 'complaints' }])
    heat.refresh(live)
    expect(drawn(heat.stores.complaints)).toEqual([[B, 3]])
    expect(heat.version).toBeGreaterThan(before)
  })

  it('CON-UI-7 colours run to the busiest filtered cell, not the busiest cell of all', () => {
    const live = liveStores([
      { cell: A, layer: 'complaints', count: 300, byCategory: { traffic: 300 } },
      { cell: B, layer: 'complaints', count: 2, byCategory: { flooding: 2 } },
    ])
    const heat = new CategoryHeat(new Set(['flooding']))
    heat.refresh(live)
    const slot = 0
    const colour = Array.from(heat.stores.complaints.colours.subarray(slot * 4, slot * 4 + 4))
    expect(colour).toEqual([...heatScale('complaints', 2).colourOf(2)])
  })
})
