import { Worker } from 'node:worker_threads'
import type { Database, Queryable, QueryResult } from './database'
import type { WorkerReply, WorkerRequest } from './pglite-messages'

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never
type Pending = { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }

/** PostGIS in WASM can hang on a thrown C++ exception (pglite#916): no request waits forever. */
export const DEFAULT_QUERY_TIMEOUT_MS = 120_000

/** SQLSTATE query_canceled, as PostgreSQL's statement_timeout reports it. */
export const QUERY_TIMED_OUT = '57014'
/** The embedded database's worker is gone; nothing more can be asked of it. */
export const EMBEDDED_STOPPED = 'OPSWALL_EMBEDDED_STOPPED'

export class DatabaseError extends Error {
  code: string | undefined
  detail: string | undefined
  constraint: string | undefined
  constructor(error: { message: string; code?: string; detail?: string; constraint?: string }) {
    super(error.message)
    this.code = error.code
    this.detail = error.detail
    this.constraint = error.constraint
  }
}

export interface EmbeddedDatabase extends Database {
  /**
   * Fault injection only (OPSWALL_FAULT_INJECTION=1, server/fault-injection.ts): ends the worker
   * the way a crash would, so that the fault suite can prove what follows a real one.
   */
  injectWorkerCrash(): Promise<void>
}

export interface PgliteOptions {
  dataDir?: string
  queryTimeoutMs?: number
  /**
   * The worker died (not closed): pending and later requests already fail as unavailable; the
   * owner decides whether the process can go on (server/app.ts: it cannot).
   */
  onStopped?: (error: DatabaseError) => void
}

/**
 * Embedded PGlite + PostGIS in a worker thread. `dataDir` keeps the data across restarts
 * (and skips the PostGIS set-up); without it the database lives in memory.
 */
export function createPgliteDatabase(options: PgliteOptions = {}): EmbeddedDatabase {
  const timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS
  const worker = new Worker(new URL('./pglite-worker-entry.mjs', import.meta.url), {
    workerData: { dataDir: options.dataDir },
  })
  const pending = new Map<number, Pending>()
  let nextId = 1
  let closed = false
  /** Set when the worker died: every request after it fails at once, with this. */
  let stopped: DatabaseError | null = null

  const rejectAll = (error: Error) => {
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer)
      waiter.reject(error)
    }
    pending.clear()
  }
  worker.on('message', (reply: WorkerReply) => {
    const waiter = pending.get(reply.id)
    if (!waiter) return
    pending.delete(reply.id)
    clearTimeout(waiter.timer)
    if (reply.ok) waiter.resolve(reply)
    else waiter.reject(new DatabaseError(reply.error))
  })
  worker.on('error', rejectAll)
  worker.on('exit', (exitCode) => {
    if (closed) return
    stopped = new DatabaseError({ message: `the embedded database stopped (its worker exited with ${exitCode}) — restart OpsWall`, code: EMBEDDED_STOPPED })
    rejectAll(stopped)
    options.onStopped?.(stopped)
  })

  function send(request: WithoutId<WorkerRequest>): Promise<WorkerReply & { ok: true }> {
    if (closed) return Promise.reject(new Error('database is closed'))
    if (stopped) return Promise.reject(stopped)
    const id = nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new DatabaseError({ message: `the embedded database did not answer within ${timeoutMs / 1000} s`, code: QUERY_TIMED_OUT }))
      }, timeoutMs)
      pending.set(id, { resolve, reject, timer })
      worker.postMessage({ ...request, id } as WorkerRequest)
    })
  }

  async function query<R>(text: string, values: readonly unknown[] = [], tx?: number): Promise<QueryResult<R>> {
    const reply = await send(tx === undefined ? { op: 'query', text, values } : { op: 'query', text, values, tx })
    return { rows: reply.rows as R[], rowCount: reply.rowCount }
  }

  return {
    driver: 'pglite',
    query: (text, values) => query(text, values),
    // PGlite has one connection: the worker's transaction holds PGlite's lock, so other queries wait there.
    async transaction(fn) {
      const txId = (await send({ op: 'begin' })).id
      const tx: Queryable = { query: (text, values) => query(text, values, txId) }
      try {
        const result = await fn(tx)
        await send({ op: 'commit', tx: txId })
        return result
      } catch (error) {
        await send({ op: 'rollback', tx: txId }).catch(() => {})
        throw error
      }
    },
    // One connection: busy while any request is with the worker; the others wait behind it.
    poolStats: () => ({ total: closed ? 0 : 1, idle: pending.size === 0 && !closed ? 1 : 0, waiting: Math.max(pending.size - 1, 0) }),
    async close() {
      if (closed) return
      await send({ op: 'close' }).catch(() => {})
      closed = true
      await worker.terminate()
    },
    async injectWorkerCrash() {
      await worker.terminate()
    },
  }
}
