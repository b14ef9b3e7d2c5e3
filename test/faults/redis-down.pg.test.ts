/**
 * Fault: Redis dies for 20 s under two nodes (events posted to A, a wall on B) and comes back
 * empty. While it is away the wall must never say LIVE when it misses events committed a second
 * ago; the committed batches are retried in order; afterwards both nodes recount, with no restart,
 * and every screen equals the SQL recount. Redis is this test's own, on its own port; the nodes are
 * real processes stepping themselves on real time.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import { freshness } from '../../client/live/staleness'
import { DRIVERS, type TestDatabase } from '../support/databases'
import { databaseCells, demoPlaces, eventAt, forkLiveNode, postEvents, shownCells, watchLive, type Child, type Place, type ShownCell } from '../support/live-node'
import { startOwnRedis, type OwnRedis } from '../support/own-redis'
import { waitFor } from '../support/wait'

const REQUEST = { scope: 'city', layers: ['complaints'] as Array<'complaints'>, res: 8 as const, window: '1h' as const }
const OUTAGE_MS = 20_000
/** A screen may lag a commit by this much (flush, network) and still honestly say LIVE. */
const IN_FLIGHT_MS = 1000

let database: TestDatabase
let redis: OwnRedis
let a: Child
let b: Child
let places: Place[]

beforeAll(async () => {
  redis = await startOwnRedis()
  database = await DRIVERS.find((d) => d.name === 'pg')!.create()
  const env = { DATABASE_URL: database.url!, REDIS_URL: redis.url, LIVE_PREFIX: `opswall:fault:${process.pid}`, LIVE_AUTO_STEP: '1' }
  a = await forkLiveNode(env)
  b = await forkLiveNode(env)
  places = await demoPlaces(database.db)
})
afterAll(async () => {
  for (const child of [a, b]) await child?.call('close').catch(() => child.process.kill())
  await database?.drop()
  await redis?.destroy()
})

const report = (line: string) => process.stdout.write(`# fault: ${line}\n`)
const total = (cells: ShownCell[]) => cells.reduce((sum, cell) => sum + cell.count, 0)
interface NodeStats {
  degraded: string | null
  unpublished: number
}

