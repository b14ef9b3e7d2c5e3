/**
 * The boundary import CLI as an operator runs it, in a child process, against a test database:
 * PostgreSQL by its URL, or the embedded database handed over as a folder (PGlite is a folder one
 * process opens at a time, so this process closes it while the CLI runs).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from '../../server/db/database'
import { createPgliteDatabase } from '../../server/db/pglite-driver'
import type { DriverFactory } from './databases'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CLI = path.join(ROOT, 'server/cli/import-boundaries.ts')
/** The shared HCMC boundary fixtures (read in place, never copied). */
export const BOUNDARY_DATA = fileURLToPath(new URL('../../../shared/data/boundaries/', import.meta.url))

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export interface CliDatabase {
  /** Environment that points the CLI at this database. */
  env: Record<string, string>
  /** This process's connection to the same database. */
  readonly db: Database
  /** Runs the CLI; with the embedded database, this process's connection is closed meanwhile. */
  run(args: string[]): Promise<CliRun>
  drop(): Promise<void>
}

export function runImportCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

export async function databaseForCli(driver: DriverFactory): Promise<CliDatabase> {
  const test = await driver.create()
  if (test.url) {
    const env = { DATABASE_URL: test.url }
    return { env, db: test.db, run: (args) => runImportCli(args, env), drop: () => test.drop() }
  }
  await test.db.close()
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'opswall-cli-data-'))
  const dataDir = path.join(dataRoot, 'pgdata')
  renameSync(test.dataDir!, dataDir)
  const env = { DATA_DIR: dataRoot }
  // Opened on first use and closed while the CLI runs: PGlite takes seconds to open.
  let db: Database | null = null
  const close = async () => {
    await db?.close()
    db = null
  }
  const handle: CliDatabase = {
    env,
    get db() {
      return (db ??= createPgliteDatabase({ dataDir }))
    },
    async run(args) {
      await close()
      return runImportCli(args, env)
    },
    async drop() {
      await close()
      rmSync(dataRoot, { recursive: true, force: true })
      await test.drop()
    },
  }
  return handle
}
