/**
 * Fault: PostgreSQL crashes (`-m immediate`) under ingest and comes back. The server must live
 * through it, answer 503 with Retry-After while the database is away (never a 500), keep /healthz
 * answering, and once the database is back every event the producers retried is stored exactly
 * once. The cluster is this test's own, on its own port.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import type { Database } from '../../server/db/database'
import { migrate } from '../../server/db/migrate'
import { createPgDatabase } from '../../server/db/pg-driver'
import { demoPlaces, eventAt, startLiveNode, type LiveNode, type Place } from '../support/live-node'
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres'
import { waitFor } from '../support/wait'

let own: OwnPostgres
let db: Database
let node: LiveNode
let places: Place[]

/** Each producer posts with its own API key, which writes as its source (ING-8). */
const PRODUCERS = { small: 3, large: 1 }
const sourcesOf = (label: keyof typeof PRODUCERS) => Array.from({ length: PRODUCERS[label] }, (_, p) => `fault-${label}-${p}`)
const keyOf = (source: string) => `${source}-key-0000`

beforeAll(async () => {
  own = await startOwnPostgres()
  db = createPgDatabase(own.url)
  await migrate(db)
  const sources = [...sourcesOf('small'), ...sourcesOf('large')]
  node = await startLiveNode({ db, producers: Object.fromEntries(sources.map((source) => [source, keyOf(source)])) })
  places = await demoPlaces(db)
})
afterAll(async () => {
  await node?.close()
  await db?.close().catch(() => undefined)
  await own?.destroy()
})

const report = (line: string) => process.stdout.write(`# fault: ${line}\n`)

/**
 * The producers of `label`, each with its own API key, post `requests` requests of `size` events each (NDJSON), retrying each until it is
 * taken, as a producer should; the database crashes once `crashAfter` events are in and comes back
 * 3 s later; /healthz is polled throughout.
 */
async function crashUnderIngest(label: keyof typeof PRODUCERS, requests: number, size: number, crashAfter: number): Promise<void> {
  const statuses = new Map<number, number>()
  let withoutRetryAfter = 0
  let sent = 0
  const sources = sourcesOf(label)
  const producer = async (source: string) => {
    for (let r = 0; r < requests; r++) {
      const lines = Array.from({ length: size }, (_, i) => JSON.stringify(eventAt(places[(r * size + i) % places.length]!, { source_id: `${r}-${i}` })))
      const body = lines.join('\n') + '\n'
      for (;;) {
        const res = await fetch(`${node.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'x-api-key': keyOf(source) }, body }).catch(() => null)
        const status = res?.status ?? 0
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        await res?.arrayBuffer()
        if (status === 200) break
        if (status === 503 && !res?.headers.get('retry-after')) withoutRetryAfter++
        // A producer waits as asked (Retry-After); a tenth of it keeps the test short.
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      sent += size
    }
  }
  let worstHealthMs = 0
  let polling = true
  const poller = (async () => {
    while (polling) {
      const started = performance.now()
      const res = await fetch(`${node.url}/healthz`).catch(() => null)
      assert.equal(res?.status, 200, '/healthz answers throughout')
      await res?.arrayBuffer()
      worstHealthMs = Math.max(worstHealthMs, performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()

  const running = Promise.all(sources.map(producer))
  await waitFor(() => sent >= crashAfter, 60_000, 'some requests stored before the crash')
  await own.crash()
  report(`injected: PostgreSQL stopped with -m immediate under ${sources.length} producer(s) of ${size}-event NDJSON requests`)
  // The outage itself: the database stays away this long while the producers keep posting.
  await new Promise((resolve) => setTimeout(resolve, 3000))
  await own.start()
  report('injected: PostgreSQL started again after 3 s')
  await running
  polling = false
  await poller

  const stored = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE source = ANY($1)`, [sources])).rows[0]!.n
  const rolled = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event`)).rows[0]!.n
  const inRollups = (await db.query<{ n: number }>('SELECT sum(count)::int AS n FROM rollup_minute')).rows[0]!.n
  report(`verified: answers ${JSON.stringify(Object.fromEntries(statuses))}; ${sent} events sent, ${stored} stored; roll-ups ${inRollups} for ${rolled} events; worst /healthz ${worstHealthMs.toFixed(0)} ms`)
  assert.ok((statuses.get(503) ?? 0) > 0, 'the outage was seen as 503s')
  assert.deepEqual([...statuses.keys()].filter((s) => s !== 200 && s !== 503), [], 'no 500, no dropped connection')
  assert.equal(withoutRetryAfter, 0, 'every 503 says when to retry')
  assert.equal(stored, sent, 'every event stored exactly once')
  assert.equal(inRollups, rolled, 'and counted once in the roll-ups')
  assert.ok(worstHealthMs < 2000, `the event loop never stalled (worst /healthz ${worstHealthMs.toFixed(0)} ms)`)
}

test('PostgreSQL crashes for 3 s under 200-event requests: 503 + Retry-After, never 500, /healthz keeps answering, and every retried event is stored once', async () => {
  await crashUnderIngest('small', 15, 200, 600)
})

test('PostgreSQL crashes for 3 s as a 15,000-event streamed request starts (batches in flight): the process lives and every event is stored once', async () => {
  await crashUnderIngest('large', 3, 15_000, 15_000)
})
