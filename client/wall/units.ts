/** Which units the wall's scope covers, and how hot each is. Pure. */
import type { CellLayerStore } from '../live/cell-store'
import type { Unit } from '../map/boundaries'
import { inBbox, pointInArea, unionBbox, type Bbox } from '../map/geo'
import type { RankedUnit } from './playlist'

/** Ho Chi Minh City's urban core, used until boundaries arrive (or if none are imported). */
export const DEFAULT_BBOX: Bbox = [106.55, 10.68, 106.85, 10.9]

export function findUnit(code: string, ...lists: Unit[][]): Unit | undefined {
  for (const list of lists) {
    const hit = list.find((u) => u.code === code)
    if (hit) return hit
  }
  return undefined
}

/** The bbox the map frames for a scope: the unit's own, or the union of all districts (wards) for the city. */
export function scopeBbox(scope: string, districts: Unit[], wards: Unit[]): Bbox | null {
  if (scope === 'city') return unionBbox((districts.length > 0 ? districts : wards).map((u) => u.bbox))
  return findUnit(scope, districts, wards)?.bbox ?? null
}

/** The units the playlist visits inside a scope: districts of the city (or its wards when it has no districts), wards of a district. */
export function childUnits(scope: string, districts: Unit[], wards: Unit[]): Unit[] {
  if (scope === 'city') return districts.length > 0 ? districts : wards
  if (districts.some((d) => d.code === scope)) return wards.filter((w) => w.parent_code === scope)
  return []
}

export function cellInUnit(centre: readonly [number, number], unit: Unit): boolean {
  return inBbox(centre, unit.bbox) && pointInArea(centre, unit.geometry)
}

/** Sums each unit's cell counts across stores (bbox first, then point in polygon). */
export function rankUnits(units: Unit[], stores: CellLayerStore[]): RankedUnit[] {
  const totals = new Map<string, number>(units.map((u) => [u.code, 0]))
  for (const store of stores) {
    store.forEach((_cell, count, centre) => {
      for (const u of units) {
        if (cellInUnit(centre, u)) {
          totals.set(u.code, (totals.get(u.code) ?? 0) + count)
          break
        }
      }
    })
  }
  return units.map((u) => ({ code: u.code, name: u.name, bbox: u.bbox, total: totals.get(u.code) ?? 0 }))
}
