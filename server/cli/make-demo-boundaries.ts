/**
 * tsx server/cli/make-demo-boundaries.ts [OUT_DIR]   (default data/demo)
 *
 * Writes the APPROXIMATE Ho Chi Minh City boundaries the embedded demo ships: the 22 pre-2025
 * districts as Voronoi cells around rough centres, clipped to a rough hand-drawn city outline,
 * and 3–6 demo wards per urban district cut the same way inside their district. Everything here
 * is our own table of codes, names and approximate coordinates — nothing is derived from
 * third-party boundary files, whose licences forbid copying. Deterministic: re-running it
 * rewrites identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import polygonClipping, { type MultiPolygon, type Polygon } from 'polygon-clipping'

type Point = [number, number]

/** GSO district codes (valid 2021 – mid 2025), names with diacritics, rough centres [lon, lat]. */
const DISTRICTS: { code: string; name: string; centre: Point; urban: boolean }[] = [
  { code: '760', name: 'Quận 1', centre: [106.699, 10.776], urban: true },
  { code: '761', name: 'Quận 12', centre: [106.654, 10.867], urban: true },
  { code: '764', name: 'Quận Gò Vấp', centre: [106.67, 10.838], urban: true },
  { code: '765', name: 'Quận Bình Thạnh', centre: [106.71, 10.81], urban: true },
  { code: '766', name: 'Quận Tân Bình', centre: [106.653, 10.8], urban: true },
  { code: '767', name: 'Quận Tân Phú', centre: [106.628, 10.787], urban: true },
  { code: '768', name: 'Quận Phú Nhuận', centre: [106.678, 10.799], urban: true },
  { code: '769', name: 'Thành phố Thủ Đức', centre: [106.78, 10.825], urban: true },
  { code: '770', name: 'Quận 3', centre: [106.684, 10.784], urban: true },
  { code: '771', name: 'Quận 10', centre: [106.667, 10.773], urban: true },
  { code: '772', name: 'Quận 11', centre: [106.648, 10.765], urban: true },
  { code: '773', name: 'Quận 4', centre: [106.704, 10.758], urban: true },
  { code: '774', name: 'Quận 5', centre: [106.668, 10.755], urban: true },
  { code: '775', name: 'Quận 6', centre: [106.635, 10.748], urban: true },
  { code: '776', name: 'Quận 8', centre: [106.648, 10.728], urban: true },
  { code: '777', name: 'Quận Bình Tân', centre: [106.603, 10.765], urban: true },
  { code: '778', name: 'Quận 7', centre: [106.72, 10.735], urban: true },
  { code: '783', name: 'Huyện Củ Chi', centre: [106.52, 11.0], urban: false },
  { code: '784', name: 'Huyện Hóc Môn', centre: [106.59, 10.89], urban: false },
  { code: '785', name: 'Huyện Bình Chánh', centre: [106.57, 10.7], urban: false },
  { code: '786', name: 'Huyện Nhà Bè', centre: [106.73, 10.67], urban: false },
  { code: '787', name: 'Huyện Cần Giờ', centre: [106.89, 10.48], urban: false },
]

/** A rough outline of the city, drawn by hand (clockwise from the west of Củ Chi). */
const CITY_OUTLINE: Point[] = [
  [106.36, 11.05], [106.46, 11.16], [106.56, 11.12], [106.62, 11.02], [106.66, 10.92], [106.72, 10.89],
  [106.8, 10.89], [106.88, 10.88], [106.88, 10.8], [106.84, 10.75], [106.8, 10.7], [106.88, 10.66],
  [106.98, 10.6], [107.03, 10.5], [106.98, 10.4], [106.88, 10.37], [106.78, 10.4], [106.74, 10.5],
  [106.74, 10.6], [106.68, 10.64], [106.58, 10.63], [106.48, 10.68], [106.44, 10.76], [106.45, 10.84],
  [106.4, 10.93], [106.36, 11.05],
]

const DECIMALS = 5

/** The part of `area` closer to `sites[i]` than to any other site: `area` cut by bisector half-planes. */
function voronoiCells(sites: Point[], area: MultiPolygon): MultiPolygon[] {
  const [minX, minY, maxX, maxY] = bbox(area)
  const pad = Math.max(maxX - minX, maxY - minY)
  const box: Point[] = [[minX - pad, minY - pad], [maxX + pad, minY - pad], [maxX + pad, maxY + pad], [minX - pad, maxY + pad]]
  return sites.map((site, i) => {
    let cell = box
    sites.forEach((other, j) => {
      if (j !== i) cell = clipHalfPlane(cell, site, other)
    })
    return cell.length < 3 ? [] : polygonClipping.intersection(area, [[...cell, cell[0]!]])
  })
}

