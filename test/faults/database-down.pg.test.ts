/**
 * Fault: PostgreSQL crashes (`-m immediate`) under ingest and stays away 10 s. The server must
 * live through it, answer 503 with Retry-After while the database is away (never a 500), keep
 * /healthz answering and /readyz saying why it is not ready; once the database is back every event
 * a producer had acknowledged is stored exactly once, and the live windows hold exactly what the
 * database holds. The cluster is this test's own, on its own port.
 */
import assert from 'node:assert/strict'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, test } from 'vitest'
import { DEV_API_KEY } from '../../server/config'
import type { SubscribeRequest } from '../../server/core/protocol'
import type { Database } from '../../server/db/database'
import { migrate } from '../../server/db/migrate'
import { createPgDatabase } from '../../server/db/pg-driver'
import { databaseCells, demoPlaces, eventAt, heldCells, startLiveNode, type LiveNode, type Place } from '../support/live-node'
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres'
import { waitFor } from '../support/wait'

/** The source of the node's key (startLiveNode): producers state no other (keys are bound to sources). */
const SOURCE = 'test'
const OUTAGE_MS = 10_000
/** What the wall of the whole city shows, at the finest resolution. */
const CITY: Pick<SubscribeRequest, 'scope' | 'layers' | 'res' | 'window'> = { scope: 'city', layers: ['complaints', 'mentions'], res: 9, window: '24h' }

let own: OwnPostgres
let db: Database
let node: LiveNode
let places: Place[]
beforeAll(async () => {
  own = await startOwnPostgres()
  db = createPgDatabase(own.url)
  await migrate(db)
  node = await startLiveNode({ db })
  places = await demoPlaces(db)
})
afterAll(async () => {
  await node?.close()
  await db?.close().catch(() => undefined)
  await own?.destroy()
})

const report = (line: string) => process.stdout.write(`# fault: ${line}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What the producers saw, counted. */
class Answers {
  readonly statuses = new Map<number, number>()
  withoutRetryAfter = 0
  acknowledged = 0

  /** Sends until the request is taken (2xx), as a producer should; answers the body taken. */
  async untilTaken(send: () => Promise<Response>): Promise<unknown> {
    for (;;) {
      const res = await send().catch(() => null)
      const status = res?.status ?? 0
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1)
      const body = await res?.json().catch(() => null)
      if (status === 200 || status === 201) return body
      if (status === 503 && !res?.headers.get('retry-after')) this.withoutRetryAfter++
      // A producer waits as asked (Retry-After); a tenth of it keeps the test short.
      await sleep(500)
    }
  }
}

/** /healthz and /readyz, polled throughout. */
function watchHealth() {
  let polling = true
  let worstHealthMs = 0
  const unhealthy: string[] = []
  const notReady = new Set<string>()
  const poll = async () => {
    while (polling) {
      const started = performance.now()
      const health = await fetch(`${node.url}/healthz`).catch(() => null)
      if (health?.status !== 200) unhealthy.push(String(health?.status ?? 'no answer'))
      await health?.arrayBuffer()
      worstHealthMs = Math.max(worstHealthMs, performance.now() - started)
      const ready = await fetch(`${node.url}/readyz`).catch(() => null)
      const body = (await ready?.json().catch(() => null)) as { reason?: string } | null
      if (ready?.status === 503) notReady.add(body?.reason?.replace(/:.*/, '') ?? '(no reason)')
      await sleep(50)
    }
  }
  const done = poll()
  return {
    async stop() {
      polling = false
      await done
      return { worstHealthMs, unhealthy, notReady: [...notReady] }
    },
  }
}

/** Starts the producers, crashes the database once `crashWhen()` holds, restarts it after OUTAGE_MS, and checks the aftermath. */
async function crashUnder(label: string, answers: Answers, producers: Promise<unknown>, crashWhen: () => boolean, stored: () => Promise<number>): Promise<void> {
  const health = watchHealth()
  await waitFor(crashWhen, 60_000, 'some requests taken before the crash')
  await own.crash()
  report(`[${label}] injected: PostgreSQL stopped with -m immediate, ${answers.acknowledged} acknowledged so far`)
  await sleep(OUTAGE_MS)
  await own.start()
  report(`[${label}] injected: PostgreSQL started again after ${OUTAGE_MS / 1000} s`)
  await producers
  const { worstHealthMs, unhealthy, notReady } = await health.stop()

  const storedNow = await stored()
  const events = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event`)).rows[0]!.n
  const inRollups = (await db.query<{ n: number }>('SELECT sum(count)::int AS n FROM rollup_minute')).rows[0]!.n
  // The windows are fed by committed batches: wait for the last ones, then compare what they hold.
  const live = async () => ({ held: heldCells(node.live, CITY), database: await databaseCells(db, CITY, node.clock.now()) })
  await waitFor(async () => {
    const { held, database } = await live()
    return isDeepStrictEqual(held, database)
  }, 10_000, 'the live windows to hold what the database holds').catch(() => undefined)
  const { held, database } = await live()
  const count = (cells: Array<{ count: number }>) => cells.reduce((sum, c) => sum + c.count, 0)
  report(
    `[${label}] verified: answers ${JSON.stringify(Object.fromEntries(answers.statuses))}; ${answers.acknowledged} acknowledged, ${storedNow} stored; ` +
      `roll-ups ${inRollups} for ${events} events; /readyz while down: ${notReady.join(', ') || 'never not ready'}; ` +
      `live windows ${count(held)} events in ${held.length} cells, database ${count(database)} in ${database.length}; worst /healthz ${worstHealthMs.toFixed(0)} ms`,
  )
  assert.ok((answers.statuses.get(503) ?? 0) > 0, 'the outage was seen as 503s')
  assert.deepEqual([...answers.statuses.keys()].filter((s) => s !== 200 && s !== 201 && s !== 503), [], 'no 500, no dropped connection')
  assert.equal(answers.withoutRetryAfter, 0, 'every 503 says when to retry')
  assert.deepEqual(unhealthy, [], '/healthz answered 200 throughout: the process lived')
  assert.ok(notReady.includes('database unreachable'), `/readyz said why while the database was away (${notReady.join(', ')})`)
  assert.equal(storedNow, answers.acknowledged, 'every acknowledged event stored exactly once')
  assert.equal(inRollups, events, 'and counted once in the roll-ups')
  assert.deepEqual(held, database, 'the live windows hold exactly what the database holds')
  assert.ok(worstHealthMs < 2000, `the event loop never stalled (worst /healthz ${worstHealthMs.toFixed(0)} ms)`)
}

