/**
 * Fault: 1,000 malformed requests of every hostile kind (issues 8, 9: ingest, lifecycle, performance), interleaved with good ones and
 * sent four at a time, against the product as `npm start` runs it (server/main.ts in its own
 * process, embedded PGlite + PostGIS) and against PostgreSQL. Every bad request gets its 4xx naming the field to
 * blame, never a 500 or a dropped connection; /healthz answers within 1 s throughout; at the end
 * the database holds exactly the good events, each once, with roll-ups of exactly those.
 */
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, test } from 'vitest'
import { connectDatabase } from '../../server/db/connect'
import type { Database } from '../../server/db/database'
import { listMigrations } from '../../server/db/migrate'
import { hashInts } from '../../server/sim/prng'
import { DRIVERS, pgliteTemplate } from '../support/databases'
import { blamedField, goodDeepGood, goodJsonArray, goodNdjson, goodOpen311, HOSTILE_KINDS, KEY_SOURCE, longTexts, maskedRead, type Answer, type HostileKind } from '../support/hostile-requests'
import { startMainProcess, type MainProcess } from '../support/main-process'
import { TEST_API_KEY } from '../support/server'
import { seedDemoBoundaries } from '../../server/db/demo-boundaries'

const MALFORMED = 1000
const WORKERS = 4
const WORST_HEALTH_MS = 1000

const report = (line: string) => process.stdout.write(`# fault: ${line}\n`)
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
})

interface Step {
  name: string
  run(): Promise<void>
}

/** 1,000 bad requests, the costly kinds at most `limit` times each, the rest round-robin. */
function malformedRequests(): Array<{ kind: HostileKind; n: number }> {
  const out: Array<{ kind: HostileKind; n: number }> = []
  for (const kind of HOSTILE_KINDS.filter((k) => k.limit)) for (let i = 0; i < kind.limit!; i++) out.push({ kind, n: out.length })
  const cheap = HOSTILE_KINDS.filter((k) => !k.limit)
  for (let i = 0; out.length < MALFORMED; i++) {
    // Every 20th is the mixed request: its good lines must be stored around the deep one.
    const n = out.length
    out.push({ kind: i % 20 === 19 ? goodDeepGood(n) : cheap[i % cheap.length]!, n })
  }
  return out
}

