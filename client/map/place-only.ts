/**
 * Events located only by a unit's name (no point; WIN-11) drawn as that unit's own polygon, never
 * as a point or a hexagon: the map then claims no more precision than the producer gave. Pure: the
 * server's unit totals and the boundaries in, a GeoJSON collection for maplibre and the legend's
 * figures out (docs/SPEC.md WALL-9).
 */
import type { Layer, UnitTotal } from '../../server/core/protocol'
import type { Rgba } from '../live/cell-store'
import type { UnitFeature } from './boundaries'
import type { MapLevel } from './map-levels'

/** One hue per layer, from its heat ramp's middle, so a fill reads as "complaints" or "mentions" at a glance. */
export const PLACE_ONLY_COLOUR: Record<Layer, Rgba> = { complaints: [249, 115, 22, 255], mentions: [56, 189, 248, 255] }
/**
 * Translucent fills, lighter than any hexagon (whose colours are opaque): from the faintest unit to
 * the busiest. Drawn under the hexagons and names (the deck.gl canvas lies over maplibre's).
 */
export const PLACE_ONLY_OPACITY = { min: 0.12, max: 0.4 } as const
/** The dashed outline's width before the screen's scale (pixels). */
export const PLACE_ONLY_LINE_WIDTH = 2

export interface PlaceOnlyProperties {
  code: string
  layer: Layer
  count: number
  /** `#rrggbb` of the layer. */
  colour: string
  fillOpacity: number
  lineWidth: number
}

export interface PlaceOnlyCollection {
  type: 'FeatureCollection'
  features: Array<{ type: 'Feature'; properties: PlaceOnlyProperties; geometry: UnitFeature['geometry'] }>
}

export interface PlaceOnlyFigures {
  /** Events drawn as unit fills. */
  events: number
  /** Units filled. */
  units: number
}

export interface PlaceOnlyView {
  collection: PlaceOnlyCollection
  byLayer: Record<Layer, PlaceOnlyFigures>
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const hex = ([r, g, b]: Rgba) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`

/** Fill opacity of a unit holding `count` of the layer's place-only events when the busiest holds `max`: log-spread, so 1 and 2 differ and 500 does not wash out 50. */
export function placeOnlyOpacity(count: number, max: number): number {
  const { min, max: top } = PLACE_ONLY_OPACITY
  if (max <= 1) return top
  const share = Math.log1p(Math.max(0, Math.min(count, max))) / Math.log1p(max)
  return Math.round((min + (top - min) * share) * 1000) / 1000
}

/**
 * The fills of the layers shown: one feature per unit and layer with place-only events whose
 * polygon the wall has loaded, coarser levels first so a ward's fill lies over its district's.
 * A unit without a polygon here is not drawn, and not counted in the figures: the legend states
 * what the map shows.
 */
export function placeOnlyView(totals: readonly UnitTotal[], layers: readonly Layer[], levels: readonly MapLevel[], uiScale: number): PlaceOnlyView {
  const byCode = new Map<string, { feature: UnitFeature; depth: number }>()
  for (const level of levels) for (const feature of level.collection.features) byCode.set(String(feature.properties.code), { feature, depth: level.depth })
  const byLayer = Object.fromEntries(layers.map((layer) => [layer, { events: 0, units: 0 }])) as Record<Layer, PlaceOnlyFigures>
  const found: Array<{ unit: { feature: UnitFeature; depth: number }; layer: Layer; count: number }> = []
  for (const total of totals) {
    const unit = byCode.get(total.unit)
    if (!unit || !total.placeOnly) continue
    for (const layer of layers) {
      const count = total.placeOnly[layer] ?? 0
      if (count <= 0) continue
      found.push({ unit, layer, count })
      byLayer[layer].events += count
      byLayer[layer].units++
    }
  }
  const max = new Map<Layer, number>()
  for (const { layer, count } of found) max.set(layer, Math.max(max.get(layer) ?? 0, count))
  found.sort((a, b) => a.unit.depth - b.unit.depth || compare(String(a.unit.feature.properties.code), String(b.unit.feature.properties.code)) || compare(a.layer, b.layer))
  return {
    collection: {
      type: 'FeatureCollection',
      features: found.map(({ unit, layer, count }) => ({
        type: 'Feature',
        properties: {
          code: String(unit.feature.properties.code),
          layer,
          count,
          colour: hex(PLACE_ONLY_COLOUR[layer]),
          fillOpacity: placeOnlyOpacity(count, max.get(layer) ?? count),
          lineWidth: PLACE_ONLY_LINE_WIDTH * uiScale,
        },
        geometry: unit.feature.geometry,
      })),
    },
    byLayer,
  }
}
