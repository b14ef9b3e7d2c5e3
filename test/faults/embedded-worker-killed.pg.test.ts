/**
 * Fault: the embedded database's worker thread dies under ingest (ING-7). The server is a real
 * `tsx server/main.ts` process on an embedded DATA_DIR, started with OPSWALL_FAULT_INJECTION=1:
 * SIGUSR2 terminates its PGlite worker as a crash would — the process-level counterpart of
 * kill -9, which cannot reach one thread. The requests the death cuts short must be answered 503
 * (not hang, not 500), /healthz must answer until the process exits, and the process must take
 * its one fatal path: one `fatal` line, exit code 3. Started again on the same DATA_DIR (what a
 * supervisor does), it opens the same data: every acknowledged event is stored exactly once,
 * producers' retries fill in the rest, and the live windows equal the recount.
 */
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { connectDatabase } from '../../server/db/connect'
import { listMigrations } from '../../server/db/migrate'
import { EXIT_CODES } from '../../server/exit-codes'
import { CRASH_EMBEDDED_WORKER_SIGNAL } from '../../server/fault-injection'
import { pgliteTemplate } from '../support/databases'
import { freePort } from '../support/free-port'
import { databaseCells, eventAt, shownCells, watchLive, type ShownCell } from '../support/live-node'
import { startMainProcess, type MainProcess } from '../support/main-process'
import { waitFor } from '../support/wait'

const REQUEST = { scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res: 8 as const, window: '24h' as const }
const PRODUCERS = 2
/** Each producer has its own key, which writes as its source (ING-8). */
const producerKey = (p: number) => `worker-fault-key-${p}`
const PRODUCER_KEYS = Array.from({ length: PRODUCERS }, (_, p) => `worker-fault-${p}:${producerKey(p)}`).join(',')
const REQUESTS = 6
const REQUEST_SIZE = 500
const KILL_AFTER = 1_500
/** Points in the demo districts (Quận 1, 3, 5, Bình Thạnh…), spread so that cells differ. */
const CENTRES = [
  { lat: 10.7769, lon: 106.7009 },
  { lat: 10.7843, lon: 106.6844 },
  { lat: 10.7546, lon: 106.6633 },
  { lat: 10.8106, lon: 106.7091 },
]

