/**
 * Whether an error means the database cannot be reached right now (refused, reset, shut down,
 * restarting), as opposed to a query that is wrong. Such a failure is a state, not a bug: the
 * caller is told to retry later (503 with Retry-After) and nothing it sent was half stored.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'OPSWALL_EMBEDDED_STOPPED'])
/** SQLSTATE classes 08 (connection exception), 57P0x (shutdown, restart) and 57014 (a query timed out). */
const SQLSTATE = /^(08...|57P0[1-3]|57014)$/
const TERMINATED = /^Connection terminated|^Client has encountered a connection error|timeout exceeded when trying to connect/

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null
  if (!e || typeof e !== 'object') return false
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) return true
  return typeof e.message === 'string' && TERMINATED.test(e.message)
}
