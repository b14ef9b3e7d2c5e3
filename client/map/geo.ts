/** Small geometry helpers for boundaries: bbox, point in polygon, label points. [lng, lat] throughout. */
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

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Even-odd rule over outer ring and holes. */
export function pointInArea([x, y]: readonly [number, number], geometry: AreaGeometry): boolean {
  for (const polygon of polygonsOf(geometry)) {
    const [outer, ...holes] = polygon
    if (outer && inRing(x, y, outer) && !holes.some((h) => inRing(x, y, h))) return true
  }
  return false
}

function ringArea(ring: Position[]): number {
  let a = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1])
  return Math.abs(a / 2)
}

/**
 * Where a unit's name goes: the centroid of its largest part, or — when that falls outside
 * (a crescent-shaped ward) — the midpoint of the widest horizontal run through the part's middle.
 */
export function labelPoint(geometry: AreaGeometry): Position {
  const polygons = polygonsOf(geometry)
  let best = polygons[0]!
  for (const p of polygons) if (ringArea(p[0] ?? []) > ringArea(best[0] ?? [])) best = p
  const ring = best[0] ?? []
  let cx = 0
  let cy = 0
  let a = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!
    const [x1, y1] = ring[i]!
    const f = x0 * y1 - x1 * y0
    a += f
    cx += (x0 + x1) * f
    cy += (y0 + y1) * f
  }
  const centroid: Position = a === 0 ? (ring[0] ?? [0, 0]) : [cx / (3 * a), cy / (3 * a)]
  const single: PolygonGeometry = { type: 'Polygon', coordinates: best }
  if (pointInArea(centroid, single)) return centroid
  const y = (bboxOf(single)[1] + bboxOf(single)[3]) / 2
  const xs: number[] = []
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi)
  }
  xs.sort((p, q) => p - q)
  let widest: Position = centroid
  let width = -1
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > width) {
      width = xs[i + 1]! - xs[i]!
      widest = [(xs[i]! + xs[i + 1]!) / 2, y]
    }
  }
  return widest
}
