/**
 * Boundary units in PostGIS: import (repair, reproject, upsert, subdivide) and read back for the
 * map. Levels and codes are data: a city with districts and wards, one with 168 ward-level units
 * only, or provinces all import through the same path.
 */
import { BoundaryImportError, parseBoundaryFeatures, type BoundaryFeatureOptions, type BoundaryUnit } from '../core/boundary-features'
import { simplifyTolerance, ZOOM } from '../core/boundary-params'
import type { Database, Queryable } from './database'
import { namedQuery } from './queries'

export interface ImportProgress {
  done: number
  total: number
}

export interface ImportOptions {
  /** SRID of the units' coordinates (the parsed file's). */
  srid: number
  onProgress?: (progress: ImportProgress) => void
}

export interface ImportResult {
  level: string
  imported: number
  inserted: number
  updated: number
  /** Units whose geometry was invalid as given and was repaired by ST_MakeValid. */
  repaired: string[]
  /** Units whose parent code names no stored unit: a warning, the unit is imported all the same. */
  unlinkedParents: { code: string; parentCode: string }[]
  ms: number
}

export interface BoundaryFeatureCollection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    id: string
    properties: { code: string; level: string; name: string; name_ascii: string; parent_code: string | null; label: [number, number] | null }
    geometry: { type: 'MultiPolygon'; coordinates: number[][][][] }
  }[]
}

/** One level of the stored boundaries, as `GET /api/v1/boundaries/levels` lists it. */
export interface LevelInfo {
  level: string
  count: number
  /** Ancestors its units have (most of them): 0 is a top level. */
  depth: number
  /** The level of its units' parents (most of them); null at the top. */
  parent: string | null
}

const PROGRESS_EVERY = 25

/** Parses a FeatureCollection and imports it (see importBoundaryUnits). */
export async function importBoundaryFile(
  db: Database,
  collection: unknown,
  options: BoundaryFeatureOptions & { onProgress?: ImportOptions['onProgress'] },
): Promise<ImportResult> {
  const parsed = parseBoundaryFeatures(collection, options)
  return importBoundaryUnits(db, parsed.units, { srid: parsed.srid, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
}

/**
 * Upserts units of one level by code in one transaction: all of the file or none of it. Refuses a
 * code stored at another level; refills `boundary_part` for the units imported and refreshes every
 * unit's parent chain.
 */
export async function importBoundaryUnits(db: Database, units: readonly BoundaryUnit[], options: ImportOptions): Promise<ImportResult> {
  const started = performance.now()
  const level = units[0]?.level
  if (level === undefined) throw new BoundaryImportError('no units to import')
  if (units.some((u) => u.level !== level)) throw new BoundaryImportError('one import holds one level')
  const codes = units.map((u) => u.code)

  const known = await db.query<{ known: boolean }>(namedQuery('boundary-srid-known'), [options.srid])
  if (!known.rows[0]?.known) {
    throw new BoundaryImportError(`SRID ${options.srid} is not in this database's spatial_ref_sys; check --srid (VN-2000: 3405, 9205–9218)`)
  }

  return db.transaction(async (tx) => {
    const conflicts = await tx.query<{ code: string; level: string }>(namedQuery('boundary-level-conflicts'), [codes, level])
    if (conflicts.rows.length > 0) {
      const shown = conflicts.rows.slice(0, 5).map((r) => `${r.code} (${r.level})`).join(', ')
      const more = conflicts.rows.length > 5 ? ` and ${conflicts.rows.length - 5} more` : ''
      throw new BoundaryImportError(
        `${conflicts.rows.length} code(s) already exist at another level: ${shown}${more} — a code names one unit; check --level and --code-prop`,
      )
    }

    const repaired: string[] = []
    let inserted = 0
    for (const [index, unit] of units.entries()) {
      const row = await upsertUnit(tx, unit, options.srid, index)
      if (!row.was_valid) repaired.push(unit.code)
      if (row.inserted) inserted++
      if (options.onProgress && ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === units.length)) {
        options.onProgress({ done: index + 1, total: units.length })
      }
    }
    // A parent imported after its children lengthens their chains: recomputed for every unit,
    // before the imported units are cut into parts that carry their chains.
    await tx.query(namedQuery('boundary-chains-refresh'))
    await tx.query(namedQuery('boundary-parts-refill'), [codes])
    // Ingest probes boundary_part right after an import: plan it with the new parts counted.
    await tx.query('ANALYZE boundary_part')
    const unlinked = await tx.query<{ code: string; parent_code: string }>(namedQuery('boundary-unlinked-parents'), [codes])
    return {
      level,
      imported: units.length,
      inserted,
      updated: units.length - inserted,
      repaired,
      unlinkedParents: unlinked.rows.map((r) => ({ code: r.code, parentCode: r.parent_code })),
      ms: performance.now() - started,
    }
  })
}

async function upsertUnit(tx: Queryable, unit: BoundaryUnit, srid: number, index: number) {
  const at = `feature ${index} (code ${unit.code})`
  let row: { was_valid: boolean; empty: boolean; inserted: boolean | null } | undefined
  try {
    const result = await tx.query<{ was_valid: boolean; empty: boolean; inserted: boolean | null }>(namedQuery('boundary-upsert'), [
      unit.code,
      unit.level,
      unit.name,
      unit.nameAscii,
      unit.parentCode,
      JSON.stringify(unit.properties),
      JSON.stringify(unit.geometry),
      srid,
    ])
    row = result.rows[0]
  } catch (error) {
    throw new BoundaryImportError(`${at}: PostGIS refused the geometry: ${(error as Error).message}`)
  }
  if (!row) throw new BoundaryImportError(`${at}: the upsert returned nothing`)
  if (row.empty) throw new BoundaryImportError(`${at}: the geometry has no area once repaired (a line or point?)`)
  return row
}

/** One level as GeoJSON, simplified for map `zoom` (default: a whole-city view). */
export async function listBoundaries(db: Queryable, options: { level: string; zoom?: number | undefined }): Promise<BoundaryFeatureCollection> {
  const tolerance = simplifyTolerance(options.zoom ?? ZOOM.default)
  const result = await db.query<{ collection: BoundaryFeatureCollection | string }>(namedQuery('boundary-list'), [options.level, tolerance])
  const collection = result.rows[0]?.collection
  // Both drivers parse json columns today; a string is accepted should a driver stop doing so.
  if (typeof collection === 'string') return JSON.parse(collection) as BoundaryFeatureCollection
  return collection ?? { type: 'FeatureCollection', features: [] }
}

/** Top level first (depth), then coarser levels first. */
export async function listLevels(db: Queryable): Promise<LevelInfo[]> {
  return (await db.query<LevelInfo>(namedQuery('boundary-levels'))).rows.map((row) => ({ ...row, depth: Number(row.depth) }))
}

export async function hasBoundaries(db: Queryable): Promise<boolean> {
  return (await db.query<{ present: boolean }>(namedQuery('boundary-any'))).rows[0]?.present ?? false
}
