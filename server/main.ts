/**
 * Reads the environment, starts OpsWall, prints where to look, and shuts down cleanly on a signal.
 * The one place the process exits, with the codes of server/exit-codes.ts: a supervisor (systemd
 * `Restart=always`, README "Running in production") starts it again.
 */
import { ConfigError, DEV_API_KEY, loadConfig } from './config'
import { startOpsWall, type OpsWall } from './app'
import { EXIT_CODES } from './exit-codes'
import { armFaultInjection } from './fault-injection'
import { createLog } from './log'

/** After a fatal failure, answers already decided (503 for what it cut short) get this long to go out. */
const FATAL_DRAIN_MS = 1_000
const SHUTDOWN_TIMEOUT_MS = 10_000

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`OpsWall cannot start: ${error.message}`)
      process.exit(EXIT_CODES.invalidConfiguration)
    }
    throw error
  }
  const log = createLog(config.logLevel)
  let opsWall: OpsWall | undefined
  let stopping = false

  /** Closes what is open (bounded in time), then exits with `code`. */
  const exitWith = async (code: number) => {
    const timer = setTimeout(() => process.exit(EXIT_CODES.failed), SHUTDOWN_TIMEOUT_MS)
    timer.unref()
    await opsWall?.close()
    process.exit(code)
  }
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log('info', `${signal}: shutting down`)
    void exitWith(EXIT_CODES.stopped)
  }
  // Only what this process cannot live through comes here; a database that is away is a state (ING-7).
  const onFatal = (reason: string) => {
    if (stopping) return
    stopping = true
    const code = EXIT_CODES.embeddedDatabaseStopped
    log.pino.fatal({ exitCode: code }, `OpsWall stops: ${reason}; exiting with code ${code} so that its supervisor starts it again on the same data`)
    setTimeout(() => void exitWith(code), FATAL_DRAIN_MS)
  }

  try {
    opsWall = await startOpsWall(config, { log, onFatal })
  } catch (error) {
    log('error', 'OpsWall failed to start', { error })
    process.exit(EXIT_CODES.failed)
  }
  if (config.faultInjection) armFaultInjection(opsWall.db, log)
  const shown = `http://localhost:${opsWall.port}`
  const lines = [
    `OpsWall is running (${opsWall.db.driver === 'pglite' ? 'embedded PGlite + PostGIS' : 'PostgreSQL + PostGIS'}${config.simulator ? ', simulator on' : ''})`,
    `  wall display      ${shown}/wall`,
    `  city, 24 h        ${shown}/wall?scope=city&layers=complaints,mentions&window=24h`,
    `  Open311           ${shown}/open311/v2/discovery.json`,
    `  bulk ingest       POST ${shown}/api/v1/events (NDJSON or JSON array)`,
    `  health            ${shown}/healthz  ${shown}/readyz`,
  ]
  if (config.apiKeys.has(DEV_API_KEY)) lines.push(`  development API key: ${DEV_API_KEY} (set OPSWALL_API_KEYS for real producers)`)
  console.log(lines.join('\n'))

  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error) => {
  console.error('OpsWall failed to start:', error)
  process.exit(EXIT_CODES.failed)
})
