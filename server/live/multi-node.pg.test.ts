/**
 * MULTI-*: two real server processes share one PostgreSQL and one Redis (127.0.0.1:6379), each
 * stepped by the test over IPC with its own clock. Ingest on A reaches the wall client of B;
 * both nodes hold the same counts; expiry is decided by the leader alone; connection state
 * recovery works through the Redis Streams adapter.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { connectLive, databaseCells, demoPlaces, eventAt, forkLiveNode, postEvents, shownCells, subscribeRaw, watchLive, type Child, type Place, type ShownCell } from '../../test/support/live-node'
import { waitFor } from '../../test/support/wait'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const REQUEST = { scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res: 8 as const, window: '1h' as const }

let database: TestDatabase
let a: Child
let b: Child
let places: Place[]
const prefix = `opswall:live:test:${process.pid}:${Date.now()}`

beforeAll(async () => {
  database = await DRIVERS.find((d) => d.name === 'pg')!.create()
  const env = { DATABASE_URL: database.url!, REDIS_URL, LIVE_PREFIX: prefix, LIVE_AUTO_STEP: '0' }
  a = await forkLiveNode(env)
  b = await forkLiveNode(env)
  places = await demoPlaces(database.db)
})
afterAll(async () => {
  for (const child of [a, b]) await child?.call('close').catch(() => child.process.kill())
  await database?.drop()
})

const cellsOn = (child: Child) => child.call<ShownCell[]>('cells', { request: REQUEST })
const total = (cells: ShownCell[]) => cells.reduce((sum, cell) => sum + cell.count, 0)
/** Steps `child` until `check` holds: log entries reach a node asynchronously, through Redis. */
const stepUntil = (child: Child, check: () => boolean | Promise<boolean>, what: string) =>
  waitFor(async () => {
    await child.call('step')
    return check()
  }, 10_000, what)

test('MULTI-1 an event ingested on node A reaches the wall client of node B; MULTI-2 both nodes hold the same counts as the database', async () => {
  const wall = await watchLive(b.url, REQUEST)
  try {
    await postEvents(a.url, [eventAt(places[0]!), eventAt(places[30]!, { kind: 'mention' })])
    await stepUntil(b, () => shownCells(wall).length === 2, 'the delta on node B')
    await postEvents(b.url, Array.from({ length: 50 }, (_, i) => eventAt(places[i % places.length]!)))
    await stepUntil(b, () => total(shownCells(wall)) === 52, 'all 52 events on B')
    assert.equal(wall.counters.gaps, 0)
    await waitFor(async () => total(await cellsOn(a)) === 52, 10_000, 'node A to apply the log')
    const truth = await databaseCells(database.db, REQUEST, new Date())
    assert.deepEqual(await cellsOn(a), truth)
    assert.deepEqual(await cellsOn(b), truth)
    assert.deepEqual(shownCells(wall), truth)
  } finally {
    wall.close()
  }
})

test('MULTI-3 expiry is decided once, by the leader: a follower clock moving on changes nothing, the leader clock expires on every node', async () => {
  const statsA = await a.call<{ isLeader: boolean }>('stats')
  const statsB = await b.call<{ isLeader: boolean }>('stats')
  assert.equal(Number(statsA.isLeader) + Number(statsB.isLeader), 1, 'exactly one leader')
  const [leader, follower] = statsA.isLeader ? [a, b] : [b, a]
  const wall = await watchLive(follower.url, REQUEST)
  try {
    const shown = shownCells(wall)
    assert.ok(shown.length > 0)
    await follower.call('advance', { ms: 2 * 3_600_000 })
    await follower.call('step')
    assert.deepEqual(await cellsOn(follower), shown, 'a follower step with its clock two hours ahead expires nothing')
    assert.deepEqual(await cellsOn(leader), shown)

    await leader.call('advance', { ms: 61 * 60_000 })
    await leader.call('step') // the leader appends a tick at its own clock; every node applies it from the log
    await waitFor(async () => (await cellsOn(follower)).length === 0 && (await cellsOn(leader)).length === 0, 10_000, 'both nodes to expire the hour')
    await stepUntil(follower, () => shownCells(wall).length === 0, 'the 1 h window to empty on the follower screen')
    assert.equal(wall.counters.gaps, 0)
  } finally {
    wall.close()
  }
})

test('MULTI-4 connection state recovery works across the Redis Streams adapter: a dropped socket comes back recovered', async () => {
  const client = connectLive(b.url, { reconnection: true, reconnectionDelay: 100, randomizationFactor: 0 })
  try {
    await subscribeRaw(client, REQUEST)
    // Socket.IO only offers recovery to a client that received a packet with an offset: the
    // heartbeat its node sends through the adapter (to the node's own room) every 5 s of its clock.
    let offsets = 0
    client.on('heartbeat', (_beat, offset) => void (offset !== undefined && offsets++))
    await b.call('advance', { ms: 5000 })
    await stepUntil(b, () => offsets > 0, 'a heartbeat through the adapter')
    const id = client.id
    const engine = (client.io as unknown as { engine: { close(): void } }).engine
    engine.close()
    await waitFor(() => !client.connected, 5000, 'the drop')
    await waitFor(() => client.connected, 10_000, 'the reconnect')
    assert.equal(client.recovered, true)
    assert.equal(client.id, id)
  } finally {
    client.disconnect()
  }
})