/** Sutherland–Hodgman against one half-plane: keeps the side of the bisector nearer `site`. */
function clipHalfPlane(polygon: Point[], site: Point, other: Point): Point[] {
  const nx = other[0] - site[0]
  const ny = other[1] - site[1]
  const c = (other[0] ** 2 + other[1] ** 2 - site[0] ** 2 - site[1] ** 2) / 2
  const side = (p: Point) => nx * p[0] + ny * p[1] - c // < 0: nearer `site`
  const out: Point[] = []
  polygon.forEach((current, k) => {
    const previous = polygon[(k + polygon.length - 1) % polygon.length]!
    const sc = side(current)
    const sp = side(previous)
    if (sc <= 0 !== sp <= 0) {
      const t = sp / (sp - sc)
      out.push([previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])])
    }
    if (sc <= 0) out.push(current)
  })
  return out
}

function bbox(area: MultiPolygon): [number, number, number, number] {
  const points = area.flat(2) as Point[]
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/** Area-weighted centroid and area of the outer rings (demo cells have no holes worth counting). */
function centroid(area: MultiPolygon): { point: Point; area: number } {
  let a = 0
  let cx = 0
  let cy = 0
  for (const polygon of area) {
    const ring = polygon[0]!
    for (let k = 0; k < ring.length - 1; k++) {
      const [x0, y0] = ring[k]!
      const [x1, y1] = ring[k + 1]!
      const cross = x0 * y1 - x1 * y0
      a += cross / 2
      cx += ((x0 + x1) * cross) / 6
      cy += ((y0 + y1) * cross) / 6
    }
  }
  return { point: [cx / a, cy / a], area: Math.abs(a) }
}

function contains(area: MultiPolygon, [x, y]: Point): boolean {
  let inside = false
  for (const polygon of area) {
    for (const ring of polygon) {
      for (let k = 0, l = ring.length - 1; k < ring.length; l = k++) {
        const [xk, yk] = ring[k]!
        const [xl, yl] = ring[l]!
        if (yk > y !== yl > y && x < ((xl - xk) * (y - yk)) / (yl - yk) + xk) inside = !inside
      }
    }
  }
  return inside
}

/** A small seeded generator (mulberry32): the same wards on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` well-spread sites inside `area`: random starts, then Lloyd relaxation. */
function spreadSites(area: MultiPolygon, count: number, seed: number): Point[] {
  const next = random(seed)
  const [minX, minY, maxX, maxY] = bbox(area)
  const sites: Point[] = []
  while (sites.length < count) {
    const p: Point = [minX + next() * (maxX - minX), minY + next() * (maxY - minY)]
    if (contains(area, p)) sites.push(p)
  }
  for (let round = 0; round < 8; round++) {
    voronoiCells(sites, area).forEach((cell, i) => {
      if (cell.length > 0) sites[i] = centroid(cell).point
    })
  }
  return sites
}

const round = (area: MultiPolygon): MultiPolygon =>
  area.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [Number(x.toFixed(DECIMALS)), Number(y.toFixed(DECIMALS))] as Point)))

function feature(properties: Record<string, unknown>, area: MultiPolygon) {
  const geometry = area.length === 1 ? { type: 'Polygon', coordinates: round(area)[0] as Polygon } : { type: 'MultiPolygon', coordinates: round(area) }
  return { type: 'Feature', properties: { ...properties, demo: true }, geometry }
}

function collection(name: string, features: unknown[]) {
  return { type: 'FeatureCollection', name, features }
}

export function makeDemoBoundaries() {
  const city: MultiPolygon = [[CITY_OUTLINE]]
  const districtCells = voronoiCells(DISTRICTS.map((d) => d.centre), city)
  const districts = DISTRICTS.map((d, i) => feature({ code: d.code, name: d.name }, districtCells[i]!))
  const wards = DISTRICTS.flatMap((d, i) => {
    if (!d.urban) return []
    const cell = districtCells[i]!
    const count = 3 + (Number(d.code) % 4) // 3–6 demo wards
    const sites = spreadSites(cell, count, Number(d.code))
    // Numbered north to south, so names read in map order.
    const order = sites.map((s, k) => ({ s, k })).sort((a, b) => b.s[1] - a.s[1] || a.s[0] - b.s[0])
    const cells = voronoiCells(order.map((o) => o.s), cell)
    return cells.map((wardCell, k) =>
      feature({ code: `${d.code}-${String(k + 1).padStart(2, '0')}`, name: `Phường ${k + 1} (demo)`, district_code: d.code }, wardCell),
    )
  })
  return {
    districts: collection('hcmc-demo-districts', districts),
    wards: collection('hcmc-demo-wards', wards),
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('make-demo-boundaries.ts')) {
  const out = path.resolve(process.argv[2] ?? 'data/demo')
  mkdirSync(out, { recursive: true })
  const { districts, wards } = makeDemoBoundaries()
  for (const [file, fc] of [['hcmc-demo-districts.geojson', districts], ['hcmc-demo-wards.geojson', wards]] as const) {
    const text = `${JSON.stringify(fc)}\n`
    writeFileSync(path.join(out, file), text)
    console.log(`${path.join(out, file)}: ${fc.features.length} features, ${(text.length / 1024).toFixed(0)} KB`)
  }
}
