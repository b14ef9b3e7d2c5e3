/**
 * Boundaries from our own server: which levels exist (`GET /api/v1/boundaries/levels`), then each
 * level as GeoJSON (`GET /api/v1/boundaries?level=…`), with bboxes. Levels are data: nothing here
 * names one. The label point comes from PostGIS, inside its unit.
 */
import { bboxOf, type AreaGeometry, type Bbox, type Position } from './geo'

export interface UnitProperties {
  code: string
  level: string
  name: string
  name_ascii: string
  parent_code: string | null
  /** Where the name goes, [lng, lat], inside the unit (PostGIS: centre of the largest inscribed circle). */
  label?: Position | null
}

export interface UnitFeature {
  type: 'Feature'
  properties: UnitProperties
  geometry: AreaGeometry
}

export interface UnitCollection {
  type: 'FeatureCollection'
  features: UnitFeature[]
}

export interface Unit extends UnitProperties {
  bbox: Bbox
  label: Position
  geometry: AreaGeometry
}

/** One level as the server lists it: depth 0 is a top level; `parent` is the level of its units' parents. */
export interface LevelInfo {
  level: string
  count: number
  depth: number
  parent: string | null
}

export const EMPTY_COLLECTION: UnitCollection = { type: 'FeatureCollection', features: [] }

export function toUnits(collection: UnitCollection): Unit[] {
  return collection.features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => {
      const bbox = bboxOf(f.geometry)
      const label = validPosition(f.properties.label) ?? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2]
      return { ...f.properties, code: String(f.properties.code), parent_code: f.properties.parent_code == null ? null : String(f.properties.parent_code), bbox, label, geometry: f.geometry }
    })
}

function validPosition(p: unknown): Position | null {
  return Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)) ? [p[0], p[1]] : null
}

/** The levels stored, top level first; none when the server has no boundaries (or is away). */
export async function fetchLevels(signal?: AbortSignal): Promise<LevelInfo[]> {
  const response = await fetch('/api/v1/boundaries/levels', signal ? { signal } : {})
  if (!response.ok) return []
  const body = (await response.json()) as { levels?: unknown }
  if (!Array.isArray(body?.levels)) return []
  return body.levels
    .filter((l): l is LevelInfo => typeof l?.level === 'string' && Number.isInteger(l.depth))
    .sort((a, b) => a.depth - b.depth || a.count - b.count || a.level.localeCompare(b.level))
}

/** One level that exists (ask fetchLevels first: a level that does not answers 404). */
export async function fetchBoundaries(level: string, zoom: number, signal?: AbortSignal): Promise<UnitCollection> {
  const response = await fetch(`/api/v1/boundaries?level=${encodeURIComponent(level)}&zoom=${zoom}`, signal ? { signal } : {})
  if (!response.ok) return EMPTY_COLLECTION
  const body = (await response.json()) as UnitCollection
  return body && Array.isArray(body.features) ? body : EMPTY_COLLECTION
}
