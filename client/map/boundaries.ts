/** Boundaries from our own server (`GET /api/v1/boundaries`), with label points and bboxes. */
import { bboxOf, labelPoint, type AreaGeometry, type Bbox, type Position } from './geo'

export interface UnitProperties {
  code: string
  level: string
  name: string
  name_ascii: string
  parent_code: string | null
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

export function toUnits(collection: UnitCollection): Unit[] {
  return collection.features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => ({ ...f.properties, code: String(f.properties.code), bbox: bboxOf(f.geometry), label: labelPoint(f.geometry), geometry: f.geometry }))
}

export async function fetchBoundaries(level: 'district' | 'ward', zoom: number, signal?: AbortSignal): Promise<UnitCollection> {
  const response = await fetch(`/api/v1/boundaries?level=${level}&zoom=${zoom}`, signal ? { signal } : {})
  if (!response.ok) return { type: 'FeatureCollection', features: [] }
  const body = (await response.json()) as UnitCollection
  return body && Array.isArray(body.features) ? body : { type: 'FeatureCollection', features: [] }
}