test('Redis down for 20 s with two nodes: the wall on B says INCOMPLETE (never LIVE) while it misses events, batches are retried in order, and both nodes recount to the SQL truth without a restart', async () => {
  const wall = await watchLive(b.url, REQUEST)
  const startedAt = Date.now()
  const acked: Array<{ at: number; count: number }> = []
  let sequence = 0
  const post = async (node: Child, count: number) => {
    const events = Array.from({ length: count }, () => eventAt(places[sequence++ % places.length]!))
    const { accepted } = await postEvents(node.url, events)
    acked.push({ at: Date.now(), count: accepted })
  }
  const ackedBefore = (at: number) => acked.reduce((sum, a) => sum + (a.at <= at ? a.count : 0), 0)

  // Every 100 ms: is the wall LIVE while it misses events acknowledged over a second ago? And
  // does each node's /healthz answer, and how fast?
  const states = new Map<string, number>()
  let liveButMissing = 0
  let worstHealthMs = 0
  let worstHealthPhase = ''
  let phase = 'before the kill'
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const now = Date.now()
      const fresh = freshness({ now, lastMessageAt: wall.lastMessageAt, connected: wall.connected, startedAt, unanswered: wall.unanswered, degraded: wall.degraded })
      const state = fresh.stale ? `stale:${fresh.reason}` : fresh.incomplete ? `incomplete:${fresh.incomplete.reason}` : 'live'
      states.set(state, (states.get(state) ?? 0) + 1)
      if (state === 'live' && total(shownCells(wall)) < ackedBefore(now - IN_FLIGHT_MS)) liveButMissing++
      for (const node of [a, b]) {
        const started = performance.now()
        const res = await fetch(`${node.url}/healthz`)
        assert.equal(res.status, 200, '/healthz answers throughout')
        await res.arrayBuffer()
        const took = performance.now() - started
        if (took > worstHealthMs) [worstHealthMs, worstHealthPhase] = [took, phase]
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()

  try {
    await post(a, 100)
    await waitFor(() => total(shownCells(wall)) === 100, 10_000, 'the first events on the wall of B')

    await redis.crash()
    phase = 'Redis away'
    const crashedAt = Date.now()
    report('injected: Redis killed (SIGKILL; it keeps nothing) under two nodes, events posted to A, a wall on B')
    await waitFor(async () => (await b.call<NodeStats>('stats')).degraded !== null, 10_000, 'node B to know')
    const knownAfter = Date.now() - crashedAt
    await waitFor(() => wall.degraded !== null, 10_000, 'the wall on B to be told its figures may be incomplete')
    report(`verified: node B knew ${knownAfter} ms after the kill; its wall was told "${wall.degraded!.reason}" ${Date.now() - crashedAt} ms after the kill`)
    // While Redis is away: 12 requests of 200 events to A and 2 to B, spread over the outage.
    for (let i = 0; i < 14; i++) {
      await post(i % 7 === 6 ? b : a, 200)
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS / 14))
    }
    const [duringA, duringB] = await Promise.all([a.call<NodeStats>('stats'), b.call<NodeStats>('stats')])
    assert.ok(duringA.unpublished > 0, 'A keeps its committed batches to publish')
    report(`injected: 2,800 events committed while Redis was away (A holds ${duringA.unpublished} batches unpublished, B ${duringB.unpublished}); A says "${duringA.degraded}", B says "${duringB.degraded}"`)

    await redis.start()
    phase = 'recovery'
    const backAt = Date.now()
    report(`injected: Redis started again, empty, after ${((backAt - crashedAt) / 1000).toFixed(1)} s`)
    await waitFor(
      async () => {
        const stats = await Promise.all([a.call<NodeStats>('stats'), b.call<NodeStats>('stats')])
        return stats.every((s) => s.degraded === null && s.unpublished === 0) && wall.degraded === null
      },
      30_000,
      'both nodes to publish what waited, recount, and say so',
    )
    phase = 'after recovery'
    report(`verified: both nodes published every waiting batch, recounted and cleared "degraded" ${Date.now() - backAt} ms after Redis returned, with no restart`)

    const truth = await databaseCells(database.db, REQUEST, new Date())
    const stored = (await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event')).rows[0]!.n
    assert.equal(stored, ackedBefore(Date.now()), 'every acknowledged event stored exactly once')
    assert.equal(total(truth), stored)
    await waitFor(() => total(shownCells(wall)) === stored, 10_000, 'the wall of B to show every event')
    assert.deepEqual(await a.call('cells', { request: REQUEST }), truth, 'node A equals the SQL recount')
    assert.deepEqual(await b.call('cells', { request: REQUEST }), truth, 'node B equals the SQL recount')
    assert.deepEqual(shownCells(wall), truth, 'the wall on B equals the SQL recount')
    assert.equal(wall.counters.gaps, 0, 'the corrections arrived as deltas in sequence')

    // The log works again: new events on A reach the wall on B.
    await post(a, 50)
    await waitFor(() => total(shownCells(wall)) === stored + 50, 10_000, 'events after the outage on the wall of B')
    assert.deepEqual(shownCells(wall), await databaseCells(database.db, REQUEST, new Date()))
  } finally {
    sampling = false
    await sampler
    wall.close()
  }
  report(`verified: wall states sampled every 100 ms ${JSON.stringify(Object.fromEntries(states))}; LIVE while missing events acknowledged over ${IN_FLIGHT_MS} ms earlier: ${liveButMissing} times; worst /healthz ${worstHealthMs.toFixed(0)} ms (${worstHealthPhase})`)
  assert.equal(liveButMissing, 0, 'no screen says LIVE while it misses committed events')
  assert.ok(worstHealthMs < 1000, `no stall: worst /healthz ${worstHealthMs.toFixed(0)} ms`)
}, 180_000)
