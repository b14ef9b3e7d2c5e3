import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { lockDataDir } from './data-dir-lock'
import type { Database } from './database'
import { createPgDatabase } from './pg-driver'
import { createPgliteDatabase, type PgliteOptions } from './pglite-driver'

/** `DATABASE_URL` set → PostgreSQL; unset → embedded PGlite + PostGIS kept under `dataDir`. */
export function connectDatabase(options: { databaseUrl?: string | undefined; dataDir: string; onStopped?: PgliteOptions['onStopped'] }): Database {
  if (options.databaseUrl) return createPgDatabase(options.databaseUrl)
  const dataDir = path.join(options.dataDir, 'pgdata')
  mkdirSync(dataDir, { recursive: true }) // PGlite does not create missing parent folders
  const release = lockDataDir(options.dataDir)
  const db = createPgliteDatabase({ dataDir, ...(options.onStopped ? { onStopped: options.onStopped } : {}) })
  return {
    ...db,
    async close() {
      try {
        await db.close()
      } finally {
        release()
      }
    },
  }
}
