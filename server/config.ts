import path from 'node:path'

export interface Config {
  port: number
  databaseUrl: string | undefined
  dataDir: string
  redisUrl: string | undefined
  simulator: boolean
  secret: string | undefined
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  production: boolean
  /** Producers allowed to ingest: API key → source name. */
  apiKeys: Map<string, string>
}

export class ConfigError extends Error {}

/** A key every non-production start accepts, so the demo and the README's curl lines work out of the box. */
export const DEV_API_KEY = 'opswall-dev-key'

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const

/** Parses the environment once; an invalid value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production'
  const port = parsePort(env.PORT)
  const databaseUrl = nonEmpty(env.DATABASE_URL)
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://')
  }
  const redisUrl = nonEmpty(env.REDIS_URL)
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://')
  const simulatorRaw = nonEmpty(env.OPSWALL_SIMULATOR)
  if (simulatorRaw && simulatorRaw !== '0' && simulatorRaw !== '1') {
    throw new ConfigError(`OPSWALL_SIMULATOR must be 0 or 1, got "${simulatorRaw}"`)
  }
  const secret = nonEmpty(env.OPSWALL_SECRET)
  if (production && !secret) throw new ConfigError('OPSWALL_SECRET is required when NODE_ENV=production')
  const logLevel = (nonEmpty(env.LOG_LEVEL) ?? 'info') as Config['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  const apiKeys = parseApiKeys(env.OPSWALL_API_KEYS)
  if (apiKeys.size === 0 && !production) apiKeys.set(DEV_API_KEY, 'demo')
  return {
    port,
    databaseUrl,
    dataDir: path.resolve(nonEmpty(env.DATA_DIR) ?? '.opswall'),
    redisUrl,
    // The simulator feeds the embedded demo; a real database gets only real producers unless asked.
    simulator: simulatorRaw ? simulatorRaw === '1' : !databaseUrl,
    secret,
    logLevel,
    production,
    apiKeys,
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function parsePort(raw: string | undefined): number {
  const value = nonEmpty(raw)
  if (value === undefined) return 8080
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be an integer 0–65535, got "${value}"`)
  return port
}

/** `OPSWALL_API_KEYS=source1:key1,source2:key2` */
function parseApiKeys(raw: string | undefined): Map<string, string> {
  const keys = new Map<string, string>()
  for (const entry of (nonEmpty(raw) ?? '').split(',').filter((e) => e.trim())) {
    const [source, key] = entry.split(':').map((s) => s.trim())
    if (!source || !key || key.length < 12) {
      throw new ConfigError('OPSWALL_API_KEYS entries must be source:key with keys of at least 12 characters')
    }
    keys.set(key, source)
  }
  return keys
}

/** For logs: never print a password. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@')
}
