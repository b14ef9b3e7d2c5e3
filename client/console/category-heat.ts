/**
 * The live map filtered by category (CON-UI-7): the live cells' counts summed over the categories
 * chosen, from the counts by category each cell carries on the wire (WIN-9). Rebuilt from the
 * live stores whenever they change; a cell none of whose events is of those categories is not
 * drawn. Colours use a scale of their own (the busiest filtered cell), so a lone flooding cell is
 * not drawn pale beside the unfiltered traffic. Pure: no DOM.
 */
import { cellCentre } from '../../server/core/h3'
import { LAYERS, type CellCount, type Layer } from '../../server/core/protocol'
import { CellLayerStore } from '../live/cell-store'
import { heatScale, type HeatScale } from '../map/colour-scales'
import type { HeatSource } from '../map/layers'

export class CategoryHeat implements HeatSource {
  readonly stores: Record<Layer, CellLayerStore>
  scales: Record<Layer, HeatScale>
  version = 0

  constructor(private readonly categories: ReadonlySet<string>) {
    this.scales = { complaints: heatScale('complaints', 1), mentions: heatScale('mentions', 1) }
    this.stores = {
      complaints: new CellLayerStore('complaints', cellCentre, this.scales.complaints.colourOf),
      mentions: new CellLayerStore('mentions', cellCentre, this.scales.mentions.colourOf),
    }
  }

  /** Redraws from the live stores. */
  refresh(live: Record<Layer, CellLayerStore>): void {
    for (const layer of LAYERS) {
      const source = live[layer]
      const cells: CellCount[] = []
      for (let slot = 0; slot < source.length; slot++) {
        const cell = source.cellAt(slot)!
        const byCategory = source.categoriesOf(cell)
        let count = 0
        for (const category of this.categories) count += byCategory[category] ?? 0
        if (count > 0) cells.push({ cell, layer, count, byCategory: {} })
      }
      const max = cells.reduce((m, c) => Math.max(m, c.count), 1)
      this.scales[layer] = heatScale(layer, max)
      this.stores[layer].recolour(this.scales[layer].colourOf)
      this.stores[layer].reset(cells)
    }
    this.scales = { ...this.scales }
    this.version++
  }

  /** Events of those categories on the map, per layer (the legends' totals). */
  total(layer: Layer): number {
    return this.stores[layer].total
  }
}
