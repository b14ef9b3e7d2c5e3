/**
 * One hexagon outline, in metres around its centre, shared by every cell drawn at a resolution:
 * deck.gl's ColumnLayer instances it per cell (what H3HexagonLayer does in its fast path), so
 * only a centre per cell is needed and no polygon is built per delta.
 */
import { cellToBoundary, latLngToCell } from 'h3-js'
import { cellCentre } from '../../server/core/h3'

const METRES_PER_DEGREE_LAT = 110_574
const METRES_PER_DEGREE_LNG_AT_EQUATOR = 111_320

/** h3-js returns [lat, lng]; turn a cell's outline into [east, north] metres from its centre. */
export function hexVerticesMetres(cell: string): Array<[number, number]> {
  const [lng0, lat0] = cellCentre(cell)
  const cos = Math.cos((lat0 * Math.PI) / 180)
  return cellToBoundary(cell).map(([lat, lng]) => [
    (lng - lng0) * METRES_PER_DEGREE_LNG_AT_EQUATOR * cos,
    (lat - lat0) * METRES_PER_DEGREE_LAT,
  ])
}

/** The outline for `res` at a point (the scope's centre): distortion across a city is < 1 %. */
export function hexVerticesAt(lng: number, lat: number, res: number): Array<[number, number]> {
  return hexVerticesMetres(latLngToCell(lat, lng, res))
}
