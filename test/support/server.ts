import { loadConfig } from '../../server/config'
import { startOpsWall, type OpsWall } from '../../server/app'
import type { Clock } from '../../server/core/clock'
import type { Database } from '../../server/db/database'
import { namedQuery } from '../../server/db/queries'

export const TEST_API_KEY = 'test-producer-key-0001'

export interface TestServerOptions {
  clock?: Clock
  /** Producers, source → API key; each key writes as its source (ING-8). Default: `test` with TEST_API_KEY. */
  producers?: Record<string, string>
  env?: Record<string, string>
}

/** OpsWall on port 0 over a test database, API only, simulator off. */
export async function startTestServer(db: Database, options: TestServerOptions = {}): Promise<OpsWall> {
  const producers = Object.entries(options.producers ?? { test: TEST_API_KEY }).map(([source, key]) => `${source}:${key}`)
  const config = loadConfig({ PORT: '0', OPSWALL_SIMULATOR: '0', OPSWALL_API_KEYS: producers.join(','), DATABASE_URL: 'postgres://unused', ...options.env })
  return startOpsWall(config, { db, clientDir: null, host: '127.0.0.1', ...(options.clock ? { clock: options.clock } : {}) })
}

/** Two nested squares near Quận 1: district D1 (0.1°) containing ward W1 (its south-west quarter). */
export async function insertTestBoundaries(db: Database): Promise<void> {
  await db.query(`INSERT INTO boundary (code, level, name, name_ascii, parent_code, geom) VALUES
    ('D1', 'district', 'Quận Một', 'quan mot', NULL, ST_Multi(ST_MakeEnvelope(106.65, 10.72, 106.75, 10.82, 4326))),
    ('W1', 'ward', 'Phường Bến Nghé', 'phuong ben nghe', 'D1', ST_Multi(ST_MakeEnvelope(106.65, 10.72, 106.70, 10.77, 4326)))`)
  await db.query(`INSERT INTO boundary_part (code, level, geom) SELECT code, level, ST_GeometryN(geom, 1) FROM boundary`)
  // Parent chains, as the importer keeps them: W1 → [D1, W1].
  await db.query(namedQuery('boundary-chains-refresh'))
}

export function post(url: string, body: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', body, headers: { 'x-api-key': TEST_API_KEY, ...headers } })
}
