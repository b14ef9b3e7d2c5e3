/**
 * Hexagons to outline over the heat, as GeoJSON: the console's selected cell and its search hits
 * (any resolution, each with its own outline). h3-js gives [lat, lng]; GeoJSON wants [lng, lat]. Pure.
 */
import { cellToBoundary } from 'h3-js'

export type OutlineKind = 'selected' | 'found'

export interface CellOutlineFeature {
  type: 'Feature'
  properties: { cell: string; kind: OutlineKind }
  geometry: { type: 'Polygon'; coordinates: Array<Array<[number, number]>> }
}

export interface CellOutlines {
  type: 'FeatureCollection'
  features: CellOutlineFeature[]
}

/** One closed ring per cell; a cell both selected and found is drawn once, as selected. */
export function cellOutlines(cells: ReadonlyArray<{ cell: string; kind: OutlineKind }>): CellOutlines {
  const kinds = new Map<string, OutlineKind>()
  for (const { cell, kind } of cells) if (kinds.get(cell) !== 'selected') kinds.set(cell, kind)
  const features = [...kinds].map(([cell, kind]): CellOutlineFeature => {
    const ring = cellToBoundary(cell).map(([lat, lng]): [number, number] => [lng, lat])
    ring.push(ring[0]!)
    return { type: 'Feature', properties: { cell, kind }, geometry: { type: 'Polygon', coordinates: [ring] } }
  })
  return { type: 'FeatureCollection', features }
}
