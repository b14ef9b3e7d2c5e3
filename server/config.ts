import path from 'node:path'
import { z } from 'zod'
import { firstRejection } from './core/rejection'

export class ConfigError extends Error {}

/** A key every non-production start accepts, so the demo and the README's curl lines work out of the box. */
export const DEV_API_KEY = 'opswall-dev-key'

/** Open311's jurisdiction_id for Hồ Chí Minh City, unless OPSWALL_JURISDICTION says otherwise. */
export const DEFAULT_JURISDICTION = 'hcmc.gov.vn'

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const

/** An environment variable: unset and blank are the same, and surrounding spaces are not part of it. */
const variable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), schema)

const isPort = (value: string) => {
  const port = Number(value)
  return Number.isInteger(port) && port >= 0 && port <= 65535
}

const API_KEYS_MESSAGE = 'entries must be source:key with keys of at least 12 characters'

/**
 * `OPSWALL_API_KEYS=source1:key1,source2:key2` as API key → source name: a key writes as exactly
 * one source (ING-8), so an entry that is not one source and one key, or a key given twice, is
 * refused rather than read as something else. Messages never repeat a key.
 */
const apiKeys = z.string().transform((value, ctx) => {
  const keys = new Map<string, string>()
  const fault = (message: string) => {
    ctx.issues.push({ code: 'custom', message, input: value })
    return z.NEVER
  }
  for (const entry of value.split(',').filter((item) => item.trim())) {
    const parts = entry.split(':').map((part) => part.trim())
    const [source = '', key = ''] = parts
    if (parts.length > 2) return fault(`entry for source "${source}" has ${parts.length} parts separated by ":" — write source:key (a key cannot contain ":")`)
    if (source === '' || key.length < 12) return fault(API_KEYS_MESSAGE)
    const other = keys.get(key)
    if (other !== undefined && other !== source) return fault(`gives one key to both "${other}" and "${source}" — a key writes as one source; give each its own`)
    keys.set(key, source)
  }
  return keys
})

const ENVIRONMENT = {
  NODE_ENV: z.string().optional(),
  PORT: variable(z.string().refine(isPort, { error: (issue) => `must be an integer 0–65535, got "${issue.input}"` }).transform(Number).default(8080)),
  DATABASE_URL: variable(z.string().regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' }).optional()),
  REDIS_URL: variable(z.string().regex(/^rediss?:\/\//, { error: 'must start with redis:// or rediss://' }).optional()),
  DATA_DIR: variable(z.string().default('.opswall')),
  OPSWALL_SIMULATOR: variable(z.enum(['0', '1'], { error: (issue) => `must be 0 or 1, got "${issue.input}"` }).optional()),
  OPSWALL_SECRET: variable(z.string().optional()),
  LOG_LEVEL: variable(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  OPSWALL_API_KEYS: variable(apiKeys.optional()),
  /** The Open311 jurisdiction_id answered for (OPEN311-3): by convention the city's domain name. */
  OPSWALL_JURISDICTION: variable(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,99}$/i, { error: (issue) => `must be a domain-like id such as hcmc.gov.vn, got "${issue.input}"` })
      .default(DEFAULT_JURISDICTION),
  ),
  /** The fault suite's hooks (server/fault-injection.ts): off unless `1`, refused in production. */
  OPSWALL_FAULT_INJECTION: variable(z.enum(['0', '1'], { error: (issue) => `must be 0 or 1, got "${issue.input}"` }).optional()),
}
/** The variables in the order a message about them is chosen. */
const ORDER = ['PORT', 'DATABASE_URL', 'REDIS_URL', 'OPSWALL_SIMULATOR', 'OPSWALL_SECRET', 'LOG_LEVEL', 'OPSWALL_API_KEYS', 'OPSWALL_JURISDICTION', 'DATA_DIR', 'OPSWALL_FAULT_INJECTION']

function productionRules(env: { NODE_ENV?: string; OPSWALL_SECRET?: string; OPSWALL_FAULT_INJECTION?: string }, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV !== 'production') return
  if (!env.OPSWALL_SECRET) ctx.addIssue({ code: 'custom', path: ['OPSWALL_SECRET'], message: 'is required when NODE_ENV=production' })
  if (env.OPSWALL_FAULT_INJECTION === '1') ctx.addIssue({ code: 'custom', path: ['OPSWALL_FAULT_INJECTION'], message: 'is for the fault test suite only — unset it when NODE_ENV=production' })
}

/** The production variables alone, with their rules. */
const productionRule = z
  .object({ NODE_ENV: ENVIRONMENT.NODE_ENV, OPSWALL_SECRET: ENVIRONMENT.OPSWALL_SECRET, OPSWALL_FAULT_INJECTION: ENVIRONMENT.OPSWALL_FAULT_INJECTION })
  .superRefine(productionRules)

/** The environment, parsed once: this schema owns every variable's rule and the `Config` type. */
const environment = z
  .object(ENVIRONMENT)
  .superRefine(productionRules)
  .transform((env) => {
    const production = env.NODE_ENV === 'production'
    const apiKeys = env.OPSWALL_API_KEYS ?? new Map<string, string>()
    if (apiKeys.size === 0 && !production) apiKeys.set(DEV_API_KEY, 'demo')
    return {
      port: env.PORT,
      databaseUrl: env.DATABASE_URL,
      dataDir: path.resolve(env.DATA_DIR),
      redisUrl: env.REDIS_URL,
      // The simulator feeds the embedded demo; a real database gets only real producers unless asked.
      simulator: env.OPSWALL_SIMULATOR ? env.OPSWALL_SIMULATOR === '1' : !env.DATABASE_URL,
      secret: env.OPSWALL_SECRET,
      logLevel: env.LOG_LEVEL,
      production,
      /** Producers allowed to ingest: API key → source name. */
      apiKeys,
      // Domain names are case-insensitive: one spelling for comparisons.
      jurisdiction: env.OPSWALL_JURISDICTION.toLowerCase(),
      faultInjection: env.OPSWALL_FAULT_INJECTION === '1',
    }
  })

export type Config = z.output<typeof environment>

/** Parses the environment once; an invalid value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env)
  if (parsed.success) return parsed.data
  const { field, reason } = firstRejection(parsed.error, { root: 'environment', order: ORDER, crossField: { input: env, rules: [productionRule] } })
  throw new ConfigError(`${field} ${reason}`)
}

/** For logs: never print a password. */
export function redactUrl(url: string): string {
  // The user may be empty: `redis://:password@host` is how Redis URLs carry a password alone.
  return url.replace(/\/\/([^:/@]*):([^@]*)@/, '//$1:***@')
}
