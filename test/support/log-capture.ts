import { createLog, type Log, type LogLevel } from '../../server/log'

export interface CapturedLog {
  log: Log
  /** Every line written, as written. */
  raw: string[]
  /** Every line, parsed: a line that is not JSON throws here. */
  entries(): Array<Record<string, unknown>>
  messages(): string[]
}

/** The real logger (server/log.ts) writing into memory instead of stderr. */
export function captureLog(level: LogLevel = 'debug'): CapturedLog {
  const raw: string[] = []
  const log = createLog(level, { write: (chunk: string) => void raw.push(...chunk.split('\n').filter((l) => l !== '')) })
  const entries = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>)
  return { log, raw, entries, messages: () => entries().map((e) => String(e.msg)) }
}
