export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type Log = (level: LogLevel, message: string, extra?: Record<string, unknown>) => void

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** One line per entry: time, level, message, then the details as JSON. */
export function createLog(minimum: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Log {
  return (level, message, extra) => {
    if (ORDER[level] < ORDER[minimum]) return
    const details = extra && Object.keys(extra).length > 0 ? ' ' + JSON.stringify(extra, errorReplacer) : ''
    write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${details}`)
  }
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message, code: (value as { code?: string }).code } : value
}

export const silentLog: Log = () => {}
