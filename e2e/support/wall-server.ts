/**
 * A real OpsWall for browser tests: a fresh PostgreSQL/PostGIS test database with the demo
 * boundaries (or whatever `seed` imports), the built client, HTTP + Socket.IO on a port that survives a restart (so the
 * page's socket can reconnect to the same address).
 */
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { loadConfig, DEV_API_KEY, type Config } from '../../server/config'
import { startOpsWall, type OpsWall } from '../../server/app'
import { loadCategories } from '../../server/categories-file'
import type { LiveOptions } from '../../server/live/live-server'
import type { Clock } from '../../server/core/clock'
import type { Database } from '../../server/db/database'
import { seedDemoBoundaries } from '../../server/db/demo-boundaries'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const RESULTS_DIR = path.join(ROOT, 'test-results')
export const CHROMIUM = '/usr/bin/chromium'
/** SwiftShader gives WebGL2 in headless Chromium on a machine without a GPU. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist']

let built: Promise<void> | null = null

/** Builds the client once per test process (the server serves dist/client). */
export function buildClient(): Promise<void> {
  built ??= build({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' }).then(() => undefined)
  return built
}

export function ensureResultsDir(): string {
  mkdirSync(RESULTS_DIR, { recursive: true })
  return RESULTS_DIR
}

export function categoryCodes(): string[] {
  return loadCategories().map((c) => c.code)
}

export interface WallServer {
  readonly url: string
  readonly app: OpsWall | null
  /** The test database, for what no route tells (e.g. the id an event was stored under). */
  readonly db: Database
  stop(): Promise<void>
  /** Starts again on the same port; `live` replaces the live options (a rollout to another protocol). */
  restart(live?: Partial<LiveOptions>): Promise<void>
  dispose(): Promise<void>
  post(events: unknown[]): Promise<{ accepted: number; rejected: unknown[] }>
}

export interface WallServerOptions {
  /** Fills the boundaries before the server starts; the demo districts and wards by default. */
  seed?: (db: Database) => Promise<unknown>
  /** Live options, e.g. the protocol version the server speaks. */
  live?: Partial<LiveOptions>
  /** The server's clock; the system's by default (a test moves it to reach the next minute's alert evaluation). */
  clock?: Clock
}

export async function startWallServer(options: WallServerOptions = {}): Promise<WallServer> {
  await buildClient()
  if (!existsSync(path.join(ROOT, 'dist/client/index.html'))) throw new Error('vite build did not produce dist/client/index.html')
  const pg = DRIVERS.find((d) => d.name === 'pg')!
  const database: TestDatabase = await pg.create()
  await (options.seed ?? seedDemoBoundaries)(database.db)
  let config: Config = loadConfig({ DATABASE_URL: database.url, OPSWALL_SIMULATOR: '0', PORT: '0' })
  let live = options.live ?? {}
  const start = () => startOpsWall(config, { db: database.db, live, ...(options.clock ? { clock: options.clock } : {}) })
  let app: OpsWall | null = await start()
  // A restart must listen where the page is already pointed.
  config = { ...config, port: app.port }
  const url = app.url
  return {
    url,
    db: database.db,
    get app() {
      return app
    },
    async stop() {
      await app?.close()
      app = null
    },
    async restart(next) {
      if (app) return
      if (next) live = next
      app = await start()
    },
    async dispose() {
      await app?.close()
      app = null
      await database.drop()
    },
    async post(events) {
      const response = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY },
        body: JSON.stringify(events),
      })
      const body = (await response.json()) as { accepted: number; rejected: unknown[] }
      if (!response.ok) throw new Error(`POST /api/v1/events answered ${response.status}: ${JSON.stringify(body)}`)
      return body
    },
  }
}