async function hostileRun(label: string, base: string): Promise<{ expectedIds: string[]; check(result: StoredResult): void }> {
  const expectedIds: string[] = []
  const seen = new Map<string, Map<string, number>>()
  const failures: string[] = []
  const note = (name: string, outcome: string) => {
    const byOutcome = seen.get(name) ?? new Map<string, number>()
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1)
    seen.set(name, byOutcome)
  }

  const check = (name: string, expected: { status: number; field?: string }, got: Answer) => {
    const field = blamedField(got.body)
    note(name, `${got.status}${expected.field ? ` ${field}` : ''}`)
    if (got.status !== expected.status || (expected.field && field !== expected.field)) {
      failures.push(`${name}: expected ${expected.status} ${expected.field ?? ''}, got ${got.status} ${JSON.stringify(got.body).slice(0, 300)}`)
    }
  }

  const steps: Step[] = malformedRequests().map(({ kind, n }) => ({
    name: kind.name,
    run: async () => {
      check(kind.name, kind, await kind.send(base, n))
      expectedIds.push(...(kind.goodIds ?? []))
    },
  }))
  const good = [
    ...Array.from({ length: 100 }, (_, i) => goodNdjson(i)),
    ...Array.from({ length: 20 }, (_, i) => goodJsonArray(i)),
    ...Array.from({ length: 60 }, (_, i) => goodOpen311(i)),
    longTexts(),
    maskedRead(),
    maskedRead(),
  ]
  for (const request of good) {
    steps.push({
      name: `good: ${request.name}`,
      run: async () => {
        const got = await request.send(base)
        check(`good: ${request.name}`, { status: request.status }, got)
        if (got.status === request.status) expectedIds.push(...request.ids)
      },
    })
  }
  // Interleaved in a fixed, mixed order (the same on every run).
  const order = steps.map((step, i) => ({ step, key: hashInts(i, 8) })).sort((a, b) => a.key - b.key).map((s) => s.step)

  let worstHealthMs = 0
  let healthChecks = 0
  let polling = true
  const poller = (async () => {
    while (polling) {
      const started = performance.now()
      const res = await fetch(`${base}/healthz`).catch(() => null)
      if (res?.status !== 200) failures.push(`/healthz answered ${res?.status ?? 'nothing'}`)
      await res?.arrayBuffer()
      worstHealthMs = Math.max(worstHealthMs, performance.now() - started)
      healthChecks++
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()

  const started = performance.now()
  let next = 0
  const worker = async () => {
    while (next < order.length) {
      const step = order[next++]!
      await step.run().catch((error: unknown) => {
        note(step.name, 'no answer')
        failures.push(`${step.name}: no answer (${String(error)})`)
      })
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, worker))
  polling = false
  await poller
  const seconds = (performance.now() - started) / 1000

  const malformedSent = order.length - good.length
  report(`[${label}] injected: ${malformedSent} malformed requests of ${HOSTILE_KINDS.length + 1} kinds interleaved with ${good.length} good ones, ${WORKERS} at a time, in ${seconds.toFixed(1)} s`)
  for (const [name, outcomes] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    report(`[${label}]   ${name}: ${[...outcomes].map(([outcome, n]) => `${n}× ${outcome}`).join(', ')}`)
  }

  return {
    expectedIds,
    check({ stored, events, rolled, errorLines }: StoredResult) {
      const expected = [...expectedIds].sort()
      report(`[${label}] verified: ${stored.length} events of source ${KEY_SOURCE} stored, ${expected.length} good ones sent; roll-ups count ${rolled} for ${events} events; ${errorLines} error lines logged; /healthz polled ${healthChecks}×, worst ${worstHealthMs.toFixed(0)} ms`)
      assert.deepEqual(failures, [], 'every request got the answer its kind must get')
      assert.deepEqual(stored, expected, 'exactly the good events are stored, each once; nothing of a bad request')
      assert.equal(rolled, events, 'the roll-ups count exactly the stored events')
      assert.equal(errorLines, 0, 'nothing was logged as an error (a 500 is)')
      assert.ok(worstHealthMs < WORST_HEALTH_MS, `the server never stalled (worst /healthz ${worstHealthMs.toFixed(0)} ms)`)
    },
  }
}

interface StoredResult {
  stored: string[]
  events: number
  rolled: number
  errorLines: number
}

async function storedResult(db: Database, logs: MainProcess['logs']): Promise<StoredResult> {
  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n
  const { rows } = await db.query<{ source_id: string }>('SELECT source_id FROM event WHERE source = $1', [KEY_SOURCE])
  return {
    stored: rows.map((r) => r.source_id).sort(),
    events: await count('SELECT count(*)::int AS n FROM event'),
    rolled: await count('SELECT coalesce(sum(count), 0)::int AS n FROM rollup_minute'),
    errorLines: logs.filter(({ entry }) => entry.level === 'error' || entry.level === 'fatal').length,
  }
}

const ENV = { OPSWALL_SIMULATOR: '0', OPSWALL_API_KEYS: `${KEY_SOURCE}:${TEST_API_KEY}`, LOG_LEVEL: 'warn' }

test('1,000 malformed requests of every kind among good ones, embedded PGlite as npm start runs it: 4xx naming the field, never a 500 or a stall, good events stored once', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opswall-hostile-'))
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
  // A migrated embedded database, as a first start leaves it (saves its ~20 s set-up); the demo
  // boundaries are loaded by the server itself, as on a first start.
  cpSync(await pgliteTemplate(listMigrations()), path.join(dataDir, 'pgdata'), { recursive: true })
  const server = await startMainProcess({ ...ENV, DATA_DIR: dataDir, DATABASE_URL: '' })
  cleanups.push(async () => void (await server.stop()))
  const run = await hostileRun('pglite', server.url)
  assert.equal(await server.stop(), 0, 'the server was alive to the end and stopped cleanly')
  const db = connectDatabase({ dataDir })
  try {
    run.check(await storedResult(db, server.logs))
  } finally {
    await db.close()
  }
})

test('the same 1,000 malformed requests against PostgreSQL', async () => {
  const database = await DRIVERS.find((d) => d.name === 'pg')!.create()
  cleanups.push(() => database.drop())
  await seedDemoBoundaries(database.db)
  const server = await startMainProcess({ ...ENV, DATABASE_URL: database.url! })
  cleanups.push(async () => void (await server.stop()))
  const run = await hostileRun('postgres', server.url)
  assert.equal(await server.stop(), 0, 'the server was alive to the end and stopped cleanly')
  run.check(await storedResult(database.db, server.logs))
})