/** `producers` producers post `requests` NDJSON requests of `size` events each; the crash comes once `crashAfter` events are in. */
async function crashUnderNdjson(label: string, producers: number, requests: number, size: number, crashAfter: number): Promise<void> {
  const answers = new Answers()
  const producer = async (p: number) => {
    for (let r = 0; r < requests; r++) {
      const lines = Array.from({ length: size }, (_, i) => JSON.stringify(eventAt(places[(r * size + i) % places.length]!, { source: SOURCE, source_id: `${label}-${p}-${r}-${i}` })))
      const body = lines.join('\n') + '\n'
      await answers.untilTaken(() => fetch(`${node.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'x-api-key': DEV_API_KEY }, body }))
      answers.acknowledged += size
    }
  }
  const running = Promise.all(Array.from({ length: producers }, (_, p) => producer(p)))
  await crashUnder(label, answers, running, () => answers.acknowledged >= crashAfter, async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE source = $1 AND source_id LIKE $2`, [SOURCE, `${label}-%`])).rows[0]!.n,
  )
}

test('PostgreSQL away for 10 s under 200-event requests: 503 + Retry-After, never 500, /readyz says why, every retried event stored once, live windows = database', async () => {
  await crashUnderNdjson('small', 3, 15, 200, 600)
})

test('PostgreSQL away for 10 s as a 15,000-event streamed request starts (batches in flight): the process lives and every event is stored once', async () => {
  await crashUnderNdjson('large', 1, 3, 15_000, 15_000)
})

test('PostgreSQL away for 10 s under 4 concurrent Open311 producers retrying with an Idempotency-Key: each request stored once, under the id first answered', async () => {
  const label = 'open311'
  const answers = new Answers()
  const answeredIds = new Map<string, string>()
  const producer = async (p: number) => {
    for (let r = 0; r < 40; r++) {
      const key = `${label}-${p}-${r}`
      const place = places[(p * 40 + r) % places.length]!
      const form = new URLSearchParams({ service_code: 'flooding', lat: String(place.lat), long: String(place.lon), description: 'Ngập sâu, nước vào nhà' }).toString()
      const body = (await answers.untilTaken(() =>
        fetch(`${node.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': DEV_API_KEY, 'idempotency-key': key }, body: form }),
      )) as Array<{ service_request_id: string }>
      answeredIds.set(key, String(body[0]!.service_request_id))
      answers.acknowledged++
    }
  }
  const running = Promise.all(Array.from({ length: 4 }, (_, p) => producer(p)))
  await crashUnder(label, answers, running, () => answers.acknowledged >= 20, async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE source = $1 AND source_id LIKE $2`, [SOURCE, `${label}-%`])).rows[0]!.n,
  )
  const { rows } = await db.query<{ source_id: string; id: string }>(`SELECT source_id, id::text AS id FROM event WHERE source = $1 AND source_id LIKE $2`, [SOURCE, `${label}-%`])
  const storedIds = new Map(rows.map((r) => [r.source_id, r.id]))
  const mismatched = [...answeredIds].filter(([key, id]) => storedIds.get(key) !== id)
  report(`[${label}] verified: ${answeredIds.size} requests answered, ${mismatched.length} answered with an id other than the stored one`)
  assert.deepEqual(mismatched, [], 'a retry answers the id of the one stored record')
})
