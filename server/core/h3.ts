import { cellToLatLng, cellToParent, latLngToCell } from 'h3-js'

/** Resolutions stored with every located event and offered by the map (city overview → street block). */
export const MAP_RESOLUTIONS = [6, 7, 8, 9] as const
export type MapResolution = (typeof MAP_RESOLUTIONS)[number]
export const FINEST_RESOLUTION: MapResolution = 9

export type CellsByResolution = Record<`r${MapResolution}`, string>

/** The cell of a point at every map resolution; coarser cells are parents of the finest. */
export function cellsForPoint(lat: number, lon: number): CellsByResolution {
  const finest = latLngToCell(lat, lon, FINEST_RESOLUTION)
  return { r6: cellToParent(finest, 6), r7: cellToParent(finest, 7), r8: cellToParent(finest, 8), r9: finest }
}

/** h3-js speaks [lat, lng]; everything else here (GeoJSON, deck.gl, maplibre) speaks [lng, lat]. */
export function cellCentre(cell: string): [lng: number, lat: number] {
  const [lat, lng] = cellToLatLng(cell)
  return [lng, lat]
}

export function isMapResolution(value: number): value is MapResolution {
  return (MAP_RESOLUTIONS as readonly number[]).includes(value)
}
