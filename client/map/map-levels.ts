/**
 * The boundary levels the map draws, whatever they are called: the top level (fewest ancestors) is
 * filled and outlined over the heat, deeper levels are thin lines, and names come from the level
 * that suits the zoom. Pure.
 */
import type { UnitCollection, UnitFeature } from './boundaries'
import type { MapLabel } from './layers'

export interface MapLevel {
  level: string
  /** 0 for a top level (its units have no parent), 1 below it… */
  depth: number
  collection: UnitCollection
  labels: MapLabel[]
}

const collect = (levels: readonly MapLevel[]): UnitCollection => ({ type: 'FeatureCollection', features: levels.flatMap((l) => l.collection.features) })

const topDepth = (levels: readonly MapLevel[]) => Math.min(...levels.map((l) => l.depth))

/** Units of the top level(s). */
export function topCollection(levels: readonly MapLevel[]): UnitCollection {
  const top = topDepth(levels)
  return collect(levels.filter((l) => l.depth === top))
}

/** Units of every level below the top. */
export function childCollection(levels: readonly MapLevel[]): UnitCollection {
  const top = topDepth(levels)
  return collect(levels.filter((l) => l.depth !== top))
}

/** Outlines over the heat: the top units, plus the highlighted unit when it lies deeper. */
export function outlineCollection(levels: readonly MapLevel[], highlight: string | null): UnitCollection {
  const top = topCollection(levels)
  if (highlight === null || top.features.some((f) => f.properties.code === highlight)) return top
  const deeper: UnitFeature | undefined = childCollection(levels).features.find((f) => f.properties.code === highlight)
  return deeper ? { type: 'FeatureCollection', features: [...top.features, deeper] } : top
}

/** Zoom at which names of the next level down replace those of the level above. */
export const LABEL_ZOOMS = [12.5, 14] as const

/** The names to draw at `zoom`: the top level's when zoomed out, deeper levels' as the map zooms in. */
export function labelsForZoom(levels: readonly MapLevel[], zoom: number): MapLabel[] {
  const depths = [...new Set(levels.map((l) => l.depth))].sort((a, b) => a - b)
  if (depths.length === 0) return []
  const step = LABEL_ZOOMS.filter((z) => zoom >= z).length
  const depth = depths[Math.min(step, depths.length - 1)]
  return levels.filter((l) => l.depth === depth).flatMap((l) => l.labels)
}
