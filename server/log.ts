/**
 * The one owner of logging: pino JSON lines (stderr by default), errors with their stack,
 * personal fields and credentials redacted. The rest of the code calls a `Log` function;
 * `log.pino` is the logger behind it, for pino-http and child loggers.
 */
import { pino, stdSerializers, type DestinationStream, type Logger, type SerializedError } from 'pino'
import { redactUrl } from './config'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Log {
  (level: LogLevel, message: string, extra?: Record<string, unknown>): void
  readonly pino: Logger
}

/** Personal data and credentials: never written, at the top level or up to two objects deep. */
export const REDACTED_FIELDS = [
  'contact', 'phone', 'email', 'first_name', 'last_name', 'name',
  'authorization', 'x-api-key', 'api_key', 'password', 'cookie', 'set-cookie',
] as const

export const CENSOR = '[redacted]'

/** pino `redact` paths: each field at depth 0–2, plus the request and response headers pino-http logs. */
export const REDACT_PATHS: string[] = [
  ...REDACTED_FIELDS.flatMap((field) => {
    const key = /^[a-z_]+$/.test(field) ? `.${field}` : `["${field}"]`
    return [key.replace(/^\./, ''), `*${key}`, `*.*${key}`]
  }),
  ...['authorization', 'x-api-key', 'cookie', 'proxy-authorization'].map((h) => `req.headers["${h}"]`),
  'res.headers["set-cookie"]',
  'req.query.api_key',
]

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi
const API_KEY_IN_QUERY = /([?&]api_key=)[^&#\s]*/gi

/** Credentials inside text: `postgres://user:pass@host` → `postgres://user:***@host`, `?api_key=…` → `?api_key=[redacted]`. */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url)).replace(API_KEY_IN_QUERY, `$1${CENSOR}`)
}

/** Strings anywhere in a log entry's own fields (errors are left to their serializer). */
function redactStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value)
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, depth + 1))
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, depth + 1)]))
}

/** pino's err serializer (type, message, stack, cause, own fields), with credentials cut from message and stack. */
function errorSerializer(error: unknown): unknown {
  if (!(error instanceof Error)) return redactStrings(error)
  const serialized: SerializedError = stdSerializers.errWithCause(error)
  return redactStrings({ ...serialized })
}

const requestSerializer = stdSerializers.wrapRequestSerializer((req) => {
  // `api_key` may arrive in the query string (Open311 producers): keep it out of the logged URL.
  req.url = redactText(req.url)
  return req
})

export interface LoggerOptions {
  level: LogLevel | 'silent'
  /** Where lines go: stderr by default; tests pass a stream that captures them. */
  destination?: DestinationStream
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (entry) => redactStrings(entry) as Record<string, unknown>,
      },
      // The callers' `{ error }` and pino's `{ err }` both keep the stack.
      serializers: { err: errorSerializer, error: errorSerializer, req: requestSerializer, res: stdSerializers.res },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>)
        },
      },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  )
}

/** The `Log` function over a pino logger: `log('warn', 'message', { error })`. */
export function toLog(logger: Logger): Log {
  const log = (level: LogLevel, message: string, extra?: Record<string, unknown>) => {
    if (extra) logger[level](extra, message)
    else logger[level](message)
  }
  return Object.assign(log, { pino: logger })
}

export function createLog(level: LogLevel, destination?: DestinationStream): Log {
  return toLog(createLogger({ level, ...(destination ? { destination } : {}) }))
}

export const silentLog: Log = toLog(createLogger({ level: 'silent', destination: { write: () => {} } }))
