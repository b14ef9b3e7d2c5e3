import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Database } from './database'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))
// Any constant shared by every node: two nodes starting together migrate one after the other.
const MIGRATION_LOCK = 727_001

export interface Migration {
  version: string
  sql: string
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d+_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: name.replace(/\.sql$/, ''), sql: readFileSync(dir + name, 'utf8') }))
}

/** Applies, in order and each in its own transaction, the migrations the database has not seen. Idempotent. */
export async function migrate(db: Database, migrations = listMigrations()): Promise<string[]> {
  await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
  try {
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`)
    const applied = new Set((await db.query<{ version: string }>('SELECT version FROM schema_migration')).rows.map((r) => r.version))
    const done: string[] = []
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue
      await db.transaction(async (tx) => {
        for (const statement of splitStatements(migration.sql)) await tx.query(statement)
        await tx.query('INSERT INTO schema_migration (version) VALUES ($1)', [migration.version])
      })
      done.push(migration.version)
    }
    return done
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
  }
}

/** The versions still to apply; empty when the schema is current (used by /readyz). */
export async function pendingMigrations(db: Database, migrations = listMigrations()): Promise<string[]> {
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_migration') IS NOT NULL AS present`)
  if (!exists.rows[0]?.present) return migrations.map((m) => m.version)
  const applied = new Set((await db.query<{ version: string }>('SELECT version FROM schema_migration')).rows.map((r) => r.version))
  return migrations.map((m) => m.version).filter((v) => !applied.has(v))
}

/**
 * Prepared statements take one command at a time (and PGlite's extended protocol too), so a
 * migration file is split on semicolons that end a line. Migrations avoid `;` at line ends
 * inside function bodies.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0)
}
