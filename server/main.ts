/** Reads the environment, starts OpsWall, prints where to look, and shuts down cleanly on a signal. */
import { ConfigError, DEV_API_KEY, loadConfig } from './config'
import { startOpsWall } from './app'
import { createLog } from './log'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`OpsWall cannot start: ${error.message}`)
      process.exit(2)
    }
    throw error
  }
  const log = createLog(config.logLevel)
  let opsWall
  try {
    opsWall = await startOpsWall(config, { log })
  } catch (error) {
    log('error', 'OpsWall failed to start', { error })
    process.exit(1)
  }
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

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log('info', `${signal}: shutting down`)
    const timer = setTimeout(() => process.exit(1), 10_000)
    timer.unref()
    await opsWall.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error) => {
  console.error('OpsWall failed to start:', error)
  process.exit(1)
})
