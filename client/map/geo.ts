/**
 * Small geometry helpers for framing the map: bboxes only. [lng, lat] throughout. Which unit a
 * point lies in is decided once, by PostGIS at ingest; label points come from PostGIS too.
 */
export type Position = [number, number]
export type Bbox = [west: number, south: number, east: number, north: number]

export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: Position[][]
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon'
  coordinates: Position[][][]
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry

export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

export function bboxOf(geometry: AreaGeometry): Bbox {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const polygon of polygonsOf(geometry)) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x < w) w = x
      if (x > e) e = x
      if (y < s) s = y
      if (y > n) n = y
    }
  }
  return [w, s, e, n]
}

export function unionBbox(boxes: Bbox[]): Bbox | null {
  if (boxes.length === 0) return null
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])])
}

export function inBbox([x, y]: readonly [number, number], [w, s, e, n]: Bbox): boolean {
  return x >= w && x <= e && y >= s && y <= n
}
