/**
 * Databases for tests: every suite runs against real PostgreSQL/PostGIS and against embedded
 * PGlite (the storage contract). Each call gives a fresh, migrated, empty database.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Database } from '../../server/db/database'
import { createPgDatabase } from '../../server/db/pg-driver'
import { createPgliteDatabase } from '../../server/db/pglite-driver'
import { listMigrations, migrate, type Migration } from '../../server/db/migrate'

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface TestDatabase {
  db: Database
  /** A connection string, for the pg driver only (child processes, CLIs). */
  url?: string
  /** For PGlite: the data folder (a child process may open it once this one has closed it). */
  dataDir?: string
  drop(): Promise<void>
}

export interface DriverFactory {
  name: 'pg' | 'pglite'
  /** A fresh database with `migrations` applied: all of them unless a test needs an older schema. */
  create(migrations?: Migration[]): Promise<TestDatabase>
}

/** A new database on the PostgreSQL server, migrated; dropped afterwards. */
async function createPostgresDatabase(migrations = listMigrations()): Promise<TestDatabase> {
  const name = `opswall_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(ADMIN_DATABASE_URL)
  url.pathname = `/${name}`
  const db = createPgDatabase(url.toString())
  await migrate(db, migrations)
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close()
      const cleaner = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
      await cleaner.connect()
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleaner.end()
    },
  }
}

function migrationsHash(migrations: Migration[]): string {
  const hash = createHash('sha256')
  for (const m of migrations) hash.update(m.version).update(m.sql)
  hash.update(readFileSync(new URL('../../node_modules/@electric-sql/pglite-postgis/package.json', import.meta.url)))
  return hash.digest('hex').slice(0, 12)
}

/**
 * PGlite + PostGIS takes ~12 s to create and migrate; the first test to need it builds a template
 * data folder once per schema version, and every test starts from a copy (~2 s).
 */
export async function pgliteTemplate(migrations: Migration[]): Promise<string> {
  const template = path.join(os.tmpdir(), `opswall-pglite-template-${migrationsHash(migrations)}`)
  if (existsSync(path.join(template, 'PG_VERSION'))) return template
  const building = mkdtempSync(path.join(os.tmpdir(), 'opswall-pglite-building-'))
  const db = createPgliteDatabase({ dataDir: building })
  await migrate(db, migrations)
  await db.close()
  try {
    renameSync(building, template)
  } catch {
    rmSync(building, { recursive: true, force: true }) // another test process built it first
  }
  return template
}

async function createPgliteTestDatabase(migrations = listMigrations()): Promise<TestDatabase> {
  const template = await pgliteTemplate(migrations)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opswall-pglite-test-'))
  cpSync(template, dataDir, { recursive: true })
  const db = createPgliteDatabase({ dataDir })
  await migrate(db, migrations)
  return {
    db,
    dataDir,
    async drop() {
      await db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const DRIVERS: DriverFactory[] = [
  { name: 'pg', create: createPostgresDatabase },
  { name: 'pglite', create: createPgliteTestDatabase },
]
