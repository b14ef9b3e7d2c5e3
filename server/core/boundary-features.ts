/**
 * Turns a parsed GeoJSON FeatureCollection into boundary units (ward, district…). Pure: the
 * store repairs, reprojects and saves them. Everything PostGIS would choke on is refused here
 * with the feature index and property named, because a bad geometry reaching PostGIS inside
 * PGlite can hang the instance (DESIGN.md, Storage).
 */
import { asciiFold } from './text'

export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }

export interface BoundaryUnit {
  code: string
  level: string
  name: string
  nameAscii: string
  parentCode: string | null
  /** The feature's own properties, kept for drill-down (population, area, type…). */
  properties: Record<string, unknown>
  /** As in the file, in the file's SRID: the store repairs and reprojects. */
  geometry: PolygonalGeometry
}

export interface BoundaryFeatureOptions {
  level: string
  /** Property holding the unit code; unset → `code`, then `<level>_code`. */
  codeProp?: string | undefined
  /** Property holding the name; unset → `name`, then `<level>_name`. */
  nameProp?: string | undefined
  /** Property holding the parent unit's code; unset → no parent. */
  parentProp?: string | undefined
  /** Overrides a `crs` member in the file. */
  srid?: number | undefined
}

export interface ParsedBoundaries {
  units: BoundaryUnit[]
  /** SRID of the coordinates: `srid` option, else the file's `crs`, else 4326. */
  srid: number
  codeProp: string
  nameProp: string
}

/** Input the importer refuses; the message says what to fix. */
export class BoundaryImportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BoundaryImportError'
  }
}

/** Levels are data (`district`, `ward`, `commune`…) but they name columns and URLs: keep them tame. */
export const LEVEL_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/
/** An event's precision is `point`, a level name or `unknown`: a level may not take the other two. */
const RESERVED_LEVELS = new Set(['point', 'unknown'])
/** `city` is the scope of the whole city (server/core/windows.ts CITY_SCOPE), not a unit code. */
const RESERVED_CODE = 'city'

export function parseBoundaryFeatures(input: unknown, options: BoundaryFeatureOptions): ParsedBoundaries {
  const { level } = options
  if (!LEVEL_PATTERN.test(level)) {
    throw new BoundaryImportError(`level "${level}" must be lower-case letters, digits, - or _ (e.g. district, ward)`)
  }
  if (RESERVED_LEVELS.has(level)) {
    throw new BoundaryImportError(`level "${level}" is reserved (an event's precision is "point", a level or "unknown"); choose another --level`)
  }
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    throw new BoundaryImportError('the file is not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})')
  }
  const features: unknown[] = input.features
  if (features.length === 0) throw new BoundaryImportError('the FeatureCollection has no features: nothing to import')

  const srid = options.srid ?? sridOfCrs(input.crs) ?? 4326
  if (!Number.isInteger(srid) || srid <= 0) throw new BoundaryImportError(`SRID ${srid} must be a positive integer`)
  const firstProps = isObject(features[0]) && isObject(features[0].properties) ? features[0].properties : {}
  const codeProp = options.codeProp ?? pickProp(firstProps, ['code', `${level}_code`], 'code', '--code-prop')
  const nameProp = options.nameProp ?? pickProp(firstProps, ['name', `${level}_name`], 'name', '--name-prop')

  const seen = new Map<string, number>()
  const units = features.map((feature, index): BoundaryUnit => {
    const where = `feature ${index}`
    if (!isObject(feature) || feature.type !== 'Feature') throw new BoundaryImportError(`${where}: not a GeoJSON Feature`)
    const properties = isObject(feature.properties) ? feature.properties : {}
    const code = textOf(properties[codeProp])
    if (code === undefined) throw new BoundaryImportError(`${where}: property "${codeProp}" (the unit code) is missing or empty`)
    const at = `${where} (code ${code})`
    if (code === RESERVED_CODE) throw new BoundaryImportError(`${at}: "${RESERVED_CODE}" names the whole city, not a unit; check --code-prop`)
    const first = seen.get(code)
    if (first !== undefined) throw new BoundaryImportError(`${at}: duplicate code — feature ${first} has the same "${codeProp}"`)
    seen.set(code, index)
    const name = textOf(properties[nameProp])
    if (name === undefined) throw new BoundaryImportError(`${at}: property "${nameProp}" (the unit name) is missing or empty`)
    const parentCode = options.parentProp ? (textOf(properties[options.parentProp]) ?? null) : null
    if (parentCode === code) throw new BoundaryImportError(`${at}: "${options.parentProp}" names the unit itself as its parent`)
    const geometry = checkGeometry(feature.geometry, at, srid)
    return { code, level, name: name.normalize('NFC'), nameAscii: asciiFold(name), parentCode, properties, geometry }
  })
  return { units, srid, codeProp, nameProp }
}

