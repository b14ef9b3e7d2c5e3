/**
 * Replay frames as the map's heat (CON-UI-5): one CellLayerStore per layer, reset to the frame
 * shown. Colours use one scale per layer for the whole replay (the busiest cell of any frame), so a
 * colour means the same count from the first frame to the last. Pure: no DOM.
 */
import { cellCentre } from '../../server/core/h3'
import { LAYERS, type Layer } from '../../server/core/protocol'
import { CellLayerStore } from '../live/cell-store'
import { heatScale, type HeatScale } from '../map/colour-scales'
import type { HeatSource } from '../map/layers'
import type { ReplayFrames } from './console-api'
import { frameIndex } from './replay-clock'

export class ReplayHeat implements HeatSource {
  readonly stores: Record<Layer, CellLayerStore>
  readonly scales: Record<Layer, HeatScale>
  version = 0
  /** The frame shown, -1 before the first. */
  shown = -1
  private readonly ats: number[]

  constructor(readonly frames: ReplayFrames) {
    this.ats = frames.frames.map((f) => Date.parse(f.at))
    const max: Record<Layer, number> = { complaints: 1, mentions: 1 }
    for (const frame of frames.frames) for (const c of frame.cells) max[c.layer] = Math.max(max[c.layer], c.count)
    this.scales = { complaints: heatScale('complaints', max.complaints), mentions: heatScale('mentions', max.mentions) }
    this.stores = {
      complaints: new CellLayerStore('complaints', cellCentre, this.scales.complaints.colourOf),
      mentions: new CellLayerStore('mentions', cellCentre, this.scales.mentions.colourOf),
    }
  }

  /** Shows the frame for instant `at`; true when that changed what is drawn. */
  showAt(at: number): boolean {
    const index = frameIndex(this.ats, at)
    if (index === this.shown) return false
    this.shown = index
    const cells = (this.frames.frames[index]?.cells ?? []).map((c) => ({ ...c, byCategory: {} }))
    for (const layer of LAYERS) this.stores[layer].reset(cells)
    this.version++
    return true
  }

  /** Events in the frame shown, per layer (the legends' totals). */
  total(layer: Layer): number {
    return this.stores[layer].total
  }
}
