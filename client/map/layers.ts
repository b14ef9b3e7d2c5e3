/**
 * deck.gl layers as a pure function of state, with stable ids. The heat layers read the live
 * stores' binary arrays; a delta produces a new attribute descriptor only for what changed
 * (colours/counts; positions only when cells come or go), so deck.gl uploads buffers and runs
 * no accessor over 20,000 cells.
 */
import { ColumnLayer, GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import type { Layer as DeckLayer } from '@deck.gl/core'
import type { Layer } from '../../server/core/protocol'
import type { CellLayerStore, Rgba } from '../live/cell-store'
import type { OverdueSpot } from '../live/overdue-store'
import type { UnitCollection } from './boundaries'
import type { HeatScale } from './colour-scales'
import type { CellOutlines } from './cell-outlines'

export const FONT_FAMILY = '"Be Vietnam Pro", sans-serif'
/** Glyphs rasterised at 64 px with a distance field reaching 20 px beyond them: room for a wide halo. */
const SDF = { sdf: true, fontSize: 64, buffer: 16, radius: 20 } as const
/** Shared by every label layer: the shipped font, rendered as SDF so outlines stay crisp at 4K. */
const LABEL_FONT = {
  characterSet: 'auto',
  fontFamily: FONT_FAMILY,
  fontSettings: SDF,
  sizeUnits: 'pixels',
} as const
/** Unit names: the size they are drawn at, before the screen's scale, and their weight. */
export const UNIT_LABEL_SIZE = 15
export const UNIT_LABEL_WEIGHT = 600
/** A dark halo a fifth of the text's size wide: light names stay readable on the palest hexagon. */
export const HALO_RATIO = 0.2
export const HALO_COLOUR: Rgba = [8, 13, 26, 245]
export const UNIT_LABEL_COLOUR: Rgba = [241, 245, 249, 255]

/**
 * deck.gl's `outlineWidth` for a halo `ratio` × the text size wide. TinySDF stores 0.75 − d/radius
 * at d atlas pixels outside a glyph and deck.gl draws the outline down to 0.75·(1 − w/radius), so
 * the halo reaches 0.75·w atlas pixels, scaled by size/64 on screen whatever the size.
 */
export function haloOutlineWidth(ratio: number): number {
  return Math.min(SDF.radius * 0.9, (ratio * SDF.fontSize) / 0.75)
}
export const PULSE_MS = 1_600

export interface MapLabel {
  position: [number, number]
  text: string
  /** The unit's bbox width in degrees of longitude, to decide whether the name fits. */
  width: number
}

export interface HotCell {
  position: readonly [number, number]
  text: string
}

export interface Pulse {
  position: readonly [number, number]
  bornAt: number
  layer: Layer
}

/** Cell counts drawn instead of the live ones (the console's replay frames), with their scales; `version` bumps on each frame. */
export interface HeatSource {
  stores: Record<Layer, CellLayerStore>
  scales: Record<Layer, HeatScale>
  version: number
}

export interface HeatState {
  layer: Layer
  store: CellLayerStore
  visible: boolean
}

export interface MapLayersState {
  heat: HeatState[]
  /** Outline of one hexagon at the current resolution, metres around its centre. */
  vertices: Array<[number, number]> | null
  extruded: boolean
  /** Elevation per event, metres. */
  elevationPerEvent: number
  labels: MapLabel[]
  hotCells: HotCell[]
  pulses: Pulse[]
  now: number
  /** Top-level unit outlines (and the highlighted unit's) drawn over the heat, so borders stay readable through opaque hexagons. */
  outlines: UnitCollection | null
  /** The unit the playlist is showing, outlined in yellow. */
  highlight: string | null
  /** 1 at 1920 px wide, 2 at 3840 px: sizes in pixels scale with it. */
  uiScale: number
  /** Cells holding overdue complaints, outlined over the heat with their count. */
  overdue: { spots: OverdueSpot[]; visible: boolean }
  /** Hexagons outlined over the heat (the console's selected cell and search hits); none on the wall. */
  cellOutlines?: CellOutlines | null
}

interface BinaryData {
  length: number
  attributes: Record<string, { value: ArrayLike<number>; size: number; normalized?: boolean }>
}

interface Cached {
  positionsVersion: number
  valuesVersion: number
  positions: BinaryData['attributes'][string]
  data: BinaryData
}

const cache = new WeakMap<CellLayerStore, Cached>()

/** The same object for the same store versions, so deck.gl sees "no change" between deltas. */
export function binaryData(store: CellLayerStore): BinaryData {
  const hit = cache.get(store)
  if (hit && hit.positionsVersion === store.positionsVersion && hit.valuesVersion === store.valuesVersion) return hit.data
  const positions =
    hit && hit.positionsVersion === store.positionsVersion && hit.positions.value === store.positions
      ? hit.positions
      : { value: store.positions, size: 2 }
  const data: BinaryData = {
    length: store.length,
    attributes: {
      getPosition: positions,
      getFillColor: { value: store.colours, size: 4, normalized: true },
      getElevation: { value: store.counts, size: 1 },
    },
  }
  cache.set(store, { positionsVersion: store.positionsVersion, valuesVersion: store.valuesVersion, positions, data })
  return data
}

const EMPTY_COLLECTION = { type: 'FeatureCollection', features: [] }

const PULSE_COLOUR: Record<Layer, [number, number, number]> = { complaints: [255, 236, 179], mentions: [165, 243, 252] }

/** Overdue: a vivid pink-red line on a dark casing, apart from every colour of both heat ramps. */
export const OVERDUE_COLOUR: Rgba = [255, 0, 128, 255]
const OVERDUE_CASING: Rgba = [8, 13, 26, 235]

/** A hexagon outline per overdue cell (a dark casing under a red line) and its count in a red badge. */
function overdueLayers(state: MapLayersState): [casing: DeckLayer, outline: DeckLayer, counts: DeckLayer] {
  const s = state.uiScale
  const { spots } = state.overdue
  const visible = state.overdue.visible && spots.length > 0 && state.vertices !== null
  const outline = (id: string, width: number, colour: Rgba) =>
    new ColumnLayer<OverdueSpot>({
      id,
      data: spots,
      visible,
      diskResolution: 6,
      radius: 1,
      coverage: 0.84,
      vertices: (state.vertices ?? undefined) as never,
      extruded: false,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getPosition: (o) => o.position,
      getLineWidth: width * s,
      getLineColor: colour as never,
      pickable: false,
      updateTriggers: { getLineWidth: s },
    })
  return [
    outline('overdue-casing', 7, OVERDUE_CASING),
    outline('overdue-outline', 3.5, OVERDUE_COLOUR),
    new TextLayer<OverdueSpot>({
      id: 'overdue-counts',
      data: spots,
      visible,
      ...LABEL_FONT,
      fontWeight: 700,
      getPosition: (o) => o.position,
      getText: (o) => String(o.count),
      getSize: 16 * s,
      getColor: [255, 255, 255, 255],
      background: true,
      getBackgroundColor: OVERDUE_COLOUR as never,
      backgroundPadding: [5 * s, 1 * s],
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      updateTriggers: { getSize: s, backgroundPadding: s },
    }),
  ]
}

export function buildLayers(state: MapLayersState): DeckLayer[] {
  const s = state.uiScale
  const layers: DeckLayer[] = []
  for (const heat of state.heat) {
    layers.push(
      new ColumnLayer({
        id: `heat-${heat.layer}`,
        data: binaryData(heat.store) as never,
        visible: heat.visible && state.vertices !== null,
        diskResolution: 6,
        radius: 1,
        coverage: 0.94,
        vertices: (state.vertices ?? undefined) as never,
        extruded: state.extruded,
        flatShading: true,
        elevationScale: state.elevationPerEvent,
        pickable: false,
      }),
    )
  }
  layers.push(
    new GeoJsonLayer({
      id: 'unit-outlines',
      data: (state.outlines ?? EMPTY_COLLECTION) as never,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (f: { properties: { code: string } }) => (f.properties.code === state.highlight ? 4 : 1.4) * s,
      getLineColor: (f: { properties: { code: string } }) => (f.properties.code === state.highlight ? [250, 204, 21, 255] : [148, 163, 184, 170]),
      updateTriggers: { getLineWidth: [state.highlight, s], getLineColor: state.highlight },
    }),
  )
  const [casing, outline, counts] = overdueLayers(state)
  layers.push(casing, outline)
  layers.push(
    new GeoJsonLayer({
      id: 'cell-outlines',
      data: (state.cellOutlines ?? EMPTY_COLLECTION) as never,
      visible: (state.cellOutlines?.features.length ?? 0) > 0,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getFillColor: (f: { properties: { kind: string } }) => (f.properties.kind === 'selected' ? [250, 204, 21, 40] : [255, 255, 255, 30]),
      getLineColor: (f: { properties: { kind: string } }) => (f.properties.kind === 'selected' ? [250, 204, 21, 255] : [255, 255, 255, 230]),
      getLineWidth: (f: { properties: { kind: string } }) => (f.properties.kind === 'selected' ? 4 : 2.5) * s,
      updateTriggers: { getLineWidth: s },
    }),
  )
  const pulses = state.pulses
  layers.push(
    new ScatterplotLayer<Pulse>({
      id: 'pulses',
      data: pulses,
      visible: pulses.length > 0,
      stroked: true,
      filled: false,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (p) => p.position as [number, number],
      getRadius: (p) => (6 + 34 * Math.min(1, (state.now - p.bornAt) / PULSE_MS)) * s,
      getLineWidth: 3 * s,
      getLineColor: (p) => [...PULSE_COLOUR[p.layer], Math.round(255 * Math.max(0, 1 - (state.now - p.bornAt) / PULSE_MS))],
      updateTriggers: { getRadius: [state.now, s], getLineColor: state.now },
    }),
  )
  layers.push(
    new TextLayer<MapLabel>({
      id: 'unit-labels',
      data: state.labels,
      ...LABEL_FONT,
      fontWeight: UNIT_LABEL_WEIGHT,
      getPosition: (l) => l.position,
      getText: (l) => l.text,
      getSize: UNIT_LABEL_SIZE * s,
      getColor: UNIT_LABEL_COLOUR,
      outlineWidth: haloOutlineWidth(HALO_RATIO),
      outlineColor: HALO_COLOUR,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      updateTriggers: { getSize: s },
    }),
  )
  // A count of overdue complaints matters more than the name under it.
  layers.push(counts)
  layers.push(
    new TextLayer<HotCell>({
      id: 'hot-cells',
      data: state.hotCells,
      visible: state.hotCells.length > 0,
      ...LABEL_FONT,
      fontWeight: 700,
      getPosition: (h) => h.position as [number, number],
      getText: (h) => h.text,
      getSize: 22 * s,
      getColor: [255, 255, 255, 255],
      outlineWidth: haloOutlineWidth(HALO_RATIO),
      outlineColor: [0, 0, 0, 255],
      getPixelOffset: [0, -26 * s],
      background: false,
      updateTriggers: { getSize: s, getPixelOffset: s },
    }),
  )
  return layers
}