/**
 * The SRID a `crs` member names: `EPSG:3405`, `urn:ogc:def:crs:EPSG::9210`, the old
 * `{"type": "EPSG", "properties": {"code": 3405}}`, or OGC CRS84 (= 4326). Absent → undefined.
 */
export function sridOfCrs(crs: unknown): number | undefined {
  if (crs === undefined || crs === null) return undefined
  if (!isObject(crs) || !isObject(crs.properties)) throw new BoundaryImportError('the "crs" member is not {"type", "properties"}; remove it or pass --srid')
  const props = crs.properties
  if (crs.type === 'EPSG' && (typeof props.code === 'number' || typeof props.code === 'string')) return Number(props.code)
  const name = typeof props.name === 'string' ? props.name : ''
  if (/CRS:?84$/i.test(name)) return 4326
  const match = /EPSG:{1,2}(\d+)$/i.exec(name) ?? /\/EPSG\/\d+\/(\d+)$/i.exec(name)
  if (match?.[1]) return Number(match[1])
  throw new BoundaryImportError(`the "crs" member names "${name}", which is not an EPSG code; pass --srid N`)
}

function pickProp(properties: Record<string, unknown>, candidates: string[], what: string, flag: string): string {
  const found = candidates.find((c) => textOf(properties[c]) !== undefined)
  if (found) return found
  const available = Object.keys(properties).join(', ') || 'none'
  throw new BoundaryImportError(`feature 0: no ${what} property (tried ${candidates.join(', ')}); pass ${flag} — properties: ${available}`)
}

function checkGeometry(geometry: unknown, at: string, srid: number): PolygonalGeometry {
  if (!isObject(geometry)) throw new BoundaryImportError(`${at}: geometry is missing`)
  if (geometry.type === 'Polygon') {
    checkPolygon(geometry.coordinates, `${at}: Polygon`, srid)
    return { type: 'Polygon', coordinates: geometry.coordinates as number[][][] }
  }
  if (geometry.type === 'MultiPolygon') {
    const polygons = geometry.coordinates
    if (!Array.isArray(polygons) || polygons.length === 0) throw new BoundaryImportError(`${at}: MultiPolygon has no polygons`)
    polygons.forEach((polygon, i) => checkPolygon(polygon, `${at}: polygon ${i}`, srid))
    return { type: 'MultiPolygon', coordinates: polygons as number[][][][] }
  }
  throw new BoundaryImportError(`${at}: geometry type ${String(geometry.type)} is not accepted — boundaries must be Polygon or MultiPolygon`)
}

function checkPolygon(rings: unknown, at: string, srid: number) {
  if (!Array.isArray(rings) || rings.length === 0) throw new BoundaryImportError(`${at} has no rings`)
  rings.forEach((ring, r) => {
    if (!Array.isArray(ring) || ring.length < 4) throw new BoundaryImportError(`${at}, ring ${r}: a ring needs at least 4 positions`)
    for (const [p, position] of ring.entries()) {
      if (!Array.isArray(position) || position.length < 2 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        throw new BoundaryImportError(`${at}, ring ${r}, position ${p}: expected [x, y] numbers, got ${JSON.stringify(position)}`)
      }
      const [x, y] = position as [number, number]
      if (srid === 4326 && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
        throw new BoundaryImportError(
          `${at}, ring ${r}: [${x}, ${y}] is not lon/lat — the file looks projected; pass --srid (VN-2000: 3405 UTM 48N, 9210 TM-3 105°45' for Ho Chi Minh City)`,
        )
      }
    }
    const first = ring[0] as number[]
    const last = ring[ring.length - 1] as number[]
    if (first[0] !== last[0] || first[1] !== last[1]) throw new BoundaryImportError(`${at}, ring ${r}: not closed (first and last positions differ)`)
  })
}

/** Codes arrive as strings or numbers (760); both become "760". */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  return text === '' ? undefined : text
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
