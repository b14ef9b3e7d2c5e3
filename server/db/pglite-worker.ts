/**
 * Hosts embedded PGlite + PostGIS on its own thread: PostGIS in WASM runs a core flat out on big
 * queries, and the main thread must keep serving sockets meanwhile (DESIGN.md, Storage).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
// Search's trigram index (migration 008, CON-8).
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { WorkerReply, WorkerRequest } from './pglite-messages'

const port = parentPort!
const { dataDir } = workerData as { dataDir: string | undefined }

const ready = PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis, pg_trgm } })
/** `done` settles with the transaction's error (a failing COMMIT included), or null. */
const openTransactions = new Map<number, { tx: Transaction; finish: (commit: boolean) => void; done: Promise<unknown> }>()

function reply(message: WorkerReply) {
  port.postMessage(message)
}

function serialiseError(error: unknown) {
  const e = error as { message?: string; code?: string; detail?: string; constraint?: string }
  return { message: e.message ?? String(error), code: e.code, detail: e.detail, constraint: e.constraint }
}

port.on('message', async (request: WorkerRequest) => {
  try {
    const db = await ready
    switch (request.op) {
      case 'query': {
        const target = request.tx === undefined ? db : openTransactions.get(request.tx)?.tx
        if (!target) throw new Error(`transaction ${request.tx} is not open`)
        const result = await target.query(request.text, request.values as unknown[])
        reply({ id: request.id, ok: true, rows: result.rows as unknown[], rowCount: result.affectedRows ?? result.rows.length })
        return
      }
      case 'begin': {
        let started!: () => void
        const startedPromise = new Promise<void>((resolve) => (started = resolve))
        let finish!: (commit: boolean) => void
        const decision = new Promise<boolean>((resolve) => (finish = resolve))
        const done = db
          .transaction(async (tx) => {
            openTransactions.set(request.id, { tx, finish, done })
            started()
            if (!(await decision)) await tx.rollback()
          })
          .then(
            () => null,
            (error: unknown) => error,
          )
        await startedPromise
        reply({ id: request.id, ok: true, rows: [], rowCount: 0 })
        return
      }
      case 'commit':
      case 'rollback': {
        const open = openTransactions.get(request.tx)
        if (!open) throw new Error(`transaction ${request.tx} is not open`)
        openTransactions.delete(request.tx)
        open.finish(request.op === 'commit')
        const failure = await open.done
        // A COMMIT that fails (a deferred constraint, a full disk) must reach the caller: its data is not stored.
        if (failure !== null && request.op === 'commit') throw failure
        reply({ id: request.id, ok: true, rows: [], rowCount: 0 })
        return
      }
      case 'close': {
        await db.close()
        reply({ id: request.id, ok: true, rows: [], rowCount: 0 })
        return
      }
    }
  } catch (error) {
    reply({ id: request.id, ok: false, error: serialiseError(error) })
  }
})
