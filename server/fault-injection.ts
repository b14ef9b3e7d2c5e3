/**
 * Hooks for the fault suite (test/faults/), armed only by OPSWALL_FAULT_INJECTION=1, which the
 * configuration refuses in production. Each does to this process what a real fault would.
 */
import type { Database } from './db/database'
import type { EmbeddedDatabase } from './db/pglite-driver'
import type { Log } from './log'

/** The signal that makes the embedded database's worker die as a crash would. */
export const CRASH_EMBEDDED_WORKER_SIGNAL = 'SIGUSR2'

const isEmbedded = (db: Database): db is EmbeddedDatabase => typeof (db as Partial<EmbeddedDatabase>).injectWorkerCrash === 'function'

export function armFaultInjection(db: Database, log: Log): void {
  log('warn', `fault injection armed: ${CRASH_EMBEDDED_WORKER_SIGNAL} kills the embedded database's worker (OPSWALL_FAULT_INJECTION=1, never in production)`)
  process.on(CRASH_EMBEDDED_WORKER_SIGNAL, () => {
    if (!isEmbedded(db)) return log('warn', `fault injection: ${CRASH_EMBEDDED_WORKER_SIGNAL} ignored, the database is not embedded`)
    log('warn', "fault injection: killing the embedded database's worker")
    void db.injectWorkerCrash()
  })
}
