/**
 * What the briefing's map draws (BRF-7): the scope's units filled by divergence — red where the
 * hotline is louder, blue where social media is — and the top issues' cells in yellow. GeoJSON for
 * maplibre, built from the API's answer and the boundaries the wall also reads. Pure.
 */
import { cellToBoundary } from 'h3-js'
import type { DivergenceRow } from '../../server/core/briefing'
import type { UnitFeature } from '../map/boundaries'
import { bboxOf, unionBbox, type Bbox } from '../map/geo'

export const SOCIAL_COLOUR = '#3b82f6'
export const HOTLINE_COLOUR = '#ef4444'
export const NEUTRAL_COLOUR = '#1e293b'
export const ISSUE_COLOUR = '#facc15'

export interface DivergenceFeature extends UnitFeature {
  properties: UnitFeature['properties'] & { colour: string; opacity: number }
}

/** Each unit of `codes`, its fill by how far its shares differ (|score| 0.5 or more: full). */
export function divergenceFeatures(units: readonly UnitFeature[], codes: ReadonlySet<string>, rows: readonly DivergenceRow[]): DivergenceFeature[] {
  const byUnit = new Map(rows.map((r) => [r.unit, r]))
  return units
    .filter((u) => codes.has(String(u.properties.code)))
    .map((u) => {
      const row = byUnit.get(String(u.properties.code))
      const colour = !row ? NEUTRAL_COLOUR : row.direction === 'social_louder' ? SOCIAL_COLOUR : HOTLINE_COLOUR
      const opacity = !row ? 0.6 : 0.35 + 0.55 * Math.min(1, Math.abs(row.score) / 0.5)
      return { ...u, properties: { ...u.properties, colour, opacity } }
    })
}

/** The top issues' cells as polygons, [lng, lat] as GeoJSON wants (h3-js answers [lat, lng]). */
export function cellFeatures(cells: readonly string[]) {
  return [...new Set(cells)].map((cell) => {
    const ring = cellToBoundary(cell).map(([lat, lng]) => [lng, lat] as [number, number])
    return { type: 'Feature' as const, properties: { cell }, geometry: { type: 'Polygon' as const, coordinates: [[...ring, ring[0]!]] } }
  })
}

export function boundsOf(units: readonly UnitFeature[]): Bbox | null {
  return unionBbox(units.map((u) => bboxOf(u.geometry)))
}
