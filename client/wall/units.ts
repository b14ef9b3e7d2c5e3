/**
 * Which units the wall's scope covers and how busy each is. Pure. Levels are data: a unit's place
 * comes from its parent chain, its count from the server's per-unit totals (PostGIS decided at
 * ingest which units an event lies in — the wall never places points in polygons itself).
 */
import type { Layer, UnitTotal } from '../../server/core/protocol'
import type { Unit } from '../map/boundaries'
import { unionBbox, type Bbox } from '../map/geo'
import type { RankedUnit } from './playlist'

/** Ho Chi Minh City's urban core, used until boundaries arrive (or if none are imported). */
export const DEFAULT_BBOX: Bbox = [106.55, 10.68, 106.85, 10.9]

export function findUnit(code: string, units: readonly Unit[]): Unit | undefined {
  return units.find((u) => u.code === code)
}

/** Units with no parent among those loaded: the top of the city, whatever its level is called. */
export function topUnits(units: readonly Unit[]): Unit[] {
  const codes = new Set(units.map((u) => u.code))
  return units.filter((u) => u.parent_code === null || !codes.has(u.parent_code))
}

/** The bbox the map frames for a scope: the unit's own at any level, or all top units' for the city. */
export function scopeBbox(scope: string, units: readonly Unit[]): Bbox | null {
  if (scope === 'city') return unionBbox(topUnits(units).map((u) => u.bbox))
  return findUnit(scope, units)?.bbox ?? null
}

/** The units the playlist visits inside a scope: those whose parent is the scope; for the city, the top units. */
export function childUnits(scope: string, units: readonly Unit[]): Unit[] {
  if (scope === 'city') return topUnits(units)
  return units.filter((u) => u.parent_code === scope)
}

/** Each unit's events in the subscription's window, summed over the layers shown (server totals). */
export function rankUnits(units: readonly Unit[], totals: readonly UnitTotal[], layers: readonly Layer[]): RankedUnit[] {
  const byUnit = new Map(totals.map((t) => [t.unit, t.counts]))
  return units.map((u) => {
    const counts = byUnit.get(u.code)
    const total = counts ? layers.reduce((sum, layer) => sum + (counts[layer] ?? 0), 0) : 0
    return { code: u.code, name: u.name, bbox: u.bbox, total }
  })
}

/**
 * Where an event is, for a ticker line: the finest unit the wall knows and the one above it
 * ("Phường 3, Quận 10"), since a ward's name alone repeats across districts. Units come top level first.
 */
export function placeName(units: readonly string[], names: ReadonlyMap<string, string>): string | null {
  const known = units.map((code) => names.get(code)).filter((name): name is string => name !== undefined)
  return known.length === 0 ? null : known.slice(-2).reverse().join(', ')
}
