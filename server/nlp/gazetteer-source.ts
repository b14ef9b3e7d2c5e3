/**
 * Builds the place recogniser (server/core/gazetteer.ts) from the stored boundaries and
 * data/places/landmarks.json. The gazetteer follows the boundaries: call it again after an
 * import (another set, say 168 ward-level units and no districts) to rebuild it.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildGazetteer, type Gazetteer, type GazetteerUnit, type PlaceData } from '../core/gazetteer'
import type { Queryable } from '../db/database'
import { namedQuery } from '../db/queries'

export const DEFAULT_PLACES_FILE = fileURLToPath(new URL('../../data/places/landmarks.json', import.meta.url))

export function loadPlaceData(file = DEFAULT_PLACES_FILE): PlaceData {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as PlaceData
    if (!Array.isArray(data.landmarks)) throw new Error('expected {"landmarks": [...]}')
    return data
  } catch (error) {
    throw new Error(`cannot load places from ${file}: ${(error as Error).message}`)
  }
}

export async function storedGazetteerUnits(db: Queryable): Promise<GazetteerUnit[]> {
  const { rows } = await db.query<{ code: string; level: string; name: string; parent_code: string | null }>(namedQuery('boundary-gazetteer'))
  return rows.map((r) => ({ code: r.code, level: r.level, name: r.name, parentCode: r.parent_code }))
}

export async function gazetteerFromDatabase(db: Queryable, places: PlaceData = loadPlaceData()): Promise<Gazetteer> {
  return buildGazetteer(await storedGazetteerUnits(db), places)
}
