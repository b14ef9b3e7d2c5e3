/**
 * What a click on the console's map selects (CON-UI-1): the hexagon under the pointer when it holds
 * events at the map's resolution, else the deepest unit drawn there (a ward before its district),
 * else nothing. The cell is the server's own definition (cellsForPoint: the finest cell's parent). Pure.
 */
import { cellsForPoint, type MapResolution } from '../../server/core/h3'
import type { Place } from './console-state'

export interface Pick {
  lngLat: [number, number]
  /** Codes of the units drawn under the point, any level. */
  units: string[]
}

export function pickPlace(pick: Pick, res: MapResolution, hasCell: (cell: string) => boolean, depthOf: (code: string) => number | undefined): Place | null {
  const [lng, lat] = pick.lngLat
  const cell = cellsForPoint(lat, lng)[`r${res}`]
  if (hasCell(cell)) return { kind: 'cell', id: cell }
  let best: { code: string; depth: number } | null = null
  for (const code of pick.units) {
    const depth = depthOf(code)
    if (depth !== undefined && (best === null || depth > best.depth)) best = { code, depth }
  }
  return best ? { kind: 'unit', id: best.code } : null
}
