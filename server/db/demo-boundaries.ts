/**
 * The approximate demo boundaries (data/demo, made by server/cli/make-demo-boundaries.ts) go into
 * an empty database so the embedded demo has a map; a database with any boundary is left alone.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Database } from './database'
import { hasBoundaries, importBoundaryFile, type ImportResult } from './boundary-store'

const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url))

/** Imports demo districts, then demo wards linked to them; null when boundaries already exist. */
export async function seedDemoBoundaries(db: Database, dir = DEMO_DIR): Promise<ImportResult[] | null> {
  if (await hasBoundaries(db)) return null
  const read = async (file: string): Promise<unknown> => JSON.parse(await readFile(`${dir}${file}`, 'utf8'))
  const districts = await importBoundaryFile(db, await read('hcmc-demo-districts.geojson'), { level: 'district' })
  const wards = await importBoundaryFile(db, await read('hcmc-demo-wards.geojson'), { level: 'ward', parentProp: 'district_code' })
  return [districts, wards]
}