let dataDir: string
let port: number
const servers: ChildProcess[] = []
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'opswall-fault-embedded-'))
  // A migrated copy skips the ~10 s PostGIS set-up; the server lays out DATA_DIR/pgdata itself.
  cpSync(await pgliteTemplate(listMigrations()), path.join(dataDir, 'pgdata'), { recursive: true })
  port = await freePort()
})
afterAll(() => {
  for (const server of servers) if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

const report = (line: string) => process.stdout.write(`# fault: ${line}\n`)
const url = () => `http://127.0.0.1:${port}`

/** `tsx server/main.ts` on DATA_DIR and the port, as a supervisor would start it; resolves once it says it runs. */
async function startServer(): Promise<MainProcess> {
  const server = await startMainProcess(
    { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', OPSWALL_SIMULATOR: '0', OPSWALL_FAULT_INJECTION: '1', OPSWALL_API_KEYS: PRODUCER_KEYS, LOG_LEVEL: 'info', NODE_ENV: '' },
    90_000,
  )
  servers.push(server.process)
  return server
}

interface Attempt {
  start: number
  end: number
  status: number
  retryAfter: string | null
}

/** Producers posting NDJSON, each request retried until acknowledged (200), as a producer should. */
function produce() {
  const attempts: Attempt[] = []
  const acknowledged: string[] = []
  const run = Promise.all(
    Array.from({ length: PRODUCERS }, async (_, p) => {
      for (let r = 0; r < REQUESTS; r++) {
        const events = Array.from({ length: REQUEST_SIZE }, (_, i) => {
          const centre = CENTRES[(r + i) % CENTRES.length]!
          return eventAt({ lat: centre.lat + (i % 25) * 4e-4, lon: centre.lon + Math.floor(i / 25) * 4e-4 }, { source: `worker-fault-${p}`, source_id: `${r}-${i}`, kind: i % 3 ? 'complaint' : 'mention' })
        })
        const body = events.map((e) => JSON.stringify(e)).join('\n') + '\n'
        for (;;) {
          const attempt: Attempt = { start: Date.now(), end: 0, status: 0, retryAfter: null }
          attempts.push(attempt)
          const res = await fetch(`${url()}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'x-api-key': producerKey(p) }, body }).catch(() => null)
          await res?.arrayBuffer().catch(() => undefined)
          Object.assign(attempt, { end: Date.now(), status: res?.status ?? 0, retryAfter: res?.headers.get('retry-after') ?? null })
          if (attempt.status === 200) break
          await new Promise((resolve) => setTimeout(resolve, 250))
        }
        acknowledged.push(...events.map((e) => `${e.source}/${e.source_id}`))
      }
    }),
  )
  return { attempts, acknowledged, run }
}

const count = (statuses: number[]) => JSON.stringify(statuses.reduce<Record<number, number>>((all, s) => ({ ...all, [s]: (all[s] ?? 0) + 1 }), {}))

test('ING-7 the embedded database worker dies under ingest: pending requests get 503, /healthz answers until the exit, the process stops with one fatal line and code 3; restarted on the same DATA_DIR, every acknowledged event is there once and the windows equal the recount', async () => {
  const startedAt = Date.now()
  const first = await startServer()
  report(`set up: tsx server/main.ts on an embedded DATA_DIR (migrated copy) ran after ${Date.now() - startedAt} ms`)
  assert.ok(first.logs.some(({ entry }) => String(entry.msg).startsWith('fault injection armed')))

  const health: Array<{ at: number; status: number }> = []
  let polling = true
  const poller = (async () => {
    while (polling) {
      const res = await fetch(`${url()}/healthz`).catch(() => null)
      health.push({ at: Date.now(), status: res?.status ?? 0 })
      await res?.arrayBuffer().catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()

  const producers = produce()
  await waitFor(() => producers.acknowledged.length >= KILL_AFTER, 60_000, 'events acknowledged before the fault')
  const acknowledgedBefore = [...producers.acknowledged]
  const signalAt = Date.now()
  first.process.kill(CRASH_EMBEDDED_WORKER_SIGNAL)
  const exitCode = await first.exited
  const exitedAt = Date.now()
  const fatal = first.logs.filter(({ entry }) => entry.level === 'fatal')
  report(`injected: the PGlite worker thread terminated (${CRASH_EMBEDDED_WORKER_SIGNAL}, OPSWALL_FAULT_INJECTION) with ${acknowledgedBefore.length} events acknowledged and ${PRODUCERS} producers posting ${REQUEST_SIZE}-event NDJSON requests`)

  assert.equal(fatal.length, 1, 'one fatal line')
  const fatalAt = fatal[0]!.at
  assert.match(String(fatal[0]!.entry.msg), /^OpsWall stops: the embedded database stopped .* exiting with code 3/)
  assert.equal(exitCode, EXIT_CODES.embeddedDatabaseStopped)
  const lockLeft = existsSync(path.join(dataDir, 'opswall.lock'))

  // Until the process exits: what was in flight and what came after is 503, never a 500 or a hang.
  const duringFault = producers.attempts.filter((a) => a.end >= signalAt && a.start <= exitedAt)
  const inFlight = duringFault.filter((a) => a.start < signalAt)
  const answeredBeforeExit = health.filter((h) => h.at >= signalAt && h.at < exitedAt)
  report(`fatal path: "${String(fatal[0]!.entry.msg)}" ${fatalAt - signalAt} ms after the signal; exit code ${exitCode} ${exitedAt - fatalAt} ms later; lock file ${lockLeft ? 'left behind' : 'released'}`)
  report(`while dying: requests in flight answered ${count(inFlight.map((a) => a.status))}, all requests until the exit ${count(duringFault.map((a) => a.status))}; /healthz ${count(answeredBeforeExit.map((h) => h.status))}`)
  assert.ok(inFlight.length > 0, 'requests were in flight when the worker died')
  for (const attempt of inFlight) assert.ok(attempt.status === 503 || attempt.status === 200, `a request in flight is answered 503 (or was done): ${attempt.status}`)
  assert.ok(duringFault.some((a) => a.status === 503), 'the death was seen as 503s')
  assert.deepEqual(duringFault.filter((a) => a.status === 503 && a.retryAfter === null), [], 'every 503 says when to retry')
  for (const attempt of duringFault) assert.ok(attempt.status === 200 || attempt.status === 503 || attempt.start >= fatalAt, `no 500, and a connection fails only once the process is stopping (${attempt.status})`)
  assert.ok(health.some((h) => h.status === 200 && h.at > fatalAt && h.at < exitedAt), '/healthz answered after the fatal line, until the exit')
  assert.deepEqual(health.filter((h) => h.at < exitedAt && h.status !== 200 && h.at < fatalAt), [], '/healthz answered 200 until the process began to stop')

  // The supervisor's part: start it again on the same DATA_DIR; the producers' retries get through.
  const restartedAt = Date.now()
  const second = await startServer()
  report(`restart: the same command on the same DATA_DIR ran again after ${Date.now() - restartedAt} ms (lock ${lockLeft ? 'of the dead process taken over' : 'free'})`)
  await producers.run
  polling = false
  await poller

  const screen = await watchLive(url(), REQUEST)
  const shown = shownCells(screen)
  screen.close()
  second.process.kill('SIGTERM')
  assert.equal(await second.exited, EXIT_CODES.stopped)

  const db = connectDatabase({ dataDir })
  try {
    const sources = Array.from({ length: PRODUCERS }, (_, p) => `worker-fault-${p}`)
    const rows = (await db.query<{ key: string }>(`SELECT source || '/' || source_id AS key FROM event WHERE source = ANY($1)`, [sources])).rows.map((r) => r.key)
    const stored = new Set(rows)
    const lost = acknowledgedBefore.filter((key) => !stored.has(key))
    const rolled = (await db.query<{ n: number }>(`SELECT coalesce(sum(count), 0)::int AS n FROM rollup_minute`)).rows[0]!.n
    const truth: ShownCell[] = await databaseCells(db, REQUEST, new Date())
    const sent = PRODUCERS * REQUESTS * REQUEST_SIZE
    const statuses = producers.attempts.map((a) => a.status)
    report(`verified: producer answers ${count(statuses)}; ${acknowledgedBefore.length - lost.length} of ${acknowledgedBefore.length} acknowledged before the fault stored; ${rows.length} rows for ${sent} events sent (${stored.size} distinct), roll-ups ${rolled}; the restarted node's ${shown.length} cells (${shown.reduce((s, c) => s + c.count, 0)} events) equal the recount`)
    assert.deepEqual(lost, [], 'no acknowledged event lost')
    assert.equal(rows.length, sent, 'every event stored exactly once')
    assert.equal(stored.size, sent)
    assert.equal(rolled, sent, 'and counted once in the roll-ups')
    assert.deepEqual(shown, truth, 'the live windows after the restart equal the recount')
  } finally {
    await db.close()
  }
})
